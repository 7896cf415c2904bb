#!/usr/bin/env bash
# Benchmarks of netkit ping against iputils ping, side by side inside the lab (--name b, namespaces nkb-*; brought
# up here when it is not up, and taken down again afterwards). netkit trace's rows are in trace.sh.
# The issue's (#5) performance lines for ping:
#   1. 'ping -f -c 10000 server' at least iputils 'ping -f's rate: rate = 10000 / the "time" each prints (first
#      probe to last answer, so the JVM's start-up is not in it), dots printed as in the issue (no -q); median of
#      FLOOD_RUNS runs, the two tools alternating; target: netkit time / iputils time <= 1.
#   2. RTT agreement: the median RTT of 30 probes, |netkit - iputils| <= 0.05 ms.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/lib.sh"   # common.sh, NETKIT, bench_on_exit, bench_lab
: "${FLOOD_RUNS:=5}"
tmp="$(mktemp -d /tmp/nkping-bench.XXXXXX)"
ensure_packages iputils-ping
lab="${BENCH_LAB:-b}"   # another lab name keeps this run apart from other benchmarks using lab b
bench_on_exit 'rm -rf "$tmp"'
bench_lab "$lab"
in_client=(ip netns exec "nk$lab-client")
server=198.18.10.10

# how netkit's probes travel here (injection or kernel sockets), for the notes
via=$("${in_client[@]}" "$NETKIT" ping -v -n -q -c 1 $server 2>&1 >/dev/null | sed -n 's/^ping: sending through //p')

# 1. flood
for i in $(seq "$FLOOD_RUNS"); do
  "${in_client[@]}" "$NETKIT" ping -f -c 10000 $server | sed -n 's/.*time \([0-9]*\)ms.*/\1/p' >> "$tmp/flood.nk"
  "${in_client[@]}" ping -f -c 10000 $server | sed -n 's/.*time \([0-9]*\)ms.*/\1/p' >> "$tmp/flood.ip"
done
python3 - "$tmp/flood.nk" "$tmp/flood.ip" <<'PY'
import statistics, sys
nk = [float(x) for x in open(sys.argv[1])]
ip = [float(x) for x in open(sys.argv[2])]
a, b = statistics.median(nk), statistics.median(ip)
ratio = a / b
print(f"| ping -f -c 10000 server: rate (10000 / reported time, median of {len(nk)}) | {10000 / a * 1000:.0f}/s "
      f"({a:.0f} ms) | iputils {10000 / b * 1000:.0f}/s ({b:.0f} ms) | {ratio:.2f} | <= 1 | {'yes' if ratio <= 1 else 'NO'} |")
print(f"- flood times, netkit: {' '.join(f'{x:.0f}' for x in nk)} ms; iputils: {' '.join(f'{x:.0f}' for x in ip)} ms")
PY
echo "- netkit ping sent through $via"

# 2. RTT agreement: medians of 30 probes each, one tool after the other
"${in_client[@]}" ping -n -c 30 -i 0.05 $server > "$tmp/iputils.txt"
"${in_client[@]}" "$NETKIT" ping -n -c 30 -i 0.05 $server > "$tmp/netkit.txt"
python3 - "$tmp/netkit.txt" "$tmp/iputils.txt" <<'PY'
import re, statistics, sys
def median(path):
    return statistics.median(float(x) for x in re.findall(r"time=([\d.]+) ms", open(path).read()))
a, b = median(sys.argv[1]), median(sys.argv[2])
d = abs(a - b)
print(f"| median RTT of 30 pings to server (netkit - iputils) | {a:.3f} ms | iputils {b:.3f} ms | "
      f"diff {d:.3f} ms | <= 0.05 ms | {'yes' if d <= 0.05 else 'NO'} |")
PY
