package dev.netkit.packet;

/**
 * The 4-byte address-family header of BSD loopback captures: LINKTYPE_NULL in the capturing host's byte
 * order, LINKTYPE_LOOP in network order (tcpdump.org linktypes, RFC 9495).
 */
public record LoopbackHeader(int family) implements Layer {
    public static final int LENGTH = 4;
    public static final int AF_INET = 2;

    /** Reads the family; for NULL the byte order is guessed (families are small numbers). */
    public static LoopbackHeader parse(LinkType type, byte[] b, int offset, int length) {
        PacketView.require(type.equals(LinkType.LOOP) ? "LOOP" : "NULL", "header length", LENGTH, length);
        long family = NetworkOrder.u32(b, offset);
        if (!type.equals(LinkType.LOOP) && family > 0xffff) {
            family = Long.reverseBytes(family) >>> 32;
        }
        return new LoopbackHeader((int) family);
    }

    public boolean isIpv4() {
        return family == AF_INET;
    }

    /** AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD and 30 on macOS. */
    public boolean isIpv6() {
        return family == 10 || family == 24 || family == 28 || family == 30;
    }

    @Override
    public String toString() {
        return "AF " + family;
    }
}
