package dev.netkit.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The addresses of the IPv4 (RFC 768, RFC 9293 section 3.1) or IPv6 (RFC 8200 section 8.1) pseudo-header
 * that UDP, TCP and ICMPv6 checksums cover. Transport emitters take one explicitly.
 */
public record PseudoHeader(InetAddress source, InetAddress destination) {

    public PseudoHeader {
        boolean v4 = source instanceof Inet4Address && destination instanceof Inet4Address;
        boolean v6 = source instanceof Inet6Address && destination instanceof Inet6Address;
        if (!v4 && !v6) {
            throw new IllegalArgumentException("pseudo-header addresses must be both IPv4 or both IPv6: "
                    + source + ", " + destination);
        }
    }

    public static PseudoHeader v4(Inet4Address source, Inet4Address destination) {
        return new PseudoHeader(source, destination);
    }

    public static PseudoHeader v6(Inet6Address source, Inet6Address destination) {
        return new PseudoHeader(source, destination);
    }

    public boolean isIpv6() {
        return source instanceof Inet6Address;
    }

    /** The pseudo-header's bytes: 12 for IPv4 (src, dst, zero, protocol, length), 40 for IPv6. */
    public byte[] bytes(int protocol, long upperLayerLength) {
        if (isIpv6()) {
            byte[] b = new byte[40];
            NetworkOrder.putAddress(b, 0, source);
            NetworkOrder.putAddress(b, 16, destination);
            NetworkOrder.put32(b, 32, upperLayerLength);
            b[39] = (byte) protocol;
            return b;
        }
        byte[] b = new byte[12];
        NetworkOrder.putAddress(b, 0, source);
        NetworkOrder.putAddress(b, 4, destination);
        b[9] = (byte) protocol;
        NetworkOrder.put16(b, 10, (int) upperLayerLength);
        return b;
    }

    /** The unfolded checksum sum of the pseudo-header, to add to the sum of the segment. */
    public long sum(int protocol, long upperLayerLength) {
        byte[] b = bytes(protocol, upperLayerLength);
        return Checksum.sum(b, 0, b.length);
    }
}
