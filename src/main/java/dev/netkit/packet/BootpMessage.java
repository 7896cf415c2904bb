package dev.netkit.packet;

/**
 * A BOOTP/DHCP message over the bytes captured of it (RFC 951, RFC 2131 section 2): the fixed 236-byte header,
 * then the vendor area (with DHCP, the magic cookie 99.130.83.99 and RFC 2132's options). Every accessor reads
 * only what was captured: a field beyond the capture throws {@link MalformedPacketException#truncated}, so a
 * printer prints the fields before the cut and then says where it stopped.
 */
public final class BootpMessage extends PacketView {
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;
    /** RFC 2131's magic cookie, the first four bytes of a DHCP message's options. */
    public static final long MAGIC_COOKIE = 0x63825363L;
    /** The CMU vendor area's magic (a BOOTP extension older than RFC 1048). */
    public static final long CMU_MAGIC = 0x434d5500L;
    public static final int CHADDR = 28;
    public static final int SNAME = 44;
    public static final int SNAME_LENGTH = 64;
    public static final int FILE = 108;
    public static final int FILE_LENGTH = 128;
    /** Where the vendor area (magic cookie, then options) starts. */
    public static final int VENDOR = 236;
    public static final int FLAG_BROADCAST = 0x8000;

    public BootpMessage(byte[] buffer, int offset, int captured) {
        super(buffer, offset, captured);
    }

    public int op() {
        return byteAt(0, "op");
    }

    public int hardwareType() {
        return byteAt(1, "htype");
    }

    public int hardwareLength() {
        return byteAt(2, "hlen");
    }

    public int hops() {
        return byteAt(3, "hops");
    }

    public long transactionId() {
        return u32At(4, "xid");
    }

    public int seconds() {
        return u16At(8, "secs");
    }

    public int flags() {
        return u16At(10, "flags");
    }

    /** ciaddr (12), yiaddr (16), siaddr (20) or giaddr (24): the four address bytes at {@code at}. */
    public byte[] address(int at, String field) {
        return bytesAt(at, 4, field);
    }

    /** The client hardware address's first {@code n} bytes (chaddr holds 16). */
    public byte[] clientHardwareAddress(int n) {
        return bytesAt(CHADDR, Math.min(n, 16), "chaddr");
    }

    /** A byte anywhere in the message (the options are walked this way). */
    public int byteAt(int at, String field) {
        return u8("BOOTP", field, at);
    }

    public int u16At(int at, String field) {
        return u16("BOOTP", field, at);
    }

    public long u32At(int at, String field) {
        return u32("BOOTP", field, at);
    }

    public byte[] bytesAt(int at, int n, String field) {
        return bytes("BOOTP", field, at, n);
    }

    /** True when the byte at {@code at} was captured. */
    public boolean has(int at) {
        return at >= 0 && at < length;
    }

    /** RFC 2132's DHCP message type option (53) and its DHCPDISCOVER value. */
    private static final int OPTION_MESSAGE_TYPE = 53;
    private static final int DHCPDISCOVER = 1;
    /** The smallest BOOTP message (RFC 951's 64-byte vendor area), which relays and old servers expect. */
    private static final int MINIMUM_LENGTH = 300;

    /**
     * A DHCPDISCOVER (RFC 2131 section 4.4.1) from {@code client}: message type, host name (option 12), client
     * identifier (61, type 1 and the MAC) and a parameter request list (55: mask, router, DNS, domain), padded to
     * 300 bytes.
     */
    public static byte[] discover(MacAddress client, long transactionId, String hostName) {
        byte[] name = hostName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] mac = client.octets();
        java.io.ByteArrayOutputStream options = new java.io.ByteArrayOutputStream();
        options.writeBytes(new byte[] {(byte) OPTION_MESSAGE_TYPE, 1, DHCPDISCOVER});
        options.writeBytes(new byte[] {12, (byte) name.length});
        options.writeBytes(name);
        options.writeBytes(new byte[] {61, 7, 1});
        options.writeBytes(mac);
        options.writeBytes(new byte[] {55, 4, 1, 3, 6, 15, (byte) 255});
        byte[] b = new byte[Math.max(MINIMUM_LENGTH, VENDOR + 4 + options.size())];
        NetworkOrder.put8(b, 0, OP_REQUEST);
        NetworkOrder.put8(b, 1, 1); // Ethernet
        NetworkOrder.put8(b, 2, mac.length);
        NetworkOrder.put32(b, 4, transactionId);
        System.arraycopy(mac, 0, b, CHADDR, mac.length);
        NetworkOrder.put32(b, VENDOR, MAGIC_COOKIE);
        System.arraycopy(options.toByteArray(), 0, b, VENDOR + 4, options.size());
        return b;
    }
}
