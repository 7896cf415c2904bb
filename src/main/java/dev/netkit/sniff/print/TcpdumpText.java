package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.LoopbackHeader;
import dev.netkit.packet.PppHeader;
import dev.netkit.packet.VlanTag;
import dev.netkit.sniff.PacketDecoder;
import dev.netkit.sniff.SniffedPacket;

import java.util.Arrays;
import java.util.List;

/**
 * tcpdump's text for a packet (tcpdump 4.99 with -n): the link layer here (print-ether.c, print-sll.c,
 * print-null.c; PppText for print-ppp.c), then one printer per protocol family as tcpdump's print-*.c are split (ArpText, IpText,
 * Ip6Text, IpDemux, TcpText, UdpText, IcmpText, Icmp6Text, ...). This object is what tcpdump's netdissect_options
 * is to its printers: the options and the per-packet position they share. Where decoding stopped, the line ends
 * as tcpdump's does ({@code [|tcp]}); strings from the wire go through TerminalText.
 * One instance per capture: it keeps TCP conversation state for relative sequence numbers.
 */
final class TcpdumpText {
    final boolean link;
    /** tcpdump's -v count (ndo_vflag): 0, 1 (-v), 2 (-vv), 3 (-vvv). Every printer reads it from here. */
    final int verbose;
    final boolean numeric;
    /** tcpdump's -q: the short text of TCP and UDP. */
    final boolean quiet;
    /** tcpdump's -S: TCP sequence numbers as sent, not relative to the conversation's first. */
    final boolean absolute;
    private final TimeText time;
    final TcpSequenceBases tcpBases = new TcpSequenceBases();
    final InterfaceNames interfaces = new InterfaceNames();
    /** Where the transport header starts in the captured bytes, set while printing the IP layer. */
    int transportStart;
    /** Where the IP payload the header declares ends, bounded by the captured bytes; set with transportStart. */
    int payloadEnd;
    final IpText ip = new IpText(this);
    final Ip6Text ip6 = new Ip6Text(this);
    final IpDemux demux = new IpDemux(this);
    final TcpText tcp = new TcpText(this);
    final UdpText udp = new UdpText(this);
    final IcmpText icmp = new IcmpText(this);
    final Icmp6Text icmp6 = new Icmp6Text(this);
    /** tcpdump's -x and -X dump every packet, so a payload nothing decodes is not dumped a second time. */
    final boolean suppressDefaultPrint;

    TcpdumpText(PrintOptions o, TimeText time) {
        this.link = o.link();
        this.verbose = o.verbose();
        this.numeric = o.numeric();
        this.quiet = o.quiet();
        this.absolute = o.absolute();
        this.suppressDefaultPrint = o.hex() > 0 || o.hexAscii() > 0;
        this.time = time;
    }

    /** Appends the packet's line(s), without the final newline. */
    void render(SniffedPacket p, StringBuilder b) {
        time.append(b, p.frame().timestampNanos());
        frame(p, b);
    }

    /**
     * An Ethernet frame carried inside the packet at {@code from} (VXLAN's payload), {@code length} long on the wire:
     * decoded on its own and printed as tcpdump's ether_print prints any frame, after the outer text.
     */
    void innerEthernet(SniffedPacket outer, StringBuilder b, int from, int length) {
        inner(outer, b, from, length, LinkType.ETHERNET);
    }

    /** A frame of {@code type} (Ethernet, IPv4, IPv6) carried inside the packet at {@code from}: GRE's payload. */
    void inner(SniffedPacket outer, StringBuilder b, int from, int length, LinkType type) {
        byte[] d = outer.frame().data();
        byte[] inner = Arrays.copyOfRange(d, Math.min(from, d.length), d.length);
        CapturedFrame f = new CapturedFrame(outer.frame().timestampNanos(), type,
                Math.max(length, inner.length), inner);
        frame(new PacketDecoder().decode(outer.number(), f), b);
    }

    /** A frame of {@code type} in {@code inner}, not part of the outer packet's bytes (PPP's un-escaped frame). */
    void innerBytes(SniffedPacket outer, StringBuilder b, byte[] inner, int length, LinkType type) {
        CapturedFrame f = new CapturedFrame(outer.frame().timestampNanos(), type, Math.max(length, inner.length), inner);
        frame(new PacketDecoder().decode(outer.number(), f), b);
    }

    private void frame(SniffedPacket p, StringBuilder b) {
        Frame f = p.decoded();
        List<Layer> layers = f.layers();
        int wire = p.frame().originalLength();
        int i = 0;
        Layer first = layers.isEmpty() ? null : layers.get(0);
        int linkLength;
        EtherType type;
        if (first instanceof EthernetHeader e) {
            i = 1;
            type = e.etherType();
            linkLength = 14 + 4 * e.tags().size();
            if (type.value() <= 1500 && LlcText.print(b, e, p.frame().data(), linkLength, type.value(), wire,
                    link, verbose)) {
                return;
            }
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
        } else if (first instanceof LinuxCookedHeader c) {
            i = 1;
            type = c.protocol();
            linkLength = c.bufferLength();
            cooked(b, c, wire);
        } else if (first instanceof LoopbackHeader n) {
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
        } else if (first instanceof PppHeader h) {
            PppText.print(this, p, b, h, wire);
            return;
        } else if (first == null) {
            undecodedLink(p, b, f);
            return;
        } else {
            type = null; // raw IP: the first layer is the IP header
            linkLength = 0;
        }
        boolean prefix = !link; // tcpdump names the protocol only without -e (print-ip.c, print-ip6.c)
        Layer next = i < layers.size() ? layers.get(i) : null;
        if (next instanceof ArpMessage a) {
            ArpText.print(this, b, p.frame().data(), linkLength, wire - linkLength, prefix);
        } else if (next instanceof Ipv4Header h) {
            ip.print(p, b, h, layers, i + 1, prefix);
        } else if (next instanceof Ipv6Header h) {
            ip6.print(p, b, h, layers, i + 1, prefix);
        } else if (next == null) {
            if (type == null) {
                undecodedLink(p, b, f);
            } else if (type.value() == 0x0806 || type.value() == 0x8035) {
                // ARP of another hardware or protocol type than Ethernet and IPv4, cut ARP, and RARP
                ArpText.print(this, b, p.frame().data(), linkLength, wire - linkLength, prefix);
            } else if (type.value() == 0x0800 || type.value() == 0x86dd) {
                if (prefix) {
                    b.append(type.value() == 0x0800 ? "IP " : "IP6 ");
                }
                if (!invalidIp(b, p.frame().data(), linkLength, wire - linkLength, type.value() == 0x0800 ? 4 : 6)) {
                    trunc(b, type.value() == 0x0800 ? "ip" : "ip6");
                }
            } else if (type.value() == 0x80f3) {
                ArpText.aarp(b, p.frame().data(), linkLength, wire - linkLength);
            } else if (type.value() == LldpText.ETHERTYPE) {
                LldpText.print(b, p.frame().data(), linkLength, wire - linkLength, verbose);
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
                defaultPrint(b, p.frame().data(), linkLength);
            }
        } else {
            b.append("unsupported layer");
        }
    }

    /**
     * tcpdump's checks before an IP header is read (print-ip.c, print-ip6.c): too short for the header on the
     * wire, or the wrong version. True when one failed and was printed; false for a header cut by the capture.
     */
    private static boolean invalidIp(StringBuilder b, byte[] d, int at, int length, int version) {
        int header = version == 4 ? 20 : 40;
        if (length < header) {
            b.append(" [length ").append(length).append(" < ").append(header).append("] (invalid)");
            return true;
        }
        if (at >= d.length) {
            return false;
        }
        int v = (d[at] & 0xff) >> 4;
        if (v != version) {
            b.append(" [version ").append(v).append(" != ").append(version).append("] (invalid)");
            return true;
        }
        int ihl = (d[at] & 0x0f) * 4;
        if (version == 4 && ihl < header) {
            b.append(" [header length ").append(ihl).append(" < ").append(header).append("] (invalid)");
            return true;
        }
        int total = version == 4 && at + 4 <= d.length ? (d[at + 2] & 0xff) << 8 | d[at + 3] & 0xff : 0;
        if (total != 0 && total < ihl && total <= length) {
            b.append("[total length ").append(total).append(" < header length ").append(ihl).append("] (invalid)");
            return true;
        }
        return false;
    }

    /** tcpdump's default print: what no printer decodes, as hex and ASCII, unless -x or -X dump it anyway. */
    void defaultPrint(StringBuilder b, byte[] d, int from) {
        if (!suppressDefaultPrint) {
            int at = Math.min(from, d.length);
            HexDump.hexAscii(b, d, at, d.length - at);
        }
    }

    private void undecodedLink(SniffedPacket p, StringBuilder b, Frame f) {
        String where = f.stoppedAt().orElse(null);
        if (where != null && where.startsWith("ppp")) {
            b.append(" [|").append(where).append(']'); // ppp_if_print's nd_print_trunc: its space follows the time's
        } else if (where != null) {
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
        String name = etherTypeName(t.value());
        if (name == null) {
            name = "Unknown";
        }
        b.append("ethertype ").append(name).append(" (0x");
        AddressText.hex4(b, t.value());
        b.append(')');
    }

    /** tcpdump's name for an EtherType (print-ether.c's ethertype_values, ethertype.h), or null. */
    static String etherTypeName(int type) {
        return switch (type) {
            case 0x0800 -> "IPv4";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x86dd -> "IPv6";
            case 0x8100 -> "802.1Q";
            case 0x9100 -> "802.1Q-9100";
            case 0x88a8 -> "802.1Q-QinQ";
            case 0x9200 -> "802.1Q-9200";
            case 0x88e5 -> "802.1AE MACsec";
            case 0x0200 -> "PUP";
            case 0x0806 -> "ARP";
            case 0x8035 -> "Reverse ARP";
            case 0x0600 -> "NS";
            case 0x0500 -> "Sprite";
            case 0x1000 -> "Trail";
            case 0x6001 -> "MOP DL";
            case 0x6002 -> "MOP RC";
            case 0x6003 -> "DN";
            case 0x6004 -> "LAT";
            case 0x6007 -> "SCA";
            case 0x6558 -> "TEB";
            case 0x8038 -> "Lanbridge";
            case 0x803c -> "DEC DNS";
            case 0x803e -> "DEC DTS";
            case 0x805b -> "VEXP";
            case 0x805c -> "VPROD";
            case 0x809b -> "Appletalk";
            case 0x80f3 -> "Appletalk ARP";
            case 0x8137 -> "IPX";
            case 0x880b -> "PPP";
            case 0x8808 -> "MPCP";
            case 0x8809 -> "Slow Protocols";
            case 0x8863 -> "PPPoE D";
            case 0x8864 -> "PPPoE S";
            case 0x888e -> "EAPOL";
            case 0x8899 -> "Realtek protocols";
            case 0x886f -> "MS NLB heartbeat";
            case 0x8870 -> "Jumbo";
            case 0x894f -> "NSH";
            case 0x9000 -> "Loopback";
            case 0xfefe -> "OSI";
            case 0x00fe -> "GRE-OSI";
            case 0xabcd -> "CFM (old)";
            case 0x8902 -> "CFM";
            case 0x893a -> "IEEE1905.1";
            case 0x88cc -> "LLDP";
            case 0x88ca -> "TIPC";
            case 0x0707 -> "GeoNet (old)";
            case 0x8947 -> "GeoNet";
            case 0x1111 -> "CALM FAST";
            case 0x88a2 -> "AoE";
            case 0x88f7 -> "PTP";
            case 0xd28b -> "Arista Vendor Specific Protocol";
            default -> null;
        };
    }

    static void trunc(StringBuilder b, String where) {
        if (!b.isEmpty() && b.charAt(b.length() - 1) != ' ') {
            b.append(' ');
        }
        b.append("[|").append(where).append(']');
    }

}