package dev.netkit.packet;

/**
 * A VRRP advertisement over the bytes captured of it (VRRPv2 RFC 3768 section 5.1, VRRPv3 RFC 5798 section 5.1):
 * version and type, virtual router id, priority, address count, then v2's authentication type and interval in
 * seconds or v3's 12-bit interval in centiseconds, the checksum, the IPv4 or IPv6 addresses and v2's 8-byte
 * authentication data. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class VrrpMessage extends PacketView {
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SIMPLE = 1;
    /** RFC 2338's IP authentication header type, removed by RFC 3768. */
    public static final int AUTH_AH = 2;
    /** Where the addresses start. */
    public static final int ADDRESSES = 8;
    /** v2's simple authentication data: 8 bytes, NUL padded. */
    public static final int AUTH_DATA_LENGTH = 8;
    private static final String PROTOCOL = "vrrp";

    private final int addressLength;

    /**
     * The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured; {@code ipv6}
     * when it came over IPv6, whose addresses are 16 bytes.
     */
    public VrrpMessage(byte[] buffer, int offset, int end, boolean ipv6) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
        this.addressLength = ipv6 ? 16 : 4;
    }

    public int version() {
        return u8(PROTOCOL, "version", 0) >> 4;
    }

    public int type() {
        return u8(PROTOCOL, "type", 0) & 0x0f;
    }

    public int virtualRouterId() {
        return u8(PROTOCOL, "virtual router id", 1);
    }

    public int priority() {
        return u8(PROTOCOL, "priority", 2);
    }

    public int addressCount() {
        return u8(PROTOCOL, "address count", 3);
    }

    /** v2's authentication type (v3 has the interval's reserved bits there). */
    public int authenticationType() {
        return u8(PROTOCOL, "authentication type", 4);
    }

    /** The advertisement interval: seconds in v2 (one byte), centiseconds in v3 (12 bits). */
    public int interval() {
        return version() == 2 ? u8(PROTOCOL, "advertisement interval", 5)
                : u16(PROTOCOL, "max advertisement interval", 4) & 0x0fff;
    }

    public int checksum() {
        return u16(PROTOCOL, "checksum", 6);
    }

    /** Address {@code i}: 4 or 16 bytes. */
    public byte[] address(int i) {
        return bytes(PROTOCOL, "address " + i, ADDRESSES + i * addressLength, addressLength);
    }

    /** Byte {@code i} of v2's authentication data, after the addresses. */
    public int authenticationByte(int i) {
        return u8(PROTOCOL, "authentication data", ADDRESSES + addressCount() * addressLength + i);
    }
}
