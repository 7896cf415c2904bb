#!/usr/bin/env bash
# Benchmarks of netkit ping and trace against iputils ping and Linux traceroute, side by side inside the lab
# (--name b, namespaces nkb-*; brought up here when it is not up, and taken down again afterwards).
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
#   1. trace engine time: 'trace -n server' wall minus 'netkit --version' wall (the JVM's start-up), vs
#      'traceroute -n server' wall, same method (UDP); target <= 1.
#   2. through the silent r3 to a port the server drops (TCP 9999): whole walls; target <= 1.
#   3. 'ping -f -c 10000 server': rate (probes per second of wall), iputils / netkit; target <= 1.
#   4. RTT agreement: median RTT of 30 probes, |netkit - iputils| <= 0.05 ms.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/../lib/common.sh"
: "${NETKIT:=$NETKIT_ROOT/scripts/netkit}"
: "${BENCH_RUNS:=10}"
: "${BENCH_WARMUP:=2}"
tmp="$(mktemp -d /tmp/nkping-bench.XXXXXX)"
ensure_packages hyperfine iputils-ping traceroute
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

# 1. engine time
nk="${in_client[*]} $NETKIT"
read -r t_trace t_version t_tr < <(medians "$BENCH_RUNS" "$nk trace -n $server" "$nk --version" \
  "${in_client[*]} traceroute -n $server")
engine=$(python3 -c "print($t_trace - $t_version)")
if python3 -c "import sys; sys.exit(0 if $engine > 0 else 1)"; then
  row "trace -n server: engine (wall - JVM start) vs traceroute -n" "$engine" "$t_tr" \
    "$(ms "$engine") ($(ms "$t_trace") - $(ms "$t_version"))" "traceroute $(ms "$t_tr")" 1
else
  # start-up noise on a loaded machine exceeds the engine's time: no figure rather than a false "yes"
  echo "| trace -n server: engine (wall - JVM start) vs traceroute -n | n/a ($(ms "$t_trace") - $(ms "$t_version")) | traceroute $(ms "$t_tr") | - | <= 1 | not measurable |"
fi

# 1b. the same from the engine's own clock (trace --json's time_ms), median of BENCH_RUNS runs: immune to the
#     JVM start-up noise of a loaded machine
eng=$(for i in $(seq "$BENCH_RUNS"); do "${in_client[@]}" "$NETKIT" trace -n --json $server | sed -n 's/.*"time_ms":\([0-9.]*\).*/\1/p'; done \
  | python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.stdin)/1000)')
row "trace -n server: engine time_ms (median) vs traceroute -n wall" "$eng" "$t_tr" "$(ms "$eng")" \
  "traceroute $(ms "$t_tr")" 1

# 2. silent r3, dropped port: whole walls (traceroute waits 5 s per window of 16 silent probes)
read -r d_nk d_tr < <(BENCH_WARMUP=0 medians "${DROP_RUNS:-2}" "$nk trace -n -T -p 9999 $server" \
  "${in_client[*]} traceroute -n -T -p 9999 $server")
row "trace -T -p 9999 (dropped) through silent r3, whole wall" "$d_nk" "$d_tr" "$(ms "$d_nk")" \
  "traceroute -T $(ms "$d_tr")" 1

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
