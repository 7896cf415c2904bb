package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.arp.ArpAnswer;
import dev.netkit.arp.ArpEndpoint;
import dev.netkit.arp.ArpEndpoints;
import dev.netkit.arp.ArpScanner;
import dev.netkit.capture.CaptureOptions;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.LiveCapture;
import dev.netkit.packet.MacAddress;
import dev.netkit.route.RouteDecision;
import dev.netkit.route.RouteLookup;
import dev.netkit.scan.ConnectScanner;
import dev.netkit.scan.HostDiscovery;
import dev.netkit.scan.PortResult;
import dev.netkit.scan.PortSpec;
import dev.netkit.scan.PortState;
import dev.netkit.scan.ScanTarget;
import dev.netkit.scan.ScanTargets;
import dev.netkit.scan.SynScanner;
import dev.netkit.scan.UdpScanner;
import dev.netkit.system.InterfaceTable;
import dev.netkit.system.NeighborTable;
import dev.netkit.system.OuiRegistry;
import dev.netkit.system.Privileges;
import dev.netkit.system.RouteTable;
import dev.netkit.system.Services;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code netkit scan}: nmap-style host discovery and TCP/UDP port scans. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the hosts that are up and the state of their ports, as nmap does: -sS a stateless SYN",
                "scan on the capture layer (default with CAP_NET_RAW), -sT connect() scans, -sU UDP, -sn discovery only."},
        footer = {"", "Examples:", "  netkit scan -p- server.netkit.test", "  netkit scan -sT -p 22,80,443 198.18.10.10",
                "  netkit scan -sU -p 7,53 198.18.10.10", "  netkit scan -sn 198.18.1.0/24"})
public final class Scan implements Callable<Integer> {
    @Option(names = "-sS", description = "TCP SYN scan (needs CAP_NET_RAW; IPv4).")
    boolean syn;
    @Option(names = "-sT", description = "TCP connect() scan.")
    boolean connect;
    @Option(names = "-sU", description = "UDP scan.")
    boolean udp;
    @Option(names = "-sn", description = "Host discovery only, no port scan.")
    boolean discoveryOnly;
    @Option(names = "-p", paramLabel = "PORTS", description = "Ports: 22,80,8000-8100, - for all, T:/U: prefixes.")
    String ports;
    @Option(names = "--top-ports", paramLabel = "N", description = "The N most common ports (nmap-services).")
    Integer topPorts;
    @Option(names = "-Pn", description = "Treat every host as up: no discovery.")
    boolean noPing;
    @Option(names = "--exclude", split = ",", paramLabel = "HOST", description = "Targets to leave out.")
    List<String> exclude = new ArrayList<>();
    @Option(names = "-iL", paramLabel = "FILE", description = "Read targets from FILE (one per line, # comments).")
    Path inputList;
    @Option(names = "--rate", paramLabel = "PPS", description = "SYN probes per second (default 10000).")
    double rate = 10000;
    @Option(names = "--max-retries", paramLabel = "N", description = "Retransmissions of unanswered probes.")
    Integer maxRetries;
    @Option(names = "-T", paramLabel = "0-5", description = "Timing: 0-2 slow, 3 normal, 4-5 fast (wait for replies).")
    int timing = 4;
    @Option(names = "--open", description = "Show only open (or possibly open) ports.")
    boolean onlyOpen;
    @Option(names = "--reason", description = "Say why each port has its state.")
    boolean reason;
    @Option(names = "-oG", paramLabel = "FILE", description = "Also write greppable output to FILE (- for stdout).")
    String greppable;
    @Option(names = "--shard", paramLabel = "I/N", description = "Scan the I-th of N deterministic parts.")
    String shard;
    @Option(names = "--seed", paramLabel = "S", description = "Seed of the shard permutation (same on every machine).")
    long seed;
    @Option(names = {"-e", "--iface"}, paramLabel = "IFACE", description = "Interface for ARP discovery.")
    String iface;
    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Addresses, names, CIDRs, ranges (198.18.1.10-20).")
    List<String> targets = new ArrayList<>();
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    int waitMs() {
        return switch (timing) {
            case 0, 1, 2 -> 2000;
            case 3 -> 1000;
            case 4 -> 500;
            default -> 300;
        };
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if ((syn ? 1 : 0) + (connect ? 1 : 0) + (discoveryOnly ? 1 : 0) > 1) {
            throw NetkitException.usage("-sS, -sT and -sn exclude each other");
        }
        if (timing < 0 || timing > 5) {
            throw NetkitException.usage("-T takes 0 to 5");
        }
        List<String> specs = new ArrayList<>(targets);
        if (inputList != null) {
            try {
                for (String l : Files.readAllLines(inputList)) {
                    String s = l.replaceAll("#.*", "").strip();
                    if (!s.isEmpty()) {
                        specs.addAll(List.of(s.split("\\s+")));
                    }
                }
            } catch (IOException e) {
                throw NetkitException.usage("cannot read " + inputList + ": " + e.getMessage());
            }
        }
        if (specs.isEmpty()) {
            throw NetkitException.usage("give at least one target (address, name, CIDR, range or -iL FILE)");
        }
        List<ScanTarget> all = ScanTargets.expand(specs, Set.copyOf(exclude), ScanTargets::resolve);
        boolean raw = Privileges.has(Privileges.CAP_NET_RAW);
        PrintWriter out = spec.commandLine().getOut();
        int retries = maxRetries != null ? maxRetries : timing >= 5 ? 1 : 2;

        // discovery
        Map<InetAddress, HostDiscovery.Up> up = new LinkedHashMap<>();
        if (noPing && !discoveryOnly) {
            all.forEach(t -> up.put(t.address(), new HostDiscovery.Up(t.address(), -1, null, "user-set")));
        } else {
            ArpEndpoint local = null;
            if (raw) {
                try {
                    local = ArpEndpoints.pick(iface, null);
                } catch (NetkitException e) {
                    local = null;
                }
            }
            up.putAll(new HostDiscovery(waitMs()).discover(all, local, raw ? Arp::open : null));
        }
        Map<InetAddress, List<PortResult>> results = new LinkedHashMap<>();
        if (!discoveryOnly && !up.isEmpty()) {
            List<ScanTarget> live = all.stream().filter(t -> up.containsKey(t.address())).toList();
            PortSpec ps = portSpec();
            List<Integer> tcp = shard(ps.tcp());
            List<Integer> udpPorts = shard(ps.udp());
            boolean useSyn = syn || (!connect && raw && live.stream().allMatch(t -> t.address() instanceof Inet4Address));
            if (syn && !raw) {
                throw NetkitException.privilege("a SYN scan (-sS); -sT needs no privilege");
            }
            List<PortResult> all2 = new ArrayList<>();
            if (!tcp.isEmpty() && !(udp && ports == null && topPorts == null && !syn && !connect)) {
                all2.addAll(useSyn ? synScan(live, tcp, retries) : new ConnectScanner(1000, waitMs(), retries)
                        .scan(live, tcp, r -> { }));
            }
            if (udp && !udpPorts.isEmpty()) {
                all2.addAll(new UdpScanner(1000, Math.max(waitMs(), 1000), retries).scan(live, udpPorts, r -> { }));
            }
            for (ScanTarget t : live) {
                results.put(t.address(), new ArrayList<>());
            }
            for (PortResult r : all2) {
                results.get(r.host()).add(r);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        new ScanText(out, output.json, onlyOpen, reason, discoveryOnly, Services.system(), OuiRegistry.system())
                .render(all, up, results, elapsed);
        if (greppable != null) {
            ScanText.greppable(greppable.equals("-") ? out : null, greppable, all, up, results);
        }
        out.flush();
        return up.isEmpty() ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    PortSpec portSpec() {
        if (ports != null && topPorts != null) {
            throw NetkitException.usage("-p and --top-ports exclude each other");
        }
        if (ports != null) {
            return PortSpec.parse(ports.equals("-") ? "1-65535" : ports, udp && !syn && !connect ? "udp" : "tcp");
        }
        int n = topPorts != null ? topPorts : 1000;
        return new PortSpec(PortSpec.top(n, "tcp"), udp ? PortSpec.top(n, "udp") : List.of());
    }

    /** The ports of shard I of N: a permutation fixed by the seed, every N-th from I-1. */
    List<Integer> shard(List<Integer> list) {
        if (shard == null) {
            return list;
        }
        String[] p = shard.split("/");
        int i;
        int n;
        try {
            i = Integer.parseInt(p[0]);
            n = Integer.parseInt(p[1]);
        } catch (RuntimeException e) {
            throw NetkitException.usage("--shard takes I/N, like 1/3");
        }
        if (n < 1 || i < 1 || i > n) {
            throw NetkitException.usage("--shard I/N needs 1 <= I <= N");
        }
        List<Integer> perm = new ArrayList<>(list);
        Collections.shuffle(perm, new Random(seed));
        List<Integer> mine = new ArrayList<>();
        for (int k = i - 1; k < perm.size(); k += n) {
            mine.add(perm.get(k));
        }
        Collections.sort(mine);
        return mine;
    }

    List<PortResult> synScan(List<ScanTarget> live, List<Integer> tcp, int retries) {
        var ifaces = new InterfaceTable().read(null);
        RouteLookup lookup = new RouteLookup(RouteTable.read(true, false), RouteTable.readRuleTables(false), ifaces);
        Map<String, List<Inet4Address>> groups = new LinkedHashMap<>();
        Map<String, RouteDecision> routes = new LinkedHashMap<>();
        for (ScanTarget t : live) {
            RouteDecision d = lookup.lookup(t.address());
            if (d.winner() == null || d.dev() == null || d.src() == null) {
                throw new NetkitException(ExitCode.NEGATIVE, "no route to " + t.address().getHostAddress());
            }
            String k = d.dev() + " " + d.nextHop().getHostAddress();
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add((Inet4Address) t.address());
            routes.putIfAbsent(k, d);
        }
        List<PortResult> out = new ArrayList<>();
        for (Map.Entry<String, List<Inet4Address>> g : groups.entrySet()) {
            RouteDecision d = routes.get(g.getKey());
            String dev = d.dev();
            MacAddress self;
            MacAddress next;
            if (dev.equals("lo")) {
                self = MacAddress.ZERO;
                next = MacAddress.ZERO;
            } else {
                ArpEndpoint e = ArpEndpoints.pick(dev, (Inet4Address) d.src());
                self = e.mac();
                next = nextHopMac(e, (Inet4Address) d.nextHop());
            }
            int sport = 40000 + ThreadLocalRandom.current().nextInt(20000);
            long key = ThreadLocalRandom.current().nextLong();
            try (FrameChannel ch = LiveCapture.open(CaptureOptions.on(dev).withPromiscuous(false).withSnaplen(256)
                    .withBufferSize(8 * 1024 * 1024).withFilter(SynScanner.filter(sport)))) {
                out.addAll(new SynScanner(ch, self, next, (Inet4Address) d.src(), sport, key, rate, retries,
                        waitMs() * 1_000_000L).scan(g.getValue(), tcp, r -> { }));
            }
        }
        return out;
    }

    static MacAddress nextHopMac(ArpEndpoint e, Inet4Address hop) {
        String known = NeighborTable.mac(hop, e.iface());
        if (known != null) {
            return MacAddress.parse(known);
        }
        try (FrameChannel ch = Arp.open(e.iface())) {
            List<ArpAnswer> a = new ArpScanner(ch, e, 0, 300_000_000L, 3).scan(List.of(hop), x -> { });
            if (a.isEmpty()) {
                throw new NetkitException(ExitCode.NEGATIVE, "the next hop " + hop.getHostAddress()
                        + " does not answer ARP on " + e.iface());
            }
            return a.get(0).mac();
        }
    }
}
