package dev.netkit.cli;

import dev.netkit.cli.render.SendRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.CaptureOptions;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.HelperCapture;
import dev.netkit.capture.LiveCapture;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Ipv4Option;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.VlanTag;
import dev.netkit.send.PacketCrafter;
import dev.netkit.send.Probe;
import dev.netkit.send.SendEvent;
import dev.netkit.send.Sender;
import dev.netkit.system.IpLiteral;
import dev.netkit.capture.NextHops;
import dev.netkit.system.RouteLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code netkit send}: craft one packet by hand (as scapy's sr1 and nping do), send it, show what answers. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Craft one packet field by field, send it, and show the replies.",
                "An IPv4/IPv6 packet (ICMP, UDP or TCP; IPv4 options, IPv6 extension headers,",
                " 802.1Q tags) or an ARP message; it and every reply print as sniff -v does.",
                " Lengths and checksums are filled unless --bad-checksum.",
                "Exit: 0 a reply came (or --dry-run), 1 no reply, 2 usage error, 4 not root."})
public final class Send implements Callable<Integer> {
    @Option(names = "-i", paramLabel = "IFACE", description = "The interface to send on (default: the route's).")
    String iface;

    @Option(names = {"--src", "--psrc"}, paramLabel = "ADDR", description = "The source address, ARP's sender address "
            + "(default: the route's).")
    String src;

    @Option(names = "--ttl", paramLabel = "N", description = "IPv4 TTL or IPv6 hop limit (default 64).")
    int ttl = 64;

    @Option(names = "--tos", paramLabel = "N", description = "IPv4 TOS byte or IPv6 traffic class.")
    int tos;

    @Option(names = "--id", paramLabel = "N", description = "IPv4 identification (default random); with --frag6 the "
            + "IPv6 fragment header's.")
    Long id;

    @Option(names = "--df", description = "Set IPv4 Don't Fragment.")
    boolean df;

    @Option(names = "--mf", description = "Set IPv4 More Fragments by hand.")
    boolean mf;

    @Option(names = "--frag-offset", paramLabel = "N", description = "IPv4 fragment offset by hand, in 8-byte units (0-8191).")
    int fragOffset;

    @Option(names = "--mtu", paramLabel = "N", description = "Fragment the datagram to this MTU (IPv4, 68-65535).")
    Integer mtu;

    @Option(names = "--icmp", paramLabel = "TYPE[/CODE]", arity = "0..1", fallbackValue = "echo-request",
            description = "ICMP (the default): echo-request, echo-reply, timestamp or a number, with an optional /CODE.")
    String icmp;

    @Option(names = "--udp", description = "UDP.")
    boolean udp;

    @Option(names = "--tcp", description = "TCP.")
    boolean tcp;

    @Option(names = "--flags", paramLabel = "FLAGS", description = "TCP flags: letters of SAFRPUEC (S, SA, FA...), '.' is ACK as tcpdump writes it (default S).")
    String flags;

    @Option(names = "--seq", paramLabel = "N", description = "TCP sequence number (default random).")
    Long seq;

    @Option(names = "--ack", paramLabel = "N", description = "TCP acknowledgement number.")
    Long ack;

    @Option(names = "--win", paramLabel = "N", description = "TCP window (default 64240).")
    Integer win;

    @Option(names = "--mss", paramLabel = "N", description = "Add a TCP MSS option.")
    Integer mss;

    @Option(names = "--sport", paramLabel = "N", description = "UDP/TCP source port (default random 32768-60999).")
    Integer sport;

    @Option(names = "--dport", paramLabel = "N", description = "UDP/TCP destination port (default 80 for TCP, 33434 for UDP).")
    Integer dport;

    @Option(names = "--data", paramLabel = "TEXT", description = "Payload: this text.")
    String data;

    @Option(names = "--hex", paramLabel = "BYTES", description = "Payload: these bytes in hex (spaces and colons allowed).")
    String hex;

    @Option(names = "--size", paramLabel = "N", description = "Payload: N bytes (a repeating pattern).")
    Integer size;

    @Option(names = "--bad-checksum", description = "Send a wrong ICMP/UDP/TCP checksum (the peer should drop it).")
    boolean badChecksum;

    @Option(names = "-c", paramLabel = "COUNT", description = "How many packets (default 1).")
    int count = 1;

    @Option(names = "--interval", paramLabel = "S", description = "Seconds between packets (default 1).")
    double interval = 1;

    @Option(names = "--wait", paramLabel = "S", description = "Seconds to wait for replies after the last packet (default 1).")
    double waitSeconds = 1;

    @Option(names = "-w", paramLabel = "FILE.pcap", description = "Write the frames to a pcap file (with --dry-run: only them, nothing sent).")
    Path write;

    @Option(names = "--dry-run", description = "Craft and print (and -w write) the packets without sending them.")
    boolean dryRun;

    @Mixin
    SendLayerOptions layers;

    @Mixin
    OutputMixin output;

    @Parameters(index = "0", paramLabel = "DST", description = "The destination address or name.")
    String destination;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        InetAddress dst = destination();
        Probe probe = probe(dst, dryRun ? source(dst) : givenSource(dst));
        Duration every = seconds(OptionRange.POSITIVE_SECONDS.check("--interval", interval));
        Duration wait = seconds(OptionRange.SECONDS.check("--wait", waitSeconds));
        // tags show only in the link-level line (tcpdump -e)
        SendRenderer text = new SendRenderer(spec.commandLine().getOut(), spec.commandLine().getErr(), output.json,
                !probe.vlans().isEmpty());
        if (dryRun) {
            return dryRun(probe, text);
        }
        if (!LiveCapture.available()) {
            throw NetkitException.privilege("netkit send", HelperCapture.howToCapture());
        }
        NextHops.Route route = Sender.route(probe, iface);
        probe = probe.withSource(route.source());
        List<List<byte[]>> probes = PacketCrafter.frames(probe, count, route);
        try (FrameChannel channel = LiveCapture.channel(CaptureOptions.on(route.device()).withFilter(Sender.filter(probe))
                .withPromiscuous(false));
             PcapFileWriter file = write == null ? null : PcapFileWriter.create(write, LinkType.EN10MB, 262144, false)) {
            int replies = new Sender(channel, e -> {
                text.accept(e);
                if (file != null && e instanceof SendEvent.Sent s) {
                    file.write(s.frame());
                } else if (file != null && e instanceof SendEvent.Reply r) {
                    file.write(r.frame());
                }
            }).run(probes, probe, every, wait);
            return replies > 0 ? ExitCode.OK : ExitCode.NEGATIVE;
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private int dryRun(Probe probe, SendRenderer text) {
        if (probe.source() == null) {
            throw NetkitException.usage("the kernel has no source address for " + destination + ": give --src");
        }
        // bare datagrams unless the probe has a link layer of its own: ARP, tags or MACs given
        LinkType link = probe.hasLinkLayer() ? LinkType.EN10MB : LinkType.RAW;
        List<byte[]> all = new ArrayList<>();
        if (probe.hasLinkLayer()) {
            PacketCrafter.frames(probe, count, new NextHops.Route(null, MacAddress.ZERO, null, probe.source(), 0))
                    .forEach(all::addAll);
        } else {
            for (int i = 0; i < count; i++) {
                all.addAll(PacketCrafter.datagrams(probe, i, 0));
            }
        }
        try (PcapFileWriter file = write == null ? null : PcapFileWriter.create(write, link, 262144, false)) {
            int n = 0;
            for (byte[] d : all) {
                CapturedFrame f = CapturedFrame.of(System.currentTimeMillis() * 1_000_000L, link, d);
                if (file != null) {
                    file.write(f);
                }
                text.accept(new SendEvent.Sent(f, ++n));
            }
        }
        return ExitCode.OK;
    }

    private InetAddress destination() {
        InetAddress a = IpLiteral.parseOrNull(destination);
        if (a != null) {
            return a;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(destination);
            for (InetAddress x : all) {
                if (x instanceof Inet4Address) {
                    return x;
                }
            }
            return all[0];
        } catch (UnknownHostException e) {
            throw new NetkitException(ExitCode.NEGATIVE, "cannot resolve '" + destination + "'");
        }
    }

    /** --src, else the kernel's choice for the route (read, nothing sent); null when neither is known. */
    private InetAddress source(InetAddress dst) {
        InetAddress s = givenSource(dst);
        if (s != null) {
            return s;
        }
        try {
            return RouteLookup.system(dst).lookup(dst, iface).src();
        } catch (NetkitException e) {
            return null;
        }
    }

    /** --src, checked against the destination's IP version; null without it. */
    private InetAddress givenSource(InetAddress dst) {
        if (src == null) {
            return null;
        }
        InetAddress s = IpLiteral.parse(src, "--src");
        if ((s instanceof Inet6Address) != (dst instanceof Inet6Address)) {
            throw NetkitException.usage("--src " + src + " and " + destination + " are not of one IP version");
        }
        return s;
    }

    /** Checks every option against the others and builds the probe. */
    Probe probe(InetAddress dst, InetAddress source) {
        boolean v6 = dst instanceof Inet6Address;
        OptionRange.whole(1, 100000).check("-c", count);
        List<VlanTag> vlans = layers.vlanTags();
        if (layers.arp()) {
            return arp(dst, source, vlans);
        }
        int transports = (icmp != null ? 1 : 0) + (udp ? 1 : 0) + (tcp ? 1 : 0);
        if (transports > 1) {
            throw NetkitException.usage("choose one of --icmp, --udp and --tcp");
        }
        Probe.Kind kind = udp ? Probe.Kind.UDP : tcp ? Probe.Kind.TCP : Probe.Kind.ICMP;
        if (kind != Probe.Kind.TCP && (flags != null || seq != null || ack != null || win != null || mss != null)) {
            throw NetkitException.usage("--flags, --seq, --ack, --win and --mss need --tcp");
        }
        if (kind == Probe.Kind.ICMP && (sport != null || dport != null)) {
            throw NetkitException.usage("--sport and --dport need --udp or --tcp");
        }
        boolean fragmentHeader = v6 && layers.fragmentHeader;
        if (v6 && (df || mtu != null || (!fragmentHeader && (id != null || mf || fragOffset != 0)))) {
            throw NetkitException.usage("--id, --df, --mf, --frag-offset and --mtu are IPv4 header fields; "
                    + destination + " is IPv6");
        }
        if (v6 && (layers.recordRoute || layers.ipTimestamp != null)) {
            throw NetkitException.usage("--rroute and --ip-timestamp are IPv4 options; " + destination + " is IPv6");
        }
        if (!v6 && (!layers.hopByHop.isEmpty() || !layers.destinationOptions.isEmpty() || layers.fragmentHeader)) {
            throw NetkitException.usage("--hop-by-hop, --dest-opt and --frag6 are IPv6 extension headers; "
                    + destination + " is IPv4");
        }
        EIGHT_BITS.check("--ttl", ttl);
        EIGHT_BITS.check("--tos", tos);
        if (id != null) {
            (v6 ? THIRTY_TWO_BITS : SIXTEEN_BITS).check("--id", id);
        }
        FRAGMENT_OFFSET.check("--frag-offset", fragOffset);
        if (mtu != null) {
            OptionRange.whole(68, 65535).check("--mtu", mtu);
            if (mf || fragOffset != 0) {
                throw NetkitException.usage("set fragment fields by hand (--mf, --frag-offset) or let --mtu fragment, not both");
            }
        }
        int sp = sport == null ? ThreadLocalRandom.current().nextInt(32768, 61000) : PORT.check("--sport", sport);
        int dp = dport == null ? (kind == Probe.Kind.TCP ? 80 : 33434) : PORT.check("--dport", dport);
        int payloads = (data != null ? 1 : 0) + (hex != null ? 1 : 0) + (size != null ? 1 : 0);
        if (payloads > 1) {
            throw NetkitException.usage("choose one of --data, --hex and --size");
        }
        byte[] payload = payload();
        int tcpFlags = kind == Probe.Kind.TCP ? tcpFlags(flags == null ? "S" : flags) : 0;
        long ipId = id == null ? ThreadLocalRandom.current().nextLong(v6 ? 1L << 32 : 65536) : id;
        List<Ipv4Option> ipv4Options = v6 ? List.of() : layers.ipv4Options();
        List<Ipv6ExtensionHeader> extensions = v6 ? layers.ipv6Extensions(ipId, mf, fragOffset) : List.of();
        int transportHeader = switch (kind) {
            case TCP -> 20 + (mss != null ? 4 : 0);
            default -> 8;
        };
        int headers = v6 ? 40 + extensions.stream().mapToInt(Ipv6ExtensionHeader::bufferLength).sum()
                : 20 + Ipv4Option.emitAll(ipv4Options).length;
        int total = headers + transportHeader + payload.length;
        if (total > 65535 + (v6 ? 40 : 0)) {
            int over = total - 65535 - (v6 ? 40 : 0);
            throw NetkitException.usage("the datagram would be " + total + " bytes, over the 65535 an IP length can say: "
                    + "the payload can be at most " + (payload.length - over) + " bytes");
        }
        if (df && mtu != null && total > mtu) {
            throw NetkitException.usage("--df forbids fragmenting, but the " + total + "-byte datagram exceeds --mtu " + mtu);
        }
        int[] icmpTypeCode = icmpTypeCode(v6);
        long s = seq == null ? ThreadLocalRandom.current().nextLong(1L << 32) : THIRTY_TWO_BITS.check("--seq", seq);
        long a = ack == null ? 0 : THIRTY_TWO_BITS.check("--ack", ack);
        int w = win == null ? 64240 : SIXTEEN_BITS.check("--win", win);
        int m = mss == null ? 0 : SIXTEEN_BITS.check("--mss", mss);
        int icmpId = (int) (ProcessHandle.current().pid() & 0xffff);
        return new Probe(source, dst, kind, ttl, tos, (int) ipId, df, mf && !v6, v6 ? 0 : fragOffset,
                mtu == null ? 0 : mtu, icmpTypeCode[0], icmpTypeCode[1], icmpId, tcpFlags, s, a, w, m, sp, dp, payload,
                badChecksum, vlans, layers.source(), layers.destination(), ipv4Options, extensions,
                ArpOperation.REQUEST);
    }

    /** ARP instead of IP: no IP or transport option applies; the target is DST, the sender --src or ours. */
    private Probe arp(InetAddress dst, InetAddress source, List<VlanTag> vlans) {
        for (String o : IP_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw NetkitException.usage("--arp sends no IP datagram: " + o + " does not apply");
            }
        }
        if (!(dst instanceof Inet4Address)) {
            throw NetkitException.usage("ARP resolves IPv4 addresses; " + destination + " is IPv6");
        }
        ArpOperation op = layers.arpOperation();
        InetAddress sender = source;
        if (layers.gratuitous) {
            if (src != null && !dst.equals(source)) {
                throw NetkitException.usage("--gratuitous announces " + destination + " as its own sender: leave out "
                        + "--src");
            }
            sender = dst;
        }
        return new Probe(sender, dst, Probe.Kind.ARP, 0, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new byte[0], false, vlans, layers.source(), layers.destination(), List.of(), List.of(), op);
    }

    /** The options of IP and its transports, which ARP refuses. */
    private static final List<String> IP_OPTIONS = List.of("--ttl", "--tos", "--id", "--df", "--mf", "--frag-offset",
            "--mtu", "--icmp", "--udp", "--tcp", "--flags", "--seq", "--ack", "--win", "--mss", "--sport", "--dport",
            "--data", "--hex", "--size", "--bad-checksum", "--rroute", "--ip-timestamp", "--router-alert",
            "--hop-by-hop", "--dest-opt", "--frag6");
    private static final OptionRange EIGHT_BITS = OptionRange.whole(0, 255);
    private static final OptionRange SIXTEEN_BITS = OptionRange.whole(0, 65535);
    private static final OptionRange THIRTY_TWO_BITS = OptionRange.whole(0, 0xffffffffL);
    private static final OptionRange FRAGMENT_OFFSET = OptionRange.whole(0, 8191);
    /** A crafted packet may use port 0, which a scan or nc may not. */
    private static final OptionRange PORT = OptionRange.whole(0, 65535);

    private byte[] payload() {
        if (data != null) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        if (hex != null) {
            return SendLayerOptions.hex("--hex", hex);
        }
        if (size != null) {
            SIXTEEN_BITS.check("--size", size);
            byte[] b = new byte[size];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ('a' + i % 26);
            }
            return b;
        }
        return new byte[0];
    }

    /** nping's letters (S A F R P U E C), '.' for ACK as tcpdump prints it. */
    static int tcpFlags(String text) {
        if (text.isEmpty()) {
            throw NetkitException.usage("--flags is empty: give letters of SAFRPUEC, e.g. S or SA");
        }
        int f = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            f |= switch (c) {
                case 'S' -> TcpHeader.SYN;
                case 'A', '.' -> TcpHeader.ACK;
                case 'F' -> TcpHeader.FIN;
                case 'R' -> TcpHeader.RST;
                case 'P' -> TcpHeader.PSH;
                case 'U' -> TcpHeader.URG;
                case 'E' -> TcpHeader.ECE;
                case 'C' -> TcpHeader.CWR;
                default -> throw NetkitException.usage("--flags '" + text + "': '" + c
                        + "' is not a TCP flag (S A F R P U E C)");
            };
        }
        return f;
    }

    private int[] icmpTypeCode(boolean v6) {
        if (icmp == null) {
            return new int[] {v6 ? 128 : 8, 0};
        }
        String[] tc = icmp.split("/", -1);
        if (tc.length > 2) {
            throw NetkitException.usage("--icmp '" + icmp + "': write TYPE or TYPE/CODE");
        }
        int type = switch (tc[0].toLowerCase(Locale.ROOT)) {
            case "echo-request", "echo" -> v6 ? 128 : 8;
            case "echo-reply" -> v6 ? 129 : 0;
            case "timestamp" -> {
                if (v6) {
                    throw NetkitException.usage("ICMPv6 has no timestamp message");
                }
                yield 13;
            }
            default -> number("--icmp type", tc[0], 255);
        };
        int code = tc.length == 2 ? number("--icmp code", tc[1], 255) : 0;
        return new int[] {type, code};
    }

    private static int number(String what, String text, int max) {
        try {
            return OptionRange.whole(0, max).check(what, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw NetkitException.usage(what + " '" + text + "' is not a number or a known name");
        }
    }
}
