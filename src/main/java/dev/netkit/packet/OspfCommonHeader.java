package dev.netkit.packet;

/**
 * The fields OSPFv2 (RFC 2328 A.3.1) and OSPFv3 (RFC 5340 A.3.1) packets share at the same offsets: version, type,
 * packet length, router id and area id. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public abstract sealed class OspfCommonHeader permits OspfPacket, Ospf6Packet {
    /** The packet's captured bytes; offsets are relative to its start. */
    protected final MessageBytes bytes;

    OspfCommonHeader(MessageBytes bytes) {
        this.bytes = bytes;
    }

    public int version() {
        return bytes.byteAt(0);
    }

    public int type() {
        return bytes.byteAt(1);
    }

    /** The packet length the header declares, header included. */
    public int packetLength() {
        return bytes.u16At(2);
    }

    public byte[] routerId() {
        return bytes.bytesAt(4, 4);
    }

    /** True for area 0.0.0.0. */
    public boolean isBackbone() {
        return bytes.u32At(8) == 0;
    }

    public byte[] areaId() {
        return bytes.bytesAt(8, 4);
    }

    /** A hello's neighbour (a router id) at {@code at}. */
    public byte[] neighbor(int at) {
        return bytes.bytesAt(at, 4);
    }
}
