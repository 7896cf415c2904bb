package dev.netkit.packet;

/**
 * A VXLAN header over the bytes captured of it (RFC 7348 section 5): the flags byte (its I bit says the VNI is
 * valid), three reserved bytes, the 24-bit VXLAN network identifier and a last reserved byte; the inner Ethernet
 * frame follows. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class VxlanHeader extends PacketView {
    public static final int LENGTH = 8;
    /** The I flag: the VNI is valid. */
    public static final int FLAG_VNI = 0x08;
    private static final String PROTOCOL = "vxlan";

    /** The header at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public VxlanHeader(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    public int flags() {
        return u8(PROTOCOL, "flags", 0);
    }

    /** The VXLAN network identifier (bytes 4-6). */
    public int vni() {
        return u24(PROTOCOL, "VNI", 4);
    }

    /** The reserved byte after the VNI, the header's last. */
    public int lastReserved() {
        return u8(PROTOCOL, "reserved", 7);
    }
}
