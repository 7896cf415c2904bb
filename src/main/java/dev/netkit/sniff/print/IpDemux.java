package dev.netkit.sniff.print;

import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.AuthenticationHeader;
import dev.netkit.packet.Checksum;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;
import dev.netkit.packet.VrrpMessage;
import dev.netkit.sniff.SniffedPacket;
import dev.netkit.system.Services;

import java.net.Inet6Address;
import java.net.InetAddress;

/** What follows the IP header (print-ip-demux.c): endpoints, then the printer of the transport protocol. */
final class IpDemux {
    private final TcpdumpText text;
    /** Read once, when the names are printed at all: tcpdump too names ports from /etc/services, per protocol. */
    private Services services;

    IpDemux(TcpdumpText text) {
        this.text = text;
    }

    void transport(SniffedPacket p, StringBuilder b, Layer t, InetAddress src, InetAddress dst,
            int length, IpProtocol proto, boolean v6, boolean ipTruncated) {
        if (t instanceof TcpHeader tcp) {
            endpoint(b, src, tcp.sourcePort(), "tcp").append(" > ");
            endpoint(b, dst, tcp.destinationPort(), "tcp").append(": ");
            text.tcp.print(p, b, tcp, src, dst, length);
        } else if (t instanceof UdpHeader udp) {
            endpoint(b, src, udp.sourcePort(), "udp").append(" > ");
            endpoint(b, dst, udp.destinationPort(), "udp").append(": ");
            text.udp.print(p, b, udp, length);
        } else {
            String where = p.decoded().stoppedAt().orElse("");
            byte[] d = p.frame().data();
            if (t == null && where.equals("tcp") && text.transportStart + 20 <= d.length) {
                int at = b.length();
                endpoint(b, src, ((d[text.transportStart] & 0xff) << 8) | (d[text.transportStart + 1] & 0xff), where).append(" > ");
                endpoint(b, dst, ((d[text.transportStart + 2] & 0xff) << 8) | (d[text.transportStart + 3] & 0xff), where).append(": ");
                if (text.tcp.printCut(p, b, src, dst, length)) {
                    return;
                }
                b.setLength(at);
            }
            if (t == null && where.equals("udp")) {
                cutUdp(b, d, src, dst, length);
                return;
            }
            if (t == null && where.equals("tcp") && text.transportStart + 4 <= d.length) {
                // the header is cut, but its ports were captured: tcpdump still names them
                endpoint(b, src, ((d[text.transportStart] & 0xff) << 8) | (d[text.transportStart + 1] & 0xff), where).append(" > ");
                endpoint(b, dst, ((d[text.transportStart + 2] & 0xff) << 8) | (d[text.transportStart + 3] & 0xff), where);
                b.append(":  [|").append(where).append(']');
                return;
            }
            AddressText.ip(b, src).append(" > ");
            AddressText.ip(b, dst).append(": ");
            transportNoAddresses(p, b, t, src, dst, length, proto);
        }
    }

    /**
     * A UDP header decoding stopped in, as print-udp.c's checks in their order: ports not captured, the datagram
     * shorter than a header ({@code truncated-udp}), its length field not captured, that field below 8
     * ({@code truncated-udplength}), else the rest of the header cut. tcpdump's trunc mark follows "src > dst: ".
     */
    private void cutUdp(StringBuilder b, byte[] d, InetAddress src, InetAddress dst, int length) {
        int at = text.transportStart;
        if (at + 4 > d.length) {
            AddressText.ip(b, src).append(" > ");
            AddressText.ip(b, dst).append(":  [|udp]");
            return;
        }
        endpoint(b, src, (d[at] & 0xff) << 8 | d[at + 1] & 0xff, "udp").append(" > ");
        endpoint(b, dst, (d[at + 2] & 0xff) << 8 | d[at + 3] & 0xff, "udp").append(": ");
        if (length < 8) {
            b.append("truncated-udp ").append(Math.max(0, length));
        } else if (at + 6 > d.length) {
            b.append(" [|udp]");
        } else {
            int declared = (d[at + 4] & 0xff) << 8 | d[at + 5] & 0xff;
            if (declared < 8 && !(declared == 0 && length > 65535)) {
                b.append("truncated-udplength ").append(declared);
            } else {
                b.append(" [|udp]");
            }
        }
    }

    /** The transport part after "src > dst: " for ICMP and unknown protocols (also after an IPv6 frag). */
    void transportNoAddresses(SniffedPacket p, StringBuilder b, Layer t, InetAddress src, InetAddress dst,
            int length, IpProtocol proto) {
        if (proto.value() == 2 && (t instanceof IgmpMessage || t == null
                && "igmp".equals(p.decoded().stoppedAt().orElse(null)))) {
            MulticastText.igmp(b, p.frame().data(), text.transportStart, text.payloadEnd, length, text.verbose);
            return;
        }
        if (proto.value() == GreText.PROTOCOL && t == null) {
            GreText.print(text, p, b, text.transportStart, text.payloadEnd, length);
            return;
        }
        if (t == null && byNumber(p, b, src, dst, length, proto.value())) {
            return;
        }
        if (t instanceof Icmpv4Message m) {
            text.icmp.print(p, b, m, length);
        } else if (t instanceof Icmpv6Message m) {
            text.icmp6.print(p, b, m, length);
            text.icmp.quotedPacket(p, b);
        } else if (t instanceof TcpHeader tcp) {
            port(b, tcp.sourcePort(), "tcp").append(" > ");
            port(b, tcp.destinationPort(), "tcp").append(": ");
            text.tcp.print(p, b, tcp, src, dst, length);
        } else if (t instanceof UdpHeader udp) {
            port(b, udp.sourcePort(), "udp").append(" > ");
            port(b, udp.destinationPort(), "udp").append(": ");
            text.udp.print(p, b, udp, length);
        } else if (t == null) {
            String where = p.decoded().stoppedAt().orElse(null);
            if ("icmp6".equals(where) && length == 0) {
                b.append("ICMP6, length 0 (invalid)");
                return;
            }
            if ("icmp6".equals(where) && text.icmp6.shortMld(p, b, length)) {
                return;
            }
            if ("icmp".equals(where)) {
                text.icmp.truncated(p, b, length);
                return;
            }
            if (where != null && !where.equals("ip") && !where.equals("ip6")) {
                TcpdumpText.trunc(b, where);
            } else {
                b.append(proto.value() == 59 ? "ip-proto-59" : "ip-proto-" + proto.value())
                        .append(' ').append(Math.max(0, length));
            }
        } else {
            b.append("ip-proto-").append(proto.value()).append(' ').append(Math.max(0, length));
        }
    }

    /**
     * The protocols the decoder leaves undecoded that tcpdump prints from the IP demux (print-ip-demux.c): OSPF,
     * VRRP, ESP and AH, after which the demux goes on with the protocol AH names. False for any other protocol.
     */
    private boolean byNumber(SniffedPacket p, StringBuilder b, InetAddress src, InetAddress dst, int length,
            int proto) {
        byte[] d = p.frame().data();
        int at = text.transportStart;
        boolean v6 = src instanceof Inet6Address;
        switch (proto) {
            case OspfText.PROTOCOL -> {
                if (v6) {
                    Ospf6Text.print(b, d, at, text.payloadEnd, length, text.verbose);
                } else {
                    OspfText.print(b, d, at, text.payloadEnd, length, text.verbose);
                }
            }
            case VrrpText.PROTOCOL -> VrrpText.print(b, d, at, text.payloadEnd, length, hopLimit(p), v6,
                    // VRRPv2 sums the message alone, VRRPv3 with the IP pseudo-header
                    () -> new VrrpMessage(d, at, text.payloadEnd, v6).version() == 2
                            ? Checksum.finish(Checksum.sum(d, at, length))
                            : Checksums.nextProtocol(p, VrrpText.PROTOCOL, at, length), text.verbose);
            case IpsecText.ESP -> IpsecText.esp(b, d, at, text.payloadEnd, length);
            case IpsecText.AH -> {
                int advance = IpsecText.ah(b, d, at, text.payloadEnd, text.verbose);
                if (advance > 0) {
                    text.transportStart += advance;
                    transportNoAddresses(p, b, null, src, dst, length - advance,
                            IpProtocol.valueOf(new AuthenticationHeader(d, at, text.payloadEnd).nextHeader()));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The TTL or hop limit of the innermost IP header, which tcpdump's demux hands VRRP. */
    private static int hopLimit(SniffedPacket p) {
        int ttl = 0;
        for (Layer l : p.decoded().layers()) {
            if (l instanceof Ipv4Header h) {
                ttl = h.ttl();
            } else if (l instanceof Ipv6Header h) {
                ttl = h.hopLimit();
            }
        }
        return ttl;
    }

    StringBuilder endpoint(StringBuilder b, InetAddress a, int port, String proto) {
        AddressText.ip(b, a).append('.');
        return port(b, port, proto);
    }

    StringBuilder port(StringBuilder b, int port, String proto) {
        String name = null;
        if (!text.numeric) {
            if (services == null) {
                services = Services.system();
            }
            name = services.name(port, proto);
        }
        return name == null ? b.append(port) : b.append(name);
    }
}
