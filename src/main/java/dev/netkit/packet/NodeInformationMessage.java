package dev.netkit.packet;

/**
 * An ICMPv6 node information query or reply over the bytes captured of it (RFC 4620 section 4): code, Qtype,
 * flags and nonce, then the query's subject or the reply's data (TTLs, addresses, a DNS name). Offsets are
 * relative to the ICMPv6 type byte; a field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class NodeInformationMessage extends PacketView {
    public static final int QUERY = 139;
    public static final int REPLY = 140;
    /** ICMPv6 header, Qtype, flags and nonce: where the subject or data starts. */
    public static final int DATA = 16;
    public static final int NOOP = 0;
    public static final int NODE_NAME = 2;
    public static final int NODE_ADDRESSES = 3;
    public static final int IPV4_ADDRESSES = 4;
    /** The T flag: the reply's address list was cut short. */
    public static final int TRUNCATE = 1;

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public NodeInformationMessage(byte[] buffer, int offset, int end) {
        super(buffer, Math.min(Math.max(0, offset), buffer.length),
                Math.max(0, Math.min(end, buffer.length) - Math.max(0, offset)));
    }

    public int type() {
        return u8("ICMPv6", "type", 0);
    }

    /** A query's subject kind (0 IPv6 address, 1 name, 2 IPv4 address), a reply's status (0 success). */
    public int code() {
        return u8("ICMPv6", "code", 1);
    }

    public int qtype() {
        return u16("ICMPv6", "qtype", 4);
    }

    public int flags() {
        return u16("ICMPv6", "flags", 6);
    }

    /** A TTL of the reply data at {@code at} (before each address, and before a node name). */
    public long ttl(int at) {
        return u32("ICMPv6", "TTL at " + at, at);
    }

    /** The {@code n} address bytes (4 or 16) at {@code at}. */
    public byte[] address(int at, int n) {
        return bytes("ICMPv6", "address at " + at, at, n);
    }

    /** A byte of a DNS name (length or character) at {@code at}. */
    public int byteAt(int at) {
        return u8("ICMPv6", "name byte at " + at, at);
    }
}
