#!/usr/bin/env bash
# Benchmarks of netkit trace against Linux traceroute, side by side inside the lab (--name b, namespaces nkb-*;
# brought up here when it is not up, and taken down again afterwards). The issue's (#5) performance lines:
#   1. the trace engine's time: 'trace -n server' wall minus the JVM's start-up, vs
#      'traceroute -n server' wall, same method (UDP, the default of both); target <= 1. The JVM's start-up is the
#      wall of 'netkit subnet 198.18.10.10/32': like a plain trace it skips picocli (a fast path in main), and its
#      own work is microseconds ('netkit --version' builds picocli's root command, which a trace does not). The
#      three commands run in turn in every round (paired: the engine is the median of each round's trace minus
#      subnet, so a slow spell of the machine hits both sides of the difference). The same for -I and -T as
#      further rows, and the engine's own clock (trace --json's time_ms: from the command's start, after the
#      JVM's: the socket library, the sockets, the probes, the waiting and the printing) as a cross-check that
#      the JVM's start-up noise on a busy machine cannot hide; and that clock for --inject (frames on the capture
#      layer) as a reference row without a target.
#   2. through the silent r3 to a port the server drops (TCP 9999): whole walls; target <= 1.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/lib.sh"   # common.sh, NETKIT, bench_on_exit, bench_lab
tmp="$(mktemp -d /tmp/nktrace-bench.XXXXXX)"
ensure_packages hyperfine traceroute
lab="${BENCH_LAB:-b}"   # another lab name keeps this run apart from other benchmarks using lab b
bench_on_exit 'rm -rf "$tmp"'
bench_lab "$lab"
in_client=(ip netns exec "nk$lab-client")
server=198.18.10.10

# median wall seconds of each command, in order, from one hyperfine run (side by side, interleaved per run)
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

# Both must reach the server (4 hops, r3 silent) before they are timed.
"${in_client[@]}" "$NETKIT" trace -n $server | tail -1 | grep -q "^ 4  $server " \
  || { echo "bench: netkit trace does not reach $server" >&2; exit 1; }
"${in_client[@]}" traceroute -n $server | tail -1 | grep -q "^ 4  $server " \
  || { echo "bench: traceroute does not reach $server" >&2; exit 1; }

nk="${in_client[*]} $NETKIT"
# Paired walls: every round runs each command once, in a rotating order, after BENCH_WARMUP rounds not counted.
# Prints the median of (first - second) over the rounds, then the medians of the first, second and third walls,
# in seconds. hyperfine runs each command's runs back to back, so the JVM start-up median moved by up to 18 ms
# between its groups while the difference sought is ~10 ms.
paired() {
  python3 - "$BENCH_WARMUP" "$(( BENCH_RUNS > 40 ? BENCH_RUNS : 40 ))" "$@" <<'PY'
import shlex, statistics, subprocess, sys, time
warmup, runs, cmds = int(sys.argv[1]), int(sys.argv[2]), [shlex.split(c) for c in sys.argv[3:]]
walls = [[] for _ in cmds]
for r in range(warmup + runs):
    order = [(r + k) % len(cmds) for k in range(len(cmds))]
    for i in order:
        t0 = time.perf_counter()
        subprocess.run(cmds[i], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if r >= warmup:
            walls[i].append(time.perf_counter() - t0)
diff = statistics.median(a - b for a, b in zip(walls[0], walls[1]))
print(diff, *(statistics.median(w) for w in walls))
PY
}

# 1. engine time, per method (paired rounds of trace, JVM start and traceroute)
for method in "" "-I" "-T"; do
  label="trace -n${method:+ $method} server"
  read -r engine t_trace t_version t_tr < <(paired "$nk trace -n $method $server" "$nk subnet $server/32" \
    "${in_client[*]} traceroute -n $method $server")
  if python3 -c "import sys; sys.exit(0 if $engine > 0 else 1)"; then
    row "$label: engine (wall - JVM start) vs traceroute -n${method:+ $method}" "$engine" "$t_tr" \
      "$(ms "$engine") (median of paired differences; medians $(ms "$t_trace") - $(ms "$t_version"))" \
      "traceroute $(ms "$t_tr")" 1
  else
    # a difference <= 0 says only that the start-up noise is larger than the trace; the engine's own clock (next
    # row) is the figure then
    echo "| $label: engine (wall - JVM start) vs traceroute -n${method:+ $method} | not measurable: <= 0 ($(ms "$t_trace") - $(ms "$t_version")) | traceroute $(ms "$t_tr") | - | <= 1 | - |"
  fi
  # the engine's own clock (sockets opened, probes sent, answers awaited): median of BENCH_RUNS runs
  eng=$(for i in $(seq "$BENCH_RUNS"); do "${in_client[@]}" "$NETKIT" trace -n $method --json $server \
          | sed -n 's/.*"time_ms":\([0-9.]*\).*/\1/p'; done \
        | python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.stdin)/1000)')
  row "$label: engine's own clock (--json time_ms, median) vs traceroute wall" "$eng" "$t_tr" "$(ms "$eng")" \
    "traceroute $(ms "$t_tr")" 1
  [[ -z $method ]] && t_tr_udp=$t_tr
done
# the same clock when the probes are injected on the capture layer (pcap4j's start, route and neighbour lookups):
# for reference only, no target (the issue's target is the plain 'trace -n server', which uses kernel sockets)
inj=$(for i in $(seq "$BENCH_RUNS"); do "${in_client[@]}" "$NETKIT" trace --inject -n --json $server \
        | sed -n 's/.*"time_ms":\([0-9.]*\).*/\1/p'; done \
      | python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.stdin)/1000)')
echo "| trace --inject -n server: engine's own clock (--json time_ms, median), reference | $(ms "$inj") | traceroute -n $(ms "$t_tr_udp") | - | - | - |"

# 2. silent r3, dropped port: whole walls (traceroute waits 5 s per window of 16 silent probes; netkit's smart
#    waiting sweeps the silent hops in parallel)
read -r d_nk d_tr < <(BENCH_WARMUP=0 medians "${DROP_RUNS:-3}" "$nk trace -n -T -p 9999 $server" \
  "${in_client[*]} traceroute -n -T -p 9999 $server")
row "trace -T -p 9999 (dropped) through silent r3, whole wall" "$d_nk" "$d_tr" "$(ms "$d_nk")" \
  "traceroute -T $(ms "$d_tr")" 1
echo "- trace: 'JVM start' is the wall of 'netkit subnet $server/32', which like a plain trace skips picocli (fast paths in main); the engine rows take the median over $(( BENCH_RUNS > 40 ? BENCH_RUNS : 40 )) rounds of each round's trace wall minus its subnet wall (trace, subnet and traceroute run in turn every round); the engine's own clock (time_ms: from the command's start, after the JVM's: the socket library loaded, sockets opened, probes sent, answers awaited, hops printed) is the engine's time."
echo "- trace: ratios are netkit / traceroute of medians over $(( BENCH_RUNS > 40 ? BENCH_RUNS : 40 )) paired rounds (own clock: $BENCH_RUNS runs; dropped port: ${DROP_RUNS:-3} runs, side by side in one hyperfine call); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
