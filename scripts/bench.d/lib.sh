# Shared by the scripts in scripts/bench.d: source it, then call bench_row for each comparison.
# scripts/bench runs every bench.d script and collects the markdown rows they print on stdout;
# progress and hyperfine's own output go to stderr.
#
#   . "$(dirname "$0")/lib.sh"
#   ensure_packages ipcalc                       # the peer, from Debian
#   bench_row "subnet 10.0.0.0/8" "<= 1.5" "$NETKIT subnet 10.0.0.0/8" "ipcalc" "ipcalc 10.0.0.0/8"
#
# prints   | subnet 10.0.0.0/8 | 81 ms | ipcalc 170 ms | 0.48 | <= 1.5 | yes |
#          - subnet 10.0.0.0/8: CPU time (user + system, mean of 20 runs): netkit 98 ms, ipcalc 180 ms.
# (scripts/bench puts the "- " lines under the table as notes)
#
# Environment: BENCH_RUNS (default 20), BENCH_WARMUP (default 3), BENCH_TMP (a scratch directory that
# scripts/bench removes afterwards), NETKIT (the launcher, scripts/netkit), NETKIT_ROOT.

set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../lib" && pwd)/common.sh"
: "${NETKIT:=$NETKIT_ROOT/scripts/netkit}"
: "${BENCH_RUNS:=20}"
: "${BENCH_WARMUP:=3}"
# bench_on_exit CMD: runs CMD (evaluated then) when the script exits, the last added first. One EXIT trap
# for every script, so a script's own cleanup never replaces another's.
_bench_exit=()
bench_on_exit() { _bench_exit=("$1" "${_bench_exit[@]}"); }
_bench_run_exit() { local c; for c in "${_bench_exit[@]}"; do eval "$c" || true; done; }
trap _bench_run_exit EXIT
if [[ -z "${BENCH_TMP:-}" ]]; then
  BENCH_TMP="$(mktemp -d /tmp/netkit-bench.XXXXXX)"
  bench_on_exit 'rm -rf "$BENCH_TMP"'
fi

# bench_lab [NAME]: the lab NAME (default b, namespaces nk<NAME>-*) is up for this script: brought up unless it
# already is, and then taken down again when the script exits.
bench_lab() {
  local name="${1:-b}"
  if [[ ! -e /run/netns/nk$name-client ]]; then
    "$NETKIT" lab up --name "$name" >&2
    bench_on_exit "\"\$NETKIT\" lab down --name $name >&2"
  fi
}
export NETKIT NETKIT_ROOT BENCH_TMP

# Milliseconds, or seconds from 10 s up, for a time in seconds.
bench_fmt() {
  python3 -c 'import sys; t=float(sys.argv[1]); print(f"{t:.2f} s" if t >= 10 else f"{t*1000:.0f} ms")' "$1"
}

# bench_paired_row TASK TARGET NETKIT_CMD PEER_NAME PEER_CMD
# The row of bench_row, measured in paired rounds instead of hyperfine's groups: every round runs both commands
# once, in turn (which one first alternates), after BENCH_WARMUP rounds not counted, for max(BENCH_RUNS, 20)
# rounds; the ratio is the median of netkit's walls over the median of the peer's. A slow spell of the machine
# then hits both commands alike (hyperfine runs one command's runs back to back, and on this small machine the
# median of the same command moved by 20% between two groups). Commands run through bash.
bench_paired_row() {
  local task="$1" target="$2" ours="$3" peer_name="$4" peer="$5"
  echo "bench: $task: '$ours' vs '$peer' (paired rounds)" >&2
  bash -c "$ours" >/dev/null || { echo "bench: '$ours' failed" >&2; return 1; }
  bash -c "$peer" >/dev/null || { echo "bench: '$peer' failed" >&2; return 1; }
  python3 - "$BENCH_WARMUP" "$(( BENCH_RUNS > 20 ? BENCH_RUNS : 20 ))" "$task" "$target" "$peer_name" "$ours" \
      "$peer" <<'PY'
import resource, statistics, subprocess, sys, time
warmup, rounds, task, target, peer_name = int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:6]
cmds = sys.argv[6:8]
walls, cpus = [[], []], [[], []]
for r in range(warmup + rounds):
    for i in ((0, 1) if r % 2 == 0 else (1, 0)):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(["bash", "-c", cmds[i]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        if done.returncode != 0:  # a failed run would be timed as a fast one
            sys.exit(f"bench: '{cmds[i]}' failed (exit {done.returncode}) in round {r + 1}")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r >= warmup:
            walls[i].append(wall)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
def fmt(t):
    return f"{t:.2f} s" if t >= 1 else f"{t * 1000:.0f} ms"
ours, peer = (statistics.median(w) for w in walls)
ratio = ours / peer
met = "-" if target.strip() == "-" else ("yes" if ratio <= float(target.replace("<=", "").strip()) else "NO")
print(f"| {task} | {fmt(ours)} | {peer_name} {fmt(peer)} | {ratio:.2f} | {target} | {met} |")
q = [statistics.quantiles(w, n=4) for w in walls]
print(f"- {task}: {rounds} paired rounds; wall quartiles netkit {fmt(q[0][0])}-{fmt(q[0][2])}, {peer_name}"
      f" {fmt(q[1][0])}-{fmt(q[1][2])}; CPU time (user + system, median): netkit {fmt(statistics.median(cpus[0]))},"
      f" {peer_name} {fmt(statistics.median(cpus[1]))}.")
PY
}

# bench_row TASK TARGET NETKIT_CMD PEER_NAME PEER_CMD [HYPERFINE_OPTION...]
# Runs both commands with hyperfine (median wall time over BENCH_RUNS runs after BENCH_WARMUP), and prints
# one row: the ratio is netkit's median over the peer's; TARGET is "<= X" and is met when ratio <= X, or "-"
# when no issue sets one (the row is a reference figure, its met? column "-").
# Commands that use shell syntax (< > | ; & $) run through sh (hyperfine subtracts the shell's start-up);
# the others are started directly (-N).
bench_row() {
  local task="$1" target="$2" ours="$3" peer_name="$4" peer="$5"
  shift 5
  local json="$BENCH_TMP/hyperfine.$$.$RANDOM.json" mode=(-N)
  if [[ "$ours$peer" == *[\<\>\|\;\&\$]* ]]; then mode=(); fi
  echo "bench: $task: '$ours' vs '$peer'" >&2
  # Each command must work before it is timed: a failing command would be timed as fast. (A script that
  # checks the outputs of the timed runs itself may skip this with BENCH_CHECK=0.)
  if [[ "${BENCH_CHECK:-1}" != 0 ]]; then
    bash -c "$ours" >/dev/null || { echo "bench: '$ours' failed" >&2; return 1; }
    bash -c "$peer" >/dev/null || { echo "bench: '$peer' failed" >&2; return 1; }
  fi
  hyperfine "${mode[@]}" --style basic --warmup "$BENCH_WARMUP" --runs "$BENCH_RUNS" \
    --export-json "$json" "$@" "$ours" "$peer" >&2
  python3 - "$json" "$task" "$target" "$peer_name" <<'PY'
import json, sys
path, task, target, peer_name = sys.argv[1:5]
results = json.load(open(path))["results"]
ours, peer = (r["median"] for r in results)
def fmt(t):
    return f"{t:.2f} s" if t >= 1 else f"{t * 1000:.0f} ms"
def cpu(r):
    return fmt(r["user"] + r["system"])
ratio = ours / peer
shown = f"{ratio:.2f}" if ratio >= 0.1 else f"{ratio:.2g}"
if target.strip() == "-":
    met = "-"
else:
    met = "yes" if ratio <= float(target.replace("<=", "").strip().rstrip("x")) else "NO"
print(f"| {task} | {fmt(ours)} | {peer_name} {fmt(peer)} | {shown} | {target} | {met} |")
# A note under the table: CPU time is steadier than wall time on a busy machine.
print(f"- {task}: CPU time (user + system, mean of {len(results[0]['times'])} runs): netkit {cpu(results[0])},"
      f" {peer_name} {cpu(results[1])}.")
PY
  rm -f "$json"
}
