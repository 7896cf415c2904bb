#!/usr/bin/env bash
# Benchmark of 'netkit dig -f' (issue 6): a batch of 1,000 lab queries, netkit against BIND's 'dig -f' on the
# same file, both in the lab's client namespace asking the lab's resolver (198.18.10.53, from the namespace's
# resolv.conf). Target: netkit's wall time (JVM start included) <= dig's, i.e. a ratio <= 1.
# Needs root; uses the bench lab 'b' (namespaces nkb-*), brings it up when it is not and takes it down again
# in that case. Prints markdown rows "| task | netkit | peer | ratio | target | met? |" and "- " notes.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
[[ $(id -u) -eq 0 ]] || { echo "dns.sh: needs root (the lab builds namespaces)" >&2; exit 4; }
ensure_packages hyperfine dnsutils python3 $(listed_packages runtime)
"$NETKIT" --version >/dev/null   # builds the jar and trains the start-up cache on first use
BENCH_RUNS=$(( BENCH_RUNS < 10 ? BENCH_RUNS : 10 ))
bench_lab b

# 1,000 lookups of the lab's names, types and reverse names
q="$BENCH_TMP/dns-queries"
names=(server.netkit.test www.netkit.test web.netkit.test client.netkit.test pc2.netkit.test pc3.netkit.test
       r1.netkit.test r2.netkit.test r3.netkit.test resolver.netkit.test lossy.netkit.test nope.netkit.test)
: > "$q"
for i in $(seq 0 999); do
  case $((i % 5)) in
    0) echo "${names[i % ${#names[@]}]} A" ;;
    1) echo "${names[i % ${#names[@]}]} AAAA" ;;
    2) echo "netkit.test MX" ;;
    3) echo "-x 198.18.10.$(( (i % 4) == 0 ? 10 : 53 ))" ;;
    4) echo "info.netkit.test TXT" ;;
  esac >> "$q"
done
in_lab="ip netns exec nkb-client"
# the answers must be the same (+short; sorted, as the resolver may rotate an RRset), and the resolver's cache
# warm for both tools
$in_lab dig +short -f "$q" | sort > "$BENCH_TMP/dns-bind"
$in_lab "$NETKIT" dig +short -f "$q" | sort > "$BENCH_TMP/dns-netkit"
cmp -s "$BENCH_TMP/dns-bind" "$BENCH_TMP/dns-netkit" \
  || { echo "dns.sh: netkit dig +short -f differs from BIND's" >&2; diff "$BENCH_TMP/dns-bind" "$BENCH_TMP/dns-netkit" | head >&2; exit 1; }

# paired rounds (lib.sh): BIND's dig asks one query after the other, so its wall follows every slow spell of the
# machine (its median moved from 264 to 430 ms between runs of this script), and netkit's follows the CPU
bench_paired_row "dig -f: 1,000 lab queries (full text)" "<= 1" "$in_lab $NETKIT dig -f $q" "BIND dig" \
  "$in_lab dig -f $q"
bench_paired_row "dig +short -f: 1,000 lab queries" "<= 1" "$in_lab $NETKIT dig +short -f $q" "BIND dig" \
  "$in_lab dig +short -f $q"
