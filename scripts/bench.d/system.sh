#!/usr/bin/env bash
# netkit sockets / ifaces / route against iproute2's ss and ip. Nothing is sent on any network: each command
# reads kernel tables. The last row reads 4,000 TCP sockets in a namespace this script builds (nksysbench,
# loopback only) and removes again. Issue #8 sets no speed target, so the rows are
# reference figures (target "-"): the quick reads are dominated by the JVM's start (~0.1-0.2 s against a C
# tool's few ms); with many sockets the work itself counts.
caller_tmp="${BENCH_TMP:-}"   # scripts/bench owns its BENCH_TMP; lib.sh makes one when run alone
. "$(dirname "$0")/lib.sh"
ensure_packages iproute2 python3

bench_row "\`sockets -tan\` (start-up)" "-" "$NETKIT sockets -tan" "ss" "ss -tan"
bench_row "\`sockets -tlnp\` (processes from /proc)" "-" "$NETKIT sockets -tlnp" "ss" "ss -tlnp"
bench_row "\`ifaces --json\`" "-" "$NETKIT ifaces --json" "ip" "ip -j -s addr"
bench_row "\`route get 127.0.0.1\`" "-" "$NETKIT route get 127.0.0.1" "ip" "ip route get 127.0.0.1"

ns=nksysbench
ip netns del $ns 2>/dev/null || true
ip netns add $ns
holder=""
cleanup() { [[ -n "$holder" ]] && kill "$holder" 2>/dev/null; ip netns del $ns 2>/dev/null || true; }
trap 'cleanup; [[ -n "$caller_tmp" ]] || rm -rf "$BENCH_TMP"' EXIT
ip -n $ns link set lo up
# 2,000 loopback connections (4,000 sockets plus the listener), held open while we measure
ip netns exec $ns python3 - > "$BENCH_TMP/holder.out" 2>&1 <<'PY' &
import socket, sys, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("127.0.0.1", 8080)); l.listen(4096)
keep = []
for _ in range(2000):
    c = socket.create_connection(("127.0.0.1", 8080)); a, _ = l.accept(); keep += [c, a]
print("ready", flush=True)
time.sleep(600)
PY
holder=$!
for _ in $(seq 100); do grep -q ready "$BENCH_TMP/holder.out" 2>/dev/null && break; sleep 0.2; done
grep -q ready "$BENCH_TMP/holder.out" || { echo "bench: the socket holder did not start" >&2; exit 1; }
n=$(ip netns exec $ns ss -tan | wc -l)
m=$(ip netns exec $ns "$NETKIT" sockets -tan | wc -l)
[[ $n -eq $m ]] || { echo "bench: ss lists $n lines, netkit $m" >&2; exit 1; }
bench_row "\`sockets -tan\`, 4,001 TCP sockets" "-" "ip netns exec $ns $NETKIT sockets -tan" "ss" "ip netns exec $ns ss -tan"
bench_row "\`sockets -tanp\`, 4,001 TCP sockets" "-" "ip netns exec $ns $NETKIT sockets -tanp" "ss" "ip netns exec $ns ss -tanp"
