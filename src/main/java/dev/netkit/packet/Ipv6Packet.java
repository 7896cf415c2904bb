package dev.netkit.packet;

import java.net.Inet6Address;

/** A view of an IPv6 packet (RFC 8200 section 3): the fixed 40-byte header, then extension headers and payload. */
public final class Ipv6Packet extends PacketView {
    static final int VERSION_CLASS_FLOW = 0;
    static final int PAYLOAD_LENGTH = 4;
    static final int NEXT_HEADER = 6;
    static final int HOP_LIMIT = 7;
    static final int SOURCE = 8;
    static final int DESTINATION = 24;
    static final int HEADER_LENGTH = 40;

    private Ipv6Packet(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /** Checks version and that the fixed header was captured; a longer payload length means a cut capture. */
    public static Ipv6Packet newChecked(byte[] buffer, int offset, int length) {
        require("IPv6", "header length", HEADER_LENGTH, length);
        int version = NetworkOrder.u8(buffer, offset) >>> 4;
        if (version != 6) {
            throw new MalformedPacketException("IPv6", "version " + version + " is not 6");
        }
        return new Ipv6Packet(buffer, offset, length);
    }

    public static Ipv6Packet newChecked(byte[] packet) {
        return newChecked(packet, 0, packet.length);
    }

    public int trafficClass() {
        return (int) (u32(VERSION_CLASS_FLOW) >>> 20) & 0xff;
    }

    public int flowLabel() {
        return (int) u32(VERSION_CLASS_FLOW) & 0xfffff;
    }

    public int payloadLengthField() {
        return u16(PAYLOAD_LENGTH);
    }

    public IpProtocol nextHeader() {
        return IpProtocol.valueOf(u8(NEXT_HEADER));
    }

    public int hopLimit() {
        return u8(HOP_LIMIT);
    }

    public Inet6Address source() {
        return NetworkOrder.ipv6(buffer, offset + SOURCE);
    }

    public Inet6Address destination() {
        return NetworkOrder.ipv6(buffer, offset + DESTINATION);
    }

    /** A jumbogram (RFC 2675): payload length 0 with a hop-by-hop header; its length is in a jumbo option. */
    public boolean jumbogram() {
        return payloadLengthField() == 0 && u8(NEXT_HEADER) == 0;
    }

    public boolean truncated() {
        return !jumbogram() && HEADER_LENGTH + payloadLengthField() > length;
    }

    public int payloadOffset() {
        return offset + HEADER_LENGTH;
    }

    /** Captured payload bytes (extension headers included), without link-layer padding; all of them for a jumbogram. */
    public int payloadLength() {
        return jumbogram() ? length - HEADER_LENGTH : Math.min(payloadLengthField(), length - HEADER_LENGTH);
    }
}
