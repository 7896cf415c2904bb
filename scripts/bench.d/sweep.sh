#!/usr/bin/env bash
# The stateless sweep of netkit scan against masscan (issue 16, item 6), from the lab's client (--name b,
# namespaces nkb-*; brought up here when it is not up, and taken down again afterwards). Lab addresses only.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/lib.sh"
ensure_packages nmap time masscan
bench_lab b
client="ip netns exec nkb-client"

# The stateless sweep: 198.18.0.0/16 (65,534 addresses) x the 100 most common ports, -Pn --max-retries 0 at a
# fixed --rate, against masscan at the same rate on the same path (its default 10 s wait for late replies cut to
# netkit's, 1 s). The lab routes 198.18.0.0/16 only inside its namespaces: r3 has no default route and answers
# net-unreachable for addresses it does not know, and no lab link reaches the root namespace. One run each: wall
# time and peak resident set (GNU time).
rate="${BENCH_SWEEP_RATE:-100000}"
# (awk, not head, takes the first 100: head's early exit kills sort with SIGPIPE, which pipefail and set -e made
# the script's silent end)
top100=$(awk '$2 ~ /\/tcp$/ {split($2, a, "/"); print $3, a[1]}' /usr/share/nmap/nmap-services | sort -k1,1gr \
  | awk 'NR <= 100 {print $2}' | sort -n | paste -sd,)
# masscan has its own TCP/IP stack: it is told the client's interface, address and its router's MAC (r1, the
# client's default gateway), as a user would, so it sends into the lab path and nowhere else.
gw=$($client ip -4 route show default | awk '{print $3; exit}')
gw_dev=$($client ip -4 route show default | awk '{print $5; exit}')
$client ping -c 1 -W 1 "$gw" > /dev/null
gw_mac=$($client ip neigh show "$gw" dev "$gw_dev" | awk '{print $3; exit}')
src_ip=$($client ip -4 -o addr show dev "$gw_dev" | awk '{split($4, a, "/"); print a[1]; exit}')
[[ -n $gw_mac && -n $src_ip ]] || { echo "bench: sweep: no router MAC or address on the client's $gw_dev" >&2; exit 1; }
# sweep NAME COMMAND...: prints "wall_seconds peak_kb" of one run
sweep() {
  local name="$1" log="$BENCH_TMP/sweep-$1.time"
  shift
  echo "bench: sweep ($name): $*" >&2
  local start end
  start=$(date +%s.%N)
  $client /usr/bin/time -f '%M' -o "$log" "$@" > "$BENCH_TMP/sweep-$name.out" 2> "$BENCH_TMP/sweep-$name.err" \
    || { echo "bench: sweep ($name) failed: $(tail -3 "$BENCH_TMP/sweep-$name.err")" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$(python3 -c "print(f'{$end - $start:.1f}')") $(tail -1 "$log")"
}
read -r nk_wall nk_kb < <(sweep netkit $NETKIT scan -sS -Pn --max-retries 0 --rate "$rate" -p "$top100" 198.18.0.0/16)
[[ -n "${nk_kb:-}" ]] || exit 1
nk_mb=$((nk_kb / 1024))
up=$(grep -c '^netkit scan report' "$BENCH_TMP/sweep-netkit.out" || true)
if command -v masscan > /dev/null; then
  # --show closed: masscan lists the closed ports too, as netkit does for a host that answered
  read -r ms_wall ms_kb < <(sweep masscan masscan --adapter "$gw_dev" --adapter-ip "$src_ip" --router-mac "$gw_mac" \
    --rate "$rate" --wait 1 --show closed -oL "$BENCH_TMP/sweep-masscan.list" -p "$top100" 198.18.0.0/16)
  [[ -n "${ms_kb:-}" ]] || exit 1
  ms_up=$(awk '$1 == "open" || $1 == "closed" {print $4}' "$BENCH_TMP/sweep-masscan.list" | sort -u | wc -l)
  # masscan with nothing found compares with a scan that sent nothing into the lab
  [[ $ms_up -gt 0 ]] || { echo "bench: sweep: masscan found no host; its run did not reach the lab" >&2; exit 1; }
  python3 - "$nk_wall" "$ms_wall" "$nk_kb" "$ms_kb" "$rate" <<'PY'
import sys
nk_wall, ms_wall, nk_kb, ms_kb = map(float, sys.argv[1:5])
rate = sys.argv[5]
w, m = nk_wall / ms_wall, nk_kb / ms_kb
print(f"| scan -sS -Pn --max-retries 0 --rate {rate}, /16 x 100 ports: wall | {nk_wall:.1f} s | masscan {ms_wall:.1f} s"
      f" | {w:.2f} | <= 1 | {'yes' if w <= 1 else 'NO'} |")
print(f"| same sweep: peak RSS | {nk_kb / 1024:.0f} MB | masscan {ms_kb / 1024:.0f} MB | {m:.2f} | <= 2"
      f" | {'yes' if m <= 2 else 'NO'} |")
PY
else
  echo "| scan -sS -Pn --max-retries 0 --rate $rate, /16 x 100 ports: peak RSS | $nk_mb MB | | | <= 256 MB | $([[ $nk_mb -le 256 ]] && echo yes || echo NO) |"
fi
echo "- sweep of 198.18.0.0/16 x 100 ports: 6,553,400 probes at --rate $rate in $nk_wall s, $up host reports, peak resident set $nk_mb MB (GNU time %M)${ms_up:+; masscan found $ms_up hosts (open or closed ports) in $ms_wall s}."
