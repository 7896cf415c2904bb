#!/usr/bin/env bash
# Benchmarks of 'netkit lab' (issue 3): how long the default topology takes to build and to remove, JVM
# start included. Prints markdown rows "| task | netkit | peer | ratio | target | met? |" and "- " notes.
# No classic tool builds such a lab, so there is no peer: the target is absolute (up <= 3 s, down <= 2 s).
# Needs root. Uses the bench lab name 'b' (namespaces nkb-*) and leaves it down.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
[[ $(id -u) -eq 0 ]] || { echo "lab.sh: needs root (the lab builds namespaces)" >&2; exit 4; }
ensure_packages hyperfine python3 $(listed_packages runtime)
"$NETKIT" --version >/dev/null   # builds the jar on first use, outside the timings
runs=$(( BENCH_RUNS < 10 ? BENCH_RUNS : 10 ))   # each run builds or removes a whole lab

# lab_row TASK TARGET_SECONDS PREPARE COMMAND: median wall time of COMMAND, each run after PREPARE.
lab_row() {
  local task="$1" target="$2" prep="$3" cmd="$4" json="$BENCH_TMP/lab.$RANDOM.json"
  echo "bench: $task: '$cmd'" >&2
  bash -c "$prep" >/dev/null && bash -c "$cmd" >/dev/null || { echo "bench: '$cmd' failed" >&2; return 1; }
  hyperfine -N --style basic --runs "$runs" --prepare "$prep" --export-json "$json" "$cmd" >&2
  python3 - "$json" "$task" "$target" <<'PY'
import json, sys
path, task, target = sys.argv[1:4]
r = json.load(open(path))["results"][0]
t, limit = r["median"], float(target)
fmt = lambda s: f"{s:.2f} s" if s >= 1 else f"{s * 1000:.0f} ms"
print(f"| {task} | {fmt(t)} | - | - | <= {limit:g} s | {'yes' if t <= limit else 'NO'} |")
print(f"- {task}: CPU time of the netkit process and the commands it waited for (user + system, mean of "
      f"{len(r['times'])} runs): {fmt(r['user'] + r['system'])}; min {fmt(r['min'])}, max {fmt(r['max'])} wall.")
PY
}

trap '"$NETKIT" lab down --name b >/dev/null 2>&1 || true' EXIT
lab_row "lab up (internet: 12 namespaces, 6 daemons, returns when they listen)" 3 \
  "$NETKIT lab down --name b" "$NETKIT lab up --name b"
lab_row "lab down (internet)" 2 "$NETKIT lab up --name b" "$NETKIT lab down --name b"
