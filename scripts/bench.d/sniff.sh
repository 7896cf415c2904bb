#!/usr/bin/env bash
# netkit sniff against tcpdump and tshark (issue 4), on a 1,000,000-packet capture of lab traffic:
#   sniff -n -r FILE > /dev/null            wall <= tcpdump -n -r FILE
#   sniff --json -r FILE > /dev/null        >= 5x faster than tshark -T json -r FILE
#   live capture of a ping flood in the lab: no kernel drops, as tcpdump at the same rate
# Needs root (the bench lab 'b', namespaces nkb-*). Progress goes to stderr, table rows to stdout.
. "$(dirname "$0")/lib.sh"
ensure_packages tcpdump tshark hyperfine python3
[[ $(id -u) -eq 0 ]] || { echo "sniff.sh: needs root (lab and live capture)" >&2; exit 4; }

bench_lab b
ns=nkb-client
itf=$(ip netns exec $ns ip -o link show | awk -F': ' '$2 !~ /^lo/ {sub(/@.*/, "", $2); print $2; exit}')
pcap="$BENCH_TMP/lab1m.pcap"
count=${BENCH_SNIFF_PACKETS:-1000000}

# 1. The capture: mixed lab traffic (HTTP fetches, DNS, refused TCP, a ping flood) until tcpdump has $count packets.
echo "bench: capturing $count packets of lab traffic on $ns $itf" >&2
ip netns exec $ns tcpdump -i "$itf" -w "$pcap" -c "$count" -B 65536 2>"$BENCH_TMP/td.err" &
td=$!
sleep 1
gens=()
for k in 1 2 3 4; do
  ip netns exec $ns timeout 600 python3 "$(dirname "$0")/sniff_traffic.py" 600 >/dev/null 2>&1 &
  gens+=($!)
done
ip netns exec $ns timeout 600 ping -q -f -s 120 198.18.10.10 >/dev/null 2>&1 &
gens+=($!)
wait $td || true
for g in "${gens[@]}"; do kill "$g" 2>/dev/null || true; done
wait 2>/dev/null || true
echo "bench: $(tcpdump --count -r "$pcap" 2>/dev/null)" >&2

# Both must print the same text before their times mean anything (so bench_row's own check is skipped).
TZ=UTC "$NETKIT" sniff -n -r "$pcap" 2>/dev/null > "$BENCH_TMP/netkit.txt"
TZ=UTC tcpdump -n -r "$pcap" 2>/dev/null > "$BENCH_TMP/tcpdump.txt"
same=$(python3 - "$BENCH_TMP/netkit.txt" "$BENCH_TMP/tcpdump.txt" <<'PY'
import sys
a = open(sys.argv[1], 'rb').read().split(b'\n'); b = open(sys.argv[2], 'rb').read().split(b'\n')
print(f"{sum(x == y for x, y in zip(a, b))} of {len(b) - 1}")
PY
)
echo "bench: sniff -n and tcpdump -n print the same line for $same packets" >&2

BENCH_CHECK=0 BENCH_RUNS=${BENCH_SNIFF_RUNS:-3} BENCH_WARMUP=1 \
  bench_row "\`sniff -n -r\` of $count lab packets to /dev/null" "<= 1.0" \
  "$NETKIT sniff -n -r $pcap" "tcpdump -n -r" "tcpdump -n -r $pcap"
# tshark needs minutes for a million packets in JSON: one run each.
BENCH_CHECK=0 BENCH_RUNS=${BENCH_TSHARK_RUNS:-1} BENCH_WARMUP=0 \
  bench_row "\`sniff --json -r\` of $count lab packets to /dev/null" "<= 0.2" \
  "$NETKIT sniff --json -r $pcap" "tshark -T json" "tshark -n -T json -r $pcap"

# 3. Live: a ping flood from the client for 10 s, captured on the server side by each tool in turn.
flood() {  # TOOL_CMD... : runs the capture in nkb-server while the client floods; prints "captured dropped"
  local out="$BENCH_TMP/live.err"
  ip netns exec nkb-server "$@" 2>"$out" >/dev/null &
  local cap=$!
  sleep 2
  ip netns exec $ns timeout 10 ping -q -f -s 56 198.18.10.10 >/dev/null 2>&1 || true
  sleep 1
  kill -TERM $cap 2>/dev/null || true   # not INT: a background job of a script ignores SIGINT
  wait $cap 2>/dev/null || true
  awk '/packets captured/ {c=$1} /dropped by kernel/ {d=$1} END {print c+0, d+0}' "$out"
}
sitf=$(ip netns exec nkb-server ip -o link show | awk -F': ' '$2 !~ /^lo/ {sub(/@.*/, "", $2); print $2; exit}')
read -r tc td_drop < <(flood tcpdump -i "$sitf" -w "$BENCH_TMP/live-td.pcap" icmp)
read -r nc nk_drop < <(flood "$NETKIT" sniff -i "$sitf" -w "$BENCH_TMP/live-nk.pcap" icmp)
met=no
[[ $nk_drop -eq 0 && $td_drop -eq 0 ]] && met=yes
printf '| live capture of a 10 s lab ping flood (-w) | %s packets, %s dropped | tcpdump %s packets, %s dropped | - | 0 drops | %s |\n' \
  "$nc" "$nk_drop" "$tc" "$td_drop" "$met"
