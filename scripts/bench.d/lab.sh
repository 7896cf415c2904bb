#!/usr/bin/env bash
# Benchmarks of 'netkit lab' (issue 3): how long the default topology takes to build and to remove.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
# Needs root. Uses the bench lab name 'b' (namespaces nkb-*) and leaves it down.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
nk="$root/scripts/netkit"
runs="${NETKIT_BENCH_RUNS:-5}"
[[ $(id -u) -eq 0 ]] || { echo "lab.sh: needs root (the lab builds namespaces)" >&2; exit 4; }
"$nk" --version >/dev/null   # builds the jar on first use, outside the timings

# mean seconds of CMD over $runs runs, each after PREP (hyperfine when present, else date arithmetic)
mean_seconds() {
  local prep="$1" cmd="$2"
  if command -v hyperfine >/dev/null; then
    local json
    json="$(mktemp)"
    hyperfine --style none --runs "$runs" --prepare "$prep" --export-json "$json" "$cmd" >/dev/null 2>&1
    sed -n 's/^ *"mean": *\([0-9.eE+-]*\),*$/\1/p' "$json" | head -1
    rm -f "$json"
  else
    local total=0 i t0 t1
    for ((i = 0; i < runs; i++)); do
      bash -c "$prep" >/dev/null 2>&1
      t0=$(date +%s%N); bash -c "$cmd" >/dev/null 2>&1; t1=$(date +%s%N)
      total=$((total + t1 - t0))
    done
    awk -v ns="$total" -v n="$runs" 'BEGIN { printf "%.3f\n", ns / n / 1e9 }'
  fi
}

row() {  # task seconds target_seconds (no classic tool builds a lab: the peer column stays empty)
  awk -v t="$1" -v s="$2" -v lim="$3" 'BEGIN {
    printf "| %s | %.0f ms | - | - | <= %d ms | %s |\n", t, s * 1000, lim * 1000, (s <= lim) ? "yes" : "no" }'
}

trap '"$nk" lab down --name b >/dev/null 2>&1 || true' EXIT
up=$(mean_seconds "$nk lab down --name b" "$nk lab up --name b")
down=$(mean_seconds "$nk lab up --name b" "$nk lab down --name b")
row "lab up (internet: 12 namespaces, 6 daemons, until DNS listens)" "$up" 3
row "lab down (internet)" "$down" 2
