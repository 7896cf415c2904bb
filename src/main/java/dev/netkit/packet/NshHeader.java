package dev.netkit.packet;

/**
 * A network service header over the bytes captured of it (RFC 8300 section 2): the base header (version, O bit,
 * TTL, length in 4-byte words, MD type, next protocol), the service path header (24-bit service path id, service
 * index) and the context headers. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class NshHeader extends PacketView {
    /** Base and service path headers: the least a header holds. */
    public static final int MIN_LENGTH = 8;
    public static final int MD_TYPE_1 = 1;
    public static final int MD_TYPE_2 = 2;
    /** MD type 1's header length in words: base, service path and four fixed context headers. */
    public static final int MD_TYPE_1_WORDS = 6;
    private static final String PROTOCOL = "nsh";

    /** The header at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public NshHeader(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    private long base() {
        return u32(PROTOCOL, "base header", 0);
    }

    public int version() {
        return (int) (base() >>> 30);
    }

    /** The O bit and the unassigned bit after it, as the top bits' low two (0x02 is O). */
    public int flags() {
        return (int) (base() >> 28) & 0x3;
    }

    public int ttl() {
        return (int) (base() >> 22) & 0x3f;
    }

    /** The header's length in 4-byte words, context headers included. */
    public int lengthWords() {
        return (int) (base() >> 16) & 0x3f;
    }

    /** The header's length in bytes. */
    public int headerLength() {
        return lengthWords() * 4;
    }

    public int mdType() {
        return (int) (base() >> 8) & 0x0f;
    }

    public int nextProtocol() {
        return (int) base() & 0xff;
    }

    public int servicePathId() {
        return u24(PROTOCOL, "service path id", 4);
    }

    public int serviceIndex() {
        return u8(PROTOCOL, "service index", 7);
    }

    /** Context header {@code i} (MD type 1 has four). */
    public long context(int i) {
        return u32(PROTOCOL, "context header " + i, MIN_LENGTH + 4 * i);
    }

    /** The context headers, all of them, as the length says. */
    public byte[] contextHeaders() {
        return bytes(PROTOCOL, "context headers", MIN_LENGTH, Math.max(0, lengthWords() * 4 - MIN_LENGTH));
    }
}
