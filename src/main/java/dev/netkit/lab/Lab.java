package dev.netkit.lab;

import dev.netkit.NetkitException;
import dev.netkit.lab.Topology.Host;
import dev.netkit.system.Privileges;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lab engine: builds a topology out of network namespaces ({@code nk<LAB>-<host>}), veth pairs,
 * bridges, nftables and real daemons, and removes all of it again. It touches the root namespace only
 * to create the namespaces; every link, bridge, address, route and nft table lives inside the lab.
 */
public final class Lab {
    /** Lab names: empty (the default lab, namespaces {@code nk-*}) or up to 12 lower-case letters and digits. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{0,12}");
    private static final Path NETNS = Path.of("/run/netns");
    private static final Path ETC_NETNS = Path.of("/etc/netns");
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);
    /** How long up waits for every daemon to listen. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** A lab that is up: its topology, name and the daemons it started. */
    public record Up(Topology topology, String name, long millis, List<Daemon> daemons) {
    }

    /** A daemon the lab started. */
    public record Daemon(String host, Topology.Service service, long pid) {
    }

    /** What down removed. */
    public record Down(String name, List<String> namespaces, int processes, long millis) {
    }

    private Lab() {
    }

    /** Exit 4 unless root: namespaces, mounts and other users' processes need it, capabilities on java do not do. */
    public static void requireRoot(String command) {
        if (!Privileges.isRoot()) {
            throw new NetkitException(dev.netkit.ExitCode.PRIVILEGE, "'netkit " + command
                    + "' needs root (it creates and enters network namespaces): run it with sudo, e.g. 'sudo scripts/netkit "
                    + command + "'");
        }
    }

    /** Checks a lab name; exit 2 when it is not 0-12 lower-case letters or digits. */
    public static String checkName(String name) {
        String n = name == null ? "" : name;
        if (!NAME.matcher(n).matches()) {
            throw NetkitException.usage("lab name '" + n + "' must be 0 to 12 lower-case letters or digits"
                    + " (namespaces are named nk<LAB>-<host>)");
        }
        return n;
    }

    /** The namespace of {@code host} in lab {@code name}: {@code nk<name>-<host>}. */
    public static String namespace(String name, String host) {
        return "nk" + name + "-" + host;
    }

    /** Builds the lab (rebuilding it when it is up), returning when every daemon listens. Needs root. */
    public static Up up(Topology topology, String name, Consumer<LabEvent> events) {
        return up(topology, name, events, LabState.OWNER_CLI);
    }

    /**
     * Like {@link #up(Topology, String, Consumer)}; {@code owner} is recorded in the marker (the test harness
     * marks its labs, so it can remove those of test JVMs that died, and only those).
     */
    public static Up up(Topology topology, String name, Consumer<LabEvent> events, String owner) {
        checkName(name);
        requireRoot("lab up");
        long t0 = System.nanoTime();
        List<String> missing = LabPackages.missing(topology);
        if (!missing.isEmpty()) {
            events.accept(new LabEvent.Installing(missing));
            LabPackages.ensure(topology, step -> events.accept(new LabEvent.InstallStep(step)));
        }
        if (LabState.read(name).isPresent() || !existingNamespaces(name).isEmpty()) {
            events.accept(new LabEvent.Rebuilding(name));
            down(name);
        }
        NetworkPlan plan = new NetworkPlan(topology, namespace(name, ""));
        List<String> namespaces = topology.hosts().stream().map(h -> plan.namespace(h.name())).toList();
        LabState state = LabState.create(name, topology, namespaces, owner);
        events.accept(new LabEvent.Phase("packages checked, state marker written", millis(t0)));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, topology.hosts().size()));
        try {
            List<Daemon> daemons = build(topology, plan, state, pool, events, t0);
            return new Up(topology, name, millis(t0), daemons);
        } catch (RuntimeException e) {
            try {
                down(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The files of a build, written before any process runs: per-host scripts and daemon launches. */
    private record Prepared(Map<String, String> scripts, Map<String, List<Daemons.Launch>> launches, Daemons daemons) {
    }

    private static Prepared prepare(Topology topology, NetworkPlan plan, Path stateDir, boolean resolvConf) {
        String ip = LabPackages.binary("ip");
        String nft = LabPackages.binary("nft");
        Daemons daemons = new Daemons(topology, stateDir);
        Map<String, List<Daemons.Launch>> launches = new LinkedHashMap<>();
        Map<String, String> scripts = new LinkedHashMap<>();
        List<String> resolvers = new ArrayList<>();
        topology.hostsRunning(Topology.Service.RESOLVER)
                .forEach(h -> resolvers.addAll(topology.addresses(h.name())));
        for (Host h : topology.hosts()) {
            Path d = stateDir.resolve(h.name());
            Daemons.write(d.resolve("ip.batch"), plan.hostBatch(h.name()));
            Daemons.write(d.resolve("rules.nft"), h.nftRules());
            scripts.put(h.name(), plan.hostScript(h.name(), ip, nft, d.resolve("ip.batch").toString(),
                    d.resolve("rules.nft").toString()));
            launches.put(h.name(), daemons.prepare(h));
            if (resolvConf) {
                writeResolvConf(plan.namespace(h.name()), resolvers);
                HostNamespaces.writeEtc(plan.namespace(h.name()), h.name(), topology.addresses(h.name()));
            }
        }
        return new Prepared(scripts, launches, daemons);
    }

    /**
     * What {@code up} would do, as text: the ip batches, the script and nft rules of each host and the daemon
     * command lines. Needs no root; the configuration files go to a temporary directory that is removed.
     */
    public static String dryRun(Topology topology, String name) {
        checkName(name);
        NetworkPlan plan = new NetworkPlan(topology, namespace(name, ""));
        Path dir;
        try {
            dir = Files.createTempDirectory("netkit-lab-plan");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Prepared p = prepare(topology, plan, dir, false);
            String ip = LabPackages.binary("ip");
            StringBuilder b = new StringBuilder();
            b.append("# 1. namespaces: ").append(ip).append(" -batch -\n").append(plan.namespacesBatch());
            b.append("# 2. veth pairs, each end created inside its namespace: ").append(ip).append(" -batch -\n")
                    .append(plan.linksBatch());
            b.append("# 3. per host, in parallel: ").append(ip).append(" netns exec NS /bin/sh -c SCRIPT\n");
            for (Host h : topology.hosts()) {
                b.append("## ").append(h.name()).append(" (").append(plan.namespace(h.name())).append(")\n");
                b.append(p.scripts().get(h.name()).replace(dir.toString(), "STATE"));
                b.append("### ip.batch\n").append(plan.hostBatch(h.name()));
                if (!h.nftRules().isBlank()) {
                    b.append("### rules.nft\n").append(h.nftRules());
                }
            }
            b.append("# 4. daemons (STATE = ").append(LabState.dirOf(name)).append(")\n");
            for (List<Daemons.Launch> ls : p.launches().values()) {
                for (Daemons.Launch l : ls) {
                    b.append("setsid ").append(ip).append(" netns exec ").append(plan.namespace(l.host())).append(' ')
                            .append(String.join(" ", l.command()).replace(dir.toString(), "STATE")).append('\n');
                }
            }
            return b.toString();
        } finally {
            LabState.deleteTree(dir);
        }
    }

    private static List<Daemon> build(Topology topology, NetworkPlan plan, LabState state, ExecutorService pool,
                                      Consumer<LabEvent> events, long t0) {
        String ip = LabPackages.binary("ip");
        // Files first (no processes): per-host ip batch, nft rules, daemon configs, resolv.conf.
        Prepared prepared = prepare(topology, plan, state.dir(), true);
        Map<String, String> scripts = prepared.scripts();
        Map<String, List<Daemons.Launch>> launches = prepared.launches();
        Daemons daemons = prepared.daemons();
        events.accept(new LabEvent.Phase("configuration written", millis(t0)));
        CompletableFuture<Void> certs = CompletableFuture.allOf(topology.hostsRunning(Topology.Service.WEB).stream()
                .map(h -> CompletableFuture.runAsync(() -> ExternalCommand.check(daemons.certificateCommand(h), null,
                        Duration.ofSeconds(20), "making the TLS certificate of " + h.name()), pool))
                .toArray(CompletableFuture[]::new));

        CompletableFuture<Void> signed = daemons.signsZones()
                ? CompletableFuture.runAsync(() -> ExternalCommand.check(daemons.signingCommand(), null,
                        Duration.ofSeconds(20), "signing the lab's DNS zones (ldns-keygen, ldns-signzone)"), pool)
                : CompletableFuture.completedFuture(null);

        ExternalCommand.check(List.of(ip, "-batch", "-"), plan.namespacesBatch(), IP_TIMEOUT, "creating namespaces");
        ExternalCommand.check(List.of(ip, "-batch", "-"), plan.linksBatch(), IP_TIMEOUT, "creating veth pairs");
        events.accept(new LabEvent.Phase("namespaces and links", millis(t0)));

        // Per host, in parallel: configure its namespace, then start its daemons.
        List<CompletableFuture<List<Daemon>>> hosts = new ArrayList<>();
        for (Host h : topology.hosts()) {
            String ns = plan.namespace(h.name());
            hosts.add(CompletableFuture.supplyAsync(() -> {
                // configured inside its own UTS namespace, which keeps the host's name (HostNamespaces)
                List<String> configure = new ArrayList<>(HostNamespaces.create(state.name(), h.name()));
                configure.addAll(List.of(ip, "netns", "exec", ns, "/bin/sh", "-c",
                        HostNamespaces.nameCommand(h.name()) + scripts.get(h.name())));
                ExternalCommand.check(configure, null, IP_TIMEOUT, "configuring " + h.name());
                if (h.services().contains(Topology.Service.WEB)) {
                    certs.join();
                }
                if (h.services().stream().anyMatch(s -> s == Topology.Service.DNS_ROOT || s == Topology.Service.DNS_TLD
                        || s == Topology.Service.DNS_AUTH || s == Topology.Service.RESOLVER)) {
                    signed.join();
                }
                List<Daemon> started = new ArrayList<>();
                for (Daemons.Launch l : launches.get(h.name())) {
                    started.add(start(state.name(), l));
                }
                return started;
            }, pool));
        }
        List<Daemon> started = new ArrayList<>();
        try {
            for (CompletableFuture<List<Daemon>> f : hosts) {
                started.addAll(f.join());
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            // Written even when a start failed, so down finds what did start.
            recordPids(state, hosts);
        }
        events.accept(new LabEvent.Phase("hosts configured, daemons started", millis(t0)));
        Map<String, Daemons.Launch> byKey = new HashMap<>();
        launches.values().forEach(ls -> ls.forEach(l -> byKey.put(l.host() + "/" + l.service(), l)));
        waitUntilListening(started, byKey);
        events.accept(new LabEvent.Phase("daemons listening", millis(t0)));
        waitForLinks(topology, plan, ip);
        events.accept(new LabEvent.Phase("links up, bridge ports forwarding", millis(t0)));
        return started;
    }

    /**
     * Waits until every veth has its carrier and every bridge port forwards. The kernel applies carrier
     * changes asynchronously (link watch, batched up to a second), and until then frames are dropped.
     * Every link has one end in the namespace of its second endpoint, so those namespaces are enough.
     */
    private static void waitForLinks(Topology topology, NetworkPlan plan, String ip) {
        Set<String> namespaces = new LinkedHashSet<>();
        topology.links().forEach(l -> namespaces.add(plan.namespace(l.b().host())));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!namespaces.isEmpty()) {
            namespaces.removeIf(ns -> linksReady(ExternalCommand.run(List.of(ip, "-n", ns, "-d", "-o", "link", "show"),
                    null, IP_TIMEOUT).stdout()));
            if (namespaces.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NetkitException(1, "links in " + namespaces + " are not up after "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep(20);
        }
    }

    /** True when, in {@code ip -d -o link show} output, every interface but lo is UP and bridge ports forward. */
    static boolean linksReady(String ipLinkOutput) {
        for (String line : ipLinkOutput.lines().toList()) {
            if (line.isBlank() || line.matches("^\\d+: lo: .*")) {
                continue;
            }
            if (line.contains("NO-CARRIER") || !line.matches(".*\\sstate UP\\s.*")) {
                return false;
            }
            if (line.contains("bridge_slave") && !line.contains("bridge_slave state forwarding")) {
                return false;
            }
        }
        return true;
    }

    private static void recordPids(LabState state, List<CompletableFuture<List<Daemon>>> hosts) {
        List<String> lines = new ArrayList<>();
        for (CompletableFuture<List<Daemon>> f : hosts) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                for (Daemon d : f.join()) {
                    lines.add(d.host() + " " + d.service() + " " + d.pid());
                }
            }
        }
        state.writePids(lines);
    }

    /** Starts a daemon in its own session (no terminal signals reach it) inside the namespace. */
    private static Daemon start(String lab, Daemons.Launch l) {
        List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("setsid")));
        cmd.addAll(HostNamespaces.enter(lab, l.host()));
        cmd.addAll(l.command());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(l.log().toFile()));
        try {
            Daemons.mkdirs(l.log().getParent());
            Process p = pb.start();
            return new Daemon(l.host(), l.service(), p.pid());
        } catch (IOException e) {
            throw new NetkitException(1, "cannot start " + l.service().program() + " on " + l.host() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Waits until every daemon's sockets listen (read from /proc/PID/net, which shows its namespace). */
    private static void waitUntilListening(List<Daemon> daemons, Map<String, Daemons.Launch> launches) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<Daemon> waiting = new ArrayList<>(daemons);
        while (!waiting.isEmpty()) {
            waiting.removeIf(d -> ready(d.pid(), launches.get(d.host() + "/" + d.service())));
            for (Daemon d : waiting) {
                if (ProcessHandle.of(d.pid()).map(ph -> !ph.isAlive()).orElse(true)) {
                    Daemons.Launch l = launches.get(d.host() + "/" + d.service());
                    throw new NetkitException(1, d.service().program() + " on " + d.host() + " exited at start: "
                            + tail(l.log()));
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                Daemon d = waiting.get(0);
                throw new NetkitException(1, d.service().program() + " on " + d.host() + " is not listening after "
                        + READY_TIMEOUT.toSeconds() + " s: see " + launches.get(d.host() + "/" + d.service()).log());
            }
            sleep(10);
        }
    }

    /** True when the daemon listens on its sockets and its ready file, if it has one, exists. */
    private static boolean ready(long pid, Daemons.Launch l) {
        return listening(pid, l.ready()) && (l.readyFile() == null || Files.exists(l.readyFile()));
    }

    /** True when every socket is in the LISTEN (tcp) or unconnected (udp) state in the process's namespace. */
    static boolean listening(long pid, List<Daemons.Socket> sockets) {
        for (Daemons.Socket s : sockets) {
            if (!listening(Path.of("/proc", Long.toString(pid), "net", s.table()), s.port(),
                    s.table().startsWith("tcp") ? "0A" : "07")) {
                return false;
            }
        }
        return true;
    }

    static boolean listening(Path table, int port, String state) {
        String suffix = String.format(":%04X", port);
        try (Stream<String> lines = Files.lines(table)) {
            return lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
                    .anyMatch(f -> f.length > 3 && f[1].endsWith(suffix) && f[3].equals(state));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return ExternalCommand.firstLines(String.join("\n", lines.subList(Math.max(0, lines.size() - 3),
                    lines.size())), 3) + " (log " + log + ")";
        } catch (IOException e) {
            return "see " + log;
        }
    }

    private static void writeResolvConf(String ns, List<String> resolvers) {
        StringBuilder b = new StringBuilder("# written by netkit lab; removed by 'netkit lab down'\n");
        if (resolvers.isEmpty()) {
            b.append("# this topology has no resolver\nnameserver 127.0.0.1\n");
        }
        for (String r : resolvers) {
            b.append("nameserver ").append(r).append('\n');
        }
        b.append("search netkit.test\noptions timeout:2 attempts:2\n");
        Daemons.write(ETC_NETNS.resolve(ns).resolve("resolv.conf"), b.toString());
    }

    /** Removes lab {@code name}: its processes, namespaces, /etc/netns entries and state. Needs root. */
    public static Down down(String name) {
        checkName(name);
        requireRoot("lab down");
        long t0 = System.nanoTime();
        Set<String> namespaces = new LinkedHashSet<>();
        var state = LabState.read(name);
        state.ifPresent(s -> namespaces.addAll(s.namespaces()));
        namespaces.addAll(existingNamespaces(name));
        // A half-done 'lab up' of this lab that is still running would go on creating things.
        state.ifPresent(s -> killUp(s.upPid()));
        int killed = killProcesses(namespaces, state.map(LabState::pids).orElse(List.of()));
        HostNamespaces.unmountAll(LabState.dirOf(name));
        List<String> present = namespaces.stream().filter(ns -> Files.exists(NETNS.resolve(ns))).toList();
        if (!present.isEmpty()) {
            StringBuilder batch = new StringBuilder();
            present.forEach(ns -> batch.append("netns del ").append(ns).append('\n'));
            ExternalCommand.Result r = ExternalCommand.run(List.of(LabPackages.binary("ip"), "-force", "-batch", "-"),
                    batch.toString(), IP_TIMEOUT);
            List<String> left = present.stream().filter(ns -> Files.exists(NETNS.resolve(ns))).toList();
            if (!left.isEmpty()) {
                throw new NetkitException(1, "could not delete namespaces " + left + ": "
                        + ExternalCommand.firstLines(r.stderr(), 3));
            }
        }
        for (String ns : namespaces) {
            LabState.deleteTree(ETC_NETNS.resolve(ns));
        }
        LabState.deleteTree(LabState.dirOf(name));
        return new Down(name, present, killed, millis(t0));
    }

    /** Removes every lab that has a netkit marker; namespaces without one are never touched. */
    public static List<Down> downAll() {
        List<Down> all = new ArrayList<>();
        for (LabState s : LabState.all()) {
            all.add(down(s.name()));
        }
        return all;
    }

    /** Namespaces in /run/netns named {@code nk<name>-<host>} for a host of a built-in topology. */
    static List<String> existingNamespaces(String name) {
        List<String> found = new ArrayList<>();
        for (String host : Topologies.allHostNames()) {
            String ns = namespace(name, host);
            if (Files.exists(NETNS.resolve(ns))) {
                found.add(ns);
            }
        }
        return found;
    }

    private static void killUp(long pid) {
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(ph -> {
            String cmd = ph.info().commandLine().orElse("");
            if (cmd.contains("lab") && cmd.contains("up")) {
                ph.destroyForcibly();
            }
        });
    }

    /**
     * Kills (SIGKILL) every process inside the namespaces, and the recorded daemons, until none is left;
     * returns how many were killed.
     */
    private static int killProcesses(Set<String> namespaces, List<String[]> pids) {
        Set<String> links = new LinkedHashSet<>();
        for (String ns : namespaces) {
            try {
                Object ino = Files.getAttribute(NETNS.resolve(ns), "unix:ino");
                links.add("net:[" + ino + "]");
            } catch (IOException | UnsupportedOperationException e) {
                // not mounted (any more)
            }
        }
        Set<Long> recorded = new LinkedHashSet<>();
        for (String[] p : pids) {
            try {
                recorded.add(Long.parseLong(p[2]));
            } catch (NumberFormatException ignored) {
                // a damaged line
            }
        }
        String rootNet = netLink(ProcessHandle.current().pid());
        long self = ProcessHandle.current().pid();
        int killed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        Set<Long> seen = new LinkedHashSet<>();
        while (true) {
            List<ProcessHandle> victims = new ArrayList<>();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.toList()) {
                    String f = p.getFileName().toString();
                    if (f.isEmpty() || !Character.isDigit(f.charAt(0))) {
                        continue;
                    }
                    long pid = Long.parseLong(f);
                    if (pid == self) {
                        continue;
                    }
                    String link = netLink(pid);
                    boolean inLab = link != null && links.contains(link);
                    // A recorded daemon outside the root namespace whose namespace was already unmounted.
                    boolean strayDaemon = recorded.contains(pid) && link != null && !link.equals(rootNet);
                    if (inLab || strayDaemon) {
                        ProcessHandle.of(pid).ifPresent(victims::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            victims.removeIf(ph -> !ph.isAlive());
            if (victims.isEmpty()) {
                return killed;
            }
            for (ProcessHandle ph : victims) {
                if (seen.add(ph.pid())) {
                    killed++;
                }
                ph.destroyForcibly();
            }
            if (System.nanoTime() > deadline) {
                throw new NetkitException(1, "processes " + victims.stream().map(ProcessHandle::pid).toList()
                        + " in the lab did not die");
            }
            sleep(10);
        }
    }

    private static String netLink(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetkitException(1, "interrupted");
        }
    }
}
