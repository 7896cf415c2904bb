package dev.netkit.packet;

/** A UDP header (RFC 768); {@link #emit} computes the checksum over the pseudo-header it is given. */
public record UdpHeader(int sourcePort, int destinationPort, int length, int checksum) implements Layer {
    public static final int LENGTH = UdpPacket.HEADER_LENGTH;

    public UdpHeader {
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff
                || length < LENGTH || length > 0xffff) {
            throw new IllegalArgumentException("UDP header: ports 0..65535 and length 8..65535");
        }
    }

    /** A header for {@code payloadLength} bytes of payload; the checksum is filled by {@link #emit}. */
    public static UdpHeader of(int sourcePort, int destinationPort, int payloadLength) {
        return new UdpHeader(sourcePort, destinationPort, LENGTH + payloadLength, 0);
    }

    public static UdpHeader parse(UdpPacket p) {
        return new UdpHeader(p.sourcePort(), p.destinationPort(), p.lengthField(), p.checksum());
    }

    public int bufferLength() {
        return LENGTH;
    }

    public int payloadLength() {
        return length - LENGTH;
    }

    /**
     * Writes the header at {@code offset}, where the {@code length - 8} payload bytes must already follow,
     * and fills the checksum over {@code pseudoHeader}; returns 8.
     */
    public int emit(byte[] buffer, int offset, PseudoHeader pseudoHeader) {
        NetworkOrder.put16(buffer, offset + UdpPacket.SOURCE_PORT, sourcePort);
        NetworkOrder.put16(buffer, offset + UdpPacket.DESTINATION_PORT, destinationPort);
        NetworkOrder.put16(buffer, offset + UdpPacket.LENGTH, length);
        NetworkOrder.put16(buffer, offset + UdpPacket.CHECKSUM, 0);
        int sum = Checksum.finish(Checksum.sum(buffer, offset, length) + pseudoHeader.sum(IpProtocol.UDP.value(), length));
        // RFC 768: a computed zero is sent as all ones, because zero means "no checksum".
        NetworkOrder.put16(buffer, offset + UdpPacket.CHECKSUM, sum == 0 ? 0xffff : sum);
        return LENGTH;
    }

    @Override
    public String toString() {
        return "UDP " + sourcePort + " > " + destinationPort + ", length " + payloadLength();
    }
}
