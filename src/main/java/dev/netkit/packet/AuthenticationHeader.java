package dev.netkit.packet;

/**
 * An IPsec authentication header over the bytes captured of it (RFC 4302 section 2): next header, payload length
 * (in 32-bit words, minus 2), a reserved word, the SPI, the sequence number and the integrity check value that
 * fills the rest. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class AuthenticationHeader extends PacketView {
    /** Next header, payload length, reserved, SPI and sequence number: where the ICV starts. */
    public static final int ICV = 12;
    private static final String PROTOCOL = "ah";

    /** The header at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public AuthenticationHeader(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    /** The protocol after this header (an IP protocol number). */
    public int nextHeader() {
        return u8(PROTOCOL, "next header", 0);
    }

    /** The payload length field: the header's length in 32-bit words, minus 2. */
    public int payloadLength() {
        return u8(PROTOCOL, "payload length", 1);
    }

    /** The header's length in bytes, ICV included. */
    public int headerLength() {
        return (payloadLength() + 2) * 4;
    }

    /** Must be zero. */
    public int reserved() {
        return u16(PROTOCOL, "reserved", 2);
    }

    public long spi() {
        return u32(PROTOCOL, "SPI", 4);
    }

    public long sequence() {
        return u32(PROTOCOL, "sequence number", 8);
    }

    /** The ICV's length in bytes (what the payload length leaves after the fixed fields). */
    public int icvLength() {
        return Math.max(0, headerLength() - ICV);
    }

    /** Byte {@code i} of the ICV: read one by one, so a cut ICV is printed as far as it was captured. */
    public int icvByte(int i) {
        return u8(PROTOCOL, "ICV", ICV + i);
    }
}
