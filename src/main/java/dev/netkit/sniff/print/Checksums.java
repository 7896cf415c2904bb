package dev.netkit.sniff.print;

import dev.netkit.packet.Checksum;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.PseudoHeader;
import dev.netkit.sniff.SniffedPacket;

import java.net.Inet6Address;
import java.net.InetAddress;

/** The transport checksum checks tcpdump -v prints ({@code cksum 0x1234 (correct)}). */
final class Checksums {
    private Checksums() {
    }

    /** The one's-complement check over pseudo-header and segment: 0 when correct, -1 when not computable. */
    static int tcp(SniffedPacket p, int segOff) {
        Frame f = p.decoded();
        int segLen = f.payloadOffset() + f.payloadLength() - segOff;
        byte[] d = p.frame().data();
        if (segOff < 0 || segOff + segLen > d.length) {
            return -1;
        }
        PseudoHeader ph = pseudoHeader(f);
        if (ph == null) {
            return -1;
        }
        return Checksum.finish(Checksum.sum(d, segOff, segLen) + ph.sum(6, segLen));
    }

    /** The UDP check over pseudo-header and datagram: 0 when correct, -1 when not computable. */
    static int udp(SniffedPacket p, int off, int udpLength) {
        return nextProtocol(p, 17, off, udpLength);
    }

    /**
     * The check of a message of IP protocol {@code protocol} over pseudo-header and its {@code length} bytes at
     * {@code off} (tcpdump's nextproto4_cksum and nextproto6_cksum): 0 when correct, -1 when not computable.
     */
    static int nextProtocol(SniffedPacket p, int protocol, int off, int length) {
        Frame f = p.decoded();
        byte[] d = p.frame().data();
        if (off < 0 || off + length > d.length) {
            return -1;
        }
        PseudoHeader ph = pseudoHeader(f);
        if (ph == null) {
            return -1;
        }
        return Checksum.finish(Checksum.sum(d, off, length) + ph.sum(protocol, length));
    }

    /** The ICMPv6 check over pseudo-header and message (which runs to the end of the IPv6 payload). */
    static int icmp6(SniffedPacket p, int off) {
        Frame f = p.decoded();
        byte[] d = p.frame().data();
        int end = f.payloadOffset() + f.payloadLength();
        if (f.ipv6().isEmpty() || off < 0 || end > d.length || end - off < 4 || f.truncated()) {
            return -1;
        }
        return icmp6(p, off, end);
    }

    /** The ICMPv6 check over the message in {@code [off, end)} of the captured bytes; -1 when not computable. */
    static int icmp6(SniffedPacket p, int off, int end) {
        Frame f = p.decoded();
        byte[] d = p.frame().data();
        if (f.ipv6().isEmpty() || off < 0 || end > d.length || end - off < 4) {
            return -1;
        }
        int len = end - off;
        PseudoHeader ph = PseudoHeader.v6(f.ipv6().get().source(), finalDestination(f));
        return Checksum.finish(Checksum.sum(d, off, len) + ph.sum(58, len));
    }

    /** What the checksum field should have held (tcpdump's in_cksum_shouldbe). */
    static int shouldBe(int field, int computed) {
        int s = field + computed;
        s = (s & 0xffff) + (s >>> 16);
        s = (s & 0xffff) + (s >>> 16);
        return s & 0xffff;
    }

    /** The IPv4 or IPv6 pseudo-header of the frame's IP layer, or null when it has none. */
    private static PseudoHeader pseudoHeader(Frame f) {
        if (f.ipv4().isPresent()) {
            return PseudoHeader.v4(f.ipv4().get().source(), f.ipv4().get().destination());
        }
        if (f.ipv6().isPresent()) {
            return PseudoHeader.v6(f.ipv6().get().source(), finalDestination(f));
        }
        return null;
    }

    /**
     * The destination an IPv6 upper-layer checksum covers (RFC 8200 8.1): with a routing header the final one,
     * the last address of type 0 and 2, the first segment of a segment routing header (type 4, RFC 8754), as
     * tcpdump's ip6_finddst. Only the first routing header of the outer packet counts.
     */
    private static Inet6Address finalDestination(Frame f) {
        Inet6Address dst = f.ipv6().get().destination();
        boolean inOuter = false;
        for (Layer l : f.layers()) {
            if (l instanceof Ipv6Header) {
                if (inOuter) {
                    break; // an inner packet: its headers are not the outer one's
                }
                inOuter = true;
            } else if (inOuter && l instanceof Ipv6ExtensionHeader.Routing r) {
                byte[] d = r.data();
                int type = r.routingType();
                int at = -1;
                if ((type == 0 || type == 2) && d.length >= 20 && (d.length - 4) % 16 == 0) {
                    at = d.length - 16;
                } else if (type == 4 && d.length >= 20) {
                    at = 4;
                }
                if (at >= 0) {
                    try {
                        return (Inet6Address) InetAddress.getByAddress(java.util.Arrays.copyOfRange(d, at, at + 16));
                    } catch (java.net.UnknownHostException e) {
                        throw new IllegalStateException(e); // 16 bytes: cannot happen
                    }
                }
                return dst;
            } else if (!(l instanceof Ipv6ExtensionHeader) && inOuter) {
                break;
            }
        }
        return dst;
    }
}
