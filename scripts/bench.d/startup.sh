#!/usr/bin/env bash
# Start-up (issue 17): each call of the issue's table against the floor, a Java hello world with an AOT cache of
# its own and netkit's JVM flags, side by side in one run, with the C peer's time beside it. Target: every call at
# most 2.0x the floor (the goal is 1.3x). The trace row runs in the lab (--name b, namespaces nkb-*; brought up
# here when it is not up, and taken down again afterwards), and so does a floor of its own (ip netns exec costs
# some milliseconds of its own). nc and scan connect to a netcat listener on 127.0.0.1.
# Every round runs every command once, in an order that rotates from round to round, after BENCH_WARMUP rounds
# not counted, for max(BENCH_RUNS, 20) rounds: a slow spell of the machine hits floor and calls alike. Walls are
# medians; the ratio is the call's median over its floor's.
# When the Debian package is installed (scripts/package; dpkg -i target/netkit_*.deb), every call runs a second time
# as /usr/bin/netkit, against a floor of its own: the same hello world on the package's jlink runtime and its options.
# Prints markdown rows: | task | netkit | peer | ratio | target | met? | (peer: the floor, then the C peer)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/lib.sh"
ensure_packages ipcalc traceroute iputils-ping netcat-openbsd iproute2 nmap tcpdump python3
. "$NETKIT_ROOT/target/launch.env"
bench_lab b
in_client="ip netns exec nkb-client"

# The floor: hello world, its own AOT cache trained as netkit's are, netkit's JVM options.
mkdir -p "$BENCH_TMP/hello"
cat > "$BENCH_TMP/hello/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
"${NETKIT_JAVA%/*}/javac" -d "$BENCH_TMP/hello" "$BENCH_TMP/hello/Hello.java"
# a jar, as netkit's: the JVM makes no AOT cache for a class path with a directory
"${NETKIT_JAVA%/*}/jar" cf "$BENCH_TMP/hello.jar" -C "$BENCH_TMP/hello" Hello.class
# shellcheck disable=SC2086 # the options are separate words
"$NETKIT_JAVA" $NETKIT_JAVA_OPTS -XX:AOTCacheOutput="$BENCH_TMP/hello.aot" -cp "$BENCH_TMP/hello.jar" Hello >/dev/null
floor="$NETKIT_JAVA $NETKIT_JAVA_OPTS -XX:AOTCache=$BENCH_TMP/hello.aot -cp $BENCH_TMP/hello.jar Hello"
deb_floor=""
if [[ $(dpkg-query -W -f='${Status}' netkit 2>/dev/null) == "install ok installed" ]]; then
  # shellcheck disable=SC1091 # the package's own launch settings
  deb_java="$(. /usr/lib/netkit/launch.env && echo "$NETKIT_JAVA")"
  deb_opts="$(. /usr/lib/netkit/launch.env && echo "$NETKIT_JAVA_OPTS")"
  # shellcheck disable=SC2086
  "$deb_java" $deb_opts -XX:AOTCacheOutput="$BENCH_TMP/hello-deb.aot" -cp "$BENCH_TMP/hello.jar" Hello >/dev/null
  deb_floor="$deb_java $deb_opts -XX:AOTCache=$BENCH_TMP/hello-deb.aot -cp $BENCH_TMP/hello.jar Hello"
fi

# A loopback listener for nc -z and scan -sT (netcat-openbsd, -k: every connection).
port=47391
nc -lk 127.0.0.1 "$port" >/dev/null </dev/null &
listener=$!
bench_on_exit "kill $listener"
# ten packets of loopback traffic (DNS, UDP, ICMP, TCP, HTTP) from the test resources
tcpdump -r "$NETKIT_ROOT/src/test/resources/sniff/loopback.pcap" -c 10 -w "$BENCH_TMP/ten.pcap" 2>/dev/null
sleep 0.3

# task | netkit's call | the C peer's name | its call; "lab:" before a call runs it (and its floor) in the lab
python3 - "$BENCH_WARMUP" "$(( BENCH_RUNS > 20 ? BENCH_RUNS : 20 ))" "$floor" "$in_client" "$deb_floor" <<PY
import shlex, statistics, subprocess, sys, time
warmup, rounds, floor, in_client, deb_floor = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
nk = "$NETKIT"
calls = [
    ("\`subnet 10.0.0.0/8\`", nk + " subnet 10.0.0.0/8", "ipcalc", "ipcalc 10.0.0.0/8"),
    ("\`trace -n\` through the lab", "lab:" + nk + " trace -n 198.18.10.10", "traceroute", "lab:traceroute -n 198.18.10.10"),
    ("\`--version\`", nk + " --version", "ip -V", "ip -V"),
    ("\`ping -c1 127.0.0.1\`", nk + " ping -c1 127.0.0.1", "ping", "ping -c1 127.0.0.1"),
    ("\`nc -z 127.0.0.1 PORT\`", nk + " nc -z 127.0.0.1 $port", "nc", "nc -z 127.0.0.1 $port"),
    ("\`ifaces\`", nk + " ifaces", "ip addr", "ip addr"),
    ("\`arp\`", nk + " arp", "ip neigh", "ip neigh"),
    ("\`route\`", nk + " route", "ip route", "ip route"),
    ("\`scan -sT -p PORT 127.0.0.1\`", nk + " scan -sT -p $port 127.0.0.1", "nmap", "nmap -sT -p $port 127.0.0.1"),
    ("\`sockets -tan\`", nk + " sockets -tan", "ss", "ss -tan"),
    ("\`sniff -r\` of a 10-packet file", nk + " sniff -r $BENCH_TMP/ten.pcap", "tcpdump", "tcpdump -r $BENCH_TMP/ten.pcap"),
]
def argv(cmd):
    if cmd.startswith("lab:"):
        return shlex.split(in_client) + shlex.split(cmd[4:])
    return shlex.split(cmd)
commands = {"floor": argv(floor), "lab floor": shlex.split(in_client) + shlex.split(floor)}
for task, ours, _, peer in calls:
    commands[task] = argv(ours)
    commands[task + " peer"] = argv(peer)
installed = [(task + ", installed package", ours.replace(nk, "/usr/bin/netkit"), name, peer)
             for task, ours, name, peer in calls] if deb_floor else []
if deb_floor:
    commands["deb floor"] = argv(deb_floor)
    commands["deb lab floor"] = shlex.split(in_client) + shlex.split(deb_floor)
    for task, ours, _, _ in installed:
        commands[task] = argv(ours)
for name, a in commands.items():  # each must work before it is timed: a failing command would be timed as fast
    done = subprocess.run(a, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(a)} failed (exit {done.returncode}): {done.stderr.decode()[-300:]}")
walls = {name: [] for name in commands}
names = list(commands)
for r in range(warmup + rounds):
    k = r % len(names)
    for name in names[k:] + names[:k]:
        t0 = time.perf_counter()
        subprocess.run(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r >= warmup:
            walls[name].append(time.perf_counter() - t0)
med = {name: statistics.median(w) for name, w in walls.items()}
def ms(t):
    return f"{t * 1000:.0f} ms"
for task, ours, peer_name, peer in calls + installed:
    deb = ours.startswith(("/usr/bin/netkit", "lab:/usr/bin/netkit"))
    f = med[("deb " if deb else "") + ("lab floor" if ours.startswith("lab:") else "floor")]
    ratio = med[task] / f
    print(f"| {task} | {ms(med[task])} | floor {ms(f)}; {peer_name} {ms(med[task.removesuffix(', installed package') + ' peer'])} | {ratio:.2f}"
          f" | <= 2.0 (goal 1.3) | {'yes' if ratio <= 2.0 else 'NO'} |")
q = statistics.quantiles(walls["floor"], n=4)
print(f"- The floor: a Java hello world with an AOT cache of its own and netkit's JVM options, {ms(med['floor'])}"
      f" (quartiles {ms(q[0])}-{ms(q[2])}); in the lab (ip netns exec) {ms(med['lab floor'])}. Ratio: the call's"
      f" median wall over its floor's, {rounds} rounds, every command once a round in a rotating order.")
print(f"- The installed package (/usr/bin/netkit, its jlink runtime and caches) against the same hello world on that"
      f" runtime: {ms(med['deb floor'])}; in the lab {ms(med['deb lab floor'])}." if deb_floor else
      "- The installed package was not measured: it is not installed (scripts/package, then"
      " dpkg -i target/netkit_*.deb).")
PY
uptime | sed 's/^.*load/- load/; s/$/ at the end of the run./'
