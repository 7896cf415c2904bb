package dev.netkit.packet;

/** A view of a UDP datagram (RFC 768): 8-byte header, then payload. */
public final class UdpPacket extends PacketView {
    static final int SOURCE_PORT = 0;
    static final int DESTINATION_PORT = 2;
    static final int LENGTH = 4;
    static final int CHECKSUM = 6;
    static final int HEADER_LENGTH = 8;

    private UdpPacket(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /** Checks the header was captured and its length field covers it; a longer length means a cut capture. */
    public static UdpPacket newChecked(byte[] buffer, int offset, int length) {
        require("UDP", "header length", HEADER_LENGTH, length);
        int field = NetworkOrder.u16(buffer, offset + LENGTH);
        if (field < HEADER_LENGTH) {
            throw new MalformedPacketException("UDP", "length field " + field + " is below the 8-byte header");
        }
        return new UdpPacket(buffer, offset, length);
    }

    public int sourcePort() {
        return u16(SOURCE_PORT);
    }

    public int destinationPort() {
        return u16(DESTINATION_PORT);
    }

    /** The length field: header plus payload. */
    public int lengthField() {
        return u16(LENGTH);
    }

    public int checksum() {
        return u16(CHECKSUM);
    }

    public boolean truncated() {
        return lengthField() > length;
    }

    public int payloadOffset() {
        return offset + HEADER_LENGTH;
    }

    public int payloadLength() {
        return Math.min(lengthField(), length) - HEADER_LENGTH;
    }

    /** True when the checksum is right or absent (0 over IPv4); false when it is wrong or cannot be checked. */
    public boolean checksumValid(PseudoHeader pseudoHeader) {
        if (checksum() == 0 && !pseudoHeader.isIpv6()) {
            return true;
        }
        if (truncated()) {
            return false;
        }
        int n = lengthField();
        return Checksum.verify(buffer, offset, n, pseudoHeader.sum(IpProtocol.UDP.value(), n));
    }
}
