package dev.netkit.capture;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.NdpFrames;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Neighbor;
import dev.netkit.system.NeighborTable;
import dev.netkit.system.RouteDecision;
import dev.netkit.system.RouteLookup;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one next-hop resolver of the engines that inject frames (ping, trace, scan): the next hop comes from the
 * kernel's routing table ({@link dev.netkit.system.RouteLookup}), its MAC from the neighbour table, and when the
 * table has none, from our own ARP request (RFC 826) or neighbour solicitation (RFC 4861 section 7.2.2) sent and
 * answered on the capture layer; no datagram is sent for the kernel to resolve it.
 */
public final class NextHops {
    /** Asks this many times within the wait. */
    static final int ATTEMPTS = 3;

    private NextHops() {
    }

    /**
     * Where frames injected towards a destination go: the outgoing device, our MAC there, the next hop's MAC (both
     * all-zero on loopback and links without Ethernet), the source address and the device's MTU.
     */
    public record Route(String device, MacAddress self, MacAddress nextHop, InetAddress source, int mtu) {
    }

    /**
     * The route to {@code dst} (through {@code iface} when not null) as the kernel's tables choose it, with the next
     * hop's MAC from {@link #mac(String, MacAddress, InetAddress, InetAddress, long)} (null when {@code waitMillis}
     * is 0: not asked). {@code source} (null: the route's) is the source of the route returned; the next hop is
     * asked from the kernel's address on the link, since a spoofed source gets no answer.
     */
    public static Route route(InetAddress dst, String iface, InetAddress source, long waitMillis) {
        RouteLookup routes = RouteLookup.system(dst);
        RouteDecision hop = routes.lookup(dst, iface);
        if (hop.dev() == null) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(dst));
        }
        InetAddress src = source(dst, hop, source);
        MacAddress own = routes.ethernetMac(hop.dev());
        MacAddress next = own.equals(MacAddress.ZERO) ? MacAddress.ZERO : waitMillis <= 0 ? null
                : mac(hop.dev(), own, hop.src() != null ? hop.src() : src, hop.nextHop(), waitMillis);
        return new Route(hop.dev(), own, next, src, routes.mtu(hop.dev()));
    }

    /**
     * The link {@code dst} is reached on, for frames that only cross that link (ARP): the device of its route (for
     * one of our own addresses, the device that holds it), our MAC there and, when {@code waitMillis} is above 0,
     * {@code dst}'s own MAC (else null).
     *
     * @throws NetkitException a usage error when the device has no Ethernet link
     */
    public static Route link(InetAddress dst, String iface, InetAddress source, long waitMillis) {
        RouteLookup routes = RouteLookup.system(dst);
        RouteDecision hop = routes.lookup(dst, iface);
        // the local table routes our own addresses through lo, but names the device that holds them
        String dev = hop.winner() != null && hop.winner().type().equals("local") ? hop.winner().dev() : hop.dev();
        if (dev == null) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(dst));
        }
        MacAddress own = routes.ethernetMac(dev);
        if (own.equals(MacAddress.ZERO)) {
            throw NetkitException.usage(dev + " has no Ethernet link (loopback, tun, tunnel)");
        }
        InetAddress src = source(dst, hop, source);
        MacAddress theirs = waitMillis <= 0 ? null
                : mac(dev, own, hop.src() != null ? hop.src() : src, dst, waitMillis);
        return new Route(dev, own, theirs, src, routes.mtu(dev));
    }

    private static InetAddress source(InetAddress dst, RouteDecision hop, InetAddress given) {
        InetAddress src = given != null ? given : hop.src();
        if (src == null) {
            throw NetkitException.usage("the kernel has no source address for " + IpLiteral.format(dst) + " on "
                    + hop.dev());
        }
        return src;
    }

    /**
     * The MAC of {@code hop} on {@code device}: the neighbour table's, else asked on a capture of {@code device}
     * opened for the question.
     *
     * @param own    the interface's MAC (the request's source)
     * @param source our address on the link (the request's sender address)
     */
    public static MacAddress mac(String device, MacAddress own, InetAddress source, InetAddress hop, long waitMillis) {
        MacAddress known = fromTable(hop, device);
        if (known != null) {
            return known;
        }
        try (FrameChannel capture = LiveCapture.channel(CaptureOptions.on(device).withPromiscuous(false)
                .withFilter("ether dst " + own + " and (arp or icmp6)"))) {
            return ask(capture, own, source, hop, device, waitMillis);
        }
    }

    /** As {@link #mac(String, MacAddress, InetAddress, InetAddress, long)} on a capture already open on the link. */
    public static MacAddress mac(FrameChannel capture, String device, MacAddress own, InetAddress source,
                                 InetAddress hop, long waitMillis) {
        MacAddress known = fromTable(hop, device);
        return known != null ? known : ask(capture, own, source, hop, device, waitMillis);
    }

    /**
     * The MACs of many targets on {@code device}'s own link (a scan's on-link hosts): the neighbour table's, read
     * once, then our own ARP requests or neighbour solicitations for the rest, {@value #ATTEMPTS} rounds within
     * {@code waitMillis}. A target that does not answer is left out; so is {@code source} itself.
     */
    public static Map<InetAddress, MacAddress> macs(String device, MacAddress own, InetAddress source,
                                                    List<? extends InetAddress> targets, long waitMillis) {
        Map<InetAddress, MacAddress> macs = new HashMap<>();
        boolean v6 = source instanceof Inet6Address;
        Map<InetAddress, MacAddress> table = new HashMap<>();
        for (Neighbor n : NeighborTable.read(!v6, v6, device)) {
            InetAddress a = IpLiteral.parseOrNull(n.ip());
            if (a != null && n.mac() != null && !n.states().contains("FAILED") && !n.states().contains("INCOMPLETE")) {
                table.put(a, MacAddress.parse(n.mac()));
            }
        }
        Set<InetAddress> missing = new HashSet<>();
        for (InetAddress a : targets) {
            MacAddress m = table.get(a);
            if (m != null) {
                macs.put(a, m);
            } else if (!a.equals(source) && (a instanceof Inet6Address) == v6) {
                missing.add(a);
            }
        }
        if (missing.isEmpty()) {
            return macs;
        }
        try (FrameChannel capture = LiveCapture.channel(CaptureOptions.on(device).withPromiscuous(false)
                .withFilter("ether dst " + own + " and (arp or icmp6)"))) {
            long start = System.nanoTime();
            long end = start + waitMillis * 1_000_000L;
            for (int attempt = 1; attempt <= ATTEMPTS && !missing.isEmpty(); attempt++) {
                for (InetAddress a : missing) {
                    capture.send(v6 ? NdpFrames.solicitation(own, (Inet6Address) source, (Inet6Address) a)
                            : ArpMessage.request(own, (Inet4Address) source, (Inet4Address) a).toFrame());
                }
                long until = attempt == ATTEMPTS ? end : start + (end - start) / ATTEMPTS * attempt;
                for (CapturedFrame f; !missing.isEmpty() && System.nanoTime() - until < 0
                        && (f = capture.receive(until)) != null; ) {
                    Frame frame;
                    try {
                        frame = Frame.decode(LinkType.ETHERNET, f.data());
                    } catch (RuntimeException e) {
                        continue; // a malformed frame is no answer
                    }
                    for (InetAddress a : answerer(frame)) {
                        MacAddress m = missing.remove(a) ? answer(frame, a) : null;
                        if (m != null) {
                            macs.put(a, m);
                        }
                    }
                }
            }
        }
        return macs;
    }

    /** Who a frame may be an answer from: an ARP reply's sender or an advertisement's target. */
    private static List<InetAddress> answerer(Frame f) {
        if (f.arp().orElse(null) instanceof ArpMessage m && m.answers(null, null)) {
            return List.of(m.senderIp());
        }
        if (f.icmpv6().orElse(null) instanceof Icmpv6Message.NeighborAdvertisement na) {
            return List.of(na.target());
        }
        return List.of();
    }

    private static MacAddress answer(Frame f, InetAddress from) {
        return from instanceof Inet4Address a4 ? arpAnswer(f, a4) : advertAnswer(f, (Inet6Address) from);
    }

    private static MacAddress fromTable(InetAddress hop, String device) {
        String known = NeighborTable.mac(hop, device);
        return known == null ? null : MacAddress.parse(known);
    }

    private static MacAddress ask(FrameChannel capture, MacAddress own, InetAddress source, InetAddress hop,
                                  String device, long waitMillis) {
        MacAddress mac;
        if (hop instanceof Inet4Address hop4 && source instanceof Inet4Address src4) {
            mac = arp(capture, own, src4, hop4, waitMillis);
        } else if (hop instanceof Inet6Address hop6 && source instanceof Inet6Address src6) {
            mac = solicit(capture, own, src6, hop6, waitMillis);
        } else {
            throw NetkitException.usage("no source address of " + IpLiteral.format(hop) + "'s family on " + device);
        }
        if (mac == null) {
            throw new NetkitException(ExitCode.NEGATIVE, "the next hop " + IpLiteral.format(hop) + " on " + device
                    + " did not answer " + (hop instanceof Inet4Address ? "ARP" : "neighbour solicitations"));
        }
        return mac;
    }

    /**
     * Asks {@code hop}'s MAC with ARP requests broadcast on {@code capture}, {@value #ATTEMPTS} within
     * {@code waitMillis}; null when no reply from {@code hop} came.
     */
    static MacAddress arp(FrameChannel capture, MacAddress own, Inet4Address src, Inet4Address hop, long waitMillis) {
        byte[] request = ArpMessage.request(own, src, hop).toFrame();
        return exchange(capture, request, waitMillis, f -> arpAnswer(f, hop));
    }

    /** The MAC an ARP reply from {@code hop} gives, or null. */
    private static MacAddress arpAnswer(Frame f, Inet4Address hop) {
        ArpMessage m = f.arp().orElse(null);
        return m != null && m.answers(hop, null) ? m.senderMac() : null;
    }

    /**
     * Asks {@code hop}'s MAC with neighbour solicitations to its solicited-node group, {@value #ATTEMPTS} within
     * {@code waitMillis}; null when no advertisement for {@code hop} came.
     */
    static MacAddress solicit(FrameChannel capture, MacAddress own, Inet6Address src, Inet6Address hop,
                              long waitMillis) {
        byte[] request = NdpFrames.solicitation(own, src, hop);
        return exchange(capture, request, waitMillis, f -> advertAnswer(f, hop));
    }

    /** The MAC a neighbour advertisement for {@code hop} gives, or null. */
    private static MacAddress advertAnswer(Frame f, Inet6Address hop) {
        if (!(f.icmpv6().orElse(null) instanceof Icmpv6Message.NeighborAdvertisement na) || !na.target().equals(hop)) {
            return null;
        }
        // RFC 4861 7.1.2: an advert that crossed a router (hop limit below 255) is invalid; and an answer to
        // a multicast solicitation must carry the target link-layer option, the Ethernet source is no substitute.
        if (f.ipv6().map(ip -> ip.hopLimit() != 255).orElse(true)) {
            return null;
        }
        return na.targetMac().orElse(null);
    }

    private interface Answer {
        MacAddress of(Frame frame);
    }

    /**
     * Sends {@code request} up to {@value #ATTEMPTS} times, each followed by a third of the wait for an answer. The
     * clock is checked after every frame: a capture hands out already-queued frames past its deadline, so steady
     * unrelated traffic would otherwise stretch the wait without end.
     */
    private static MacAddress exchange(FrameChannel capture, byte[] request, long waitMillis, Answer answer) {
        long start = System.nanoTime();
        long end = start + waitMillis * 1_000_000L;
        for (int attempt = 1; attempt <= ATTEMPTS && System.nanoTime() - end < 0; attempt++) {
            capture.send(request);
            long until = start + (end - start) / ATTEMPTS * attempt;
            if (attempt == ATTEMPTS) {
                until = end;
            }
            for (CapturedFrame f; System.nanoTime() - until < 0 && (f = capture.receive(until)) != null; ) {
                MacAddress mac;
                try {
                    mac = answer.of(Frame.decode(LinkType.ETHERNET, f.data()));
                } catch (RuntimeException e) {
                    continue; // a malformed frame is no answer
                }
                if (mac != null) {
                    return mac;
                }
            }
        }
        return null;
    }
}
