#!/usr/bin/env bash
# Benchmarks of netkit scan -sn and netkit arp scan against nmap and arp-scan (port scans: scan.sh), from the lab's client (--name b,
# namespaces nkb-*; brought up here when it is not up, and taken down again afterwards). Lab addresses only.
# Whole runs, JVM start included. Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/lib.sh"
ensure_packages hyperfine nmap arp-scan
bench_lab b
client="ip netns exec nkb-client"
server=198.18.10.10

bench_row "scan -sn 198.18.1.0/24" "<= 0.5" \
  "$client $NETKIT scan -sn 198.18.1.0/24" "nmap -sn" "$client nmap -sn 198.18.1.0/24"
# Beyond three routers (raw echo, SYN to 443 and ACK to 80 as root; .99 answered by r3's host unreachable, so
# both wait for it): each nmap run takes seconds, so fewer runs.
BENCH_RUNS=5 BENCH_WARMUP=1 bench_row "scan -sn 198.18.10.0/24 (server LAN, 3 routers away)" "<= 0.5" \
  "$client $NETKIT scan -sn 198.18.10.0/24" "nmap -sn" "$client nmap -sn 198.18.10.0/24"
bench_row "arp scan --localnet (client LAN)" "<= 1" \
  "$client $NETKIT arp scan --localnet" "arp-scan" "$client arp-scan --localnet"
