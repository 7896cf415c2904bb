package dev.netkit.packet;

/**
 * A VXLAN-GPE header over the bytes captured of it (draft-ietf-nvo3-vxlan-gpe section 3.3): flags (I, P, B, O),
 * two reserved bytes, the next protocol (1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH, 5 MPLS), the 24-bit VNI and a reserved
 * byte. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class VxlanGpeHeader extends PacketView {
    public static final int LENGTH = 8;
    public static final int NEXT_IPV4 = 1;
    public static final int NEXT_IPV6 = 2;
    public static final int NEXT_ETHERNET = 3;
    public static final int NEXT_NSH = 4;
    private static final String PROTOCOL = "vxlan_gpe";

    /** The header at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public VxlanGpeHeader(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    public int flags() {
        return u8(PROTOCOL, "flags", 0);
    }

    public int nextProtocol() {
        return u8(PROTOCOL, "next protocol", 3);
    }

    /** The VXLAN network identifier (bytes 4-6). */
    public int vni() {
        return u24(PROTOCOL, "VNI", 4);
    }

    /** The reserved byte after the VNI, the header's last. */
    public int lastReserved() {
        return u8(PROTOCOL, "reserved", 7);
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + LENGTH;
    }

    /** The network service header after this one, {@code wireLength} being this packet's length on the wire. */
    public NshHeader nsh(int wireLength) {
        return new NshHeader(buffer, offset + LENGTH, offset + Math.min(length, wireLength));
    }
}
