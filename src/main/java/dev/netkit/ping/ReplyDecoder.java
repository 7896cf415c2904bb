package dev.netkit.ping;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns what a socket received into a {@link Reply}, or null when it answers nobody's probe of ours: echo replies
 * must carry our ICMP id, errors must quote a probe we could have sent (our id, our UDP source port, TCP).
 * Reads fixed offsets of RFC 791/792/4443/768/793 headers, always within {@code length}.
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

    /** The token of the TCP probe an ICMP error quotes, whose header starts at {@code t} (ports, then sequence). */
    private int quotedTcpToken(byte[] b, int t) {
        return parisTcpPort(u16(b, t)) ? u16(b, t + 4) : u16(b, t);
    }

    /** An ICMPv4 message preceded by its IPv4 header (raw ICMP sockets). */
    public Reply icmp4WithIpHeader(byte[] b, int length, long timeNanos) {
        if (length < 20 || (b[0] & 0xf0) != 0x40) {
            return null;
        }
        int ihl = (b[0] & 0x0f) * 4;
        if (ihl < 20 || length < ihl + 8 || (b[9] & 0xff) != 1) {
            return null;
        }
        InetAddress from = address(b, 12, 4);
        return icmp4(b, ihl, length - ihl, from, b[8] & 0xff, timeNanos);
    }

    /** An ICMPv4 message without IP header (datagram ICMP sockets), from {@code from}, arrived with {@code ttl}. */
    public Reply icmp4(byte[] b, int offset, int length, InetAddress from, int ttl, long timeNanos) {
        if (length < 8) {
            return null;
        }
        int type = b[offset] & 0xff;
        int code = b[offset + 1] & 0xff;
        if (type == 0) {
            if (echoId >= 0 && u16(b, offset + 4) != echoId) {
                return null;
            }
            return new Reply(from, ReplyKind.ECHO_REPLY, ProbeMethod.ICMP, from, u16(b, offset + 6), type, code, 0,
                    ttl, length, timeNanos);
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
        int mtu = kind == ReplyKind.PACKET_TOO_BIG ? u16(b, offset + 6) : 0;
        int q = offset + 8;
        int qlen = length - 8;
        if (qlen < 20 || (b[q] & 0xf0) != 0x40) {
            return null;
        }
        int qihl = (b[q] & 0x0f) * 4;
        if (qihl < 20 || qlen < qihl + 8) {
            return null;
        }
        int proto = b[q + 9] & 0xff;
        InetAddress dst = address(b, q + 16, 4);
        int t = q + qihl;
        return switch (proto) {
            case 1 -> {
                if ((b[t] & 0xff) != 8 || (echoId >= 0 && u16(b, t + 4) != echoId)) {
                    yield null;
                }
                yield new Reply(from, kind, ProbeMethod.ICMP, dst, u16(b, t + 6), type, code, mtu, ttl, length,
                        timeNanos);
            }
            case 17 -> !ourUdpPort(u16(b, t)) ? null
                    : new Reply(from, kind, ProbeMethod.UDP, dst, u16(b, q + 4), type, code, mtu, ttl, length,
                    timeNanos);
            case 6 -> new Reply(from, kind, ProbeMethod.TCP, dst, quotedTcpToken(b, t), type, code, mtu, ttl, length,
                    timeNanos);
            default -> null;
        };
    }

    /** An ICMPv6 message (raw and datagram ICMPv6 sockets strip the IPv6 header). */
    public Reply icmp6(byte[] b, int offset, int length, InetAddress from, int hopLimit, long timeNanos) {
        if (length < 8) {
            return null;
        }
        int type = b[offset] & 0xff;
        int code = b[offset + 1] & 0xff;
        if (type == 129) {
            if (echoId >= 0 && u16(b, offset + 4) != echoId) {
                return null;
            }
            return new Reply(from, ReplyKind.ECHO_REPLY, ProbeMethod.ICMP, from, u16(b, offset + 6), type, code, 0,
                    hopLimit, length, timeNanos);
        }
        ReplyKind kind = switch (type) {
            case 1 -> ReplyKind.UNREACHABLE;
            case 2 -> ReplyKind.PACKET_TOO_BIG;
            case 3 -> ReplyKind.TIME_EXCEEDED;
            case 4 -> ReplyKind.OTHER_ERROR;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        int mtu = kind == ReplyKind.PACKET_TOO_BIG ? (int) Math.min(Integer.MAX_VALUE, u32(b, offset + 4)) : 0;
        int q = offset + 8;
        int qlen = length - 8;
        if (qlen < 48 || (b[q] & 0xf0) != 0x60) {
            return null;
        }
        int next = b[q + 6] & 0xff;
        InetAddress dst = address(b, q + 24, 16);
        int t = q + 40;
        int tlen = qlen - 40;
        return switch (next) {
            case 58 -> {
                if ((b[t] & 0xff) != 128 || (echoId >= 0 && u16(b, t + 4) != echoId)) {
                    yield null;
                }
                yield new Reply(from, kind, ProbeMethod.ICMP, dst, u16(b, t + 6), type, code, mtu, hopLimit, length,
                        timeNanos);
            }
            // IPv6 has no IP id: our UDP probes carry their token in the first two payload bytes.
            case 17 -> tlen < 10 || !ourUdpPort(u16(b, t)) ? null
                    : new Reply(from, kind, ProbeMethod.UDP, dst, u16(b, t + 8), type, code, mtu, hopLimit, length,
                    timeNanos);
            case 6 -> new Reply(from, kind, ProbeMethod.TCP, dst, quotedTcpToken(b, t), type, code, mtu, hopLimit,
                    length, timeNanos);
            default -> null;
        };
    }

    /** A TCP segment preceded by its IPv4 header (raw TCP sockets): SYN-ACK or RST to one of our SYNs. */
    public Reply tcp4WithIpHeader(byte[] b, int length, long timeNanos) {
        if (length < 20 || (b[0] & 0xf0) != 0x40 || (b[9] & 0xff) != 6) {
            return null;
        }
        int ihl = (b[0] & 0x0f) * 4;
        if (ihl < 20) {
            return null;
        }
        return tcp(b, ihl, length - ihl, address(b, 12, 4), b[8] & 0xff, timeNanos);
    }

    /** A TCP segment without IP header from {@code from}. */
    public Reply tcp(byte[] b, int offset, int length, InetAddress from, int ttl, long timeNanos) {
        if (length < 20) {
            return null;
        }
        int flags = b[offset + 13] & 0xff;
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        boolean rst = (flags & 0x04) != 0;
        ReplyKind kind;
        if (syn && ack) {
            kind = ReplyKind.TCP_SYN_ACK;
        } else if (rst) {
            kind = ReplyKind.TCP_RESET;
        } else {
            return null;
        }
        int port = u16(b, offset + 2);
        // A Paris SYN's answer acknowledges its sequence number + 1: the token is the upper half of that number.
        int token = parisTcpPort(port) ? (int) (((u32(b, offset + 8) - 1) >>> 16) & 0xffff) : port;
        return new Reply(from, kind, ProbeMethod.TCP, from, token, -1, -1, 0, ttl, length, timeNanos);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    static InetAddress address(byte[] b, int offset, int length) {
        byte[] a = new byte[length];
        System.arraycopy(b, offset, a, 0, length);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
