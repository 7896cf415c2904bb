package dev.netkit.sniff.print;

import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.MessageBytes;
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
            if (x instanceof Ipv6ExtensionHeader.HopByHopOptions o) {
                b.append("HBH ");
                ip6Options(b, o);
            } else if (x instanceof Ipv6ExtensionHeader.DestinationOptions o) {
                b.append("DSTOPT ");
                ip6Options(b, o);
            } else if (x instanceof Ipv6ExtensionHeader.Routing r) {
                routing(b, r, text.verbose);
            } else if (x instanceof Ipv6ExtensionHeader.Fragment fr) {
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

    /** tcpdump -v's hop-by-hop and destination options ({@code (rtalert: 0x0000) (padn) }). */
    private void ip6Options(StringBuilder b, Ipv6ExtensionHeader.OptionsHeader h) {
        if (text.verbose == 0) {
            return;
        }
        int used = 0;
        for (Ipv6ExtensionHeader.Option o : h.wellFormedOptions()) {
            int type = o.type();
            int optlen = type == Ipv6ExtensionHeader.Option.PAD1 ? 1 : o.data().length + 2;
            switch (type) {
                case Ipv6ExtensionHeader.Option.PAD1 -> b.append("(pad1)");
                case Ipv6ExtensionHeader.Option.PADN -> b.append("(padn)");
                case Ipv6ExtensionHeader.Option.ROUTER_ALERT -> {
                    if (optlen != 4) {
                        b.append("(rtalert: invalid len ").append(optlen - 2).append(')');
                        return;
                    }
                    b.append("(rtalert: 0x");
                    AddressText.hex4(b, o.fields().u16At(0));
                    b.append(") ");
                }
                case Ipv6ExtensionHeader.Option.JUMBO_PAYLOAD -> {
                    if (optlen != 6) {
                        b.append("(jumbo: invalid len ").append(optlen - 2).append(')');
                        return;
                    }
                    b.append("(jumbo: ").append(o.fields().u32At(0)).append(") ");
                }
                default -> {
                    b.append("(opt_type 0x");
                    AddressText.hex2(b, type);
                    b.append(": len=").append(optlen - 2).append(')');
                }
            }
            used += optlen;
        }
        if (used == h.area().length) {
            b.append(' ');
        }
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
        MessageBytes f = r.fields();
        if ((type == 0 || type == 2) && d.length >= 4) {
            // tcpdump shows the reserved word when set or with -v
            long reserved = f.u32At(0);
            if (reserved != 0 || verbose > 0) {
                b.append(", rsv=0x").append(Long.toHexString(reserved));
            }
        }
        if (type == 4 && d.length >= 4) {
            b.append(", last-entry=").append(f.byteAt(0));
            if (f.byteAt(1) != 0 || verbose > 0) {
                b.append(", flags=0x").append(Integer.toHexString(f.byteAt(1)));
            }
            b.append(", tag=").append(Integer.toHexString(f.u16At(2)));
        }
        if (type == 0 || type == 2 || type == 4) {
            for (int k = 0; at + 16 <= d.length; k++, at += 16) {
                b.append(", [").append(k).append(']');
                AddressText.ipv6(b, f.bytesAt(at, 16), 0);
            }
        }
        b.append(") ");
    }

    private static int extLength(Ipv6ExtensionHeader x) {
        return x.bufferLength();
    }
}
