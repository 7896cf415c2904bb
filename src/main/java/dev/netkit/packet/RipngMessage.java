package dev.netkit.packet;

/**
 * A RIPng message over the bytes captured of it (RFC 2080 section 2.1): command and version, then 20-byte route
 * table entries (IPv6 prefix, route tag, prefix length, metric), entry {@code i} at {@code 4 + 20 i}. A field beyond
 * the capture throws {@link MalformedPacketException#truncated}.
 */
public final class RipngMessage extends PacketView {
    public static final int HEADER_LENGTH = 4;
    public static final int ENTRY_LENGTH = 20;
    public static final int COMMAND_REQUEST = 1;
    public static final int COMMAND_RESPONSE = 2;
    /** RIPng's infinite metric: with a single :: entry, a request for the whole table (RFC 2080 section 2.4.1). */
    public static final int METRIC_INFINITY = 16;
    private static final String PROTOCOL = "ripng";

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public RipngMessage(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    public int command() {
        return u8(PROTOCOL, "command", 0);
    }

    public int version() {
        return u8(PROTOCOL, "version", 1);
    }

    private static int entry(int i) {
        return HEADER_LENGTH + i * ENTRY_LENGTH;
    }

    public byte[] prefix(int i) {
        return bytes(PROTOCOL, "IPv6 prefix", entry(i), 16);
    }

    public int routeTag(int i) {
        return u16(PROTOCOL, "route tag", entry(i) + 16);
    }

    public int prefixLength(int i) {
        return u8(PROTOCOL, "prefix length", entry(i) + 18);
    }

    public int metric(int i) {
        return u8(PROTOCOL, "metric", entry(i) + 19);
    }
}
