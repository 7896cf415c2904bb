#!/usr/bin/env bash
# Benchmarks of sockets, ifaces and route against ss and ip (iproute2). No network is needed: the tables of
# the current namespace are read. Prints markdown rows: | task | netkit | peer | ratio | target | met? |
# Target: a whole netkit run (JVM start included) within 0.5 s; the peers are C tools that take milliseconds.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
nk="$root/scripts/netkit"
"$nk" --version >/dev/null   # builds and trains the start-up cache on first use
tmp=$(mktemp -d /tmp/nksys-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# mean seconds of one command, from hyperfine's CSV
mean() {
  hyperfine -N -w 2 -r "${RUNS:-10}" --export-csv "$tmp/r.csv" "$1" >/dev/null 2>&1
  awk -F, 'NR==2 {print $2}' "$tmp/r.csv"
}

row() { # task netkit-cmd peer-cmd
  local a b
  a=$(mean "$2")
  b=$(mean "$3")
  awk -v t="$1" -v a="$a" -v b="$b" 'BEGIN {
    met = (a <= 0.5) ? "yes" : "no";
    printf "| %s | %.0f ms | %.1f ms | %.0fx | <= 500 ms | %s |\n", t, a * 1000, b * 1000, a / b, met }'
}

row "sockets -tan vs ss -tan" "$nk sockets -tan" "ss -tan"
row "sockets -tlnp vs ss -tlnp" "$nk sockets -tlnp" "ss -tlnp"
row "ifaces --json vs ip -j -s addr" "$nk ifaces --json" "ip -j -s addr"
row "route get 127.0.0.1 vs ip route get" "$nk route get 127.0.0.1" "ip route get 127.0.0.1"
