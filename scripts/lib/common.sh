# Shared by scripts/netkit, scripts/test and scripts/bench. Source it; it defines functions only.

NETKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

die() { echo "netkit: $*" >&2; exit "${NK_EXIT:-5}"; }

# The major version of a java binary, or 0.
java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "${v:-0}"
}

# Sets NETKIT_JAVA to a java >= 21: JAVA_HOME, then java on PATH, then the newest under /usr/lib/jvm.
find_jdk() {
  local c
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  c=$(command -v java 2>/dev/null) && candidates+=("$c")
  for c in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    if [[ -x "$c" && $(java_major "$c") -ge 21 && -x "$(dirname "$c")/javac" ]]; then
      NETKIT_JAVA="$c"
      NETKIT_JAVA_HOME="$(cd "$(dirname "$c")/.." && pwd)"
      return 0
    fi
  done
  die "no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm): install one, e.g. 'sudo apt-get install openjdk-21-jdk' or Temurin 25, and set JAVA_HOME"
}

# Installs Debian packages that are missing; as root via apt-get, otherwise prints the command and fails.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if ! command -v apt-get >/dev/null; then
    die "missing packages: ${missing[*]} (install them with your package manager)"
  fi
  if [[ $(id -u) -ne 0 ]]; then
    die "missing packages: ${missing[*]}: run 'sudo apt-get install ${missing[*]}'"
  fi
  echo "netkit: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -qq) ok=1 policy=/usr/sbin/policy-rc.d made_policy=
  # Packaged daemons (nginx, nsd, unbound) must not start in the root namespace: the lab runs its own.
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# netkit: no service starts while installing\nexit 101\n' > "$policy" && chmod 755 "$policy" && made_policy=1
  fi
  if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    "${apt[@]}" update >/dev/null 2>&1 || true
    "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2 || ok=
  fi
  [[ -n $made_policy ]] && rm -f "$policy"
  [[ -n $ok ]] || die "could not install ${missing[*]} with apt-get"
}

# Packages listed in scripts/packages/*.list (one per line, # comments) for the given kind (runtime|test|bench).
listed_packages() {
  local kind="$1"
  cat "$NETKIT_ROOT"/scripts/packages/*.list 2>/dev/null | sed 's/#.*//' | awk -v k="$kind" '$1==k {print $2}' | sort -u
}

# The build compiles netkit's socket library and netkit-helper (src/main/c) with gcc against libc's and libpcap's
# headers: exits 5 naming the packages when one is missing (as root, ensure_packages has installed them from scripts/packages/jni.list).
check_build_tools() {
  command -v gcc >/dev/null && [[ -f /usr/include/errno.h ]] \
    || die "gcc and libc's headers are needed to build netkit's socket library: run 'sudo apt-get install gcc libc6-dev'"
  [[ -f /usr/include/pcap/pcap.h ]] \
    || die "libpcap's headers are needed to build netkit-helper: run 'sudo apt-get install libpcap-dev'"
}

# Builds target/netkit.jar and the start-up cache, and writes target/launch.env for scripts/netkit.
build_netkit() {
  find_jdk
  check_build_tools
  (cd "$NETKIT_ROOT" && JAVA_HOME="$NETKIT_JAVA_HOME" ./mvnw -B -q -ntp -DskipTests package >&2) \
    || NK_EXIT=1 die "build failed"
  write_launch_env
}

# Start-up caches on JDK >= 25: one per group of subcommands ("cache:subcommand ..."). The JVM loads every class
# of its cache when it starts, so a cache holding only what one group runs starts that group sooner (measured:
# 'subnet ADDR/32' 55 ms with its own cache, 82 ms with one cache of every command; 'dig -f' of 1,000 lab queries
# 387 ms against 425 ms). "all" serves the root command (--help, --version) and anything not listed.
# dig has a cache of its own (host and nslookup have theirs): when dig skipped picocli, 400 fewer classes to load made
# 'dig -f' of one line 16 ms faster; it is now trained on dig's picocli path too (docs/startup.md, fourth pass).
# "all" is trained on the root command's runs (--help, --version) and rdap's, not on every run: trained on every
# run it held 3,157 classes, all loaded by every '--version'.
NETKIT_CACHE_GROUPS=("dig:dig" "dns:host nslookup" "probe:ping trace" "subnet:subnet" "scan:scan arp"
  "sniff:sniff" "nc:nc send" "system:sockets ifaces route" "registry:asn whois" "lab:lab" "all:rdap")

# JVM options of one group only (its training and its runs: launch.env's NETKIT_OPTS_<subcommand>).
# dig and dns: 'dig -f' runs a thousand lookups while C1 is still compiling them, and C1's compile time was a third of
# the run's CPU; inlining less (callees of at most 15 bytecodes, 4 levels deep) cut the run's CPU by about 10%
# (docs/dig.md). The other groups keep C1's defaults: their long runs (ping -f, sniff, scan) want the faster code.
# scan (and arp, in its group): a young generation of 4 MB. The JVM's default sizes the heap from the machine's memory
# (an eighth of a gigabyte young on 24 GB) and a sweep's garbage (a reply, a probe address) walks through all of
# it: the /16 x 100 ports sweep (scripts/bench.d/sweep.sh) held 205 MB resident with about 20 MB live; with 4 MB,
# 79 MB (GNU time %M). The old generation is not capped: a big stateful scan still gets what its table needs.
group_opts() {
  case $1 in
    dig | dns) echo "-XX:C1MaxInlineSize=15 -XX:C1InlineStackLimit=4" ;;
    scan) echo "-Xmn4m" ;;
  esac
}

# Trains the start-up caches (AOT caches on JDK >= 25, one AppCDS archive on JDK 21-24) and records how to launch
# in target/launch.env: the JDK, its options, the jar, and per subcommand the cache scripts/netkit passes.
# The flags of the training run and of every later run must be the same, or the JVM silently ignores the
# cache (check with: java $NETKIT_JAVA_OPTS -XX:AOTCache=target/aot/all.aot -Xlog:aot -jar target/netkit.jar --version).
# -XX:TieredStopAtLevel=1: C1 only; on this small machine C2's compile threads cost more than they give,
# even on the heaviest path measured (subnet merge of 1,000,000 prefixes: 0.7 s CPU with, 1.4 s without).
# NETKIT_TARGET: another directory than target/ to train in (scripts/package's staging of /usr/lib/netkit).
write_launch_env() {
  local t="${NETKIT_TARGET:-$NETKIT_ROOT/target}" major opts caches= group name c failed=
  major=$(java_major "$NETKIT_JAVA")
  opts="-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED"
  # Reflection through native accessors: the default spins method handles on a constructor's first reflective use
  # (dnsjava's SecureRandom, picocli), which the start-up cache does not keep.
  opts="$opts -Djdk.reflect.useNativeAccessorOnly=true"
  # The start-up cache mapped where it was made instead of relocated, pointer by pointer, to a random address
  # (JDK 25's default: "Genesis" took 20-38 ms of the JVM's start here, 5 ms so).
  opts="$opts -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
  opts="$opts -Dnetkit.libc=$t/native/libnetkit-libc.so"  # socket calls of ping, trace, dig -f (JNI, by Maven)
  rm -rf "$t/netkit.aot" "$t/netkit.jsa" "$t/aot"
  # JNA's native part (capture, scan and arp use JNA), unpacked once here: otherwise every run of them copies it out
  # of the jar to a temporary file (about 20 ms of their start).
  local jna_arch
  case "$(uname -m)" in x86_64) jna_arch=linux-x86-64 ;; aarch64) jna_arch=linux-aarch64 ;; *) jna_arch= ;; esac
  rm -rf "$t/jna"
  if [[ -n $jna_arch ]] && mkdir -p "$t/jna" \
      && (cd "$t/jna" && "$NETKIT_JAVA_HOME/bin/jar" xf ../netkit.jar "com/sun/jna/$jna_arch/libjnidispatch.so") 2>/dev/null \
      && [[ -f "$t/jna/com/sun/jna/$jna_arch/libjnidispatch.so" ]]; then
    opts="$opts -Djna.boot.library.path=$t/jna/com/sun/jna/$jna_arch"
  fi
  if [[ $major -ge 25 ]]; then
    mkdir -p "$t/aot"
    # two trainings at a time (one per core); each runs only its group's commands (Training's arguments)
    for group in "${NETKIT_CACHE_GROUPS[@]}"; do
      name=${group%%:*}
      # shellcheck disable=SC2086 # the group's subcommands and options are separate arguments
      "$NETKIT_JAVA" $opts $(group_opts "$name") -XX:AOTCacheOutput="$t/aot/$name.aot" -cp "$t/netkit.jar" \
        dev.netkit.build.Training $([[ $name == all ]] && echo --root) ${group#*:} >/dev/null 2>&1 &
      (( $(jobs -rp | wc -l) < 2 )) || wait -n || true
    done
    wait || true
    for group in "${NETKIT_CACHE_GROUPS[@]}"; do
      name=${group%%:*}
      if [[ ! -s "$t/aot/$name.aot" ]]; then
        failed=1
        continue
      fi
      if [[ $name == all ]]; then
        caches+="NETKIT_CACHE_DEFAULT=$(printf %q "$t/aot/$name.aot")"$'\n'
      fi
      for c in ${group#*:}; do
        caches+="NETKIT_CACHE_$c=$(printf %q "$t/aot/$name.aot")"$'\n'
        [[ -z $(group_opts "$name") ]] || caches+="NETKIT_OPTS_$c=$(printf %q "$(group_opts "$name")")"$'\n'
      done
    done
    [[ -z $failed ]] || echo "netkit: could not train every start-up cache; netkit runs, but starts slower" >&2
  else
    "$NETKIT_JAVA" $opts -XX:ArchiveClassesAtExit="$t/netkit.jsa" -cp "$t/netkit.jar" dev.netkit.build.Training >/dev/null 2>&1 \
      && opts="$opts -XX:SharedArchiveFile=$t/netkit.jsa" \
      || echo "netkit: could not train the start-up cache; netkit runs, but starts slower" >&2
  fi
  { printf 'NETKIT_JAVA=%q\nNETKIT_JAVA_OPTS=%q\nNETKIT_JAR=%q\n' "$NETKIT_JAVA" "$opts" "$t/netkit.jar"
    printf '%s' "$caches"; } > "$t/launch.env"
}
