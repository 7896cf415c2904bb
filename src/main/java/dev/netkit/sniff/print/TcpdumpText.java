package dev.netkit.sniff.print;

import dev.netkit.TerminalText;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.LoopbackHeader;
import dev.netkit.packet.NdpOption;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpOption;
import dev.netkit.packet.UdpHeader;
import dev.netkit.packet.VlanTag;
import dev.netkit.sniff.SniffedPacket;

import java.net.InetAddress;
import java.util.List;

/**
 * tcpdump's one-line text for a packet (tcpdump 4.99 with -n): Ethernet (-e), Linux cooked, loopback, ARP,
 * IPv4 (-v header), IPv6, ICMP, ICMPv6 with neighbour discovery, TCP with relative sequence numbers, UDP,
 * DNS, and the start of HTTP. Where decoding stopped, the line ends as tcpdump's does ({@code [|tcp]}).
 * Every string that came from the wire goes through {@link #safe} so no control character reaches a terminal.
 * One instance per capture: it keeps TCP conversation state for relative sequence numbers.
 */
final class TcpdumpText {
    private final boolean link;
    private final int verbose;
    /** The -v count as given: tcpdump's -vv detail is reproduced for IGMP and MLD (group records, sources). */
    private final int detail;
    private final boolean numeric;
    private final TimeText time;
    private final TcpSequenceBases tcpBases = new TcpSequenceBases();
    private final InterfaceNames interfaces = new InterfaceNames();
    /** Where the transport header starts in the captured bytes, set while printing the IP layer. */
    private int transportStart;
    /** Where the IP payload the header declares ends, bounded by the captured bytes; set with transportStart. */
    private int payloadEnd;

    TcpdumpText(boolean link, int verbose, boolean numeric, TimeText time) {
        this.link = link;
        this.verbose = Math.min(verbose, 1);
        this.detail = verbose;
        this.numeric = numeric;
        this.time = time;
    }

    /** Appends the packet's line(s), without the final newline. */
    void render(SniffedPacket p, StringBuilder b) {
        time.append(b, p.frame().timestampNanos());
        Frame f = p.decoded();
        List<Layer> layers = f.layers();
        int wire = p.frame().originalLength();
        int i = 0;
        Layer first = layers.isEmpty() ? null : layers.get(0);
        int linkLength;
        EtherType type;
        switch (first) {
            case EthernetHeader e -> {
                i = 1;
                type = e.etherType();
                linkLength = 14 + 4 * e.tags().size();
                if (link) {
                    AddressText.mac(b, e.source().octets()).append(" > ");
                    AddressText.mac(b, e.destination().octets());
                    if (e.tags().isEmpty()) {
                        etherTypeText(b.append(", "), type);
                    } else {
                        etherTypeText(b.append(", "), e.tags().get(0).tpid());
                    }
                    b.append(", length ").append(wire).append(": ");
                }
                for (int t = 0; link && t < e.tags().size(); t++) {
                    VlanTag tag = e.tags().get(t);
                    b.append("vlan ").append(tag.vlanId()).append(", p ").append(tag.priority());
                    if (tag.dropEligible()) {
                        b.append(", DEI");
                    }
                    EtherType next = t + 1 < e.tags().size() ? e.tags().get(t + 1).tpid() : type;
                    etherTypeText(b.append(", "), next);
                    b.append(", ");
                }
                if (type.value() <= 1500) {
                    b.append(link ? "" : "").append("802.3, length ").append(wire);
                    rest(p, b, f);
                    return;
                }
            }
            case LinuxCookedHeader c -> {
                i = 1;
                type = c.protocol();
                linkLength = c.bufferLength();
                cooked(b, c, wire);
            }
            case LoopbackHeader n -> {
                i = 1;
                type = n.isIpv4() ? EtherType.IPV4 : n.isIpv6() ? EtherType.IPV6 : null;
                linkLength = 4;
                if (link) {
                    b.append("AF ").append(n.isIpv4() ? "IPv4" : n.isIpv6() ? "IPv6" : "Unknown")
                            .append(" (").append(n.family()).append("), length ").append(wire).append(": ");
                }
                if (type == null) {
                    b.append("AF ").append(n.family()).append(", length ").append(wire);
                    return;
                }
            }
            case null -> {
                undecodedLink(p, b, f);
                return;
            }
            default -> {
                type = null; // raw IP: the first layer is the IP header
                linkLength = 0;
            }
        }
        boolean prefix = !link || !(first instanceof EthernetHeader);
        Layer next = i < layers.size() ? layers.get(i) : null;
        switch (next) {
            case ArpMessage a -> arp(b, a, wire - linkLength, prefix, verbose);
            case Ipv4Header h -> ipv4(p, b, h, layers, i + 1, prefix);
            case Ipv6Header h -> ipv6(p, b, h, layers, i + 1, prefix);
            case null -> {
                if (type == null) {
                    undecodedLink(p, b, f);
                } else if (type.value() == 0x0800 || type.value() == 0x86dd || type.value() == 0x0806) {
                    String name = type.value() == 0x0800 ? "ip" : type.value() == 0x86dd ? "ip6" : "arp";
                    if (prefix && type.value() == 0x0806) {
                        b.append("ARP, ");
                    } else if (prefix) {
                        b.append(type.value() == 0x0800 ? "IP " : "IP6 ");
                    }
                    trunc(b, name);
                } else {
                    if (!link && first instanceof EthernetHeader e) {
                        AddressText.mac(b, e.source().octets()).append(" > ");
                        AddressText.mac(b, e.destination().octets());
                        etherTypeText(b.append(", "), type);
                        b.append(", length ").append(wire).append(": ");
                    } else if (!link) {
                        etherTypeText(b, type);
                        b.append(", length ").append(wire).append(": ");
                    }
                    b.append("unknown payload");
                }
            }
            default -> b.append("unsupported layer");
        }
    }

    private void undecodedLink(SniffedPacket p, StringBuilder b, Frame f) {
        String where = f.stoppedAt().orElse(null);
        if (where != null) {
            trunc(b, where);
        } else {
            b.append(p.frame().linkType().name()).append(", length ").append(p.frame().originalLength());
        }
    }

    private void rest(SniffedPacket p, StringBuilder b, Frame f) {
        // IEEE 802.3 with LLC: not decoded by netkit
        b.append(": LLC");
    }

    private void cooked(StringBuilder b, LinuxCookedHeader c, int wire) {
        if (c.version() == 2 && !link) {
            String name = interfaces.name(c.interfaceIndex());
            b.append(name);
            for (int k = name.length(); k < 5; k++) {
                b.append(' ');
            }
            b.append(' ');
            String dir = direction(c.packetType());
            b.append(dir);
            for (int k = dir.length(); k < 3; k++) {
                b.append(' ');
            }
            b.append(' ');
        } else if (link) {
            if (c.version() == 2) {
                b.append("ifindex ").append(c.interfaceIndex()).append(' ');
                String name = interfaces.name(c.interfaceIndex());
                b.append('(').append(name).append(") ");
            }
            b.append(direction(c.packetType()));
            if (c.address().length == 6) {
                AddressText.mac(b.append(' '), c.address());
            }
            etherTypeText(b.append(" "), c.protocol());
            b.append(", length ").append(wire).append(": ");
        }
    }

    private static String direction(int packetType) {
        return switch (packetType) {
            case 0 -> "In";
            case 1 -> "B";
            case 2 -> "M";
            case 3 -> "P";
            case 4 -> "Out";
            default -> "?";
        };
    }

    static void etherTypeText(StringBuilder b, EtherType t) {
        String name = switch (t.value()) {
            case 0x0800 -> "IPv4";
            case 0x86dd -> "IPv6";
            case 0x0806 -> "ARP";
            case 0x8035 -> "Reverse ARP";
            case 0x8100 -> "802.1Q";
            case 0x88a8 -> "802.1Q-QinQ";
            case 0x9100 -> "802.1Q-9100";
            case 0x88cc -> "LLDP";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x8863 -> "PPPoE D";
            case 0x8864 -> "PPPoE S";
            case 0x888e -> "EAPOL";
            case 0x88f7 -> "PTP";
            case 0x9000 -> "Loopback";
            default -> "Unknown";
        };
        b.append("ethertype ").append(name).append(" (0x");
        AddressText.hex4(b, t.value());
        b.append(')');
    }

    // ---- ARP ----

    private static void arp(StringBuilder b, ArpMessage a, int length, boolean prefix, int verbose) {
        if (prefix) {
            b.append("ARP, ");
        }
        if (verbose > 0) {
            b.append("Ethernet (len 6), IPv4 (len 4), ");
        }
        ArpOperation op = a.operation();
        switch (op.value()) {
            case 1 -> {
                AddressText.ip(b.append("Request who-has "), a.targetIp());
                if (!isZero(a.targetMac().octets())) {
                    AddressText.mac(b.append(" ("), a.targetMac().octets()).append(')');
                }
                AddressText.ip(b.append(" tell "), a.senderIp());
            }
            case 2 -> {
                AddressText.ip(b.append("Reply "), a.senderIp());
                AddressText.mac(b.append(" is-at "), a.senderMac().octets());
            }
            case 3 -> {
                AddressText.mac(b.append("Reverse Request who-is "), a.targetMac().octets());
                AddressText.mac(b.append(" tell "), a.senderMac().octets());
            }
            case 4 -> {
                AddressText.mac(b.append("Reverse Reply "), a.targetMac().octets());
                AddressText.ip(b.append(" at "), a.targetIp());
            }
            default -> b.append("Unknown (").append(op.value()).append(')');
        }
        b.append(", length ").append(length);
    }

    private static boolean isZero(byte[] x) {
        for (byte v : x) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- IPv4 ----

    private void ipv4(SniffedPacket p, StringBuilder b, Ipv4Header h, List<Layer> layers, int i, boolean prefix) {
        if (prefix) {
            b.append("IP ");
        }
        int ipStart = ipOffset(p.decoded(), h);
        int wireMissing = h.totalLength() - (p.frame().originalLength() - ipStart);
        if (wireMissing > 0) {
            b.append("truncated-ip - ").append(wireMissing).append(" bytes missing! ");
        }
        int payload = h.totalLength() - h.headerLength();
        if (verbose > 0) {
            b.append("(tos 0x");
            AddressText.hex(b, (h.dscp() << 2) | h.ecn());
            switch (h.ecn()) {
                case 1 -> b.append(",ECT(1)");
                case 2 -> b.append(",ECT(0)");
                case 3 -> b.append(",CE");
                default -> {
                }
            }
            if (h.ttl() >= 1) {
                b.append(", ttl ").append(h.ttl());
            }
            b.append(", id ").append(h.identification()).append(", offset ").append(h.fragmentOffset() * 8)
                    .append(", flags [");
            int fl = h.flags();
            boolean any = false;
            if ((fl & Ipv4Header.FLAG_MORE_FRAGMENTS) != 0) {
                b.append('+');
                any = true;
            }
            if ((fl & Ipv4Header.FLAG_DONT_FRAGMENT) != 0) {
                b.append(any ? ", " : "").append("DF");
                any = true;
            }
            if ((fl & 4) != 0) {
                b.append(any ? ", " : "").append("rsvd");
                any = true;
            }
            if (!any) {
                b.append("none");
            }
            b.append("], proto ").append(ipProtoName(h.protocol().value())).append(" (")
                    .append(h.protocol().value()).append("), length ").append(h.totalLength());
            if (h.options().length > 0) {
                b.append(", options (");
                ipOptions(b, h.options());
                b.append(')');
            }
            if (!h.checksumValid()) {
                b.append(", bad cksum ");
                AddressText.hex(b, h.checksum());
                b.append(" (->");
                AddressText.hex(b, h.computeChecksum());
                b.append(")!");
            }
            b.append(")\n    ");
        }
        transportStart = ipStart + h.headerLength();
        payloadEnd = Math.min(p.frame().data().length, ipStart + h.totalLength());
        if (h.fragmentOffset() != 0) {
            AddressText.ip(b, h.source()).append(" > ");
            AddressText.ip(b, h.destination()).append(':');
            b.append(" ip-proto-").append(h.protocol().value());
            return;
        }
        Layer t = i < layers.size() ? layers.get(i) : null;
        transport(p, b, t, h.source(), h.destination(), payload, h.protocol(), false, wireMissing > 0);
    }

    /** Where the IP header starts in the captured bytes (after the link header). */
    private static int ipOffset(Frame f, Layer ip) {
        int off = 0;
        List<Layer> layers = f.layers();
        for (int i = 0; i < layers.size(); i++) { // indexed: C1 would allocate an iterator per packet
            Layer l = layers.get(i);
            if (l == ip) {
                return off;
            }
            off += switch (l) {
                case EthernetHeader e -> 14 + 4 * e.tags().size();
                case LinuxCookedHeader c -> c.bufferLength();
                case LoopbackHeader n -> 4;
                default -> 0;
            };
        }
        return off;
    }

    private static void ipOptions(StringBuilder b, byte[] o) {
        int i = 0;
        boolean firstOpt = true;
        while (i < o.length) {
            int type = o[i] & 0xff;
            if (!firstOpt) {
                b.append(',');
            }
            firstOpt = false;
            if (type == 0) {
                b.append("EOL");
                int rest = o.length - i - 1;
                if (rest > 0) {
                    b.append(" [").append(rest).append(" bytes pad]");
                }
                return;
            }
            if (type == 1) {
                b.append("NOP");
                i++;
                continue;
            }
            if (i + 1 >= o.length) {
                b.append("[|ip]");
                return;
            }
            int len = o[i + 1] & 0xff;
            String name = switch (type) {
                case 7 -> "RR";
                case 68 -> "TS";
                case 130 -> "security";
                case 131 -> "LSRR";
                case 137 -> "SSRR";
                case 148 -> "RA";
                default -> "unknown " + type;
            };
            b.append(name);
            if (type == 148) {
                // router alert: tcpdump names a non-zero value only
                if (len < 4) {
                    b.append(" [bad length ").append(len).append(']');
                } else if (i + 3 < o.length && (((o[i + 2] & 0xff) << 8) | (o[i + 3] & 0xff)) != 0) {
                    b.append(" value ").append(((o[i + 2] & 0xff) << 8) | (o[i + 3] & 0xff));
                }
            } else {
                b.append(" {");
                b.append("len ").append(len).append('}');
            }
            if (len < 2) {
                return;
            }
            i += len;
        }
    }

    static String ipProtoName(int p) {
        return switch (p) {
            case 0 -> "Options";
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPIP";
            case 6 -> "TCP";
            case 8 -> "EGP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 43 -> "Routing";
            case 44 -> "Fragment";
            case 46 -> "RSVP";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPv6";
            case 59 -> "NONE";
            case 60 -> "DSTOPT";
            case 89 -> "OSPF";
            case 103 -> "PIM";
            case 112 -> "VRRP";
            case 132 -> "SCTP";
            default -> "unknown";
        };
    }

    // ---- IPv6 ----

    private void ipv6(SniffedPacket p, StringBuilder b, Ipv6Header h, List<Layer> layers, int i, boolean prefix) {
        if (prefix) {
            b.append("IP6 ");
        }
        if (verbose > 0) {
            b.append('(');
            if (h.trafficClass() != 0) {
                b.append("class 0x");
                AddressText.hex(b, h.trafficClass());
                b.append(", ");
            }
            if (h.flowLabel() != 0) {
                b.append("flowlabel 0x");
                String fl = Integer.toHexString(h.flowLabel());
                b.append("00000", 0, 5 - fl.length()).append(fl).append(", ");
            }
            b.append("hlim ").append(h.hopLimit()).append(", next-header ")
                    .append(ipProtoName(h.nextHeader().value())).append(" (").append(h.nextHeader().value())
                    .append(") payload length: ").append(h.payloadLength()).append(") ");
        }
        int payload = h.payloadLength();
        IpProtocol proto = h.nextHeader();
        transportStart = ipOffset(p.decoded(), h) + 40;
        payloadEnd = Math.min(p.frame().data().length, transportStart + h.payloadLength());
        boolean extensions = i < layers.size() && layers.get(i) instanceof Ipv6ExtensionHeader;
        if (extensions) {
            AddressText.ip(b, h.source()).append(" > ");
            AddressText.ip(b, h.destination()).append(": ");
        }
        while (i < layers.size() && layers.get(i) instanceof Ipv6ExtensionHeader x) {
            payload -= extLength(x);
            transportStart += extLength(x);
            switch (x) {
                case Ipv6ExtensionHeader.HopByHopOptions o -> {
                    b.append("HBH ");
                    ip6Options(b, p.frame().data(), transportStart - extLength(x) + 2, transportStart);
                }
                case Ipv6ExtensionHeader.DestinationOptions o -> {
                    b.append("DSTOPT ");
                    ip6Options(b, p.frame().data(), transportStart - extLength(x) + 2, transportStart);
                }
                case Ipv6ExtensionHeader.Routing r -> routing(b, r);
                case Ipv6ExtensionHeader.Fragment fr -> {
                    b.append("frag (");
                    if (verbose > 0) {
                        b.append("0x");
                        String id = Long.toHexString(fr.identification());
                        b.append("00000000", 0, Math.max(0, 8 - id.length())).append(id).append(':');
                    }
                    b.append(fr.fragmentOffset() * 8).append('|').append(payload).append(')');
                    if (fr.fragmentOffset() != 0) {
                        return;
                    }
                    b.append(' ');
                }
            }
            proto = x.nextHeader();
            i++;
        }
        Layer t = i < layers.size() ? layers.get(i) : null;
        if (extensions) {
            // after extension headers tcpdump names TCP and UDP endpoints by port only
            transportNoAddresses(p, b, t, h.source(), h.destination(), payload, proto);
            return;
        }
        transport(p, b, t, h.source(), h.destination(), payload, proto, true, false);
    }

    /** tcpdump -v's hop-by-hop and destination options ({@code (rtalert: 0x0000) (padn) }), bytes {@code [from, to)}. */
    private void ip6Options(StringBuilder b, byte[] d, int from, int to) {
        if (verbose == 0) {
            return;
        }
        to = Math.min(to, d.length);
        int len = to - from;
        for (int i = 0; i < len; ) {
            int type = d[from + i] & 0xff;
            int optlen;
            if (type == 0) {
                optlen = 1;
            } else if (i + 1 < len) {
                optlen = (d[from + i + 1] & 0xff) + 2;
            } else {
                return;
            }
            if (i + optlen > len) {
                return;
            }
            switch (type) {
                case 0 -> b.append("(pad1)");
                case 1 -> b.append("(padn)");
                case 5 -> {
                    if (optlen != 4) {
                        b.append("(rtalert: invalid len ").append(optlen - 2).append(')');
                        return;
                    }
                    b.append("(rtalert: 0x");
                    AddressText.hex4(b, ((d[from + i + 2] & 0xff) << 8) | (d[from + i + 3] & 0xff));
                    b.append(") ");
                }
                case 0xc2 -> {
                    if (optlen != 6) {
                        b.append("(jumbo: invalid len ").append(optlen - 2).append(')');
                        return;
                    }
                    long v = ((long) (d[from + i + 2] & 0xff) << 24) | ((d[from + i + 3] & 0xff) << 16)
                            | ((d[from + i + 4] & 0xff) << 8) | (d[from + i + 5] & 0xff);
                    b.append("(jumbo: ").append(v).append(") ");
                }
                default -> {
                    b.append("(opt_type 0x");
                    AddressText.hex2(b, type);
                    b.append(": len=").append(optlen - 2).append(')');
                }
            }
            i += optlen;
        }
        b.append(' ');
    }

    private static void routing(StringBuilder b, Ipv6ExtensionHeader.Routing r) {
        byte[] d = r.data();
        int type = r.routingType();
        b.append("RT6 (len=").append(r.bufferLength() / 8 - 1).append(", type=").append(type);
        if (type == 0) {
            b.append(" [Deprecated]");
        }
        b.append(", segleft=").append(r.segmentsLeft());
        int at = 4;
        if (type == 4 && d.length >= 4) {
            b.append(", last-entry=").append(d[0] & 0xff).append(", tag=")
                    .append(Integer.toHexString(((d[2] & 0xff) << 8) | (d[3] & 0xff)));
        }
        if (type == 0 || type == 2 || type == 4) {
            for (int k = 0; at + 16 <= d.length; k++, at += 16) {
                b.append(", [").append(k).append(']');
                AddressText.ipv6(b, d, at);
            }
        }
        b.append(") ");
    }

    private static int extLength(Ipv6ExtensionHeader x) {
        return x.bufferLength();
    }

    // ---- transport ----

    private void transport(SniffedPacket p, StringBuilder b, Layer t, InetAddress src, InetAddress dst,
            int length, IpProtocol proto, boolean v6, boolean ipTruncated) {
        switch (t) {
            case TcpHeader tcp -> {
                endpoint(b, src, tcp.sourcePort()).append(" > ");
                endpoint(b, dst, tcp.destinationPort()).append(": ");
                tcp(p, b, tcp, src, dst, length);
            }
            case UdpHeader udp -> {
                endpoint(b, src, udp.sourcePort()).append(" > ");
                endpoint(b, dst, udp.destinationPort()).append(": ");
                udp(p, b, udp, length);
            }
            case null, default -> {
                String where = p.decoded().stoppedAt().orElse("");
                byte[] d = p.frame().data();
                if (t == null && (where.equals("tcp") || where.equals("udp")) && transportStart + 4 <= d.length) {
                    // the header is cut, but its ports were captured: tcpdump still names them
                    endpoint(b, src, ((d[transportStart] & 0xff) << 8) | (d[transportStart + 1] & 0xff)).append(" > ");
                    endpoint(b, dst, ((d[transportStart + 2] & 0xff) << 8) | (d[transportStart + 3] & 0xff));
                    b.append(":  [|").append(where).append(']');
                    return;
                }
                AddressText.ip(b, src).append(" > ");
                AddressText.ip(b, dst).append(": ");
                transportNoAddresses(p, b, t, src, dst, length, proto);
            }
        }
    }

    /** The transport part after "src > dst: " for ICMP and unknown protocols (also after an IPv6 frag). */
    private void transportNoAddresses(SniffedPacket p, StringBuilder b, Layer t, InetAddress src, InetAddress dst,
            int length, IpProtocol proto) {
        if (proto.value() == 2 && (t instanceof IgmpMessage || t == null
                && "igmp".equals(p.decoded().stoppedAt().orElse(null)))) {
            MulticastText.igmp(b, p.frame().data(), transportStart, payloadEnd, length, detail);
            return;
        }
        switch (t) {
            case Icmpv4Message m -> {
                icmp(b, m, length);
                quotedPacket(p, b);
            }
            case Icmpv6Message m -> {
                icmp6(p, b, m, length);
                quotedPacket(p, b);
            }
            case TcpHeader tcp -> {
                port(b, tcp.sourcePort()).append(" > ");
                port(b, tcp.destinationPort()).append(": ");
                tcp(p, b, tcp, src, dst, length);
            }
            case UdpHeader udp -> {
                port(b, udp.sourcePort()).append(" > ");
                port(b, udp.destinationPort()).append(": ");
                udp(p, b, udp, length);
            }
            case null -> {
                String where = p.decoded().stoppedAt().orElse(null);
                if ("icmp6".equals(where) && shortMld(p, b, length)) {
                    return;
                }
                if (where != null && !where.equals("ip") && !where.equals("ip6")) {
                    trunc(b, where);
                } else {
                    b.append(proto.value() == 59 ? "ip-proto-59" : "ip-proto-" + proto.value())
                            .append(' ').append(Math.max(0, length));
                }
            }
            default -> b.append("ip-proto-").append(proto.value()).append(' ').append(Math.max(0, length));
        }
    }

    private StringBuilder endpoint(StringBuilder b, InetAddress a, int port) {
        AddressText.ip(b, a).append('.');
        return port(b, port);
    }

    private StringBuilder port(StringBuilder b, int port) {
        if (numeric) {
            b.append(port);
        } else {
            b.append(Services.name(port));
        }
        return b;
    }

    private void udp(SniffedPacket p, StringBuilder b, UdpHeader u, int ipPayload) {
        Frame f = p.decoded();
        int len = u.length() - 8;
        if (u.length() > ipPayload) {
            b.append("UDP, bad length ").append(u.length()).append(" > ").append(ipPayload);
            return;
        }
        if (verbose > 0 && f.ipv6().isPresent() && u.length() >= 8 && f.payloadLength() >= len) {
            // tcpdump -v checks the UDP checksum of IPv6 (mandatory there); IPv4's only with -vv
            int sum = Checksums.udp(p, transportStart, u.length());
            if (sum == 0) {
                b.append("[udp sum ok] ");
            } else if (sum > 0) {
                b.append("[bad udp cksum 0x");
                AddressText.hex4(b, u.checksum());
                b.append(" -> 0x");
                AddressText.hex4(b, Checksums.shouldBe(u.checksum(), sum));
                b.append("!] ");
            }
        }
        if (p.dns() != null) {
            DnsText.render(b, p.dns(), len, verbose);
            return;
        }
        if (p.dnsProblem() != null) {
            b.append("[|domain]");
            return;
        }
        b.append("UDP, length ").append(Math.max(0, len));
        if (u.length() < 8) {
            b.append(" [bad udp length ").append(u.length()).append(']');
        }
        if (f.payloadLength() < len && !f.truncated()) {
            return;
        }
    }

    private void tcp(SniffedPacket p, StringBuilder b, TcpHeader t, InetAddress src, InetAddress dst, int ipPayload) {
        int flags = t.flags();
        int hlen = p.decoded().payloadOffset() - transportStart; // the data offset on the wire
        if (hlen < 20 || hlen > 60) {
            hlen = t.headerLength();
        }
        int length = ipPayload - hlen;
        long seq = t.sequence();
        long ack = t.acknowledgement();
        long baseAck = 0;
        b.append("Flags [");
        flagLetters(b, flags);
        b.append(']');
        if ((flags & TcpHeader.ACK) != 0) {
            if (!tcpBases.find(src, t.sourcePort(), dst, t.destinationPort()) || (flags & TcpHeader.SYN) != 0) {
                tcpBases.set(seq, (ack - 1) & 0xFFFFFFFFL);
            } else {
                seq = (seq - tcpBases.seqBase()) & 0xFFFFFFFFL;
                ack = (ack - tcpBases.ackBase()) & 0xFFFFFFFFL;
            }
            baseAck = tcpBases.ackBase();
        }
        if (verbose > 0 && length >= 0 && p.decoded().payloadLength() >= length && !p.decoded().truncated()) {
            int sum = Checksums.tcp(p, transportStart);
            if (sum >= 0) {
                b.append(", cksum 0x");
                AddressText.hex4(b, t.checksum());
                if (sum == 0) {
                    b.append(" (correct)");
                } else {
                    b.append(" (incorrect -> 0x");
                    AddressText.hex4(b, Checksums.shouldBe(t.checksum(), sum));
                    b.append(')');
                }
            }
        }
        if (verbose > 1 || length > 0 || (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0) {
            b.append(", seq ").append(seq);
            if (length > 0) {
                b.append(':').append((seq + length) & 0xFFFFFFFFL);
            }
        }
        if ((flags & TcpHeader.ACK) != 0) {
            b.append(", ack ").append(ack);
        }
        b.append(", win ").append(t.window());
        if ((flags & TcpHeader.URG) != 0) {
            b.append(", urg ").append(t.urgentPointer());
        }
        if (!t.options().isEmpty()) {
            b.append(", options [");
            List<TcpOption> options = t.options();
            for (int i = 0; i < options.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                tcpOption(b, options.get(i), baseAck);
            }
            b.append(']');
        }
        b.append(", length ").append(Math.max(0, length));
        if (length > 0 && (flags & TcpHeader.RST) == 0) {
            application(p, b, t, length);
        }
    }

    private static void flagLetters(StringBuilder b, int flags) {
        int n = b.length();
        if ((flags & TcpHeader.FIN) != 0) {
            b.append('F');
        }
        if ((flags & TcpHeader.SYN) != 0) {
            b.append('S');
        }
        if ((flags & TcpHeader.RST) != 0) {
            b.append('R');
        }
        if ((flags & TcpHeader.PSH) != 0) {
            b.append('P');
        }
        if ((flags & TcpHeader.ACK) != 0) {
            b.append('.');
        }
        if ((flags & TcpHeader.URG) != 0) {
            b.append('U');
        }
        if ((flags & TcpHeader.ECE) != 0) {
            b.append('E');
        }
        if ((flags & TcpHeader.CWR) != 0) {
            b.append('W');
        }
        if (b.length() == n) {
            b.append("none");
        }
    }

    /** tcp.flags for JSON: tcpdump's letters. */
    static String flagLetters(int flags) {
        StringBuilder b = new StringBuilder(4);
        flagLetters(b, flags);
        return b.toString();
    }

    private static void tcpOption(StringBuilder b, TcpOption o, long baseAck) {
        switch (o) {
            case TcpOption.NoOperation n -> b.append("nop");
            case TcpOption.EndOfList e -> b.append("eol");
            case TcpOption.MaximumSegmentSize m -> b.append("mss ").append(m.mss());
            case TcpOption.WindowScale w -> b.append("wscale ").append(w.shift());
            case TcpOption.SackPermitted s -> b.append("sackOK");
            case TcpOption.Timestamps ts -> b.append("TS val ").append(ts.value()).append(" ecr ").append(ts.echoReply());
            case TcpOption.Sack s -> {
                b.append("sack ").append(s.blocks().size()).append(' ');
                for (TcpOption.SackBlock blk : s.blocks()) {
                    b.append('{').append((blk.left() - baseAck) & 0xFFFFFFFFL).append(':')
                            .append((blk.right() - baseAck) & 0xFFFFFFFFL).append('}');
                }
            }
            case TcpOption.Unknown u -> {
                b.append("unknown-").append(u.kind());
                byte[] d = u.data();
                if (d.length > 0) {
                    b.append(' ');
                    for (byte x : d) {
                        AddressText.hex2(b, x);
                    }
                }
            }
        }
    }

    private void application(SniffedPacket p, StringBuilder b, TcpHeader t, int length) {
        if (p.dns() != null) {
            b.append(' ');
            DnsText.render(b, p.dns(), length - 2, verbose);
            return;
        }
        int sp = t.sourcePort();
        int dp = t.destinationPort();
        if (sp == 80 || dp == 80 || sp == 8080 || dp == 8080 || sp == 3128 || dp == 3128) {
            byte[] d = p.frame().data();
            int off = p.decoded().payloadOffset();
            int n = Math.min(p.decoded().payloadLength(), length);
            if (verbose > 0) {
                b.append(": HTTP, length: ").append(length);
                Http.lines(b, d, off, n, n < length);
                return;
            }
            b.append(": HTTP");
            String line = Http.firstLine(d, off, n);
            if (line != null) {
                b.append(": ").append(line);
            }
        }
        if (sp == 22 || dp == 22) {
            String version = Ssh.version(p.frame().data(), p.decoded().payloadOffset(),
                    Math.min(p.decoded().payloadLength(), length));
            if (version != null) {
                b.append(": SSH: ").append(version);
            }
        }
    }

    // ---- ICMP ----

    private static void icmp(StringBuilder b, Icmpv4Message m, int length) {
        b.append("ICMP ");
        switch (m) {
            case Icmpv4Message.Echo e -> b.append(e.request() ? "echo request" : "echo reply")
                    .append(", id ").append(e.identifier()).append(", seq ").append(e.sequence());
            case Icmpv4Message.DestinationUnreachable u -> unreachable(b, u);
            case Icmpv4Message.TimeExceeded t -> b.append(switch (t.code()) {
                case 0 -> "time exceeded in-transit";
                case 1 -> "ip reassembly time exceeded";
                default -> "time exceeded-#" + t.code();
            });
            case Icmpv4Message.Redirect r -> {
                String kind = switch (r.code()) {
                    case 0 -> "redirect %s to net %s";
                    case 1 -> "redirect %s to host %s";
                    case 2 -> "redirect-tos %s to net %s";
                    case 3 -> "redirect-tos %s to host %s";
                    default -> "redirect-#" + r.code() + " %s to %s";
                };
                String quotedDst = quotedDestination(r.quotedFrame());
                b.append(kind.replaceFirst("%s", quotedDst).replace("%s", AddressText.ip(r.gateway())));
            }
            case Icmpv4Message.Other o -> b.append(switch (o.type().value()) {
                case 4 -> "source quench";
                case 9 -> "router advertisement";
                case 10 -> "router solicitation";
                case 12 -> "parameter problem - octet " + ((o.restOfHeader() >>> 24) & 0xff);
                case 13 -> "time stamp query id " + ((o.restOfHeader() >>> 16) & 0xffff) + " seq "
                        + (o.restOfHeader() & 0xffff);
                case 14 -> "time stamp reply id " + ((o.restOfHeader() >>> 16) & 0xffff) + " seq "
                        + (o.restOfHeader() & 0xffff) + timestamps(o.data());
                case 15 -> "information request";
                case 16 -> "information reply";
                case 17 -> "address mask request";
                case 18 -> "address mask is 0x" + Long.toHexString(o.restOfHeader());
                default -> "type-#" + o.type().value();
            });
        }
        b.append(", length ").append(Math.max(0, length));
    }

    /**
     * A time stamp reply's three times as tcpdump prints them: milliseconds since midnight UT as
     * hours:minutes:seconds.millis, the hours not wrapped at 24 (RFC 792's "non-standard" high bit included).
     */
    private static String timestamps(byte[] d) {
        if (d.length < 12) {
            return "";
        }
        java.nio.ByteBuffer w = java.nio.ByteBuffer.wrap(d);
        return ": org " + clock(Integer.toUnsignedLong(w.getInt(0))) + ", recv "
                + clock(Integer.toUnsignedLong(w.getInt(4))) + ", xmit " + clock(Integer.toUnsignedLong(w.getInt(8)));
    }

    private static String clock(long ms) {
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** tcpdump -v shows the datagram an ICMP error quotes, indented on the next line. */
    private void quotedPacket(SniffedPacket p, StringBuilder b) {
        if (verbose == 0) {
            return;
        }
        Frame q = p.decoded().quoted().orElse(null);
        if (q == null || q.layers().isEmpty()) {
            return;
        }
        byte[] bytes = switch (p.decoded().layers().get(p.decoded().layers().size() - 1)) {
            case Icmpv4Message.DestinationUnreachable u -> u.quoted();
            case Icmpv4Message.TimeExceeded t -> t.quoted();
            case Icmpv4Message.Redirect r -> r.quoted();
            case Icmpv6Message.DestinationUnreachable u -> u.quoted();
            case Icmpv6Message.PacketTooBig t -> t.quoted();
            case Icmpv6Message.TimeExceeded t -> t.quoted();
            default -> null;
        };
        if (bytes == null) {
            return;
        }
        SniffedPacket inner = new SniffedPacket(p.number(), new dev.netkit.capture.CapturedFrame(
                p.frame().timestampNanos(), dev.netkit.packet.LinkType.RAW, bytes.length, bytes), q, null, null);
        int saved = transportStart;
        b.append("\n\t");
        switch (q.layers().get(0)) {
            case Ipv4Header h -> ipv4(inner, b, h, q.layers(), 1, true);
            case Ipv6Header h -> ipv6(inner, b, h, q.layers(), 1, true);
            default -> {
            }
        }
        transportStart = saved;
    }

    private static String quotedDestination(Frame q) {
        return q.ipv4().map(h -> AddressText.ip(h.destination())).orElse("[|ip]");
    }

    private static void unreachable(StringBuilder b, Icmpv4Message.DestinationUnreachable u) {
        Frame q = u.quotedFrame();
        String dst = quotedDestination(q);
        int code = u.reason().value();
        switch (code) {
            case 0 -> b.append("net ").append(dst).append(" unreachable");
            case 1 -> b.append("host ").append(dst).append(" unreachable");
            case 2 -> {
                int proto = q.ipv4().map(h -> h.protocol().value()).orElse(0);
                b.append(dst).append(" protocol ").append(proto).append(" unreachable");
            }
            case 3 -> {
                int proto = q.ipv4().map(h -> h.protocol().value()).orElse(0);
                int port = quotedPort(q);
                if (proto == 17) {
                    b.append(dst).append(" udp port ").append(port).append(" unreachable");
                } else if (proto == 6) {
                    b.append(dst).append(" tcp port ").append(port).append(" unreachable");
                } else {
                    b.append(dst).append(" protocol ").append(proto).append(" port ").append(port)
                            .append(" unreachable");
                }
            }
            case 4 -> {
                b.append(dst).append(" unreachable - need to frag");
                if (u.nextHopMtu() != 0) {
                    b.append(" (mtu ").append(u.nextHopMtu()).append(')');
                }
            }
            case 5 -> b.append(dst).append(" unreachable - source route failed");
            case 6 -> b.append("net ").append(dst).append(" unreachable - unknown");
            case 7 -> b.append("host ").append(dst).append(" unreachable - unknown");
            case 8 -> b.append(dst).append(" unreachable - source host isolated");
            case 9 -> b.append("net ").append(dst).append(" unreachable - admin prohibited");
            case 10 -> b.append("host ").append(dst).append(" unreachable - admin prohibited");
            case 11 -> b.append("net ").append(dst).append(" unreachable - tos prohibited");
            case 12 -> b.append("host ").append(dst).append(" unreachable - tos prohibited");
            case 13 -> b.append("host ").append(dst).append(" unreachable - admin prohibited filter");
            case 14 -> b.append("host ").append(dst).append(" unreachable - host precedence violation");
            case 15 -> b.append("host ").append(dst).append(" unreachable - precedence cutoff");
            default -> b.append(dst).append(" unreachable - #").append(code);
        }
    }

    /** The destination port of the quoted TCP or UDP header (its first 4 bytes suffice). */
    private static int quotedPort(Frame q) {
        if (q.udp().isPresent()) {
            return q.udp().get().destinationPort();
        }
        if (q.tcp().isPresent()) {
            return q.tcp().get().destinationPort();
        }
        byte[] rest = q.payload();
        return rest.length >= 4 ? ((rest[2] & 0xff) << 8) | (rest[3] & 0xff) : 0;
    }

    // ---- ICMPv6 ----

    private void icmp6(SniffedPacket p, StringBuilder b, Icmpv6Message m, int length) {
        icmp6Checksum(p, b);
        b.append("ICMP6, ");
        icmp6Body(p, b, m, length);
    }

    /** tcpdump -v's ICMPv6 checksum verdict before "ICMP6". */
    private void icmp6Checksum(SniffedPacket p, StringBuilder b) {
        if (verbose > 0) {
            int sum = Checksums.icmp6(p, transportStart);
            if (sum == 0) {
                b.append("[icmp6 sum ok] ");
            } else if (sum > 0) {
                int field = ((p.frame().data()[transportStart + 2] & 0xff) << 8) | (p.frame().data()[transportStart + 3] & 0xff);
                b.append("[bad icmp6 cksum 0x");
                AddressText.hex4(b, field);
                b.append(" -> 0x");
                AddressText.hex4(b, Checksums.shouldBe(field, sum));
                b.append("!] ");
            }
        }
    }

    /**
     * An MLD message shorter than ICMPv6's 8-byte header, which the codec does not decode: tcpdump still names
     * it and says its length is invalid. Returns false for anything else.
     */
    private boolean shortMld(SniffedPacket p, StringBuilder b, int length) {
        byte[] d = p.frame().data();
        if (transportStart >= payloadEnd || transportStart >= d.length || !MulticastText.isMld(d[transportStart] & 0xff)) {
            return false;
        }
        if (verbose > 0 && payloadEnd - transportStart == length) {
            int sum = Checksums.icmp6(p, transportStart, payloadEnd);
            b.append(sum == 0 ? "[icmp6 sum ok] " : sum > 0 ? "[bad icmp6 cksum] " : "");
        }
        b.append("ICMP6, ").append(icmp6TypeName(d[transportStart] & 0xff));
        if (MulticastText.mld(b, d, transportStart, payloadEnd, length, detail) && verbose == 0) {
            b.append(", length ").append(Math.max(0, length));
        }
        return true;
    }

    private void icmp6Body(SniffedPacket p, StringBuilder b, Icmpv6Message m, int length) {
        switch (m) {
            case Icmpv6Message.Echo e -> b.append(e.request() ? "echo request" : "echo reply")
                    .append(", id ").append(e.identifier()).append(", seq ").append(e.sequence());
            case Icmpv6Message.DestinationUnreachable u -> {
                b.append("destination unreachable, ");
                Frame q = u.quotedFrame();
                String dst = q.ipv6().map(h -> AddressText.ip(h.destination())).orElse("[|ip6]");
                int code = u.reason().value();
                switch (code) {
                    case 0 -> b.append("unreachable route ").append(dst);
                    case 1 -> b.append("unreachable prohibited ").append(dst);
                    case 2 -> b.append("beyond scope ").append(dst);
                    case 3 -> b.append("unreachable address ").append(dst);
                    case 4 -> {
                        b.append("unreachable port");
                        int proto = q.ipv6().map(h -> h.nextHeader().value()).orElse(0);
                        int port = quotedPort(q);
                        if (proto == 17) {
                            b.append(", ").append(dst).append(" udp port ").append(port);
                        } else if (proto == 6) {
                            b.append(", ").append(dst).append(" tcp port ").append(port);
                        } else {
                            b.append(", ").append(dst).append(" protocol ").append(proto).append(" port ")
                                    .append(port).append(" unreachable");
                        }
                    }
                    default -> b.append("unknown unreach code (").append(code).append(')');
                }
            }
            case Icmpv6Message.PacketTooBig t -> b.append("packet too big, mtu ").append(t.mtu());
            case Icmpv6Message.TimeExceeded t -> {
                b.append("time exceeded in-transit");
                Frame q = t.quotedFrame();
                if (t.code() == 0) {
                    b.append(" for ").append(q.ipv6().map(h -> AddressText.ip(h.destination())).orElse("[|ip6]"));
                } else if (t.code() == 1) {
                    b.append(" (reassembly)");
                } else {
                    b.append(", unknown code (").append(t.code()).append(')');
                }
            }
            case Icmpv6Message.RouterSolicitation r -> {
                b.append("router solicitation");
                if (verbose > 0) {
                    b.append(", length ").append(length);
                    ndOptions(b, r.options());
                    return;
                }
            }
            case Icmpv6Message.RouterAdvertisement r -> {
                b.append("router advertisement");
                if (verbose > 0) {
                    b.append(", length ").append(length);
                    b.append("\n\thop limit ").append(r.currentHopLimit()).append(", Flags [");
                    int fl = r.flags();
                    StringBuilder names = new StringBuilder();
                    if ((fl & 0x80) != 0) {
                        names.append("managed");
                    }
                    if ((fl & 0x40) != 0) {
                        names.append(names.isEmpty() ? "" : ", ").append("other stateful");
                    }
                    if ((fl & 0x20) != 0) {
                        names.append(names.isEmpty() ? "" : ", ").append("home agent");
                    }
                    b.append(names.isEmpty() ? "none" : names).append("], pref ")
                            .append(switch ((fl >> 3) & 3) {
                                case 1 -> "high";
                                case 3 -> "low";
                                case 2 -> "reserved";
                                default -> "medium";
                            })
                            .append(", router lifetime ").append(r.routerLifetime()).append("s, reachable time ")
                            .append(r.reachableTime()).append("ms, retrans timer ").append(r.retransmitTimer())
                            .append("ms");
                    ndOptions(b, r.options());
                    return;
                }
            }
            case Icmpv6Message.NeighborSolicitation n -> {
                b.append("neighbor solicitation");
                if (verbose > 0) {
                    AddressText.ip(b.append(", length ").append(length).append(", who has "), n.target());
                    ndOptions(b, n.options());
                    return;
                }
                AddressText.ip(b.append(", who has "), n.target());
            }
            case Icmpv6Message.NeighborAdvertisement n -> {
                b.append("neighbor advertisement");
                if (verbose > 0) {
                    AddressText.ip(b.append(", length ").append(length).append(", tgt is "), n.target());
                    StringBuilder fl = new StringBuilder();
                    if (n.router()) {
                        fl.append("router");
                    }
                    if (n.solicited()) {
                        fl.append(fl.isEmpty() ? "" : ", ").append("solicited");
                    }
                    if (n.override()) {
                        fl.append(fl.isEmpty() ? "" : ", ").append("override");
                    }
                    b.append(", Flags [").append(fl.isEmpty() ? "none" : fl).append(']');
                    ndOptions(b, n.options());
                    return;
                }
                AddressText.ip(b.append(", tgt is "), n.target());
            }
            case Icmpv6Message.Other o -> {
                b.append(icmp6TypeName(o.type().value()));
                if (MulticastText.isMld(o.type().value())
                        && !MulticastText.mld(b, p.frame().data(), transportStart, payloadEnd, length, detail)) {
                    return;
                }
            }
        }
        if (verbose == 0) {
            b.append(", length ").append(Math.max(0, length));
        }
    }

    /** tcpdump -v's neighbour discovery options, one per line. */
    private static void ndOptions(StringBuilder b, List<NdpOption> options) {
        for (NdpOption o : options) {
            int type;
            String name;
            switch (o) {
                case NdpOption.LinkLayerAddress l -> {
                    type = l.type();
                    name = type == 1 ? "source link-address" : "destination link-address";
                }
                case NdpOption.PrefixInformation pi -> {
                    type = 3;
                    name = "prefix info";
                }
                case NdpOption.Mtu m -> {
                    type = 5;
                    name = "mtu";
                }
                case NdpOption.Unknown u -> {
                    type = u.type();
                    name = type == 25 ? "rdnss" : type == 31 ? "dnssl" : "unknown";
                }
            }
            int len = o.length();
            b.append("\n\t  ").append(name).append(" option (").append(type).append("), length ").append(len)
                    .append(" (").append(len / 8).append("): ");
            switch (o) {
                case NdpOption.LinkLayerAddress l -> AddressText.mac(b, l.address());
                case NdpOption.PrefixInformation pi -> {
                    AddressText.ip(b, pi.prefix()).append('/').append(pi.prefixLength()).append(", Flags [");
                    StringBuilder fl = new StringBuilder();
                    if (pi.onLink()) {
                        fl.append("onlink");
                    }
                    if (pi.autonomous()) {
                        fl.append(fl.isEmpty() ? "" : ", ").append("auto");
                    }
                    b.append(fl.isEmpty() ? "none" : fl).append("], valid time ").append(lifetime(pi.validLifetime()))
                            .append(", pref. time ").append(lifetime(pi.preferredLifetime()));
                }
                case NdpOption.Mtu m -> b.append(' ').append(m.mtu());
                case NdpOption.Unknown u when u.type() == 25 && u.data().length >= 6 -> recursiveDns(b, u.data());
                case NdpOption.Unknown u when u.type() == 31 && u.data().length >= 6 -> searchList(b, u.data());
                case NdpOption.Unknown u -> HexDump.hex(b, "\n\t  ", u.data(), 0, u.data().length);
            }
        }
    }

    /** RFC 8106 recursive DNS servers: 2 reserved bytes, lifetime, then addresses (tcpdump prints no "infinity"). */
    private static void recursiveDns(StringBuilder b, byte[] d) {
        b.append(" lifetime ").append(u32(d, 2)).append("s,");
        for (int at = 6; at + 16 <= d.length; at += 16) {
            AddressText.ipv6(b.append(" addr: "), d, at);
        }
    }

    /** RFC 8106 DNS search list: lifetime, then domain names in DNS label form up to a zero byte. */
    private static void searchList(StringBuilder b, byte[] d) {
        b.append(" lifetime ").append(u32(d, 2)).append("s, domain(s):");
        int at = 6;
        while (at < d.length && d[at] != 0) {
            b.append(' ');
            StringBuilder name = new StringBuilder();
            while (at < d.length && d[at] != 0) {
                int len = d[at] & 0xff;
                if (len > 63 || at + 1 + len > d.length) {
                    b.append(TerminalText.escape(name.toString())).append(" [|icmp6]");
                    return;
                }
                name.append(new String(d, at + 1, len, java.nio.charset.StandardCharsets.ISO_8859_1)).append('.');
                at += 1 + len;
            }
            b.append(TerminalText.escape(name.toString()));
            at++;
        }
    }

    private static long u32(byte[] d, int at) {
        return ((long) (d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }

    private static String lifetime(long v) {
        return v == 0xFFFFFFFFL ? "infinity" : v + "s";
    }

    private static String icmp6TypeName(int t) {
        return switch (t) {
            case 4 -> "parameter problem";
            case 130 -> "multicast listener query";
            case 131 -> "multicast listener report";
            case 132 -> "multicast listener done";
            case 137 -> "redirect";
            case 138 -> "router renumbering";
            case 139 -> "node information query";
            case 140 -> "node information reply";
            case 141 -> "inverse neighbor solicitation";
            case 142 -> "inverse neighbor advertisement";
            case 143 -> "multicast listener report v2";
            case 144 -> "ha discovery request";
            case 145 -> "ha discovery reply";
            case 146 -> "mobile router solicitation";
            case 147 -> "mobile router advertisement";
            case 151 -> "multicast router advertisement";
            case 152 -> "multicast router solicitation";
            case 153 -> "multicast router termination";
            default -> "unknown icmp6 type (" + t + ")";
        };
    }

    static void trunc(StringBuilder b, String where) {
        if (!b.isEmpty() && b.charAt(b.length() - 1) != ' ') {
            b.append(' ');
        }
        b.append("[|").append(where).append(']');
    }

}
