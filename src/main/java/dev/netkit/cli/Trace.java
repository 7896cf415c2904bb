package dev.netkit.cli;

import dev.netkit.cli.render.JsonLines;
import dev.netkit.cli.render.TraceDotRenderer;
import dev.netkit.cli.render.TraceRenderer;
import dev.netkit.system.IpLiteral;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.probe.KernelProbeChannel;
import dev.netkit.probe.PmtuMode;
import dev.netkit.probe.Probe;
import dev.netkit.probe.ProbeChannel;
import dev.netkit.probe.ProbeChannels;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.registry.Asn;
import dev.netkit.registry.AsnResolver;
import dev.netkit.trace.HopStatistics;
import dev.netkit.trace.PathMtuEngine;
import dev.netkit.trace.TraceEngine;
import dev.netkit.trace.TraceHop;
import dev.netkit.trace.TraceProbe;
import dev.netkit.trace.TraceResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code netkit trace}: traceroute, tracepath (--mtu) and mtr's report (--report) over UDP, ICMP or TCP. */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the routers on the way to a host (traceroute), the path MTU (--mtu, tracepath) or",
                "loss and round trips per hop over several cycles (--report, mtr)."},
        footer = {"Exit codes: 0 the destination answered, 1 it did not, 2 error, 4 missing privilege."})
public final class Trace implements Callable<Integer> {
    @Option(names = {"-I", "--icmp"}, description = "Probe with ICMP echo requests.")
    boolean icmp;
    @Option(names = {"-U", "--udp"}, description = "Probe with UDP datagrams (the default), to port 33434.")
    boolean udp;
    @Option(names = {"-T", "--tcp"}, description = "Probe with TCP SYNs, to port 80 unless -p.")
    boolean tcp;
    @Option(names = "-p", paramLabel = "PORT", description = "Destination port (UDP 33434, TCP 80).")
    Integer port;
    @Option(names = "-q", paramLabel = "PROBES", description = "Probes per hop (default 3).")
    int probes = 3;
    @Option(names = "-f", paramLabel = "FIRST_TTL", description = "Start at this TTL (default 1).")
    int firstTtl = 1;
    @Option(names = "-m", paramLabel = "MAX_TTL", description = "At most this many hops (default 30).")
    int maxTtl = 30;
    @Option(names = "-w", paramLabel = "MAX[,HERE,NEAR]", description = {"Seconds to wait for a probe at most"
            + " (default 5); as traceroute's -w, optionally HERE and NEAR (3,10): wait only HERE times the round trip"
            + " of an answer from the same hop, NEAR times one from a farther hop (0: not at all)."})
    String waitSpec = "5";
    private double wait;
    @Option(names = "-N", paramLabel = "PARALLEL", description = "Probes in flight at once (default 16).")
    int parallel = 16;
    @Option(names = "--flows", paramLabel = "N", description = {"Trace N flows at once (1..64, default 1): probes of"
            + " one flow keep the fields load balancers hash constant (Paris traceroute), flows differ in their source"
            + " port (ICMP: checksum), so load-balanced paths show up as different paths (Dublin traceroute)."})
    int flows = 1;
    @Option(names = "-n", description = "Numeric: no reverse lookups.")
    boolean numeric;
    @Option(names = "-4", description = "IPv4 only.")
    boolean ipv4;
    @Option(names = "-6", description = "IPv6 only.")
    boolean ipv6;
    @Option(names = "--asn", description = "Show each hop's origin AS (DNS TXT, Team Cymru's format).")
    boolean asn;
    @Option(names = "--asn-zone", paramLabel = "ZONE", description = "Origin zone for --asn (default origin.asn.cymru.com).")
    String asnZone = "origin.asn.cymru.com";
    @Option(names = "--mtu", description = "Find the path MTU at each hop (tracepath).")
    boolean mtu;
    @Option(names = "--report", description = "mtr's report: CYCLES rounds, then loss and round trips per hop.")
    boolean report;
    @Option(names = "-c", paramLabel = "CYCLES", description = "Cycles of --report (default 10).")
    int cycles = 10;
    @Option(names = "-i", paramLabel = "INTERVAL", description = "Seconds between --report cycles (default 1).")
    double interval = 1;
    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, csv or dot.")
    String format = "text";
    @Option(names = "--interface", paramLabel = "IFACE", description = "Send through this interface.")
    String iface;
    @Option(names = "--inject", negatable = true, description = {"Send by injecting Ethernet frames through the capture "
            + "layer (--inject: root, an Ethernet link; the next hop's MAC from the neighbour table or our own ARP or"
            + " neighbour solicitation) or through the kernel's sockets (--no-inject, the default: they start faster,"
            + " and work on loopback and tun). --mtu always uses the kernel's sockets (their path MTU cache)."})
    Boolean inject;
    @Mixin
    OutputMixin output;
    @Parameters(paramLabel = "HOST", arity = "1..*", description = "Destinations.")
    List<String> hosts = new ArrayList<>();
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Replaced by tests with a scripted channel. */
    static Supplier<ProbeChannel> channels = null;

    /** When this command started (System.nanoTime): a trace's time_ms counts its set-up (library, sockets) too. */
    private long startNanos;

    /** Where {@link #quick} runs print (picocli's writer otherwise). */
    private PrintWriter quickOut;

    private PrintWriter out() {
        return quickOut != null ? quickOut : spec.commandLine().getOut();
    }

    /**
     * A plain trace without picocli, for start-up: picocli's model of the root command and of this one's 30 options
     * costs more than tracing the lab. Takes only {@code trace [-n] [-I|-U|-T] [-4|-6] [--json] [-p|-q|-f|-m|-N
     * NUMBER] [-w SECONDS] HOST...}, each option a word of its own; returns null for anything else (or a bad number),
     * so the full command line handles it and prints what it always prints.
     */
    static Integer quick(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length < 2 || !args[0].equals("trace")) {
            return null;
        }
        Trace t = new Trace();
        t.startNanos = System.nanoTime();
        t.output = new OutputMixin();
        try {
            int i = 1;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (; i < args.length && args[i].startsWith("-"); i++) {
                if (!seen.add(args[i])) {
                    return null; // given twice: picocli says so
                }
                switch (args[i]) {
                    case "-n" -> t.numeric = true;
                    case "-I" -> t.icmp = true;
                    case "-U" -> t.udp = true;
                    case "-T" -> t.tcp = true;
                    case "-4" -> t.ipv4 = true;
                    case "-6" -> t.ipv6 = true;
                    case "--json" -> t.output.json = true;
                    case "-p", "-q", "-f", "-m", "-N", "-w" -> {
                        if (i + 1 >= args.length) {
                            return null;
                        }
                        String v = args[++i];
                        if (v.startsWith("-")) {
                            return null; // a value like "-6": picocli's own error
                        }
                        switch (args[i - 1]) {
                            case "-p" -> t.port = Integer.parseInt(v);
                            case "-q" -> t.probes = Integer.parseInt(v);
                            case "-f" -> t.firstTtl = Integer.parseInt(v);
                            case "-m" -> t.maxTtl = Integer.parseInt(v);
                            case "-N" -> t.parallel = Integer.parseInt(v);
                            default -> t.waitSpec = v;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (i == args.length) {
                return null;
            }
            for (; i < args.length; i++) {
                if (args[i].isEmpty() || args[i].startsWith("-") || args[i].startsWith("@")) {
                    return null;
                }
                t.hosts.add(args[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        t.quickOut = out;
        try {
            return t.call();
        } catch (IOException | RuntimeException e) {
            out.flush();
            return Netkit.reportFailure(err, "netkit trace", e, false);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        if ((icmp ? 1 : 0) + (udp ? 1 : 0) + (tcp ? 1 : 0) > 1) {
            throw NetkitException.usage("-I, -U and -T exclude each other");
        }
        double[] w = waitFactors(waitSpec);
        wait = w[0];
        if (probes < 1 || probes > 10 || firstTtl < 1 || maxTtl < firstTtl || maxTtl > 255 || parallel < 1
                || wait <= 0) {
            throw NetkitException.usage("check -q (1..10), -f/-m (1..255, first <= max), -N (>= 1) and -w (> 0)");
        }
        if (flows < 1 || flows > Probe.MAX_FLOWS) {
            throw NetkitException.usage("--flows " + flows + ": use 1.." + Probe.MAX_FLOWS);
        }
        if (flows > 1 && (mtu || report)) {
            throw NetkitException.usage("--flows goes with a plain trace, not with --mtu or --report");
        }
        if (output.json) {
            format = "json";
        }
        if (!List.of("text", "json", "csv", "dot").contains(format)) {
            throw NetkitException.usage("--format " + format + ": use text, json, csv or dot");
        }
        ProbeMethod method = icmp ? ProbeMethod.ICMP : tcp ? ProbeMethod.TCP : ProbeMethod.UDP;
        TraceEngine.Options defaults = TraceEngine.Options.defaults(method);
        TraceEngine.Options o = new TraceEngine.Options(method, port != null ? port : defaults.port(), probes, firstTtl,
                maxTtl, (long) (wait * 1e9), w[1], w[2], parallel, defaults.size(),
                PmtuMode.DONT);
        PrintWriter out = out();
        HostNames names = numeric ? null : new HostNames();
        AsnResolver resolver = asn ? new AsnResolver(asnZone) : null;
        Function<InetAddress, Asn> asnOf = resolver == null ? null : resolver::lookup;
        boolean allReached = true;
        TraceDotRenderer dot = format.equals("dot") ? new TraceDotRenderer(names, asnOf) : null;
        Renderers renderers = new Renderers(format, out, names, asnOf);
        List<InetAddress> destinations = new ArrayList<>();
        for (String host : hosts) {
            destinations.add(HostNames.resolve(host, ipv4, ipv6));
        }
        int transportBytes = (method == ProbeMethod.TCP ? 20 : 8) + o.size();
        try (ProbeChannel channel = channels != null ? channels.get() : open(destinations, transportBytes)) {
            for (int h = 0; h < hosts.size(); h++) {
                String host = hosts.get(h);
                InetAddress dst = destinations.get(h);
                boolean v6 = dst instanceof Inet6Address;
                int header = method == ProbeMethod.TCP ? 20 : 8;
                int bytes = (v6 ? 40 : 20) + header + o.size();
                boolean reached;
                if (mtu) {
                    reached = pathMtu(channel, o, host, dst, out, names);
                } else if (report) {
                    reached = report(channel, o, host, dst, out, names, asnOf);
                } else if (flows > 1) {
                    reached = flows(channel, o, host, dst, bytes, renderers.get(), dot);
                } else {
                    TraceEngine engine = new TraceEngine(channel, o);
                    // the first trace's time includes the command's set-up (library, sockets), later ones their own
                    long begin = h == 0 ? startNanos : System.nanoTime();
                    // The renderer is made at the first hop, not before the probes leave: its first-use costs (Jackson
                    // for JSON, the paths that format a hop) then fall into the wait for silent hops.
                    Renderers.Started started = renderers.forTarget(host, dst, maxTtl, bytes);
                    if (format.equals("text")) {
                        started.get(); // traceroute's header at once: a silent first hop may take seconds
                    }
                    TraceResult r;
                    try {
                        r = engine.run(host, dst, hop -> {
                            TraceRenderer renderer = started.get();
                            if (renderer != null) {
                                renderer.hop(host, dst, hop);
                            }
                        });
                    } finally {
                        started.get(); // the header, also when the trace failed
                    }
                    TraceRenderer renderer = started.get();
                    if (renderer != null) {
                        renderer.finish(r, (System.nanoTime() - begin) / 1_000_000.0);
                    }
                    if (dot != null) {
                        dot.add(localName(), r);
                    }
                    reached = r.reached();
                }
                allReached &= reached;
            }
            if (dot != null) {
                dot.print(out);
            }
        }
        out.flush();
        return allReached ? ExitCode.OK : ExitCode.NEGATIVE;
    }

    /** The renderer of a --format, made when first needed (null for dot, which {@link TraceDotRenderer} draws). */
    private static final class Renderers {
        private final String format;
        private final PrintWriter out;
        private final HostNames names;
        private final Function<InetAddress, Asn> asnOf;
        private TraceRenderer renderer;

        Renderers(String format, PrintWriter out, HostNames names, Function<InetAddress, Asn> asnOf) {
            this.format = format;
            this.out = out;
            this.names = names;
            this.asnOf = asnOf;
        }

        TraceRenderer get() {
            if (renderer == null) {
                renderer = switch (format) {
                    case "json" -> new TraceRenderer.Json(out, names, asnOf);
                    case "csv" -> new TraceRenderer.Csv(out, names, asnOf);
                    case "dot" -> null;
                    default -> new TraceRenderer.Text(out, names, asnOf);
                };
            }
            return renderer;
        }

        /** The renderer started for one target ({@link TraceRenderer#start}) when {@link Started#get} is first called. */
        Started forTarget(String host, InetAddress destination, int maxTtl, int bytes) {
            return new Started(host, destination, maxTtl, bytes);
        }

        final class Started {
            private final String host;
            private final InetAddress destination;
            private final int maxTtl;
            private final int bytes;
            private boolean started;

            Started(String host, InetAddress destination, int maxTtl, int bytes) {
                this.host = host;
                this.destination = destination;
                this.maxTtl = maxTtl;
                this.bytes = bytes;
            }

            TraceRenderer get() {
                TraceRenderer r = Renderers.this.get();
                if (!started) {
                    started = true;
                    if (r != null) {
                        r.start(host, destination, maxTtl, bytes);
                    }
                }
                return r;
            }
        }
    }

    /** The channel probes travel by: see {@link ProbeChannels#open}; --mtu always the kernel's sockets. */
    private ProbeChannel open(List<InetAddress> destinations, int transportBytes) {
        if (mtu) {
            return new KernelProbeChannel(iface, null);
        }
        // Unlike ping, a trace is one short burst: injection's set-up (pcap4j, the route and neighbour lookups)
        // would cost several times the whole trace, so the kernel's sockets are the default and --inject asks for it.
        ProbeChannels.Mode mode = Boolean.TRUE.equals(inject) ? ProbeChannels.Mode.INJECT : ProbeChannels.Mode.SOCKET;
        return ProbeChannels.open(destinations, iface, null, mode, transportBytes).channel();
    }

    /**
     * Several flows at once: NDJSON and CSV hops as they come (with their flow), text one block per flow when it is
     * done; then the distinct paths and the flows that took each. True when every flow reached the destination.
     */
    private boolean flows(ProbeChannel channel, TraceEngine.Options o, String host, InetAddress dst, int bytes,
                          TraceRenderer renderer, TraceDotRenderer dot) throws IOException {
        PrintWriter out = out();
        boolean text = renderer instanceof TraceRenderer.Text;
        if (text) {
            out.println("traceroute to " + host + " (" + IpLiteral.format(dst) + "), " + maxTtl + " hops max, "
                    + bytes + " byte packets, " + flows + " flows");
            out.flush();
        }
        long begin = System.nanoTime();
        TraceResult[] finished = new TraceResult[flows];
        int[] printed = {0};
        List<TraceResult> results = new TraceEngine(channel, o).run(host, dst, flows, new TraceEngine.FlowListener() {
            @Override
            public void hop(int flow, TraceHop hop) {
                if (renderer != null && !text) {
                    renderer.flow = flow + 1;
                    renderer.hop(host, dst, hop);
                }
            }

            @Override
            public void done(TraceResult r) {
                if (text) {
                    // blocks in flow order: a flow that finished early waits for the ones before it
                    finished[r.flow()] = r;
                    while (printed[0] < flows && finished[printed[0]] != null) {
                        TraceResult f = finished[printed[0]++];
                        out.println("flow " + (f.flow() + 1));
                        renderer.flow = f.flow() + 1;
                        for (TraceHop hop : f.hops()) {
                            renderer.hop(host, dst, hop);
                        }
                    }
                } else if (renderer != null) {
                    renderer.flow = r.flow() + 1;
                    renderer.finish(r, (System.nanoTime() - begin) / 1_000_000.0);
                }
            }
        });
        boolean reached = true;
        for (TraceResult r : results) {
            reached &= r.reached();
            if (dot != null) {
                dot.add(localName(), r);
            }
        }
        // Distinct paths: the responders of each hop, in TTL order; flows with the same list took the same path.
        java.util.LinkedHashMap<List<String>, List<Integer>> paths = new java.util.LinkedHashMap<>();
        for (TraceResult r : results) {
            List<String> path = new ArrayList<>();
            for (TraceHop hop : r.hops()) {
                List<String> who = new ArrayList<>();
                for (InetAddress a : hop.responders()) {
                    who.add(IpLiteral.format(a));
                }
                path.add(who.isEmpty() ? "*" : String.join("|", who));
            }
            paths.computeIfAbsent(path, k -> new ArrayList<>()).add(r.flow() + 1);
        }
        if (format.equals("json")) {
            JsonLines json = new JsonLines(out);
            JsonLines j = json.begin("paths").field("destination", host).field("address", IpLiteral.format(dst))
                    .field("flows", flows).field("distinct", paths.size());
            var g = j.generator();
            g.writeArrayFieldStart("paths");
            for (var e : paths.entrySet()) {
                g.writeStartObject();
                g.writeArrayFieldStart("flows");
                for (int f : e.getValue()) {
                    g.writeNumber(f);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("hops");
                for (String h : e.getKey()) {
                    if (h.equals("*")) {
                        g.writeNull();
                    } else {
                        g.writeString(h);
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            j.end();
        } else if (text) {
            out.println(flows + " flows, " + paths.size() + (paths.size() == 1 ? " path" : " distinct paths") + ":");
            int n = 1;
            for (var e : paths.entrySet()) {
                out.println("  path " + n++ + " (flow" + (e.getValue().size() == 1 ? " " : "s ")
                        + e.getValue().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                        + "): " + String.join(" ", e.getKey()));
            }
        }
        out.flush();
        return reached;
    }

    /** -w MAX[,HERE[,NEAR]]: the seconds and the two factors (traceroute's defaults 3 and 10). */
    static double[] waitFactors(String spec) {
        String[] parts = spec.split(",", -1);
        double[] w = {5, 3, 10};
        try {
            if (parts.length > 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < parts.length; i++) {
                w[i] = Double.parseDouble(parts[i].trim());
                if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw NetkitException.usage("-w " + spec + ": use MAX[,HERE,NEAR] (seconds, then factors >= 0)");
        }
        return w;
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private String who(HostNames names, InetAddress a) {
        String addr = IpLiteral.format(a);
        return names == null ? addr : names.name(a) + " (" + addr + ")";
    }

    /** tracepath's view: each hop with the path MTU known when it answered. */
    private boolean pathMtu(ProbeChannel channel, TraceEngine.Options o, String host, InetAddress dst, PrintWriter out,
                            HostNames names) throws IOException {
        int start = channel instanceof KernelProbeChannel ? KernelProbeChannel.pathMtu(dst) : 1500;
        if (start <= 0) {
            start = 1500;
        }
        JsonLines json = format.equals("json") ? new JsonLines(out) : null;
        if (json == null) {
            out.println("tracepath to " + host + " (" + IpLiteral.format(dst) + "), " + maxTtl + " hops max, pmtu "
                    + start);
            out.flush();
        }
        int[] last = {start};
        PathMtuEngine engine = new PathMtuEngine(channel, o.method(), o.port(), maxTtl, o.waitNanos());
        List<PathMtuEngine.MtuHop> hops = engine.run(dst, start, h -> {
            TraceProbe p = h.probe();
            if (json != null) {
                JsonLines j = json.begin("hop").field("destination", host).field("ttl", p.ttl());
                if (p.answered()) {
                    j.field("from", IpLiteral.format(p.from())).field("rtt_ms", p.rttMicros() / 1000.0);
                } else {
                    j.field("timeout", true);
                }
                j.field("pmtu", h.pmtu()).end();
                return;
            }
            StringBuilder b = new StringBuilder(String.format("%2d  ", p.ttl()));
            if (p.answered()) {
                b.append(who(names, p.from())).append("  ").append(TraceRenderer.ms(p.rttMicros())).append(" ms");
            } else {
                b.append("*");
            }
            if (h.pmtu() != last[0]) {
                b.append("  pmtu ").append(h.pmtu());
                last[0] = h.pmtu();
            }
            out.println(b);
            out.flush();
        });
        boolean reached = !hops.isEmpty() && hops.get(hops.size() - 1).probe().answered()
                && dst.equals(hops.get(hops.size() - 1).probe().from());
        int pmtu = hops.isEmpty() ? start : hops.get(hops.size() - 1).pmtu();
        if (json != null) {
            json.begin("summary").field("destination", host).field("address", IpLiteral.format(dst))
                    .field("reached", reached).field("hops", hops.size()).field("pmtu", pmtu).end();
        } else {
            out.println("     Resume: pmtu " + pmtu + (reached ? " hops " + hops.size() : ""));
        }
        return reached;
    }

    /** mtr --report: cycles of one probe per hop, then one line per hop. */
    private boolean report(ProbeChannel channel, TraceEngine.Options o, String host, InetAddress dst, PrintWriter out,
                           HostNames names, Function<InetAddress, Asn> asnOf) throws IOException {
        TreeMap<Integer, HopStatistics> stats = new TreeMap<>();
        int lastTtl = o.maxTtl();
        boolean reached = false;
        String start = java.time.OffsetDateTime.now().withNano(0).toString();
        for (int c = 0; c < cycles; c++) {
            long begin = channel.now();
            TraceEngine.Options cycle = new TraceEngine.Options(o.method(), o.port(), 1, o.firstTtl(), lastTtl,
                    Math.min(o.waitNanos(), (long) (Math.max(interval, 0.2) * 1e9)), o.here(), o.near(), o.parallel(),
                    o.size(), o.pmtu());
            TraceResult r = new TraceEngine(channel, cycle).run(host, dst, hop -> {
            });
            for (TraceHop hop : r.hops()) {
                HopStatistics s = stats.computeIfAbsent(hop.ttl(), HopStatistics::new);
                for (TraceProbe p : hop.probes()) {
                    s.add(p);
                }
            }
            if (r.reached()) {
                reached = true;
                lastTtl = Math.min(lastTtl, r.hops().get(r.hops().size() - 1).ttl());
                stats.tailMap(lastTtl, false).clear();
            }
            long left = begin + (long) (interval * 1e9) - channel.now();
            if (c + 1 < cycles && left > 0) {
                try {
                    Thread.sleep(left / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (format.equals("json")) {
            JsonLines json = new JsonLines(out);
            for (HopStatistics s : stats.values()) {
                JsonLines j = json.begin("report_hop").field("destination", host).field("ttl", s.ttl());
                List<InetAddress> who = s.responders();
                if (!who.isEmpty()) {
                    j.field("from", IpLiteral.format(who.get(0)));
                }
                j.field("loss_pct", Math.round(s.lossPercent() * 10) / 10.0).field("sent", s.sent())
                        .field("received", s.received());
                if (s.received() > 0) {
                    j.field("last_ms", s.rtt().lastMicros() / 1000.0).field("avg_ms", s.rtt().avgMicros() / 1000.0)
                            .field("best_ms", s.rtt().minMicros() / 1000.0)
                            .field("worst_ms", s.rtt().maxMicros() / 1000.0)
                            .field("stdev_ms", Math.round(s.stdevMicros()) / 1000.0);
                }
                j.end();
            }
            json.begin("summary").field("destination", host).field("address", IpLiteral.format(dst))
                    .field("reached", reached).field("hops", stats.size()).end();
            return reached;
        }
        out.println("Start: " + start);
        out.println(String.format("HOST: %-30s Loss%%   Snt   Last   Avg  Best  Wrst StDev", localName()));
        for (HopStatistics s : stats.values()) {
            List<InetAddress> who = s.responders();
            String name = who.isEmpty() ? "???" : names == null ? IpLiteral.format(who.get(0)) : names.name(who.get(0));
            if (asnOf != null && !who.isEmpty()) {
                name = "[" + asnOf.apply(who.get(0)).label() + "] " + name;
            }
            var r = s.rtt();
            out.println(String.format(Locale.ROOT, "%3d.|-- %-30s %5.1f%% %5d %6.1f %5.1f %5.1f %5.1f %5.1f", s.ttl(),
                    name, s.lossPercent(), s.sent(), r.lastMicros() / 1000.0, r.avgMicros() / 1000.0,
                    r.minMicros() / 1000.0, r.maxMicros() / 1000.0, s.stdevMicros() / 1000.0));
            for (int i = 1; i < who.size(); i++) {
                out.println("    |   " + (names == null ? IpLiteral.format(who.get(i)) : names.name(who.get(i))));
            }
        }
        out.flush();
        return reached;
    }
}
