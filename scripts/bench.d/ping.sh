#!/usr/bin/env bash
# Benchmarks of netkit ping against iputils ping, side by side inside the lab (--name b, namespaces nkb-*;
# brought up here when it is not up, and taken down again afterwards). netkit trace's rows are in trace.sh.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
#   3. 'ping -f -c 10000 server': rate (probes per second of wall), iputils / netkit; target <= 1.
#   4. RTT agreement: median RTT of 30 probes, |netkit - iputils| <= 0.05 ms.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/../lib/common.sh"
: "${NETKIT:=$NETKIT_ROOT/scripts/netkit}"
: "${BENCH_RUNS:=10}"
: "${BENCH_WARMUP:=2}"
tmp="$(mktemp -d /tmp/nkping-bench.XXXXXX)"
ensure_packages hyperfine iputils-ping
lab="${BENCH_LAB:-b}"   # another lab name keeps this run apart from other benchmarks using lab b
started=0
if [[ ! -e /run/netns/nk$lab-client ]]; then
  "$NETKIT" lab up --name "$lab" >&2
  started=1
fi
cleanup() {
  rm -rf "$tmp"
  if [[ $started -eq 1 ]]; then "$NETKIT" lab down --name "$lab" >&2 || true; fi
}
trap cleanup EXIT
in_client=(ip netns exec "nk$lab-client")
server=198.18.10.10

# median wall seconds of each command, in order, from one hyperfine run (side by side)
medians() {
  local runs="$1"
  shift
  hyperfine -N -i --style basic --warmup "$BENCH_WARMUP" --runs "$runs" --export-json "$tmp/h.json" "$@" >&2
  python3 -c 'import json,sys; print(" ".join(str(r["median"]) for r in json.load(open(sys.argv[1]))["results"]))' \
    "$tmp/h.json"
}

row() { # task ours peer ours_label peer_label target_ratio
  python3 - "$@" <<'PY'
import sys
task, ours, peer, ol, pl, limit = sys.argv[1:7]
ours, peer, limit = float(ours), float(peer), float(limit)
ratio = ours / peer if peer > 0 else float("inf")
print(f"| {task} | {ol} | {pl} | {ratio:.2f} | <= {limit:g} | {'yes' if ratio <= limit else 'NO'} |")
PY
}

ms() { python3 -c 'import sys; print(f"{float(sys.argv[1])*1000:.1f} ms")' "$1"; }

# 3. flood: rate = 10000 probes / the "time" each reports (first probe to last answer, JVM start-up excluded);
#    median of FLOOD_RUNS runs, alternating
for i in $(seq "${FLOOD_RUNS:-3}"); do
  "${in_client[@]}" "$NETKIT" ping -q -f -c 10000 $server | sed -n 's/.*time \([0-9]*\)ms.*/\1/p' >> "$tmp/flood.nk"
  "${in_client[@]}" ping -q -f -c 10000 $server | sed -n 's/.*time \([0-9]*\)ms.*/\1/p' >> "$tmp/flood.ip"
done
f_nk=$(python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in open(sys.argv[1]))/1000)' "$tmp/flood.nk")
f_ip=$(python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in open(sys.argv[1]))/1000)' "$tmp/flood.ip")
row "ping -f -c 10000 server: rate (10000 / reported time)" "$f_nk" "$f_ip" \
  "$(python3 -c "print(f'{10000/$f_nk:.0f}/s')")" "iputils $(python3 -c "print(f'{10000/$f_ip:.0f}/s')")" 1

# 4. RTT agreement: medians of 30 probes each, run one after the other
"${in_client[@]}" ping -c 30 -i 0.05 $server > "$tmp/iputils.txt"
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
