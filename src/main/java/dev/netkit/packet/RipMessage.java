package dev.netkit.packet;

/**
 * A RIP message over the bytes captured of it (RIPv1 RFC 1058 section 3.1, RIPv2 RFC 2453 section 4 with its
 * simple password and RFC 4822's cryptographic authentication entries): command and version, then 20-byte entries,
 * entry {@code i} at {@code 4 + 20 i}. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class RipMessage extends PacketView {
    public static final int HEADER_LENGTH = 4;
    public static final int ENTRY_LENGTH = 20;
    /** Where an entry's data starts after its address family and route tag (or authentication type). */
    public static final int ENTRY_DATA = 4;
    public static final int COMMAND_REQUEST = 1;
    public static final int COMMAND_RESPONSE = 2;
    public static final int FAMILY_UNSPECIFIED = 0;
    public static final int FAMILY_IPV4 = 2;
    /** The address family of an authentication entry. */
    public static final int FAMILY_AUTHENTICATION = 0xffff;
    /** RFC 4822's authentication trailer, which runs to the end of the message. */
    public static final int AUTH_TRAILER = 1;
    public static final int AUTH_SIMPLE_PASSWORD = 2;
    public static final int AUTH_CRYPTOGRAPHIC = 3;
    public static final int PASSWORD_LENGTH = 16;
    private static final String PROTOCOL = "rip";

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public RipMessage(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    public int command() {
        return u8(PROTOCOL, "command", 0);
    }

    public int version() {
        return u8(PROTOCOL, "version", 1);
    }

    /** The first {@code n} bytes of the message. */
    public byte[] message(int n) {
        return bytes(PROTOCOL, "message", 0, n);
    }

    private static int entry(int i) {
        return HEADER_LENGTH + i * ENTRY_LENGTH;
    }

    /** True when the first {@code n} bytes of entry {@code i} were captured. */
    public boolean hasEntry(int i, int n) {
        return entry(i) + n <= length;
    }

    public int family(int i) {
        return u16(PROTOCOL, "address family", entry(i));
    }

    /** The route tag (RIPv2; zero in RIPv1), or an authentication entry's authentication type. */
    public int routeTag(int i) {
        return u16(PROTOCOL, "route tag", entry(i) + 2);
    }

    public byte[] address(int i) {
        return bytes(PROTOCOL, "IP address", entry(i) + 4, 4);
    }

    /** The subnet mask (RIPv2; zero in RIPv1). */
    public long mask(int i) {
        return u32(PROTOCOL, "subnet mask", entry(i) + 8);
    }

    /** The next hop (RIPv2; zero in RIPv1, zero meaning the sender). */
    public long nextHop(int i) {
        return u32(PROTOCOL, "next hop", entry(i) + 12);
    }

    public byte[] nextHopAddress(int i) {
        return bytes(PROTOCOL, "next hop", entry(i) + 12, 4);
    }

    public long metric(int i) {
        return u32(PROTOCOL, "metric", entry(i) + 16);
    }

    /** A simple password authentication entry's password (16 bytes, NUL padded). */
    public byte[] password(int i) {
        return bytes(PROTOCOL, "password", entry(i) + ENTRY_DATA, PASSWORD_LENGTH);
    }

    /** An authentication entry's type (where a route entry has its tag). */
    public int authenticationType(int i) {
        return u16(PROTOCOL, "authentication type", entry(i) + 2);
    }

    /** RFC 4822's cryptographic authentication entry: the offset of the authentication trailer. */
    public int authPacketLength(int i) {
        return u16(PROTOCOL, "packet length", entry(i) + 4);
    }

    public int authKeyId(int i) {
        return u8(PROTOCOL, "key id", entry(i) + 6);
    }

    public int authDataLength(int i) {
        return u8(PROTOCOL, "authentication data length", entry(i) + 7);
    }

    public long authSequence(int i) {
        return u32(PROTOCOL, "sequence number", entry(i) + 8);
    }

    /** The cryptographic authentication entry's reserved words 0 and 1, which must be zero. */
    public long authReserved(int i, int word) {
        return u32(PROTOCOL, "reserved", entry(i) + 12 + 4 * word);
    }

    /** The {@code n} bytes from {@code from} into entry {@code i} (what a printer dumps in hex). */
    public byte[] entryBytes(int i, int from, int n) {
        return bytes(PROTOCOL, "entry data", entry(i) + from, n);
    }

    /** As many of those bytes as were captured. */
    public byte[] capturedEntryBytes(int i, int from, int n) {
        int at = entry(i) + from;
        int captured = Math.min(n, length - at);
        return captured > 0 ? bytes(at, captured) : new byte[0];
    }
}
