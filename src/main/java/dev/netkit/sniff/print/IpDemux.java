package dev.netkit.sniff.print;

import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Layer;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;
import dev.netkit.sniff.SniffedPacket;

import java.net.InetAddress;

/** What follows the IP header (print-ip-demux.c): endpoints, then the printer of the transport protocol. */
final class IpDemux {
    private final TcpdumpText text;

    IpDemux(TcpdumpText text) {
        this.text = text;
    }

    void transport(SniffedPacket p, StringBuilder b, Layer t, InetAddress src, InetAddress dst,
            int length, IpProtocol proto, boolean v6, boolean ipTruncated) {
        switch (t) {
            case TcpHeader tcp -> {
                endpoint(b, src, tcp.sourcePort()).append(" > ");
                endpoint(b, dst, tcp.destinationPort()).append(": ");
                text.tcp.print(p, b, tcp, src, dst, length);
            }
            case UdpHeader udp -> {
                endpoint(b, src, udp.sourcePort()).append(" > ");
                endpoint(b, dst, udp.destinationPort()).append(": ");
                text.udp.print(p, b, udp, length);
            }
            case null, default -> {
                String where = p.decoded().stoppedAt().orElse("");
                byte[] d = p.frame().data();
                if (t == null && (where.equals("tcp") || where.equals("udp")) && text.transportStart + 4 <= d.length) {
                    // the header is cut, but its ports were captured: tcpdump still names them
                    endpoint(b, src, ((d[text.transportStart] & 0xff) << 8) | (d[text.transportStart + 1] & 0xff)).append(" > ");
                    endpoint(b, dst, ((d[text.transportStart + 2] & 0xff) << 8) | (d[text.transportStart + 3] & 0xff));
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
    void transportNoAddresses(SniffedPacket p, StringBuilder b, Layer t, InetAddress src, InetAddress dst,
            int length, IpProtocol proto) {
        if (proto.value() == 2 && (t instanceof IgmpMessage || t == null
                && "igmp".equals(p.decoded().stoppedAt().orElse(null)))) {
            MulticastText.igmp(b, p.frame().data(), text.transportStart, text.payloadEnd, length, text.detail);
            return;
        }
        switch (t) {
            case Icmpv4Message m -> {
                text.icmp.print(b, m, length);
                text.icmp.quotedPacket(p, b);
            }
            case Icmpv6Message m -> {
                text.icmp6.print(p, b, m, length);
                text.icmp.quotedPacket(p, b);
            }
            case TcpHeader tcp -> {
                port(b, tcp.sourcePort()).append(" > ");
                port(b, tcp.destinationPort()).append(": ");
                text.tcp.print(p, b, tcp, src, dst, length);
            }
            case UdpHeader udp -> {
                port(b, udp.sourcePort()).append(" > ");
                port(b, udp.destinationPort()).append(": ");
                text.udp.print(p, b, udp, length);
            }
            case null -> {
                String where = p.decoded().stoppedAt().orElse(null);
                if ("icmp6".equals(where) && text.icmp6.shortMld(p, b, length)) {
                    return;
                }
                if (where != null && !where.equals("ip") && !where.equals("ip6")) {
                    TcpdumpText.trunc(b, where);
                } else {
                    b.append(proto.value() == 59 ? "ip-proto-59" : "ip-proto-" + proto.value())
                            .append(' ').append(Math.max(0, length));
                }
            }
            default -> b.append("ip-proto-").append(proto.value()).append(' ').append(Math.max(0, length));
        }
    }

    StringBuilder endpoint(StringBuilder b, InetAddress a, int port) {
        AddressText.ip(b, a).append('.');
        return port(b, port);
    }

    StringBuilder port(StringBuilder b, int port) {
        if (text.numeric) {
            b.append(port);
        } else {
            b.append(Services.name(port));
        }
        return b;
    }
}
