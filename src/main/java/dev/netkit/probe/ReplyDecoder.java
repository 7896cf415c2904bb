package dev.netkit.probe;

import dev.netkit.packet.EthernetFrame;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv4Packet;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6Packet;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv4Packet;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Ipv6Packet;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpPacket;
import dev.netkit.packet.UdpHeader;
import dev.netkit.packet.UdpPacket;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Turns what a socket or a capture received into a {@link Reply}, or null when it answers nobody's probe of ours:
 * echo replies must carry our ICMP id, errors must quote a probe we could have sent (our id, our UDP source port,
 * TCP). Every header is read through dev.netkit.packet's views and messages (the quoted datagram through
 * {@link Frame}), so bad or cut bytes give null, never an exception.
 */
public final class ReplyDecoder {
    private final int echoId;
    private final int udpSourcePort;
    private final int tcpParisPort;

    /**
     * @param echoId our ICMP echo identifier, or -1 to accept any (datagram ICMP sockets, where the kernel
     *               filters by id itself)
     * @param udpSourcePort the source port of our UDP probes
     */
    public ReplyDecoder(int echoId, int udpSourcePort) {
        this(echoId, udpSourcePort, -1);
    }

    /**
     * @param udpSourcePort the first source port of our UDP probes (flow f uses this + f, {@link Probe#MAX_FLOWS})
     * @param tcpParisPort the first source port of our Paris TCP SYNs, which carry their token in the upper half of
     *                     the sequence number; -1 when there are none
     */
    public ReplyDecoder(int echoId, int udpSourcePort, int tcpParisPort) {
        this.echoId = echoId;
        this.udpSourcePort = udpSourcePort;
        this.tcpParisPort = tcpParisPort;
    }

    private boolean ourUdpPort(int port) {
        return port - udpSourcePort >= 0 && port - udpSourcePort < Probe.MAX_FLOWS;
    }

    private boolean parisTcpPort(int port) {
        return tcpParisPort >= 0 && port - tcpParisPort >= 0 && port - tcpParisPort < Probe.MAX_FLOWS;
    }

    /** A captured Ethernet frame (injection channel): IPv4 or IPv6 inside, VLAN tags allowed. */
    public Reply ethernet(byte[] b, int offset, int length, long timeNanos) {
        try {
            EthernetFrame f = EthernetFrame.newChecked(b, offset, length);
            return switch (f.etherType().value()) {
                case 0x0800 -> ipv4(b, f.payloadOffset(), f.payloadLength(), timeNanos);
                case 0x86dd -> ipv6(b, f.payloadOffset(), f.payloadLength(), timeNanos);
                default -> null;
            };
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** A whole IPv4 datagram carrying ICMP or TCP (raw sockets, captures). */
    public Reply ipv4(byte[] b, int offset, int length, long timeNanos) {
        try {
            Ipv4Packet ip = Ipv4Packet.newChecked(b, offset, length);
            if (ip.fragmentOffset() != 0) {
                return null;
            }
            int protocol = ip.protocol().value();
            if (protocol == IpProtocol.ICMP.value()) {
                return icmp4(b, ip.payloadOffset(), ip.payloadLength(), ip.source(), ip.ttl(), timeNanos);
            }
            if (protocol == IpProtocol.TCP.value()) {
                return tcp(b, ip.payloadOffset(), ip.payloadLength(), ip.source(), ip.ttl(), timeNanos);
            }
            return null;
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** A whole IPv6 packet carrying ICMPv6 or TCP right after the fixed header (captures). */
    public Reply ipv6(byte[] b, int offset, int length, long timeNanos) {
        try {
            Ipv6Packet ip = Ipv6Packet.newChecked(b, offset, length);
            int next = ip.nextHeader().value();
            if (next == IpProtocol.ICMPV6.value()) {
                return icmp6(b, ip.payloadOffset(), ip.payloadLength(), ip.source(), ip.hopLimit(), timeNanos);
            }
            if (next == IpProtocol.TCP.value()) {
                return tcp(b, ip.payloadOffset(), ip.payloadLength(), ip.source(), ip.hopLimit(), timeNanos);
            }
            return null;
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** An ICMPv4 message preceded by its IPv4 header (raw ICMP sockets). */
    public Reply icmp4WithIpHeader(byte[] b, int length, long timeNanos) {
        return ipv4(b, 0, length, timeNanos);
    }

    /** A TCP segment preceded by its IPv4 header (raw TCP sockets): SYN-ACK or RST to one of our SYNs. */
    public Reply tcp4WithIpHeader(byte[] b, int length, long timeNanos) {
        return ipv4(b, 0, length, timeNanos);
    }

    /** An ICMPv4 message without IP header (datagram ICMP sockets), from {@code from}, arrived with {@code ttl}. */
    public Reply icmp4(byte[] b, int offset, int length, InetAddress from, int ttl, long timeNanos) {
        try {
            Icmpv4Packet p = Icmpv4Packet.newChecked(b, offset, length);
            int type = p.type().value();
            int code = p.code();
            if (type == 0) {
                long rest = p.restOfHeader();
                if (echoId >= 0 && (int) (rest >>> 16) != echoId) {
                    return null;
                }
                return new Reply(from, ReplyKind.ECHO_REPLY, ProbeMethod.ICMP, from, (int) rest & 0xffff, type, code,
                        0, ttl, length, timeNanos);
            }
            ReplyKind kind = switch (type) {
                case 11 -> ReplyKind.TIME_EXCEEDED;
                case 3 -> code == 4 ? ReplyKind.PACKET_TOO_BIG : ReplyKind.UNREACHABLE;
                case 4, 5, 12 -> ReplyKind.OTHER_ERROR;
                default -> null;
            };
            if (kind == null) {
                return null;
            }
            Icmpv4Message m = Icmpv4Message.parse(p);
            int mtu = m instanceof Icmpv4Message.DestinationUnreachable u && kind == ReplyKind.PACKET_TOO_BIG
                    ? u.nextHopMtu() : 0;
            if (m instanceof Icmpv4Message.ErrorMessage e) {
                Reply r = quotedIpv4(e.quoted(), from, kind, type, code, mtu, ttl, length, timeNanos);
                if (r != UNDECIDED) {
                    return r;
                }
            }
            Frame quoted = m instanceof Icmpv4Message.ErrorMessage e ? e.quotedFrame()
                    : Frame.decode(LinkType.RAW, m.data());
            return quotedProbe(quoted, from, kind, type, code, mtu, ttl, length, timeNanos);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** An ICMPv6 message (raw and datagram ICMPv6 sockets strip the IPv6 header). */
    public Reply icmp6(byte[] b, int offset, int length, InetAddress from, int hopLimit, long timeNanos) {
        try {
            Icmpv6Packet p = Icmpv6Packet.newChecked(b, offset, length);
            int type = p.type().value();
            int code = p.code();
            ReplyKind kind = switch (type) {
                case 129 -> ReplyKind.ECHO_REPLY;
                case 1 -> ReplyKind.UNREACHABLE;
                case 2 -> ReplyKind.PACKET_TOO_BIG;
                case 3 -> ReplyKind.TIME_EXCEEDED;
                case 4 -> ReplyKind.OTHER_ERROR;
                default -> null; // neighbour discovery and the rest are parsed by nobody here
            };
            if (kind == null) {
                return null;
            }
            Icmpv6Message m = Icmpv6Message.parse(p);
            if (m instanceof Icmpv6Message.Echo echo) {
                if (echoId >= 0 && echo.identifier() != echoId) {
                    return null;
                }
                return new Reply(from, kind, ProbeMethod.ICMP, from, echo.sequence(), type, code, 0, hopLimit, length,
                        timeNanos);
            }
            int mtu = m instanceof Icmpv6Message.PacketTooBig big ? (int) Math.min(Integer.MAX_VALUE, big.mtu()) : 0;
            Frame quoted = m instanceof Icmpv6Message.ErrorMessage e ? e.quotedFrame()
                    // parameter problem: a 4-byte pointer, then the quoted packet
                    : ((Icmpv6Message.Other) m).body().length < 4 ? null
                    : Frame.decode(LinkType.IPV6, ((Icmpv6Message.Other) m).body(), 4,
                    ((Icmpv6Message.Other) m).body().length - 4);
            return quoted == null ? null : quotedProbe(quoted, from, kind, type, code, mtu, hopLimit, length, timeNanos);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** What {@link #quotedIpv4} returns when the quote needs {@link Frame}'s whole decoding. */
    private static final Reply UNDECIDED = new Reply(null, ReplyKind.OTHER_ERROR, ProbeMethod.ICMP, null, -1, -1, -1,
            0, -1, 0, 0);

    /**
     * The usual IPv4 quote read through the packet views alone, as {@link #quotedProbe} reads it from a {@link Frame}:
     * a first (or only) fragment without IP options, quoting an ICMP header, a UDP header or a whole TCP header. The
     * reply, or null when the quote is not one of our probes, or {@link #UNDECIDED} for anything else (options,
     * fragments, a TCP header cut short, bytes the views refuse), which {@link #quotedProbe} then decodes. A trace's
     * answers are almost all such quotes: this skips Frame's layer list and header records per answer, and its
     * checksum closures, which the start-up cache only holds for the quotes its loopback training meets (a closure
     * made at run time costs about 3 ms of the first answer).
     */
    private Reply quotedIpv4(byte[] q, InetAddress from, ReplyKind kind, int type, int code, int mtu, int ttl,
                             int length, long timeNanos) {
        try {
            Ipv4Packet ip = Ipv4Packet.newChecked(q, 0, q.length);
            if (ip.headerLength() != 20 || ip.fragmentOffset() != 0) {
                return UNDECIDED;
            }
            int protocol = ip.protocol().value();
            int at = ip.payloadOffset();
            int left = ip.payloadLength();
            if (protocol == IpProtocol.ICMP.value()) {
                Icmpv4Packet p = Icmpv4Packet.newChecked(q, at, left);
                long rest = p.restOfHeader();
                if (p.type().value() != 8 || (echoId >= 0 && (int) (rest >>> 16) != echoId)) {
                    return null; // not an echo request of ours
                }
                return new Reply(from, kind, ProbeMethod.ICMP, ip.destination(), (int) rest & 0xffff, type, code, mtu,
                        ttl, length, timeNanos);
            }
            if (protocol == IpProtocol.UDP.value()) {
                UdpPacket udp = UdpPacket.newChecked(q, at, left);
                if (!ourUdpPort(udp.sourcePort())) {
                    return null;
                }
                return new Reply(from, kind, ProbeMethod.UDP, ip.destination(), ip.identification(), type, code, mtu,
                        ttl, length, timeNanos);
            }
            if (protocol == IpProtocol.TCP.value()) {
                TcpPacket tcp = TcpPacket.newChecked(q, at, left);
                int token = tcp.sourcePort();
                if (parisTcpPort(token)) {
                    token = (int) (tcp.sequence() >>> 16);
                }
                return new Reply(from, kind, ProbeMethod.TCP, ip.destination(), token, type, code, mtu, ttl, length,
                        timeNanos);
            }
            return null;
        } catch (MalformedPacketException e) {
            return UNDECIDED;
        }
    }

    /**
     * The probe an ICMP error quotes, when it is one of ours: an echo request with our id (token: its sequence),
     * a UDP datagram from our port (token: the IPv4 id, or over IPv6 the first two payload bytes), or TCP (token:
     * the source port, which is all the 8 quoted bytes RFC 792 promise).
     */
    private Reply quotedProbe(Frame q, InetAddress from, ReplyKind kind, int type, int code, int mtu, int ttl,
                              int length, long timeNanos) {
        Optional<Ipv4Header> v4 = q.ipv4();
        Optional<Ipv6Header> v6 = q.ipv6();
        InetAddress dst;
        if (v4.isPresent()) {
            dst = v4.get().destination();
        } else if (v6.isPresent()) {
            dst = v6.get().destination();
        } else {
            return null;
        }
        int protocol = v4.isPresent() ? v4.get().protocol().value() : v6.get().nextHeader().value();
        if (protocol == IpProtocol.ICMP.value() || protocol == IpProtocol.ICMPV6.value()) {
            int seq = echoSequence(q, true, echoId);
            if (seq < 0) {
                return null;
            }
            return new Reply(from, kind, ProbeMethod.ICMP, dst, seq, type, code, mtu, ttl, length, timeNanos);
        }
        if (protocol == IpProtocol.UDP.value()) {
            Optional<UdpHeader> udp = q.udp();
            if (udp.isEmpty() || !ourUdpPort(udp.get().sourcePort())) {
                return null;
            }
            int token;
            if (v4.isPresent()) {
                token = v4.get().identification();
            } else if (q.payloadLength() >= 2) {
                byte[] data = q.payload();
                token = (data[0] & 0xff) << 8 | data[1] & 0xff;
            } else {
                return null;
            }
            return new Reply(from, kind, ProbeMethod.UDP, dst, token, type, code, mtu, ttl, length, timeNanos);
        }
        if (protocol == IpProtocol.TCP.value()) {
            Optional<Frame.Ports> ports = q.ports();
            if (ports.isEmpty()) {
                return null;
            }
            int token = ports.get().source();
            if (parisTcpPort(token)) {
                // A Paris SYN carries its token in the upper half of the sequence number (quoted bytes 4-5).
                if (q.tcp().isPresent()) {
                    token = (int) (q.tcp().get().sequence() >>> 16);
                } else if (q.payloadLength() >= 6) {
                    byte[] cut = q.payload();
                    token = (cut[4] & 0xff) << 8 | cut[5] & 0xff;
                } else {
                    return null;
                }
            }
            return new Reply(from, kind, ProbeMethod.TCP, dst, token, type, code, mtu, ttl, length, timeNanos);
        }
        return null;
    }

    /**
     * The test of ICMP probes, for ours and for send's: the sequence number of the ICMP or ICMPv6 echo in {@code f}
     * (a request when {@code request}, else a reply) that carries {@code echoId} (any when negative), or -1.
     */
    public static int echoSequence(Frame f, boolean request, int echoId) {
        if (f.icmpv4().orElse(null) instanceof Icmpv4Message.Echo e && e.request() == request
                && (echoId < 0 || e.identifier() == echoId)) {
            return e.sequence();
        }
        if (f.icmpv6().orElse(null) instanceof Icmpv6Message.Echo e && e.request() == request
                && (echoId < 0 || e.identifier() == echoId)) {
            return e.sequence();
        }
        return -1;
    }

    /** The sequence number of an echo request we sent (as a socket's error queue returns it), or -1. */
    static int echoSequence(byte[] b, int length, boolean v6) {
        try {
            if (v6) {
                return Icmpv6Message.parse(b, 0, length) instanceof Icmpv6Message.Echo e && e.request()
                        ? e.sequence() : -1;
            }
            return Icmpv4Message.parse(b, 0, length) instanceof Icmpv4Message.Echo e && e.request() ? e.sequence() : -1;
        } catch (MalformedPacketException e) {
            return -1;
        }
    }

    /** A TCP segment without IP header from {@code from}: a SYN-ACK or RST names our probe by its port. */
    public Reply tcp(byte[] b, int offset, int length, InetAddress from, int ttl, long timeNanos) {
        try {
            TcpPacket p = TcpPacket.newChecked(b, offset, length);
            int flags = p.flags();
            ReplyKind kind;
            if ((flags & TcpHeader.SYN) != 0 && (flags & TcpHeader.ACK) != 0) {
                kind = ReplyKind.TCP_SYN_ACK;
            } else if ((flags & TcpHeader.RST) != 0) {
                kind = ReplyKind.TCP_RESET;
            } else {
                return null;
            }
            int port = p.destinationPort();
            // A Paris SYN's answer acknowledges its sequence number + 1: the token is the upper half of that number.
            int token = parisTcpPort(port) ? (int) (((p.acknowledgement() - 1) >>> 16) & 0xffff) : port;
            return new Reply(from, kind, ProbeMethod.TCP, from, token, -1, -1, 0, ttl, length, timeNanos);
        } catch (MalformedPacketException e) {
            return null;
        }
    }
}
