package dev.netkit.cli;

import dev.netkit.TerminalText;
import dev.netkit.cli.render.JsonLines;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.arp.ArpAnswer;
import dev.netkit.arp.ArpEndpoint;
import dev.netkit.arp.ArpEndpoints;
import dev.netkit.arp.ArpPingMode;
import dev.netkit.arp.ArpPingStats;
import dev.netkit.arp.ArpPinger;
import dev.netkit.arp.ArpScanner;
import dev.netkit.cli.render.Progress;
import dev.netkit.arp.Ipv4Targets;
import dev.netkit.arp.Ipv6Targets;
import dev.netkit.arp.NdpEndpoint;
import dev.netkit.arp.NdpScanner;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.LiveCapture;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Neighbor;
import dev.netkit.system.NeighborTable;
import dev.netkit.system.OuiRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code netkit arp}: the neighbour table, arp-scan and arping. */
@Command(name = "arp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The neighbour table (ARP and NDP), arp-scan and arping.",
                "The table: address, MAC, interface, state, like 'ip neigh'.",
                "'arp scan' asks every address of a subnet who it is (arp-scan); 'arp ping' pings one (arping).",
                "'arp add' and 'arp del' set and delete static entries (arp -s, arp -d)."},
        footer = {"", "Examples:", "  netkit arp", "  netkit arp show 02-6e-6b-01-00-01", "  netkit arp scan --localnet", "  netkit arp scan 198.18.1.10-20",
                "  netkit arp scan --ndp --localnet", "  netkit arp scan --ndp 2001:db8:1::1-20",
                "  netkit arp ping -c 3 198.18.1.11", "  netkit arp ping -D -c 2 198.18.1.99",
                "  netkit arp add 198.18.1.99 02:00:00:00:00:99 dev eth0", "  netkit arp del 198.18.1.99"})
public final class Arp implements Callable<Integer> {
    @Mixin
    ShowOptions show;

    @Override
    public Integer call() {
        return show.print();
    }

    /** The options of the table view, shared by {@code arp} and {@code arp show}. */
    static final class ShowOptions {
        @Option(names = "-4", description = "IPv4 (ARP) entries only.")
        boolean only4;
        @Option(names = "-6", description = "IPv6 (NDP) entries only.")
        boolean only6;
        @Option(names = {"-i", "--iface"}, paramLabel = "IFACE", description = "Entries of this interface only.")
        String iface;
        @Option(names = "-n", description = "Numeric (netkit never resolves names here; accepted for arp -n).")
        boolean numeric;
        @Parameters(arity = "0..1", paramLabel = "ADDRESS|MAC", description = {"Only the entries of this address, "
                + "or of this MAC", "(00:0c:29:04:23:4c, 00-0c-29-04-23-4c or 000c.2904.234c)."})
        String match;
        @Mixin
        OutputMixin output;
        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        /** Prints the table on the command's standard output. */
        int print() {
            PrintWriter out = spec.commandLine().getOut();
            if (only4 && only6) {
                throw NetkitException.usage("-4 and -6 exclude each other");
            }
            List<Neighbor> table = matching(NeighborTable.read(!only6, !only4, iface), match);
            if (output.json) {
                try (JsonLines json = new JsonLines(out)) {
                    for (Neighbor n : table) {
                        json.begin("neighbor").field("ip", n.ip()).field("mac", n.mac()).field("iface", n.iface())
                                .field("state", n.state()).end();
                    }
                }
            } else {
                int w = Math.max(7, table.stream().mapToInt(n -> n.ip().length()).max().orElse(0));
                int wi = Math.max(5, table.stream().mapToInt(n -> n.iface().length()).max().orElse(0));
                out.printf("%-" + w + "s  %-17s  %-" + wi + "s  %s%n", "ADDRESS", "MAC", "IFACE", "STATE");
                for (Neighbor n : table) {
                    out.printf("%-" + w + "s  %-17s  %-" + wi + "s  %s%s%n", n.ip(),
                            n.mac() == null ? "(incomplete)" : n.mac(), n.iface(), n.state(),
                            n.router() ? " router" : "");
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** The entries for one IP address or one MAC (any of its written forms); all of them when {@code what} is null. */
    static List<Neighbor> matching(List<Neighbor> table, String what) {
        if (what == null) {
            return table;
        }
        InetAddress ip = IpLiteral.parseOrNull(what);
        if (ip != null) {
            String text = IpLiteral.format(ip);
            return table.stream().filter(n -> n.ip().equals(text)).toList();
        }
        long mac;
        try {
            mac = MacAddress.parse(what).value();
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage(e.getMessage());
        }
        return table.stream().filter(n -> n.mac() != null && macValue(n.mac()) == mac).toList();
    }

    private static long macValue(String mac) {
        try {
            return MacAddress.parse(mac).value();
        } catch (IllegalArgumentException e) {
            return -1; // not a 6-byte MAC (another link type)
        }
    }

    /** {@code netkit arp show}: the same as {@code netkit arp}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "The neighbour table (the default).")
    static final class Show implements Callable<Integer> {
        @Mixin
        ShowOptions show;

        @Override
        public Integer call() {
            return show.print();
        }
    }

    /** {@code netkit arp add ADDR MAC [dev IFACE]}: a static entry, as {@code arp -s} and {@code ip neigh replace}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a static (permanent) neighbour entry, or replace one.",
                    "As 'arp -s ADDR MAC' and 'ip neigh replace ADDR lladdr MAC dev IFACE nud permanent';",
                    "IPv4 (ARP) or IPv6 (NDP). Without 'dev IFACE', the interface of the route to ADDR.",
                    "Needs CAP_NET_ADMIN (sudo)."})
    static final class Add implements Callable<Integer> {
        @Parameters(arity = "2..4", paramLabel = "ADDR MAC [dev IFACE]",
                description = "The address, its MAC (00:0c:29:04:23:4c, 00-0c-29-04-23-4c or 000c.2904.234c), "
                        + "and optionally the interface.")
        List<String> words;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String dev = deviceWords(words, 2, "ADDR MAC [dev IFACE]");
            InetAddress ip = address(words.get(0));
            MacAddress mac;
            try {
                mac = MacAddress.parse(words.get(1));
            } catch (IllegalArgumentException e) {
                throw NetkitException.usage(e.getMessage());
            }
            String on = NeighborTable.setPermanent(ip, mac, dev);
            PrintWriter out = spec.commandLine().getOut();
            out.println(IpLiteral.format(ip) + " at " + mac + " on " + TerminalText.escape(on) + ": PERMANENT");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code netkit arp del ADDR [dev IFACE]}: as {@code arp -d} and {@code ip neigh del}. */
    @Command(name = "del", mixinStandardHelpOptions = true,
            description = {"Delete the neighbour entries of an address (static or learnt).",
                    "As 'arp -d ADDR' and 'ip neigh del ADDR dev IFACE'; without 'dev IFACE', on every interface.",
                    "Exit 1 when there is no entry. Needs CAP_NET_ADMIN (sudo)."})
    static final class Del implements Callable<Integer> {
        @Parameters(arity = "1..3", paramLabel = "ADDR [dev IFACE]", description = "The address, optionally the interface.")
        List<String> words;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String dev = deviceWords(words, 1, "ADDR [dev IFACE]");
            InetAddress ip = address(words.get(0));
            List<String> from = NeighborTable.delete(ip, dev);
            if (from.isEmpty()) {
                throw new NetkitException(ExitCode.NEGATIVE, "no entry for " + IpLiteral.format(ip)
                        + (dev == null ? "" : " on " + TerminalText.escape(dev)) + " in the neighbour table");
            }
            PrintWriter out = spec.commandLine().getOut();
            for (String i : from) {
                out.println(IpLiteral.format(ip) + " on " + TerminalText.escape(i) + ": deleted");
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** The IFACE of a trailing {@code dev IFACE} after {@code fixed} words, or null; anything else is a usage error. */
    private static String deviceWords(List<String> words, int fixed, String form) {
        if (words.size() == fixed) {
            return null;
        }
        if (words.size() == fixed + 2 && words.get(fixed).equals("dev")) {
            return words.get(fixed + 1);
        }
        throw NetkitException.usage("'" + TerminalText.escape(String.join(" ", words.subList(fixed, words.size())))
                + "' is not 'dev IFACE': write " + form);
    }

    private static InetAddress address(String text) {
        InetAddress ip = IpLiteral.parseOrNull(text);
        if (ip == null) {
            throw NetkitException.usage("'" + TerminalText.escape(text) + "' is not an IPv4 or IPv6 address");
        }
        return ip;
    }

    /** {@code netkit arp scan}: arp-scan. */
    @Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"List who answers ARP requests (or NDP with --ndp), as arp-scan.",
                    "Sends an ARP request to every target and lists who answered, with the vendor of its MAC",
                    "(IEEE registry from Debian's ieee-data). --ndp does the same for IPv6 with neighbour discovery.",
                    "Needs CAP_NET_RAW."})
    static final class Scan implements Callable<Integer> {
        @Option(names = {"-i", "--iface", "-I"}, paramLabel = "IFACE", description = "The interface (default: the "
                + "one whose subnet holds the targets).")
        String iface;
        @Option(names = {"-l", "--localnet"}, description = "Scan the interface's own subnet.")
        boolean localnet;
        @Option(names = {"-r", "--retry"}, paramLabel = "N", defaultValue = "2",
                description = "Rounds in all for silent hosts (default ${DEFAULT-VALUE}).")
        int retry;
        @Option(names = "--interval", paramLabel = "MS", description = "Milliseconds between requests (default 0.5).")
        Double intervalMs;
        @Option(names = "--rate", paramLabel = "PPS", description = "Requests per second (instead of --interval).")
        Double rate;
        @Option(names = {"-t", "--timeout"}, paramLabel = "MS", defaultValue = "300",
                description = "Wait this long for replies after each round (default ${DEFAULT-VALUE}).")
        int timeoutMs;
        @Option(names = {"-6", "--ndp"}, description = {"IPv6 neighbour discovery: a neighbour solicitation to each "
                + "target", "(address, /112 or longer, range 2001:db8:1::1-20); with --localnet all nodes of the link",
                "(ff02::1) at once: an echo request and an unknown-option probe every node answers."})
        boolean ndp;
        @Parameters(paramLabel = "TARGET", arity = "0..*",
                description = "Addresses, CIDRs (198.18.1.0/24) or ranges (198.18.1.10-20).")
        List<String> targets = new ArrayList<>();
        @Mixin
        OutputMixin output;
        @Spec
        CommandLine.Model.CommandSpec spec;

        private double intervalMs() {
            return rate != null ? 1000.0 / Math.max(rate, 0.001) : intervalMs != null ? intervalMs : 0.5;
        }

        /** One answer as a line or a JSON object, the same for ARP and NDP. */
        private static void report(ArpAnswer a, PrintWriter out, JsonLines json, OuiRegistry oui) {
            String vendor = oui.vendor(a.mac().octets());
            String ip = IpLiteral.format(a.ip());
            if (json != null) {
                json.begin("neighbor").field("ip", ip).field("mac", a.mac().toString()).field("vendor", vendor)
                        .field("rtt_ms", Math.round(a.rttMs() * 1000) / 1000.0);
                if (a.duplicate() > 0) {
                    json.field("duplicate", a.duplicate() + 1).field("conflict", a.conflict());
                }
                json.end();
            } else {
                out.printf("%s  %s  %s%s%n", ip, a.mac(), TerminalText.escape(vendor),
                        a.duplicate() > 0 ? "  (DUP: " + (a.duplicate() + 1) + ")" + (a.conflict() ? " conflict" : "")
                                : "");
            }
            out.flush();
        }

        private Integer ndp(PrintWriter out) {
            List<Inet6Address> list = Ipv6Targets.expand(targets);
            NdpEndpoint from = ArpEndpoints.pickV6(iface, list.isEmpty() ? null : list.get(0));
            List<Inet6Address> asked = list.stream().filter(a -> !a.equals(from.ip()) && !a.equals(from.linkLocal()))
                    .toList();
            OuiRegistry oui = OuiRegistry.system();
            long start = System.nanoTime();
            if (!output.json) {
                out.printf("Interface: %s, MAC: %s, IPv6: %s%n", from.iface(), from.mac(), IpLiteral.format(from.ip()));
                out.println(localnet ? "Starting netkit arp scan --ndp of the link (all nodes, ff02::1)"
                        + (asked.isEmpty() ? "" : " and " + asked.size() + " hosts")
                        : "Starting netkit arp scan --ndp of " + asked.size() + " hosts");
                out.flush();
            }
            Map<InetAddress, ArpAnswer> found = new LinkedHashMap<>();
            try (FrameChannel channel = LiveCapture.forAnswers(from.iface(), NdpScanner.filter());
                 JsonLines json = output.json ? new JsonLines(out) : null) {
                Object token = SignalStop.install(channel::close);
                try {
                    NdpScanner scanner = new NdpScanner(channel, from, (long) (intervalMs() * 1e6),
                            timeoutMs * 1_000_000L, retry);
                    if (localnet) {
                        scanner.sweep(a -> report(a, out, json, oui)).forEach(a -> found.putIfAbsent(a.ip(), a));
                    }
                    if (!asked.isEmpty()) {
                        scanner.scan(asked.stream().filter(a -> !found.containsKey(a)).toList(),
                                a -> report(a, out, json, oui)).forEach(a -> found.putIfAbsent(a.ip(), a));
                    }
                } finally {
                    SignalStop.restore(token);
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            if (!output.json) {
                out.printf(Locale.ROOT, "%n%s scanned in %.3f seconds. %d responded%n",
                        localnet ? "The link" + (asked.isEmpty() ? "" : " and " + asked.size() + " hosts")
                                : asked.size() + " hosts", secs, found.size());
                out.flush();
            }
            return found.isEmpty() ? ExitCode.NEGATIVE : ExitCode.OK;
        }

        @Override
        public Integer call() {
            if (intervalMs != null && rate != null) {
                throw NetkitException.usage("--interval and --rate exclude each other");
            }
            if (!localnet && targets.isEmpty()) {
                throw NetkitException.usage("give targets (CIDR, range, address) or --localnet");
            }
            OptionRange.COUNT.check("--retry", retry);
            OptionRange.MILLISECONDS.check("--timeout", timeoutMs);
            if (intervalMs != null) {
                OptionRange.MILLISECONDS.check("--interval", intervalMs);
            }
            if (rate != null) {
                OptionRange.PER_SECOND.check("--rate", rate);
            }
            if (ndp) {
                return ndp(spec.commandLine().getOut());
            }
            List<Inet4Address> list = localnet && targets.isEmpty() ? List.of() : Ipv4Targets.expand(targets);
            ArpEndpoint from = ArpEndpoints.pick(iface, list.isEmpty() ? null : list.get(0));
            if (localnet) {
                List<String> all = new ArrayList<>(targets);
                all.add(ArpEndpoints.localnet(from));
                list = Ipv4Targets.expand(all);
            }
            double interval = intervalMs();
            PrintWriter out = spec.commandLine().getOut();
            OuiRegistry oui = OuiRegistry.system();
            long start = System.nanoTime();
            if (!output.json) {
                out.printf("Interface: %s, MAC: %s, IPv4: %s%n", from.iface(), from.mac(), from.ip().getHostAddress());
                out.printf("Starting netkit arp scan of %d hosts%n", list.size());
                out.flush();
            }
            List<ArpAnswer> answers;
            Progress progress = null;
            try (FrameChannel channel = LiveCapture.forAnswers(from.iface(), ArpScanner.filter());
                 JsonLines json = output.json ? new JsonLines(out) : null) {
                Object token = SignalStop.install(channel::close);
                try {
                    List<Inet4Address> asked = list.stream().filter(a -> !a.equals(from.ip())).toList();
                    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
                    // requests settled of targets x rounds on a terminal's stderr; not when the replies go to the
                    // same terminal (a rewritten line would break theirs), as dig -f
                    progress = Progress.terminal(1) ? null : Progress.start("arp", "requests", done::get,
                            () -> (long) asked.size() * retry, spec.commandLine().getErr(), output.json, 0);
                    answers = new ArpScanner(channel, from, (long) (interval * 1e6), timeoutMs * 1_000_000L, retry)
                            .reportingTo(done::set).scan(asked, a -> report(a, out, json, oui));
                } finally {
                    if (progress != null) {
                        progress.close();
                    }
                    SignalStop.restore(token);
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            if (!output.json) {
                out.printf(Locale.ROOT, "%n%d hosts scanned in %.3f seconds (%.1f hosts/sec). %d responded%n",
                        list.size(), secs, list.size() / Math.max(secs, 1e-9), answers.size());
                out.flush();
            }
            return answers.isEmpty() ? ExitCode.NEGATIVE : ExitCode.OK;
        }
    }

    /** {@code netkit arp ping}: arping. */
    @Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Send ARP requests to one address, as arping does.",
                    "ARP requests to one address, once a second, with the round-trip time of each reply",
                    "(arping). -D detects a duplicate address (exit 1 when someone answers); -U/-A announce."})
    static final class PingCommand implements Callable<Integer> {
        @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT requests (or COUNT replies).")
        Integer count;
        @Option(names = {"-i", "-I", "--iface"}, paramLabel = "IFACE", description = "The interface.")
        String iface;
        @Option(names = "-w", paramLabel = "DEADLINE", description = "Stop after DEADLINE seconds.")
        Double deadline;
        @Option(names = "--interval", paramLabel = "S", defaultValue = "1",
                description = "Seconds between requests (default ${DEFAULT-VALUE}).")
        double interval;
        @Option(names = "-D", description = "Duplicate address detection: probes from 0.0.0.0; exit 1 on a reply.")
        boolean dad;
        @Option(names = "-U", description = "Unsolicited ARP: gratuitous requests announcing IP.")
        boolean unsolicited;
        @Option(names = "-A", description = "Like -U but with ARP replies.")
        boolean answer;
        @Parameters(index = "0", paramLabel = "IP", description = "The IPv4 address.")
        String target;
        @Mixin
        OutputMixin output;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if ((dad ? 1 : 0) + (unsolicited ? 1 : 0) + (answer ? 1 : 0) > 1) {
                throw NetkitException.usage("-D, -U and -A exclude each other");
            }
            if (count != null) {
                OptionRange.COUNT.check("-c", count);
            }
            OptionRange.POSITIVE_SECONDS.check("--interval", interval);
            if (deadline != null) {
                OptionRange.POSITIVE_SECONDS.check("-w", deadline);
            }
            List<Inet4Address> one = Ipv4Targets.expand(List.of(target));
            if (one.size() != 1) {
                throw NetkitException.usage("arp ping takes one address, not " + target);
            }
            Inet4Address ip = one.get(0);
            ArpPingMode mode = dad ? ArpPingMode.DUPLICATE_DETECTION : unsolicited ? ArpPingMode.UNSOLICITED_REQUEST
                    : answer ? ArpPingMode.UNSOLICITED_REPLY : ArpPingMode.REQUEST;
            ArpEndpoint from = ArpEndpoints.pick(iface, ip);
            PrintWriter out = spec.commandLine().getOut();
            String source = mode == ArpPingMode.DUPLICATE_DETECTION ? "0.0.0.0"
                    : mode == ArpPingMode.REQUEST ? from.ip().getHostAddress() : ip.getHostAddress();
            if (!output.json) {
                out.printf("ARPING %s from %s %s%n", ip.getHostAddress(), source, from.iface());
                out.flush();
            }
            long end = deadline == null ? 0 : System.nanoTime() + (long) (deadline * 1e9);
            // no -c: unlimited (0), but -U/-A announce 3 times as arping does
            int n = count == null && deadline == null && mode != ArpPingMode.REQUEST
                    && mode != ArpPingMode.DUPLICATE_DETECTION ? 3 : count == null ? 0 : count;
            ArpPingStats stats;
            try (FrameChannel channel = LiveCapture.forAnswers(from.iface(), ArpScanner.filter());
                 JsonLines json = output.json ? new JsonLines(out) : null) {
                Object token = SignalStop.install(channel::close);
                try {
                    stats = new ArpPinger(channel, from).ping(ip, mode, n, (long) (interval * 1e9), end, a -> {
                        if (json != null) {
                            json.begin("reply").field("ip", a.ip().getHostAddress()).field("mac", a.mac().toString())
                                    .field("rtt_ms", Math.round(a.rttMs() * 1000) / 1000.0)
                                    .field("unicast", a.unicast()).field("conflict", a.conflict()).end();
                        } else {
                            out.printf(Locale.ROOT, "%s reply from %s [%s]  %.3fms%s%n",
                                    a.unicast() ? "Unicast" : "Broadcast", a.ip().getHostAddress(), a.mac(),
                                    a.rttMs(), a.conflict() ? "  CONFLICT: another MAC answered before" : "");
                        }
                        out.flush();
                    });
                } finally {
                    SignalStop.restore(token);
                }
            }
            if (output.json) {
                try (JsonLines json = new JsonLines(out)) {
                    json.begin("statistics").field("sent", stats.sent()).field("broadcasts", stats.broadcasts())
                            .field("received", stats.received()).field("conflict", stats.conflict())
                            .stringArray("macs", stats.macs().stream().map(Object::toString).toList()).end();
                }
            } else {
                out.printf("Sent %d probes (%d broadcast(s))%n", stats.sent(), stats.broadcasts());
                out.printf("Received %d response(s)%n", stats.received());
                if (stats.conflict()) {
                    out.printf("Conflict: %s answered from %d MACs: %s%n", ip.getHostAddress(), stats.macs().size(),
                            String.join(", ", stats.macs().stream().map(Object::toString).toList()));
                }
            }
            out.flush();
            return switch (mode) {
                case DUPLICATE_DETECTION -> stats.received() > 0 ? ExitCode.NEGATIVE : ExitCode.OK;
                case REQUEST -> stats.received() > 0 ? ExitCode.OK : ExitCode.NEGATIVE;
                default -> ExitCode.OK;
            };
        }
    }
}
