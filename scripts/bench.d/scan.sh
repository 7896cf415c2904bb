#!/usr/bin/env bash
# Benchmarks of netkit scan (port scans) against nmap, from the lab's client (--name b, namespaces nkb-*;
# brought up here when it is not up, and taken down again afterwards). Lab addresses only: every probe runs
# inside nkb-client. Whole runs, JVM start included. (scan -sn and arp scan rows are in arp.sh, the /16 sweep
# against masscan in sweep.sh.)
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
# Each run is a whole scan of seconds: 5 timed runs after 1 warm-up unless told otherwise.
export BENCH_RUNS="${BENCH_RUNS:-5}" BENCH_WARMUP="${BENCH_WARMUP:-1}"
. "$here/lib.sh"
ensure_packages hyperfine nmap
bench_lab b
client="ip netns exec nkb-client"
server=198.18.10.10

# The headline rows: the options a user types, the same for both (issue 16): no --rate or other tuning for
# netkit that nmap is not given. netkit paces itself as nmap does (congestion windows, -T templates).
bench_row "scan -sS -p- server" "<= 1" \
  "$client $NETKIT scan -sS -p- $server" "nmap -sS" "$client nmap -sS -p- $server"
bench_row "scan -sS -T5 -p- server" "<= 1" \
  "$client $NETKIT scan -sS -T5 -p- $server" "nmap -sS -T5" "$client nmap -sS -T5 -p- $server"
bench_row "scan -sT -p- server" "<= 1" \
  "$client $NETKIT scan -sT -p- $server" "nmap -sT" "$client nmap -sT -p- $server"
