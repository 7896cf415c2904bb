#!/usr/bin/env bash
# Benchmarks of netkit nc against netcat-openbsd (Debian's nc), client to server inside the lab (--name b,
# namespaces nkb-*; brought up here when it is not up, and taken down again afterwards). A netcat-openbsd
# listener (-k) on the server takes every run, so only the client differs. Whole runs, JVM start included.
# Issue #9 sets no speed target: the rows are reference figures (target "-").
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/lib.sh"
ensure_packages hyperfine netcat-openbsd
bench_lab b
listeners=()
bench_on_exit 'for p in "${listeners[@]}"; do kill "$p" 2>/dev/null || true; done'
server=198.18.10.10
client="ip netns exec nkb-client"
head -c $((100 << 20)) /dev/urandom > "$BENCH_TMP/100m.bin"
ip netns exec nkb-server nc -lk 9500 > /dev/null < /dev/null &
listeners+=($!)
ip netns exec nkb-server nc -lku 9501 > /dev/null < /dev/null &
listeners+=($!)
sleep 0.5

bench_row "nc: 100 MB over TCP client -> server" "-" \
  "$client $NETKIT nc -N $server 9500 < $BENCH_TMP/100m.bin" "nc" \
  "$client nc -N $server 9500 < $BENCH_TMP/100m.bin"
bench_row "nc -zv -w 1 server 9995-10000 (refused, timed out)" "-" \
  "$client $NETKIT nc -zv -w 1 $server 9995-10000 2>/dev/null; true" "nc" \
  "$client nc -zv -w 1 $server 9995-10000 2>/dev/null; true"
bench_row "nc -z server 80 (one open port)" "-" \
  "$client $NETKIT nc -z $server 80" "nc" "$client nc -z $server 80"
