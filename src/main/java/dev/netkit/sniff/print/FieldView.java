package dev.netkit.sniff.print;

import dev.netkit.TerminalText;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.MldMessage;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.LoopbackHeader;
import dev.netkit.packet.PppHeader;
import dev.netkit.packet.ArpPacket;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;
import dev.netkit.sniff.SniffedPacket;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.util.List;

/**
 * {@code sniff --fields}: the teaching view of Wireshark's detail pane. Under the tcpdump line, every header field
 * of every decoded layer on its own line: its byte offset in the frame, its raw bits (or hex for wide
 * fields), its name and what the value means. Read straight from the captured bytes at the offsets the
 * layers occupy; a field past the captured end is shown as cut off, never read.
 */
final class FieldView {
    private byte[] d;
    private StringBuilder b;
    private final MulticastFields multicast = new MulticastFields(this);

    void render(SniffedPacket p, StringBuilder out) {
        this.d = p.frame().data();
        this.b = out;
        Frame f = p.decoded();
        List<Layer> layers = f.layers();
        int at = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int next = switch (l) {
                case EthernetHeader e -> ethernet(e, at);
                case LinuxCookedHeader c -> cooked(c, at);
                case LoopbackHeader n -> loopback(n, at);
                case PppHeader h -> ppp(h, at);
                case ArpMessage a -> arp(at);
                case Ipv4Header h -> ipv4(h, at);
                case Ipv6Header h -> ipv6Layer(at);
                case Ipv6ExtensionHeader x -> extension(x, at);
                case Icmpv4Message m -> icmp(m, at, f.payloadOffset());
                case Icmpv6Message m -> icmp6(m, at, f.payloadOffset() + f.payloadLength());
                case IgmpMessage m -> multicast.igmp(m, at, f.payloadOffset() + f.payloadLength());
                case TcpHeader t -> tcp(at, f.payloadOffset());
                case UdpHeader u -> udp(at);
                default -> at;
            };
            at = next;
        }
        // ARP of another hardware or protocol than Ethernet and IPv4: the codec stops, the view shows its fields
        boolean arp = f.stoppedAt().filter("arp"::equals).isPresent() && otherArp(f.payloadOffset());
        if (f.stoppedAt().isPresent() && !arp) {
            b.append("\n  [decoding stopped at ").append(f.stoppedAt().get()).append(": ")
                    .append(TerminalText.escape(f.problem().orElse("malformed"))).append(']');
        }
        if (p.dnsjava() != null) {
            dns(p.dnsjava(), f.payloadOffset() + (f.tcp().isPresent() ? 2 : 0));
        } else if (f.payloadLength() > 0 && !arp) {
            layer("Payload", f.payloadOffset(), f.payloadLength());
        }
        int padding = d.length - (f.payloadOffset() + f.payloadLength());
        if (padding > 0 && f.complete() && !layers.isEmpty()) {
            b.append("\n  Trailer/padding, ").append(padding).append(" byte").append(padding == 1 ? "" : "s")
                    .append(" at ").append(f.payloadOffset() + f.payloadLength());
        }
    }

    // ---- layers ----

    private int ethernet(EthernetHeader e, int at) {
        layer("Ethernet II", at, 14 + 4 * e.tags().size());
        bytesField(at, 6, "destination", AddressText.mac(e.destination().octets())
                + (e.destination().isBroadcast() ? " (broadcast)" : e.destination().isMulticast() ? " (multicast)" : ""));
        bytesField(at + 6, 6, "source", AddressText.mac(e.source().octets()));
        int o = at + 12;
        for (int t = 0; t < e.tags().size(); t++) {
            hexField(o, 16, "TPID", etherTypeName(u16(o)) + " tag");
            bits(o + 2, 0, 3, "priority (PCP)", Integer.toString(bitsOf(o + 2, 0, 3)));
            bits(o + 2, 3, 1, "drop eligible (DEI)", bitsOf(o + 2, 3, 1) == 1 ? "yes" : "no");
            bits(o + 2, 4, 12, "VLAN id", Integer.toString(bitsOf(o + 2, 4, 12)));
            o += 4;
        }
        int type = u16(o);
        hexField(o, 16, type <= 1500 ? "length (802.3)" : "type", type <= 1500 ? type + " bytes" : etherTypeName(type));
        return o + 2;
    }

    private int cooked(LinuxCookedHeader c, int at) {
        if (c.version() == 1) {
            layer("Linux cooked capture v1", at, 16);
            decField(at, 16, "packet type", packetType(u16(at)));
            decField(at + 2, 16, "ARPHRD type", Integer.toString(u16(at + 2)));
            decField(at + 4, 16, "address length", Integer.toString(u16(at + 4)));
            bytesField(at + 6, 8, "address", c.address().length == 6 ? AddressText.mac(c.address()) : hex(at + 6, 8));
            hexField(at + 14, 16, "protocol", etherTypeName(u16(at + 14)));
            return at + 16;
        }
        layer("Linux cooked capture v2", at, 20);
        hexField(at, 16, "protocol", etherTypeName(u16(at)));
        decField(at + 2, 16, "reserved", Integer.toString(u16(at + 2)));
        decField(at + 4, 32, "interface index", Long.toString(u32(at + 4)));
        decField(at + 8, 16, "ARPHRD type", Integer.toString(u16(at + 8)));
        decField(at + 10, 8, "packet type", packetType(u8(at + 10)));
        decField(at + 11, 8, "address length", Integer.toString(u8(at + 11)));
        bytesField(at + 12, 8, "address", c.address().length == 6 ? AddressText.mac(c.address()) : hex(at + 12, 8));
        return at + 20;
    }

    private int loopback(LoopbackHeader n, int at) {
        layer("Loopback", at, 4);
        bytesField(at, 4, "address family", n.family() + (n.isIpv4() ? " (IPv4)" : n.isIpv6() ? " (IPv6)" : ""));
        return at + 4;
    }

    private int arp(int at) {
        layer("ARP", at, 28);
        decField(at, 16, "hardware type", u16(at) == 1 ? "1 (Ethernet)" : Integer.toString(u16(at)));
        hexField(at + 2, 16, "protocol type", etherTypeName(u16(at + 2)));
        decField(at + 4, 8, "hardware size", Integer.toString(u8(at + 4)));
        decField(at + 5, 8, "protocol size", Integer.toString(u8(at + 5)));
        int op = u16(at + 6);
        decField(at + 6, 16, "opcode", op + (op == 1 ? " (request)" : op == 2 ? " (reply)" : ""));
        bytesField(at + 8, 6, "sender MAC", mac(at + 8));
        bytesField(at + 14, 4, "sender IP", ipv4(at + 14));
        bytesField(at + 18, 6, "target MAC", mac(at + 18));
        bytesField(at + 24, 4, "target IP", ipv4(at + 24));
        return at + 28;
    }

    /** ARP of any hardware and protocol (RFC 826's variable address lengths); false when it was not captured. */
    private boolean otherArp(int at) {
        ArpPacket a;
        try {
            a = ArpPacket.newChecked(d, at, d.length - at);
        } catch (MalformedPacketException e) {
            return false;
        }
        int hln = a.hardwareLength();
        int pln = a.protocolLength();
        layer("ARP", at, a.packetLength());
        decField(at, 16, "hardware type", u16(at) + " (" + ArpText.hardware(u16(at)) + ")");
        hexField(at + 2, 16, "protocol type", etherTypeName(u16(at + 2)));
        decField(at + 4, 8, "hardware size", Integer.toString(hln));
        decField(at + 5, 8, "protocol size", Integer.toString(pln));
        int op = u16(at + 6);
        decField(at + 6, 16, "opcode", op + (op == 1 ? " (request)" : op == 2 ? " (reply)" : ""));
        int o = at + 8;
        for (String who : new String[] {"sender", "target"}) {
            bytesField(o, hln, who + " hardware address",
                    ArpText.linkAddress(a.hardwareType(), java.util.Arrays.copyOfRange(d, o, o + hln)));
            bytesField(o + hln, pln, who + " protocol address", pln == 4 && u16(at + 2) == 0x0800 ? ipv4(o + hln)
                    : hex(o + hln, pln));
            o += hln + pln;
        }
        return true;
    }

    private int ppp(PppHeader h, int at) {
        layer("PPP", at, h.length());
        int o = at;
        if (h.address() >= 0) {
            hexField(o, 8, "address", h.address() == PppHeader.ALL_STATIONS ? "all stations" : "pppd direction");
            hexField(o + 1, 8, "control", h.control() == PppHeader.UI ? "unnumbered information" : "");
            o += 2;
        }
        int bits = (at + h.length() - o) * 8;
        hexField(o, bits, "protocol", h.isIpv4() ? "IPv4" : h.isIpv6() ? "IPv6" : "PPP protocol " + h.protocol());
        return at + h.length();
    }

    int ipv4(Ipv4Header h, int at) {
        int ihl = h.headerLength();
        layer("IPv4", at, ihl);
        bits(at, 0, 4, "version", Integer.toString(bitsOf(at, 0, 4)));
        bits(at, 4, 4, "header length", bitsOf(at, 4, 4) + " words (" + bitsOf(at, 4, 4) * 4 + " bytes)");
        bits(at + 1, 0, 6, "DSCP", Integer.toString(bitsOf(at + 1, 0, 6)));
        int ecn = bitsOf(at + 1, 6, 2);
        bits(at + 1, 6, 2, "ECN", new String[] {"Not-ECT", "ECT(1)", "ECT(0)", "CE"}[ecn]);
        hexField(at + 2, 16, "total length", u16(at + 2) + " bytes");
        hexField(at + 4, 16, "identification", Integer.toString(u16(at + 4)));
        bits(at + 6, 0, 1, "reserved flag", bitsOf(at + 6, 0, 1) == 1 ? "set (evil bit)" : "not set");
        bits(at + 6, 1, 1, "don't fragment (DF)", bitsOf(at + 6, 1, 1) == 1 ? "set" : "not set");
        bits(at + 6, 2, 1, "more fragments (MF)", bitsOf(at + 6, 2, 1) == 1 ? "set" : "not set");
        bits(at + 6, 3, 13, "fragment offset", bitsOf(at + 6, 3, 13) + " (" + bitsOf(at + 6, 3, 13) * 8 + " bytes)");
        bits(at + 8, 0, 8, "time to live", Integer.toString(u8(at + 8)));
        bits(at + 9, 0, 8, "protocol", u8(at + 9) + " (" + IpText.ipProtoName(u8(at + 9)) + ")");
        hexField(at + 10, 16, "header checksum", h.checksumValid() ? "correct"
                : "incorrect, should be 0x" + Integer.toHexString(h.computeChecksum()));
        bytesField(at + 12, 4, "source", ipv4(at + 12));
        bytesField(at + 16, 4, "destination", ipv4(at + 16));
        if (ihl > 20) {
            bytesField(at + 20, ihl - 20, "options", hex(at + 20, Math.min(ihl - 20, 40)));
        }
        return at + ihl;
    }

    private int ipv6Layer(int at) {
        layer("IPv6", at, 40);
        bits(at, 0, 4, "version", Integer.toString(bitsOf(at, 0, 4)));
        bits(at, 4, 8, "traffic class", Integer.toString(bitsOf(at, 4, 8)));
        bits(at + 1, 4, 20, "flow label", "0x" + Integer.toHexString(bitsOf(at + 1, 4, 20)));
        hexField(at + 4, 16, "payload length", u16(at + 4) + " bytes");
        bits(at + 6, 0, 8, "next header", u8(at + 6) + " (" + IpText.ipProtoName(u8(at + 6)) + ")");
        bits(at + 7, 0, 8, "hop limit", Integer.toString(u8(at + 7)));
        bytesField(at + 8, 16, "source", ipv6Text(at + 8));
        bytesField(at + 24, 16, "destination", ipv6Text(at + 24));
        return at + 40;
    }

    private int extension(Ipv6ExtensionHeader x, int at) {
        int len = x.bufferLength();
        String name = switch (x) {
            case Ipv6ExtensionHeader.HopByHopOptions o -> "IPv6 hop-by-hop options";
            case Ipv6ExtensionHeader.DestinationOptions o -> "IPv6 destination options";
            case Ipv6ExtensionHeader.Routing r -> "IPv6 routing header";
            case Ipv6ExtensionHeader.Fragment fr -> "IPv6 fragment header";
        };
        layer(name, at, len);
        bits(at, 0, 8, "next header", u8(at) + " (" + IpText.ipProtoName(u8(at)) + ")");
        if (x instanceof Ipv6ExtensionHeader.Fragment) {
            bits(at + 1, 0, 8, "reserved", Integer.toString(u8(at + 1)));
            bits(at + 2, 0, 13, "fragment offset", bitsOf(at + 2, 0, 13) + " (" + bitsOf(at + 2, 0, 13) * 8 + " bytes)");
            bits(at + 3, 5, 2, "reserved", Integer.toString(bitsOf(at + 3, 5, 2)));
            bits(at + 3, 7, 1, "more fragments (M)", bitsOf(at + 3, 7, 1) == 1 ? "set" : "not set");
            hexField(at + 4, 32, "identification", "0x" + Long.toHexString(u32(at + 4)));
        } else {
            bits(at + 1, 0, 8, "header length", u8(at + 1) + " (" + len + " bytes)");
            bytesField(at + 2, len - 2, "data", hex(at + 2, Math.min(len - 2, 32)));
        }
        return at + len;
    }

    /** Type, code and checksum: the four bytes ICMP (RFC 792) and ICMPv6 (RFC 4443 section 2.1) share. */
    private void icmpHeader(String layer, String typeName, int at, int end) {
        layer(layer, at, end - at);
        bits(at, 0, 8, "type", u8(at) + " (" + typeName + ")");
        bits(at + 1, 0, 8, "code", Integer.toString(u8(at + 1)));
        hexField(at + 2, 16, "checksum", "");
    }

    /** An echo request's or reply's identifier and sequence number, alike in ICMP and ICMPv6. */
    private void echo(int at) {
        hexField(at + 4, 16, "identifier", Integer.toString(u16(at + 4)));
        hexField(at + 6, 16, "sequence number", Integer.toString(u16(at + 6)));
    }

    private int icmp(Icmpv4Message m, int at, int end) {
        icmpHeader("ICMP", icmpTypeName(u8(at)), at, end);
        switch (m) {
            case Icmpv4Message.Echo e -> echo(at);
            case Icmpv4Message.DestinationUnreachable u -> {
                hexField(at + 4, 16, "unused", "");
                hexField(at + 6, 16, "next-hop MTU", Integer.toString(u16(at + 6)));
            }
            case Icmpv4Message.Redirect r -> bytesField(at + 4, 4, "gateway", ipv4(at + 4));
            default -> hexField(at + 4, 32, "rest of header", "");
        }
        return at + 8;
    }

    private int icmp6(Icmpv6Message m, int at, int end) {
        icmpHeader("ICMPv6", m.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), at, end);
        switch (m) {
            case Icmpv6Message.Echo e -> echo(at);
            case Icmpv6Message.PacketTooBig t -> hexField(at + 4, 32, "MTU", Long.toString(u32(at + 4)));
            case Icmpv6Message.NeighborSolicitation n -> {
                hexField(at + 4, 32, "reserved", "");
                bytesField(at + 8, 16, "target address", ipv6Text(at + 8));
                ndOptions(at + 24, end);
            }
            case Icmpv6Message.NeighborAdvertisement n -> {
                bits(at + 4, 0, 1, "router (R)", n.router() ? "set" : "not set");
                bits(at + 4, 1, 1, "solicited (S)", n.solicited() ? "set" : "not set");
                bits(at + 4, 2, 1, "override (O)", n.override() ? "set" : "not set");
                bytesField(at + 8, 16, "target address", ipv6Text(at + 8));
                ndOptions(at + 24, end);
            }
            case Icmpv6Message.RouterSolicitation r -> ndOptions(at + 8, end);
            case Icmpv6Message.RouterAdvertisement r -> {
                bits(at + 4, 0, 8, "current hop limit", Integer.toString(u8(at + 4)));
                bits(at + 5, 0, 1, "managed (M)", bitsOf(at + 5, 0, 1) == 1 ? "set" : "not set");
                bits(at + 5, 1, 1, "other config (O)", bitsOf(at + 5, 1, 1) == 1 ? "set" : "not set");
                hexField(at + 6, 16, "router lifetime", u16(at + 6) + " s");
                hexField(at + 8, 32, "reachable time", u32(at + 8) + " ms");
                hexField(at + 12, 32, "retrans timer", u32(at + 12) + " ms");
                ndOptions(at + 16, end);
            }
            default -> MldMessage.of(m).ifPresent(mld -> multicast.mld(mld, at, end));
        }
        return end;
    }

    private void ndOptions(int at, int end) {
        while (at + 2 <= end && at + 2 <= d.length) {
            int type = u8(at);
            int len = u8(at + 1) * 8;
            String name = switch (type) {
                case 1 -> "source link-layer address";
                case 2 -> "target link-layer address";
                case 3 -> "prefix information";
                case 5 -> "MTU";
                default -> "option " + type;
            };
            bits(at, 0, 8, "option type", type + " (" + name + ")");
            bits(at + 1, 0, 8, "option length", u8(at + 1) + " (" + len + " bytes)");
            if (len < 8 || at + len > end) {
                return;
            }
            if ((type == 1 || type == 2) && len == 8) {
                bytesField(at + 2, 6, name, mac(at + 2));
            } else {
                bytesField(at + 2, len - 2, "option data", hex(at + 2, Math.min(len - 2, 32)));
            }
            at += len;
        }
    }

    private int tcp(int at, int payload) {
        int hlen = bitsOf(at + 12, 0, 4) * 4;
        layer("TCP", at, hlen);
        decField(at, 16, "source port", Integer.toString(u16(at)));
        decField(at + 2, 16, "destination port", Integer.toString(u16(at + 2)));
        hexField(at + 4, 32, "sequence number", Long.toString(u32(at + 4)));
        hexField(at + 8, 32, "acknowledgment number", Long.toString(u32(at + 8)));
        bits(at + 12, 0, 4, "data offset", bitsOf(at + 12, 0, 4) + " words (" + hlen + " bytes)");
        bits(at + 12, 4, 3, "reserved", Integer.toString(bitsOf(at + 12, 4, 3)));
        String[] names = {"AE (accurate ECN)", "CWR (congestion window reduced)", "ECE (ECN echo)", "URG (urgent)",
                "ACK (acknowledgment)", "PSH (push)", "RST (reset)", "SYN (synchronize)", "FIN (finish)"};
        for (int k = 0; k < 9; k++) {
            int byteAt = k == 0 ? at + 12 : at + 13;
            int bit = k == 0 ? 7 : k - 1;
            bits(byteAt, bit, 1, names[k], bitsOf(byteAt, bit, 1) == 1 ? "set" : "not set");
        }
        hexField(at + 14, 16, "window", Integer.toString(u16(at + 14)));
        hexField(at + 16, 16, "checksum", "");
        hexField(at + 18, 16, "urgent pointer", Integer.toString(u16(at + 18)));
        int o = at + 20;
        int end = Math.min(at + hlen, d.length);
        while (o < end) {
            int kind = u8(o);
            if (kind == 0 || kind == 1) {
                bits(o, 0, 8, "option kind", kind + (kind == 0 ? " (end of options)" : " (no-operation)"));
                o++;
                if (kind == 0) {
                    break;
                }
                continue;
            }
            if (o + 1 >= end) {
                break;
            }
            int len = u8(o + 1);
            String name = switch (kind) {
                case 2 -> "maximum segment size";
                case 3 -> "window scale";
                case 4 -> "SACK permitted";
                case 5 -> "SACK";
                case 8 -> "timestamps";
                default -> "option " + kind;
            };
            bits(o, 0, 8, "option kind", kind + " (" + name + ")");
            bits(o + 1, 0, 8, "option length", Integer.toString(len));
            if (len < 2 || o + len > end) {
                break;
            }
            switch (kind) {
                case 2 -> hexField(o + 2, 16, "MSS", Integer.toString(u16(o + 2)));
                case 3 -> bits(o + 2, 0, 8, "shift count", u8(o + 2) + " (x" + (1L << Math.min(u8(o + 2), 30)) + ")");
                case 8 -> {
                    hexField(o + 2, 32, "TS value", Long.toString(u32(o + 2)));
                    hexField(o + 6, 32, "TS echo reply", Long.toString(u32(o + 6)));
                }
                default -> {
                    if (len > 2) {
                        bytesField(o + 2, len - 2, "option data", hex(o + 2, Math.min(len - 2, 32)));
                    }
                }
            }
            o += len;
        }
        return payload;
    }

    private int udp(int at) {
        layer("UDP", at, 8);
        decField(at, 16, "source port", Integer.toString(u16(at)));
        decField(at + 2, 16, "destination port", Integer.toString(u16(at + 2)));
        hexField(at + 4, 16, "length", u16(at + 4) + " bytes");
        hexField(at + 6, 16, "checksum", u16(at + 6) == 0 ? "none" : "");
        return at + 8;
    }

    private void dns(Message m, int at) {
        layer("DNS", at, Math.max(0, d.length - at));
        hexField(at, 16, "transaction id", Integer.toString(u16(at)));
        bits(at + 2, 0, 1, "QR", m.getHeader().getFlag(Flags.QR) ? "response" : "query");
        bits(at + 2, 1, 4, "opcode", Opcode.string(m.getHeader().getOpcode()));
        bits(at + 2, 5, 1, "AA (authoritative)", bitsOf(at + 2, 5, 1) == 1 ? "set" : "not set");
        bits(at + 2, 6, 1, "TC (truncated)", bitsOf(at + 2, 6, 1) == 1 ? "set" : "not set");
        bits(at + 2, 7, 1, "RD (recursion desired)", bitsOf(at + 2, 7, 1) == 1 ? "set" : "not set");
        bits(at + 3, 0, 1, "RA (recursion available)", bitsOf(at + 3, 0, 1) == 1 ? "set" : "not set");
        bits(at + 3, 1, 1, "Z", Integer.toString(bitsOf(at + 3, 1, 1)));
        bits(at + 3, 2, 1, "AD (authentic data)", bitsOf(at + 3, 2, 1) == 1 ? "set" : "not set");
        bits(at + 3, 3, 1, "CD (checking disabled)", bitsOf(at + 3, 3, 1) == 1 ? "set" : "not set");
        bits(at + 3, 4, 4, "rcode", Rcode.string(bitsOf(at + 3, 4, 4)));
        decField(at + 4, 16, "questions", Integer.toString(u16(at + 4)));
        decField(at + 6, 16, "answers", Integer.toString(u16(at + 6)));
        decField(at + 8, 16, "authority records", Integer.toString(u16(at + 8)));
        decField(at + 10, 16, "additional records", Integer.toString(u16(at + 10)));
        String[] names = {"question", "answer", "authority", "additional"};
        for (int s = Section.QUESTION; s <= Section.ADDITIONAL; s++) {
            List<Record> rs = m.getSection(s);
            for (int i = 0; i < rs.size() && i < 32; i++) {
                b.append("\n        ").append(names[s]).append(": ")
                        .append(TerminalText.escape((s == Section.QUESTION ? rs.get(i).toString().replaceFirst("^;", "")
                                : rs.get(i).toString()).replace('\t', ' ')));
            }
        }
    }

    // ---- one line per field ----

    void layer(String name, int at, int length) {
        b.append("\n  ").append(name).append(", ").append(length).append(" byte").append(length == 1 ? "" : "s")
                .append(" at offset ").append(at);
    }

    /** A field of {@code n} bits starting at bit {@code bit} (0 = most significant) of byte {@code at}. */
    void bits(int at, int bit, int n, String name, String meaning) {
        int bytesNeeded = (bit + n + 7) / 8;
        if (at + bytesNeeded > d.length) {
            cut(at, name);
            return;
        }
        StringBuilder raw = new StringBuilder(n + 8);
        for (int k = 0; k < n; k++) {
            int abs = bit + k;
            raw.append(((d[at + abs / 8] >> (7 - abs % 8)) & 1) == 1 ? '1' : '0');
        }
        line(at, bit, n, name, raw.toString(), meaning);
    }

    void decField(int at, int n, String name, String meaning) {
        hexField(at, n, name, meaning);
    }

    void hexField(int at, int n, String name, String meaning) {
        if (at + n / 8 > d.length) {
            cut(at, name);
            return;
        }
        StringBuilder raw = new StringBuilder("0x");
        for (int k = 0; k < n / 8; k++) {
            AddressText.hex2(raw, d[at + k]);
        }
        line(at, 0, n, name, raw.toString(), meaning);
    }

    void bytesField(int at, int n, String name, String meaning) {
        if (n <= 0) {
            return;
        }
        if (at + n > d.length) {
            cut(at, name);
            return;
        }
        line(at, 0, n * 8, name, n + " byte" + (n == 1 ? "" : "s"), meaning);
    }

    private void line(int at, int bit, int n, String name, String raw, String meaning) {
        int start = b.append("\n    ").length();
        b.append(at);
        if (bit != 0) {
            b.append('.').append(bit);
        }
        pad(start, 8);
        b.append(name);
        pad(start, 42);
        b.append(raw);
        pad(start, 66);
        b.append(meaning);
        // trailing spaces would be noise in diffs
        while (b.charAt(b.length() - 1) == ' ') {
            b.setLength(b.length() - 1);
        }
    }

    private void cut(int at, String name) {
        b.append("\n    ").append(at).append("  ").append(name).append(": [cut off: only ").append(d.length)
                .append(" bytes captured]");
    }

    private void pad(int start, int col) {
        do {
            b.append(' ');
        } while (b.length() - start < col);
    }

    // ---- raw reads (callers check bounds through the field helpers; these clamp anyway) ----

    int u8(int i) {
        return i < d.length ? d[i] & 0xff : 0;
    }

    int u16(int i) {
        return (u8(i) << 8) | u8(i + 1);
    }

    long u32(int i) {
        return ((long) u16(i) << 16) | u16(i + 2);
    }

    int bitsOf(int at, int bit, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int abs = bit + k;
            int idx = at + abs / 8;
            v = (v << 1) | (idx < d.length ? (d[idx] >> (7 - abs % 8)) & 1 : 0);
        }
        return v;
    }

    private String mac(int at) {
        if (at + 6 > d.length) {
            return "?";
        }
        return AddressText.mac(java.util.Arrays.copyOfRange(d, at, at + 6));
    }

    String ipv4(int at) {
        return at + 4 > d.length ? "?" : AddressText.ipv4(new StringBuilder(), d, at).toString();
    }

    String ipv6Text(int at) {
        return at + 16 > d.length ? "?" : AddressText.ipv6(new StringBuilder(), d, at).toString();
    }

    private String hex(int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n && at + k < d.length; k++) {
            AddressText.hex2(s, d[at + k]);
        }
        return s.toString();
    }

    private static String etherTypeName(int t) {
        StringBuilder s = new StringBuilder();
        TcpdumpText.etherTypeText(s, dev.netkit.packet.EtherType.valueOf(t));
        return s.substring("ethertype ".length());
    }

    private static String packetType(int t) {
        return t + switch (t) {
            case 0 -> " (to us)";
            case 1 -> " (broadcast)";
            case 2 -> " (multicast)";
            case 3 -> " (to another host)";
            case 4 -> " (sent by us)";
            default -> "";
        };
    }

    private static String icmpTypeName(int t) {
        return switch (t) {
            case 0 -> "echo reply";
            case 3 -> "destination unreachable";
            case 4 -> "source quench";
            case 5 -> "redirect";
            case 8 -> "echo request";
            case 9 -> "router advertisement";
            case 10 -> "router solicitation";
            case 11 -> "time exceeded";
            case 12 -> "parameter problem";
            case 13 -> "timestamp";
            case 14 -> "timestamp reply";
            default -> "type " + t;
        };
    }
}
