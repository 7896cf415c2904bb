#!/usr/bin/env bash
# Records the ip -j fixtures of RouteLookupTest/InterfaceTableTest in namespace nksys-rt (removed at the end):
# a host on 198.18.1.10/24 + 2001:db8:1::10/64 behind 198.18.1.1, a second link 198.18.20.2/30 with a more
# specific route and two routes of equal prefix and different metric. Run as root from this directory.
set -euo pipefail
ns=nksys-rt
trap 'ip netns del $ns 2>/dev/null || true' EXIT
ip netns add $ns
ip -n $ns link add eth0 type veth peer name peer0
ip -n $ns link add eth1 type veth peer name peer1
for l in lo eth0 eth1 peer0 peer1; do ip -n $ns link set $l up; done
ip -n $ns addr add 198.18.1.10/24 brd + dev eth0
ip -n $ns addr add 198.18.1.20/24 dev eth0            # secondary
ip -n $ns addr add 198.18.20.2/30 brd + dev eth1
ip -n $ns addr add 2001:db8:1::10/64 dev eth0 nodad
ip -n $ns addr add 2001:db8:20::2/64 dev eth1 nodad
ip -n $ns route add default via 198.18.1.1 dev eth0
ip -n $ns route add 198.18.10.0/24 via 198.18.20.1 dev eth1 metric 200
ip -n $ns route add 198.18.10.0/24 via 198.18.1.1 dev eth0 metric 100
ip -n $ns route add 198.18.10.128/25 via 198.18.20.1 dev eth1
ip -n $ns route add unreachable 198.18.99.0/24
ip -n $ns -6 route add default via 2001:db8:1::1 dev eth0
ip -n $ns -6 route add 2001:db8:10::/48 via 2001:db8:20::1 dev eth1 metric 50
sleep 1
ip -n $ns -j -s addr show > addr.json
ip -n $ns -4 -j route show table all > route4.json
ip -n $ns -6 -j route show table all > route6.json
ip -n $ns -j rule show > rule.json
: > get.txt
for a in 198.18.1.11 198.18.1.10 198.18.10.10 198.18.10.200 198.18.20.1 198.18.30.1 127.0.0.1 198.18.1.255 \
         2001:db8:1::11 2001:db8:10::10 2001:db8:20::1 2001:db8:99::1 2001:db8:1::10; do
  echo "$a $(ip -n $ns -j route get $a)" >> get.txt
done
echo "198.18.99.1 $(ip -n $ns -j route get 198.18.99.1 2>&1 | tr '\n' ' ')" >> get.txt
