package dev.netkit.sniff.print;

import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.sniff.SniffedPacket;

import java.util.List;

/** tcpdump's IPv6 text (print-ip6.c, print-ip6opts.c, print-rt6.c, print-frag6.c): header, extension headers. */
final class Ip6Text {
    private final TcpdumpText text;

    Ip6Text(TcpdumpText text) {
        this.text = text;
    }

    void print(SniffedPacket p, StringBuilder b, Ipv6Header h, List<Layer> layers, int i, boolean prefix) {
        if (prefix) {
            b.append("IP6 ");
        }
        int wire = p.frame().originalLength() - IpText.ipOffset(p.decoded(), h);
        if (h.payloadLength() != 0 && h.payloadLength() + 40 > wire) {
            // tcpdump 4.99.5 and later
            b.append("[header+payload length ").append(h.payloadLength() + 40).append(" > length ").append(wire)
                    .append("] (invalid) ");
        }
        if (text.verbose > 0) {
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
                    .append(IpText.ipProtoName(h.nextHeader().value())).append(" (").append(h.nextHeader().value())
                    .append("), payload length ").append(h.payloadLength()).append(") ");
        }
        int payload = h.payloadLength();
        IpProtocol proto = h.nextHeader();
        text.transportStart = IpText.ipOffset(p.decoded(), h) + 40;
        text.payloadEnd = Math.min(p.frame().data().length, text.transportStart + h.payloadLength());
        boolean extensions = i < layers.size() && layers.get(i) instanceof Ipv6ExtensionHeader;
        if (extensions) {
            AddressText.ip(b, h.source()).append(" > ");
            AddressText.ip(b, h.destination()).append(": ");
        }
        while (i < layers.size() && layers.get(i) instanceof Ipv6ExtensionHeader x) {
            payload -= extLength(x);
            text.transportStart += extLength(x);
            switch (x) {
                case Ipv6ExtensionHeader.HopByHopOptions o -> {
                    b.append("HBH ");
                    ip6Options(b, p.frame().data(), text.transportStart - extLength(x) + 2, text.transportStart);
                }
                case Ipv6ExtensionHeader.DestinationOptions o -> {
                    b.append("DSTOPT ");
                    ip6Options(b, p.frame().data(), text.transportStart - extLength(x) + 2, text.transportStart);
                }
                case Ipv6ExtensionHeader.Routing r -> routing(b, r, text.verbose);
                case Ipv6ExtensionHeader.Fragment fr -> {
                    b.append("frag (");
                    if (text.verbose > 0) {
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
            text.demux.transportNoAddresses(p, b, t, h.source(), h.destination(), payload, proto);
            return;
        }
        text.demux.transport(p, b, t, h.source(), h.destination(), payload, proto, true, false);
    }

    /** tcpdump -v's hop-by-hop and destination options ({@code (rtalert: 0x0000) (padn) }), bytes {@code [from, to)}. */
    private void ip6Options(StringBuilder b, byte[] d, int from, int to) {
        if (text.verbose == 0) {
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

    private static void routing(StringBuilder b, Ipv6ExtensionHeader.Routing r, int verbose) {
        byte[] d = r.data();
        int type = r.routingType();
        b.append("RT6 (len=").append(r.bufferLength() / 8 - 1).append(", type=").append(type);
        if (type == 0) {
            b.append(" [Deprecated]");
        }
        b.append(", segleft=").append(r.segmentsLeft());
        int at = 4;
        if ((type == 0 || type == 2) && d.length >= 4) {
            // tcpdump shows the reserved word when set or with -v
            long reserved = java.nio.ByteBuffer.wrap(d, 0, 4).getInt() & 0xFFFFFFFFL;
            if (reserved != 0 || verbose > 0) {
                b.append(", rsv=0x").append(Long.toHexString(reserved));
            }
        }
        if (type == 4 && d.length >= 4) {
            b.append(", last-entry=").append(d[0] & 0xff);
            if ((d[1] & 0xff) != 0 || verbose > 0) {
                b.append(", flags=0x").append(Integer.toHexString(d[1] & 0xff));
            }
            b.append(", tag=").append(Integer.toHexString(((d[2] & 0xff) << 8) | (d[3] & 0xff)));
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
}
