#!/usr/bin/env bash
# netkit subnet against Debian's ipcalc (start-up) and Python's ipaddress.collapse_addresses (merge).
. "$(dirname "$0")/lib.sh"
ensure_packages ipcalc python3

bench_row "\`subnet 10.0.0.0/8\` (start-up)" "<= 1.5" "$NETKIT subnet 10.0.0.0/8" "ipcalc" "ipcalc 10.0.0.0/8"

# 1,000,000 random IPv4 prefixes, /20 to /32, the same every time (fixed seed).
input="$BENCH_TMP/prefixes.txt"
python3 "$(dirname "$0")/random_prefixes.py" 1000000 20 > "$input"
collapse="$BENCH_TMP/collapse.py"
cat > "$collapse" <<'PY'
import ipaddress, sys
nets = [ipaddress.ip_network(line.strip()) for line in sys.stdin if line.strip()]
sys.stdout.writelines(f"{n}\n" for n in ipaddress.collapse_addresses(nets))
PY
# Python needs over a minute of CPU per run here, so one run each by default (BENCH_MERGE_RUNS=3 for more);
# the timed runs write their lists, which must be the same for the times to mean anything.
BENCH_RUNS=${BENCH_MERGE_RUNS:-1} BENCH_WARMUP=0 BENCH_CHECK=0 \
  bench_row "\`subnet merge\` of 1,000,000 IPv4 prefixes" "<= 0.25" \
  "$NETKIT subnet merge < $input > $BENCH_TMP/netkit.out" "Python collapse_addresses" \
  "python3 $collapse < $input > $BENCH_TMP/python.out"
if ! cmp -s "$BENCH_TMP/netkit.out" "$BENCH_TMP/python.out"; then
  echo "bench: netkit subnet merge and collapse_addresses disagree" >&2
  exit 1
fi
echo "bench: merging $(wc -l < "$input") prefixes gave $(wc -l < "$BENCH_TMP/netkit.out"), the same as Python" >&2
