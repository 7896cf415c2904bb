#!/usr/bin/env bash
# Benchmark of 'netkit dig -f' (issue 6): a batch of 1,000 lab queries, netkit against BIND's 'dig -f' on the
# same file, both in the lab's client namespace asking the lab's resolver (198.18.10.53, from the namespace's
# resolv.conf). Target: netkit's wall time (JVM start included) <= dig's. Needs root; uses the bench lab 'b'
# (namespaces nkb-*), brings it up when it is not and takes it down again in that case.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? |
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
nk="$root/scripts/netkit"
[[ $(id -u) -eq 0 ]] || { echo "dns.sh: needs root (the lab builds namespaces)" >&2; exit 4; }
command -v dig >/dev/null || { echo "dns.sh: BIND's dig is missing: apt-get install dnsutils" >&2; exit 5; }
command -v hyperfine >/dev/null || { echo "dns.sh: hyperfine is missing: apt-get install hyperfine" >&2; exit 5; }
"$nk" --version >/dev/null   # builds and trains the start-up cache on first use
tmp=$(mktemp -d /tmp/nkdns-bench.XXXXXX)
brought_up=0
cleanup() {
  rm -rf "$tmp"
  if [[ $brought_up -eq 1 ]]; then "$nk" lab down --name b >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
if ! ip netns list | grep -q '^nkb-client\b'; then
  "$nk" lab up --name b >/dev/null
  brought_up=1
fi

# 1,000 lookups of the lab's names, types and reverse names
names=(server.netkit.test www.netkit.test web.netkit.test client.netkit.test pc2.netkit.test pc3.netkit.test
       r1.netkit.test r2.netkit.test r3.netkit.test resolver.netkit.test lossy.netkit.test nope.netkit.test)
: > "$tmp/queries"
for i in $(seq 0 999); do
  case $((i % 5)) in
    0) echo "${names[i % ${#names[@]}]} A" ;;
    1) echo "${names[i % ${#names[@]}]} AAAA" ;;
    2) echo "netkit.test MX" ;;
    3) echo "-x 198.18.10.$(( (i % 4) == 0 ? 10 : 53 ))" ;;
    4) echo "info.netkit.test TXT" ;;
  esac >> "$tmp/queries"
done
in_lab=(ip netns exec nkb-client)
# warm the resolver's cache so both tools measure the same cached answers
"${in_lab[@]}" dig +short -f "$tmp/queries" >/dev/null

mean() {
  hyperfine -N -w 1 -r "${RUNS:-5}" --export-csv "$tmp/r.csv" "$1" >/dev/null 2>&1
  awk -F, 'NR==2 {print $2}' "$tmp/r.csv"
}
a=$(mean "${in_lab[*]} $nk dig -f $tmp/queries")
b=$(mean "${in_lab[*]} dig -f $tmp/queries")
awk -v a="$a" -v b="$b" 'BEGIN {
  met = (a <= b) ? "yes" : "no";
  printf "| dig -f: 1,000 lab queries (full text) | %.0f ms | %.0f ms | %.2fx | <= dig | %s |\n", a * 1000, b * 1000, a / b, met }'
a=$(mean "${in_lab[*]} $nk dig +short -f $tmp/queries")
b=$(mean "${in_lab[*]} dig +short -f $tmp/queries")
awk -v a="$a" -v b="$b" 'BEGIN {
  met = (a <= b) ? "yes" : "no";
  printf "| dig +short -f: 1,000 lab queries | %.0f ms | %.0f ms | %.2fx | <= dig | %s |\n", a * 1000, b * 1000, a / b, met }'
