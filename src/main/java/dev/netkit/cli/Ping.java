package dev.netkit.cli;

import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.cli.render.PingRenderer;
import dev.netkit.system.HostNames;
import dev.netkit.system.IpLiteral;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.address.AddressRange;
import dev.netkit.probe.InjectionProbeChannel;
import dev.netkit.probe.KernelProbeChannel;
import dev.netkit.ping.PingEngine;
import dev.netkit.ping.PingEvent;
import dev.netkit.ping.PingTarget;
import dev.netkit.probe.PmtuMode;
import dev.netkit.probe.ProbeChannel;
import dev.netkit.probe.ProbeChannels;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** {@code netkit ping}: iputils ping for one host, fping for several. */
@Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send echo requests and report replies, loss and round trips.",
                "ICMP echo requests by default, or TCP SYNs and UDP datagrams; fping's view for several hosts.",
                "One host prints like iputils ping; several hosts (or -g) like fping."},
        footer = {"Exit codes: 0 a reply came (several hosts: all answered), 1 no reply, 2 error,",
                "3 some hosts answered, 4 missing privilege."})
public final class Ping implements Callable<Integer> {
    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT probes per host (1 or more).")
    Integer count;
    @Option(names = "-i", paramLabel = "INTERVAL", description = "Seconds between rounds (default 1).")
    Double interval;
    @Option(names = "-s", paramLabel = "SIZE", description = "Payload bytes, 0..65507 (default 56).")
    int size = 56;
    @Option(names = "-t", paramLabel = "TTL", description = "IP time to live / hop limit, 1..255.")
    Integer ttl;
    @Option(names = "-W", paramLabel = "TIMEOUT", description = "Seconds to wait for late replies at the end.")
    Double timeout;
    @Option(names = "-w", paramLabel = "DEADLINE", description = "Stop after DEADLINE seconds, whatever came back.")
    Double deadline;
    @Option(names = "-M", paramLabel = "do|dont|want", description = "Path MTU discovery: do sets DF.")
    PmtuMode pmtu;
    @Option(names = "-p", paramLabel = "PATTERN", description = "Fill the payload with these hex bytes.")
    String pattern;
    @Option(names = "-4", description = "IPv4 only.")
    boolean ipv4;
    @Option(names = "-6", description = "IPv6 only.")
    boolean ipv6;
    @Option(names = "-I", paramLabel = "IFACE|ADDR", description = "Send through this interface or from this address.")
    String via;
    @Option(names = "-f", description = "Flood: send as fast as replies come (at least 100/s), print dots.")
    boolean flood;
    @Option(names = "-q", description = "Quiet: only the header and the statistics.")
    boolean quiet;
    @Option(names = "-D", description = "Print the receive time (UNIX seconds) before each line.")
    boolean timestamps;
    @Option(names = "-O", description = "Report probes with no answer before the next is sent.")
    boolean outstanding;
    @Option(names = "-n", description = "Numeric: no reverse lookups of responders.")
    boolean numeric;
    @Option(names = "--tcp", paramLabel = "PORT", description = "Probe with TCP SYNs to PORT (connect() without privileges).")
    Integer tcpPort;
    @Option(names = "--udp", paramLabel = "PORT", description = "Probe with UDP datagrams to PORT (needs root).")
    Integer udpPort;
    @Option(names = "-g", paramLabel = "CIDR|START", description = {"Ping every host address of this network, or"
            + " with one HOST every address from START to HOST (fping -g)."})
    String generate;
    @Option(names = "--inject", negatable = true, description = {"Send by injecting Ethernet frames through the capture "
            + "layer (--inject) or through the kernel's sockets (--no-inject). Default: inject when root and the "
            + "route leaves through an Ethernet interface, else sockets (loopback, tun)."})
    Boolean inject;
    @Option(names = "-v", description = "Verbose: say on stderr how probes are sent.")
    boolean verbose;
    @Option(names = "-a", description = "Several hosts: list only those alive.")
    boolean onlyAlive;
    @Option(names = "-u", description = "Several hosts: list only those unreachable.")
    boolean onlyUnreachable;
    @Option(names = "--stats", description = "Several hosts: fping -s's statistics over all of them at the end.")
    boolean stats;
    @Mixin
    OutputMixin output;
    @Parameters(paramLabel = "HOST", arity = "0..*", description = "Names or addresses to ping.")
    List<String> hosts = new ArrayList<>();
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The largest ICMP echo payload: 65535 bytes less the IPv4 and ICMP headers. */
    private static final OptionRange SIZE = OptionRange.whole(0, 65507);

    /** Replaced by tests with a scripted channel. */
    static Function<Ping, ProbeChannel> channels = p -> p.openChannel();
    private List<PingTarget> targets = List.of();

    @Override
    public Integer call() throws IOException {
        if (hosts.isEmpty() && generate == null) {
            throw NetkitException.usage("no host given: netkit ping [OPTIONS] HOST...");
        }
        if (tcpPort != null && udpPort != null) {
            throw NetkitException.usage("--tcp and --udp exclude each other");
        }
        checkRanges();
        if (onlyAlive && onlyUnreachable) {
            throw NetkitException.usage("-a and -u exclude each other");
        }
        List<PingTarget> targets = new ArrayList<>();
        // fping -g START END: the one host argument is the range's end
        boolean range = generate != null && generate.indexOf('/') < 0 && hosts.size() == 1;
        if (generate != null) {
            targets.addAll(expand(generate, range ? hosts.get(0) : null));
        }
        for (String h : range ? List.<String>of() : hosts) {
            InetAddress a = HostNames.resolve(h, ipv4, ipv6);
            targets.add(new PingTarget(h, a));
        }
        this.targets = targets;
        boolean multi = targets.size() > 1 || generate != null;
        ProbeMethod method = tcpPort != null ? ProbeMethod.TCP : udpPort != null ? ProbeMethod.UDP : ProbeMethod.ICMP;
        int port = tcpPort != null ? tcpPort : udpPort != null ? udpPort : 0;
        int c = count != null ? count : multi ? 1 : 0;
        long intervalNanos = interval != null ? (long) (interval * 1e9) : flood ? 0 : 1_000_000_000L;
        long timeoutNanos = timeout != null ? (long) (timeout * 1e9) : multi ? 1_000_000_000L : 0;
        PingEngine.Options o = new PingEngine.Options(method, port, c, intervalNanos, size, ttl != null ? ttl : 0,
                timeoutNanos, deadline != null ? (long) (deadline * 1e9) : 0, pmtu, parsePattern(pattern), flood);
        PrintWriter out = spec.commandLine().getOut();
        PingRenderer renderer = output.json ? new PingRenderer.Json(out, onlyAlive, onlyUnreachable, stats)
                : multi ? new PingRenderer.Fping(out, count != null, quiet, onlyAlive, onlyUnreachable, stats)
                : new PingRenderer.Iputils(out, numeric ? null : new HostNames(), quiet, timestamps, outstanding,
                flood, method, port);
        try (ProbeChannel channel = channels.apply(this)) {
            if (renderer instanceof PingRenderer.Json json) {
                json.path = channel.path(method);
            }
            PingEngine engine = new PingEngine(channel, o, renderer);
            CountDownLatch done = new CountDownLatch(1);
            int[] code = {ExitCode.NEGATIVE};
            Thread hook = new Thread(() -> {
                engine.stop();
                try {
                    if (done.await(3, TimeUnit.SECONDS)) {
                        out.flush();
                        Runtime.getRuntime().halt(code[0]);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            boolean hooked = channel instanceof KernelProbeChannel || channel instanceof InjectionProbeChannel;
            if (hooked) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            try {
                List<PingEvent.Summary> sums = engine.run(targets);
                long alive = sums.stream().filter(s -> s.received() > 0).count();
                code[0] = alive == 0 ? ExitCode.NEGATIVE : alive == sums.size() ? ExitCode.OK : ExitCode.PARTIAL;
                out.flush();
                done.countDown();
            } finally {
                if (hooked) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // Ctrl-C: the hook ends the process with the exit code.
                    }
                }
            }
            return code[0];
        }
    }

    /** Every numeric option against its range (iputils refuses -c 0 and -c -1 too, rather than pinging forever). */
    private void checkRanges() {
        OptionRange.COUNT.checkIfGiven("-c", count);
        SIZE.check("-s", size);
        OptionRange.TTL.checkIfGiven("-t", ttl);
        OptionRange.SECONDS.checkIfGiven("-i", interval);
        OptionRange.POSITIVE_SECONDS.checkIfGiven("-W", timeout);
        OptionRange.SECONDS.checkIfGiven("-w", deadline);
        OptionRange.PORT.checkIfGiven("--tcp", tcpPort);
        OptionRange.PORT.checkIfGiven("--udp", udpPort);
    }

    ProbeChannel openChannel() {
        InetAddress source = null;
        String iface = null;
        if (via != null) {
            if (via.matches("[0-9.]+|.*:.*")) {
                try {
                    source = InetAddress.getByName(via);
                } catch (UnknownHostException e) {
                    throw NetkitException.usage("-I " + via + ": not an interface or address");
                }
            } else {
                iface = via;
            }
        }
        ProbeChannels.Mode mode = inject == null ? ProbeChannels.Mode.AUTO
                : inject ? ProbeChannels.Mode.INJECT : ProbeChannels.Mode.SOCKET;
        int transport = size + (tcpPort != null ? 20 : 8);
        ProbeChannels.Opened opened = ProbeChannels.open(targets.stream().map(PingTarget::address).toList(), iface,
                source, mode, transport);
        if (verbose) {
            spec.commandLine().getErr().println("ping: sending through " + opened.description());
            spec.commandLine().getErr().flush();
        }
        return opened.channel();
    }

    static byte[] parsePattern(String p) {
        if (p == null) {
            return new byte[0];
        }
        String hex = p.length() % 2 == 1 ? "0" + p : p;
        try {
            byte[] b = HexFormat.of().parseHex(hex);
            if (b.length > 16) {
                throw NetkitException.usage("-p takes at most 16 bytes");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage("-p '" + p + "' is not a hex pattern");
        }
    }

    /** Every host address of a CIDR (fping -g). */
    static List<PingTarget> expand(String cidr) {
        return expand(cidr, null);
    }

    /**
     * fping -g: every host address of a network (IPv4 without its network and broadcast addresses, as fping), or
     * with {@code end} every address from {@code network} to {@code end}; at most 65536.
     */
    static List<PingTarget> expand(String network, String end) {
        String what = "-g " + network + (end == null ? "" : " " + end);
        AddressRange range;
        try {
            if (end == null) {
                if (network.indexOf('/') < 0) {
                    throw NetkitException.usage("no prefix");
                }
                range = AddressRange.parse(network);
                if (range.first().bits() - range.block() > 16) {
                    throw NetkitException.usage(what + ": the prefix must leave at most 16 host bits");
                }
                range = range.hosts(true); // IPv4 without its network and broadcast addresses, as fping
            } else {
                IpAddress first = IpAddress.parse(network);
                IpAddress last = IpAddress.parse(end);
                if (first.version() != last.version() || first.compareTo(last) > 0) {
                    throw NetkitException.usage(what + ": START and END must be of one family, START first");
                }
                range = new AddressRange(first, last, -1);
            }
        } catch (NetkitException | IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                throw e;
            }
            throw NetkitException.usage(what + ": expected ADDRESS/PREFIX, or START END (fping -g)");
        }
        if (range.size() > 65536) {
            throw NetkitException.usage(what + ": at most 65536 addresses");
        }
        return range.addresses().stream().map(a -> new PingTarget(IpLiteral.format(a), a)).toList();
    }
}
