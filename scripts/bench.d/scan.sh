#!/usr/bin/env bash
# Benchmarks of netkit scan (port scans) against nmap, from the lab's client (--name b, namespaces nkb-*;
# brought up here when it is not up, and taken down again afterwards). Lab addresses only: every probe runs
# inside nkb-client. Whole runs, JVM start included. (scan -sn and arp scan rows are in arp.sh.)
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
# Each run is a whole scan of seconds: 5 timed runs after 1 warm-up unless told otherwise.
export BENCH_RUNS="${BENCH_RUNS:-5}" BENCH_WARMUP="${BENCH_WARMUP:-1}"
. "$here/lib.sh"
ensure_packages hyperfine nmap time
bench_lab b
client="ip netns exec nkb-client"
server=198.18.10.10

bench_row "scan -sS -p- server" "<= 1" \
  "$client $NETKIT scan -sS -T5 --rate 100000 -p- $server" "nmap -sS -T5" "$client nmap -sS -T5 -p- $server"
bench_row "scan -sT -p- server" "<= 1" \
  "$client $NETKIT scan -sT -T5 -p- $server" "nmap -sT -T5" "$client nmap -sT -T5 -p- $server"

# Memory: 198.18.0.0/16 (65,534 addresses) x the 100 most common ports, -Pn so every one of the 6.5 million
# probes is sent and kept (a host discovery first would leave almost nothing to scan). The lab routes
# 198.18.0.0/16 only inside its namespaces: r3 has no default route and answers net-unreachable for
# addresses it does not know, and no lab link reaches the root namespace. One run: peak resident set (GNU time).
mem_log="$BENCH_TMP/scan-mem.txt"
echo "bench: scan -sS -Pn --top-ports 100 198.18.0.0/16 (peak RSS)" >&2
start=$(date +%s.%N)
$client /usr/bin/time -f '%M' -o "$mem_log" $NETKIT scan -sS -Pn -T5 --rate 100000 --max-retries 0 --top-ports 100 \
  198.18.0.0/16 > "$BENCH_TMP/scan-mem.out"
end=$(date +%s.%N)
kb=$(tail -1 "$mem_log")
mb=$((kb / 1024))
up=$(grep -c '^netkit scan report' "$BENCH_TMP/scan-mem.out" || true)
echo "| scan -sS -Pn --top-ports 100 198.18.0.0/16: peak RSS | $mb MB | | | <= 256 MB | $([[ $mb -le 256 ]] && echo yes || echo NO) |"
echo "- scan of 198.18.0.0/16 x 100 ports: 6,553,400 probes in $(python3 -c "print(f'{$end - $start:.1f}')") s, $up host reports, peak resident set $mb MB (GNU time %M)."
