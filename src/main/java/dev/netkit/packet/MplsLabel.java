package dev.netkit.packet;

/**
 * One MPLS label stack entry (RFC 3032 section 2.1, the traffic class named by RFC 5462): a 20-bit label, the
 * traffic class, the bottom-of-stack bit and a TTL, in 4 bytes.
 */
public record MplsLabel(int label, int trafficClass, boolean bottomOfStack, int ttl) {
    public static final int LENGTH = 4;
    /** The reserved labels that say what follows the stack (RFC 3032 section 2.1). */
    public static final int IPV4_EXPLICIT_NULL = 0;
    public static final int IPV6_EXPLICIT_NULL = 2;
    public static final int IMPLICIT_NULL = 3;
    /** Labels 0-15 are reserved (RFC 3032, RFC 7274). */
    public static final int RESERVED_LIMIT = 16;

    /** The entry as its 32 bits. */
    public static MplsLabel of(long entry) {
        return new MplsLabel((int) (entry >>> 12) & 0xfffff, (int) (entry >> 9) & 7, (entry & 0x100) != 0,
                (int) entry & 0xff);
    }

    /** The entry at {@code offset} of {@code b}, captured up to {@code end}; a truncation error when cut. */
    public static MplsLabel parse(byte[] b, int offset, int end) {
        PacketView.require("MPLS", "label stack entry", LENGTH, Math.min(end, b.length) - offset);
        return of(NetworkOrder.u32(b, offset));
    }
}
