package dev.netkit.cli;

import dev.netkit.cli.render.Progress;
import dev.netkit.cli.render.TraceDotRenderer;
import dev.netkit.cli.render.TraceFlowsRenderer;
import dev.netkit.cli.render.TraceMtuRenderer;
import dev.netkit.cli.render.TraceRenderer;
import dev.netkit.cli.render.TraceReportRenderer;
import dev.netkit.system.HostNames;
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
import dev.netkit.trace.ReportEngine;
import dev.netkit.trace.TraceEngine;
import dev.netkit.trace.TracePath;
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
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code netkit trace}: traceroute, tracepath (--mtu) and mtr's report (--report) over UDP, ICMP or TCP. */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the routers on the way to a host, as traceroute does.",
                "Also the path MTU (--mtu, as tracepath) or loss and round trips per hop",
                "over several cycles (--report, as mtr)."},
        footer = {"Exit codes: 0 the destination answered, 1 it did not, 2 error, 4 missing privilege."})
public final class Trace implements Callable<Integer> {
    @Option(names = {"-I", "--icmp"}, description = "Probe with ICMP echo requests.")
    boolean icmp;
    @Option(names = {"-U", "--udp"}, description = "Probe with UDP datagrams (the default), to port 33434.")
    boolean udp;
    @Option(names = {"-T", "--tcp"}, description = "Probe with TCP SYNs, to port 80 unless -p.")
    boolean tcp;
    @Option(names = "-p", paramLabel = "PORT", description = "Destination port, 1..65535 (UDP 33434, TCP 80).")
    Integer port;
    @Option(names = "-q", paramLabel = "PROBES", description = "Probes per hop, 1..10 (default 3).")
    int probes = 3;
    @Option(names = "-f", paramLabel = "FIRST_TTL", description = "Start at this TTL, 1..255 (default 1).")
    int firstTtl = 1;
    @Option(names = "-m", paramLabel = "MAX_TTL", description = "At most this many hops, 1..255 (default 30).")
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

    /** traceroute's limit of probes per hop. */
    private static final OptionRange PROBES = OptionRange.whole(1, 10);
    private static final OptionRange FLOWS = OptionRange.whole(1, Probe.MAX_FLOWS);

    /** Replaced by tests with a scripted channel. */
    static Supplier<ProbeChannel> channels = null;

    /** When this command started (System.nanoTime): a trace's time_ms counts its set-up (library, sockets) too. */
    private long startNanos;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws IOException {
        startNanos = System.nanoTime();
        if ((icmp ? 1 : 0) + (udp ? 1 : 0) + (tcp ? 1 : 0) > 1) {
            throw NetkitException.usage("-I, -U and -T exclude each other");
        }
        double[] w = waitFactors(waitSpec);
        wait = OptionRange.POSITIVE_SECONDS.check("-w", w[0]);
        OptionRange.PORT.checkIfGiven("-p", port);
        PROBES.check("-q", probes);
        OptionRange.TTL.check("-f", firstTtl);
        OptionRange.TTL.check("-m", maxTtl);
        if (firstTtl > maxTtl) {
            throw NetkitException.usage("-f " + firstTtl + " is beyond -m " + maxTtl + ": use a first TTL <= the max");
        }
        OptionRange.COUNT.check("-N", parallel);
        FLOWS.check("--flows", flows);
        OptionRange.COUNT.check("-c", cycles);
        OptionRange.SECONDS.check("-i", interval);
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
        try (ProbeChannel channel = channels != null ? channels.get() : open(destinations, transportBytes, method)) {
            renderers.path = channel.path(method);
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
                        dot.add(HostNames.localName(), r);
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
        /** How the probes travel, for JSON (set once the channel is open). */
        String path;

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
                if (renderer != null) {
                    renderer.path = path;
                }
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
    private ProbeChannel open(List<InetAddress> destinations, int transportBytes, ProbeMethod method) {
        if (mtu) {
            return new KernelProbeChannel(iface, null);
        }
        if (method == ProbeMethod.TCP && !Boolean.TRUE.equals(inject)) {
            return KernelProbeChannel.forTcp(iface, null); // raw sockets, from netkit-helper when not root
        }
        // Unlike ping, a trace is one short burst: injection's set-up (pcap4j, the route and neighbour lookups)
        // would cost several times the whole trace, so the kernel's sockets are the default and --inject asks for it.
        ProbeChannels.Mode mode = Boolean.TRUE.equals(inject) ? ProbeChannels.Mode.INJECT : ProbeChannels.Mode.SOCKET;
        return ProbeChannels.open(destinations, iface, null, mode, transportBytes).channel();
    }

    /** Several flows at once (Paris/Dublin traceroute); true when every flow reached the destination. */
    private boolean flows(ProbeChannel channel, TraceEngine.Options o, String host, InetAddress dst, int bytes,
                          TraceRenderer renderer, TraceDotRenderer dot) throws IOException {
        TraceFlowsRenderer view = new TraceFlowsRenderer(out(), renderer, host, dst, flows);
        view.start(maxTtl, bytes);
        List<TraceResult> results = new TraceEngine(channel, o).run(host, dst, flows, view);
        boolean reached = true;
        for (TraceResult r : results) {
            reached &= r.reached();
            if (dot != null) {
                dot.add(HostNames.localName(), r);
            }
        }
        view.paths(TracePath.group(results));
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

    /** tracepath's view: each hop with the path MTU known when it answered. */
    private boolean pathMtu(ProbeChannel channel, TraceEngine.Options o, String host, InetAddress dst, PrintWriter out,
                            HostNames names) throws IOException {
        int start = PathMtuEngine.startMtu(channel, dst);
        TraceMtuRenderer view = new TraceMtuRenderer(out, names, format.equals("json"));
        view.start(host, dst, maxTtl, start);
        List<PathMtuEngine.MtuHop> hops = new PathMtuEngine(channel, o.method(), o.port(), maxTtl, o.waitNanos())
                .run(dst, start, h -> view.hop(host, h));
        PathMtuEngine.Summary summary = PathMtuEngine.Summary.of(dst, start, hops);
        view.finish(host, dst, summary, channel.path(o.method()));
        return summary.reached();
    }

    /** mtr --report: cycles of one probe per hop, then one line per hop. */
    private boolean report(ProbeChannel channel, TraceEngine.Options o, String host, InetAddress dst, PrintWriter out,
                           HostNames names, Function<InetAddress, Asn> asnOf) throws IOException {
        // the cycles' progress on a terminal's stderr: the report itself is printed only at the end
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        PrintWriter err = spec.commandLine().getErr();
        ReportEngine.Report r;
        try (Progress progress = Progress.start("trace", "cycles", done::get, () -> cycles, err,
                format.equals("json"), 0)) {
            r = new ReportEngine(channel, o, cycles, (long) (interval * 1e9)).run(host, dst, done::set);
        }
        TraceReportRenderer view = new TraceReportRenderer(out, names, asnOf);
        if (format.equals("json")) {
            view.json(r, channel.path(o.method()));
        } else {
            view.text(r, HostNames.localName());
        }
        return r.reached();
    }
}
