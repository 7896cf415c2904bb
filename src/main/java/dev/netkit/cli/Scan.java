package dev.netkit.cli;

import dev.netkit.TerminalText;
import dev.netkit.cli.render.ScanProgress;
import dev.netkit.cli.render.ScanRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.HelperCapture;
import dev.netkit.capture.LiveCapture;
import dev.netkit.arp.ArpEndpoint;
import dev.netkit.arp.ArpEndpoints;
import dev.netkit.scan.BannerGrabber;
import dev.netkit.scan.ConnectScanner;
import dev.netkit.scan.HostDiscovery;
import dev.netkit.scan.PortResult;
import dev.netkit.scan.PortSpec;
import dev.netkit.scan.PortTable;
import dev.netkit.scan.RoutedScan;
import dev.netkit.scan.ScanControl;
import dev.netkit.scan.ScanReport;
import dev.netkit.scan.ScanRoutes;
import dev.netkit.scan.ScanTarget;
import dev.netkit.scan.ServiceScanner;
import dev.netkit.scan.ScanTargets;
import dev.netkit.scan.ScanTiming;
import dev.netkit.scan.SynScanner;
import dev.netkit.scan.TcpProbe;
import dev.netkit.scan.UdpScanner;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.OuiRegistry;
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
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@code netkit scan}: nmap-style host discovery and TCP/UDP port scans. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the hosts that are up and the state of their ports, as nmap.",
                "-sS a stateless SYN scan on the capture layer (default with CAP_NET_RAW), -sT connect() scans,",
                "-sU UDP, -sn discovery only."},
        footer = {"", "Examples:", "  netkit scan -p- server.netkit.test", "  netkit scan -sT -p 22,80,443 198.18.10.10",
                "  netkit scan -sU -p 7,53 198.18.10.10", "  netkit scan -sn 198.18.1.0/24"})
public final class Scan implements Callable<Integer> {
    private static final OptionRange TEMPLATES = OptionRange.whole(0, 5);
    private static final OptionRange RETRIES = OptionRange.whole(0, ScanTiming.MAX_RETRIES);
    private static final OptionRange RATE = OptionRange.perSecond(ScanTiming.MAX_RATE);
    /** nmap's -p takes port 0 when it is named (its -p- is 1-65535). */
    private static final OptionRange PORTS = OptionRange.whole(0, 65535);
    /** As many as there are ports (nmap: at most its nmap-services' entries). */
    private static final OptionRange TOP_PORTS = OptionRange.whole(1, 65535);
    @Option(names = "-sS", description = "TCP SYN scan (needs CAP_NET_RAW; IPv4 and IPv6).")
    boolean syn;
    @Option(names = "-sA", description = "TCP ACK scan: unfiltered (a reset came) or filtered, as nmap's.")
    boolean ack;
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
    @Option(names = "--rate", paramLabel = "PPS", description = "Probes per second, fixed, whatever the replies say"
            + " (masscan's --rate; default: nmap's congestion control).")
    String rate;
    @Option(names = "--min-rate", paramLabel = "PPS", description = "Send at least PPS probes per second (nmap's).")
    String minRate;
    @Option(names = "--max-rate", paramLabel = "PPS", description = "Send at most PPS probes per second (nmap's).")
    String maxRate;
    @Option(names = "--max-retries", paramLabel = "N", description = "Retransmissions of unanswered probes at most"
            + " (default: the -T template's, 10 at -T3).")
    Integer maxRetries;
    @Option(names = "--host-timeout", paramLabel = "T",
            description = "Give up on a host after T (30s, 500ms, 2m; plain number: seconds) and skip it in the report.")
    String hostTimeout;
    @Option(names = "-T", paramLabel = "0-5", description = "nmap's timing template: 0-2 slow, 3 normal (default),"
            + " 4 aggressive, 5 insane.")
    int timing = 3;
    @Option(names = "--open", description = "Show only open (or possibly open) ports.")
    boolean onlyOpen;
    @Option(names = "--reason", description = "Say why each port has its state.")
    boolean reason;
    @Option(names = "--banners", description = "Read a banner from each open TCP port (what the service says first,"
            + " or its answer to a small HTTP request).")
    boolean banners;
    @Mixin
    ScanReportFiles reports;
    @Option(names = "--stats-every", paramLabel = "T", description = "Print progress on stderr every T"
            + " (on a terminal it is shown anyway, once a second).")
    String statsEvery;
    @Option(names = "--dry-run", description = "List the targets and count the probes; send nothing.")
    boolean dryRun;
    @Option(names = "--shard", paramLabel = "I/N", description = "Scan the I-th of N deterministic parts.")
    String shard;
    @Option(names = "--seed", paramLabel = "S", description = "Seed of the shard permutation (same on every machine).")
    long seed;
    @Option(names = {"-e", "--iface"}, paramLabel = "IFACE", description = "Interface for ARP discovery.")
    String iface;
    // service detail (issue 16: -sV, --tls)
    @Option(names = "-sV", description = "Service detail of open TCP ports: a TLS handshake on TLS ports (protocol,"
            + " cipher, certificate, ALPN), the Server header and title of HTTP, the greeting of SSH, SMTP, FTP, ...")
    boolean versions;
    @Option(names = "--tls", split = ",", paramLabel = "PORT", description = "With -sV: also handshake TLS on PORT.")
    List<Integer> tlsPorts = new ArrayList<>();
    /** Set by ScanResume, whose parts write JSON for it, not for the user: progress follows the user's --json. */
    Boolean progressAsJson;
    @Option(names = "--resume", paramLabel = "FILE", description = "Finish the interrupted scan whose -oX report is"
            + " FILE (its options are read from it), without probing again what it found.")
    Path resume;

    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Addresses, names, CIDRs, ranges (198.18.1.10-20).")
    List<String> targets = new ArrayList<>();
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** nmap's timing template with the options that override it. */
    ScanTiming timing() {
        ScanTiming t = ScanTiming.template(TEMPLATES.check("-T", timing));
        if (maxRetries != null) {
            t = t.withMaxRetries(RETRIES.check("--max-retries", maxRetries));
        }
        t = t.withRates(minRate == null ? 0 : rate(minRate, "--min-rate"),
                maxRate == null ? 0 : rate(maxRate, "--max-rate"));
        return rate == null ? t : t.withFixedRate(rate(rate, "--rate"));
    }

    private static double rate(String text, String option) {
        return RATE.check(option, ScanTiming.rate(text, option));
    }

    /** nmap's time syntax (30s, 500ms, 2m) read by the engine; its range checked here, as every option's. */
    private static long duration(String text, String option) {
        long nanos = ScanTiming.duration(text, option);
        OptionRange.POSITIVE_SECONDS.check(option, text, nanos / 1e9);
        return nanos;
    }

    /** A service's wait for its first bytes: the template's initial round-trip timeout, a second at least. */
    static int serviceWaitMs(ScanTiming pace) {
        return (int) Math.max(1000, Math.min(10_000, pace.initialRtt() / 1_000_000));
    }

    @Override
    public Integer call() {
        if (resume != null) {
            return ScanResume.run(this, resume);
        }
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        if ((syn ? 1 : 0) + (ack ? 1 : 0) + (connect ? 1 : 0) + (discoveryOnly ? 1 : 0) > 1) {
            throw NetkitException.usage("-sS, -sA, -sT and -sn exclude each other");
        }
        ScanTiming pace = timing();
        long hostTimeoutNanos = hostTimeout == null ? 0 : duration(hostTimeout, "--host-timeout");
        checkReportOptions();
        long statsNanos = statsEvery == null ? 0 : duration(statsEvery, "--stats-every");
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ScanTarget> outside = ScanTargets.outsideLocalScope(all);
        if (!outside.isEmpty()) {
            err.println("netkit scan: warning: " + outside.size() + " target" + (outside.size() == 1 ? " is" : "s are")
                    + " outside the private, benchmarking and documentation ranges (first: "
                    + IpLiteral.format(outside.get(0).address()) + "); scan only networks you may scan");
            err.flush();
        }
        PortSpec ps = discoveryOnly ? new PortSpec(List.of(), List.of()) : portSpec();
        List<Integer> tcp = shard(ps.tcp());
        List<Integer> udpPorts = udp ? shard(ps.udp()) : List.of();
        if (udp && !syn && !ack && !connect && ports == null) {
            tcp = List.of(); // -sU alone: UDP only, as nmap
        }
        if (dryRun) {
            for (ScanTarget t : all) {
                out.println(t.name() == null ? IpLiteral.format(t.address())
                        : TerminalText.escape(t.name()) + " (" + IpLiteral.format(t.address()) + ")");
            }
            out.printf(Locale.ROOT, "netkit scan: dry run: %d address%s x %d tcp + %d udp ports = %d probes;"
                    + " nothing sent%n", all.size(), all.size() == 1 ? "" : "es", tcp.size(), udpPorts.size(),
                    (long) all.size() * (tcp.size() + udpPorts.size()));
            out.flush();
            return ExitCode.OK;
        }
        boolean raw = LiveCapture.available();
        if ((syn || ack) && !raw) {
            throw NetkitException.privilege(ack ? "an ACK scan (-sA)" : "a SYN scan (-sS)",
                    "-sT needs no privilege; " + HelperCapture.howToCapture());
        }
        if ((syn || ack) && !tcp.isEmpty()) {
            RoutedScan.requireEthernet(all.stream().map(ScanTarget::address).toList(), ack ? "-sA" : "-sS");
        }
        ScanControl control = new ScanControl(hostTimeoutNanos);
        Object signals = SignalStop.install(control::stop);
        ScanProgress progress = ScanProgress.start(control, err, statsNanos,
                progressAsJson != null ? progressAsJson : output.json);
        Map<InetAddress, HostDiscovery.Up> up = new LinkedHashMap<>();
        List<PortTable> tables = new ArrayList<>();
        try {
            if (noPing && !discoveryOnly) {
                // every target is up (user-set): entered after the scan, which may leave out the silent ones
            } else {
                ArpEndpoint local = null;
                if (raw) {
                    try {
                        local = ArpEndpoints.pick(iface, null);
                    } catch (NetkitException e) {
                        local = null;
                    }
                }
                HostDiscovery discovery = new HostDiscovery((int) Math.min(2000, pace.initialRtt() / 1_000_000),
                        (int) (pace.minRtt() / 1_000_000));
                if (raw) {
                    discovery.withRoutes(ScanRoutes.discoveryRoutes());
                }
                up.putAll(discovery.discover(all, local, raw ? dev.netkit.capture.LiveCapture::forAnswers : null, control));
            }
            boolean userSet = noPing && !discoveryOnly;
            if (!discoveryOnly && (userSet || !up.isEmpty()) && !control.stopped()) {
                List<InetAddress> live = all.stream().map(ScanTarget::address)
                        .filter(a -> userSet || up.containsKey(a)).toList();
                // as root, nmap's default is -sS; targets over loopback or links without Ethernet go by connect()
                boolean useRaw = syn || ack || (!connect && raw);
                RoutedScan.Plan plan = useRaw && !tcp.isEmpty() ? RoutedScan.plan(live) : null;
                List<InetAddress> viaRaw = plan == null ? List.of() : plan.raw();
                List<InetAddress> others = plan == null ? live : plan.others();
                if ((syn || ack) && !others.isEmpty() && !tcp.isEmpty()) {
                    err.println("netkit scan: warning: " + others.size() + " target" + (others.size() == 1 ? " is"
                            : "s are") + " reached without Ethernet (first: " + IpLiteral.format(others.getFirst())
                            + "): " + (ack ? "not scanned, -sA needs raw frames" : "scanned by connect(), as -sT"));
                }
                List<InetAddress> viaConnect = ack ? List.of() : others;
                if (!tcp.isEmpty() && !viaRaw.isEmpty()) {
                    TcpProbe kind = ack ? TcpProbe.ACK : TcpProbe.SYN;
                    tables.addAll(new RoutedScan(g -> new SynScanner(g.channel(), g.self(), g.nextHop(), g.source(),
                            g.sourcePort(), g.key(), kind, pace)).scan(plan, tcp, control));
                }
                if (!tcp.isEmpty() && !viaConnect.isEmpty() && !control.stopped()) {
                    tables.add(new ConnectScanner(pace).scan(viaConnect, tcp, control));
                }
                if (!udpPorts.isEmpty() && !control.stopped()) {
                    tables.add(new UdpScanner(pace).scan(live, udpPorts, control));
                }
                if (banners && !control.stopped()) {
                    BannerGrabber g = new BannerGrabber(serviceWaitMs(pace), 256, 64);
                    tables.replaceAll(t -> t.proto().equals("tcp") ? t.withBanners(g.grab(t, control)) : t);
                }
            }
            if (userSet) {
                // a stateless sweep reports, as masscan, only the hosts that answered it: the silent ones are not up
                // silent: in a lean table that it did not answer, and in no table that reports every host (-sU's)
                Predicate<InetAddress> silent = a -> tables.stream().anyMatch(t -> t.hostIndex(a) >= 0)
                        && tables.stream().allMatch(t -> t.hostIndex(a) < 0 || !t.heardFrom(t.hostIndex(a)));
                all.stream().map(ScanTarget::address).filter(silent.negate())
                        .forEach(a -> up.put(a, new HostDiscovery.Up(a, -1, null, "user-set")));
            }
        } finally {
            progress.close();
            SignalStop.restore(signals);
        }
        Function<InetAddress, List<PortResult>> tableResults = a -> {
            List<PortResult> l = new ArrayList<>();
            for (PortTable t : tables) {
                int h = t.hostIndex(a);
                if (h >= 0) {
                    l.addAll(t.results(h));
                }
            }
            return l;
        };
        Function<InetAddress, List<PortResult>> results = serviceDetail(all, tableResults, control);
        Predicate<InetAddress> skipped = a -> tables.stream().anyMatch(t -> t.hostIndex(a) >= 0
                && t.skipped(t.hostIndex(a)));
        double elapsed = (System.nanoTime() - start) / 1e9;
        boolean partial = control.stopped();
        if (partial) {
            err.println("netkit scan: interrupted; the report shows what was found so far");
            err.flush();
        }
        ScanRenderer renderer = new ScanRenderer(out, output.json, onlyOpen, reason, discoveryOnly, Services.system(),
                OuiRegistry.system());
        renderer.render(all, up, results, skipped, elapsed);
        reports.write(renderer, out, new ScanReport(all, all.size(), up, results, skipped,
                scanInfo(tcp, udpPorts, raw), java.time.Instant.ofEpochMilli(startMillis), elapsed, commandLine()),
                onlyOpen);
        out.flush();
        if (partial) {
            return ExitCode.PARTIAL;
        }
        return up.isEmpty() ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    /** The report files and --tls: refused before anything is sent (and nothing written) when they cannot be. */
    void checkReportOptions() {
        reports.check(output.json);
        for (int p : tlsPorts) {
            OptionRange.PORT.check("--tls", p);
        }
        if (!tlsPorts.isEmpty() && !versions) {
            throw NetkitException.usage("--tls goes with -sV");
        }
    }

    /** -sV: each open TCP port's detail joined to its verdict (Ctrl-C stops it and keeps what it found). */
    Function<InetAddress, List<PortResult>> serviceDetail(List<ScanTarget> all,
            Function<InetAddress, List<PortResult>> results, ScanControl control) {
        if (!versions || control.stopped()) {
            return results;
        }
        Object signals = SignalStop.install(control::stop);
        try {
            return new ServiceScanner(serviceWaitMs(timing()), Set.copyOf(tlsPorts), 64).attach(all, results, control);
        } finally {
            SignalStop.restore(signals);
        }
    }

    /** What each protocol's scan was, for the XML's scaninfo. */
    List<ScanReport.ScanInfo> scanInfo(List<Integer> tcp, List<Integer> udpPorts, boolean raw) {
        List<ScanReport.ScanInfo> l = new ArrayList<>();
        if (!discoveryOnly && !tcp.isEmpty()) {
            l.add(new ScanReport.ScanInfo(ack ? "ack" : syn || (!connect && raw) ? "syn" : "connect", "tcp", tcp));
        }
        if (!discoveryOnly && !udpPorts.isEmpty()) {
            l.add(new ScanReport.ScanInfo("udp", "udp", udpPorts));
        }
        return l;
    }

    /** The command line as the reports' headers give it: netkit scan ARGS. */
    String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (args.isEmpty() || !args.get(0).equals("scan")) {
            args.add(0, "scan");
        }
        return "netkit " + String.join(" ", args);
    }

    /** --shard I/N's part of {@code ports} (no --shard: all). */
    List<Integer> shard(List<Integer> ports) {
        if (shard == null) {
            return ports;
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
        OptionRange.COUNT.check("--shard", shard, n);
        OptionRange.whole(1, n).check("--shard", shard, i);
        return PortSpec.shard(ports, i, n, seed);
    }

    PortSpec portSpec() {
        if (ports != null && topPorts != null) {
            throw NetkitException.usage("-p and --top-ports exclude each other");
        }
        if (ports != null) {
            return PortSpec.parse(ports.equals("-") ? "1-65535" : ports, udp && !syn && !ack && !connect ? "udp" : "tcp",
                    n -> PORTS.check("-p", n));
        }
        int n = topPorts != null ? TOP_PORTS.check("--top-ports", topPorts) : 1000;
        return new PortSpec(PortSpec.top(n, "tcp"), udp ? PortSpec.top(n, "udp") : List.of());
    }
}
