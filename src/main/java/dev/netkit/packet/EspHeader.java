package dev.netkit.packet;

/**
 * The clear part of an IPsec ESP packet over the bytes captured of it (RFC 4303 section 2): the SPI and the
 * sequence number; what follows is encrypted. A field beyond the capture throws
 * {@link MalformedPacketException#truncated}.
 */
public final class EspHeader extends PacketView {
    /** SPI and sequence number. */
    public static final int LENGTH = 8;
    private static final String PROTOCOL = "esp";

    /** The packet at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public EspHeader(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    public long spi() {
        return u32(PROTOCOL, "SPI", 0);
    }

    public long sequence() {
        return u32(PROTOCOL, "sequence number", 4);
    }
}
