package dev.netkit.sniff.print;

import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Checksum;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv4Packet;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.LoopbackHeader;
import dev.netkit.sniff.SniffedPacket;

import java.util.List;

/** tcpdump's IPv4 header text (print-ip.c): the -v header line with options and checksum, fragments. */
final class IpText {
    private final TcpdumpText text;

    IpText(TcpdumpText text) {
        this.text = text;
    }

    void print(SniffedPacket p, StringBuilder b, Ipv4Header h, List<Layer> layers, int i, boolean prefix) {
        if (prefix) {
            b.append("IP ");
        }
        int ipStart = ipOffset(p.decoded(), h);
        byte[] d = p.frame().data();
        boolean tso = Ipv4Packet.newChecked(d, ipStart, d.length - ipStart).presumedTso();
        // a presumed TSO datagram is as long as the link layer says (tcpdump uses the wire length)
        int total = tso ? p.frame().originalLength() - ipStart : h.totalLength();
        int wire = p.frame().originalLength() - ipStart;
        if (total > wire) {
            // tcpdump 4.99.5 and later (4.99.3 said "truncated-ip - N bytes missing!")
            b.append("[total length ").append(total).append(" > length ").append(wire).append("] (invalid) ");
        }
        int payload = total - h.headerLength();
        if (text.verbose > 0) {
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
                    .append(h.protocol().value()).append("), length ").append(total);
            if (tso) {
                b.append(" [was 0, presumed TSO]");
            }
            if (h.options().length > 0) {
                b.append(", options (");
                ipOptions(b, h.options());
                b.append(')');
            }
            if (tso ? !Checksum.verify(d, ipStart, h.headerLength(), 0) : !h.checksumValid()) {
                b.append(", bad cksum ");
                AddressText.hex(b, h.checksum());
                b.append(" (->");
                AddressText.hex(b, tso ? rawHeaderChecksum(d, ipStart, h.headerLength()) : h.computeChecksum());
                b.append(")!");
            }
            b.append(")\n    ");
        }
        text.transportStart = ipStart + h.headerLength();
        text.payloadEnd = Math.min(p.frame().data().length, ipStart + total);
        if (h.fragmentOffset() != 0) {
            AddressText.ip(b, h.source()).append(" > ");
            AddressText.ip(b, h.destination()).append(':');
            b.append(" ip-proto-").append(h.protocol().value());
            return;
        }
        Layer t = i < layers.size() ? layers.get(i) : null;
        text.demux.transport(p, b, t, h.source(), h.destination(), payload, h.protocol(), false, total > wire);
    }

    /** The checksum the header as captured should have (its total length field kept at 0). */
    private static int rawHeaderChecksum(byte[] d, int at, int length) {
        byte[] header = java.util.Arrays.copyOfRange(d, at, at + length);
        header[10] = 0;
        header[11] = 0;
        return Checksum.of(header, 0, length);
    }

    /** Where the IP header starts in the captured bytes (after the link header). */
    static int ipOffset(Frame f, Layer ip) {
        int off = 0;
        List<Layer> layers = f.layers();
        for (int i = 0; i < layers.size(); i++) { // indexed: C1 would allocate an iterator per packet
            Layer l = layers.get(i);
            if (l == ip) {
                return off;
            }
            if (l instanceof EthernetHeader e) {
                off += 14 + 4 * e.tags().size();
            } else if (l instanceof LinuxCookedHeader c) {
                off += c.bufferLength();
            } else if (l instanceof LoopbackHeader) {
                off += 4;
            }
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
            case 0 -> "HBH"; // tcpdump 4.99.5 and later; 4.99.3 said "Options"
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
}
