package dev.netkit.packet;

/**
 * An ICMP extension structure over the bytes captured of it (RFC 4884 section 7: version and checksum, then
 * objects of RFC 4884 section 8, each with length, class and C-type): MPLS label stack entries (RFC 4950),
 * interface information (RFC 5837) and, behind an extended echo request's header, interface identification
 * (RFC 8335). Offsets are relative to the extension header; a field beyond the capture throws
 * {@link MalformedPacketException#truncated}.
 */
public final class IcmpExtension extends PacketView {
    /** An ICMPv4 error's extension follows its 8-byte header and 128 bytes of original datagram (RFC 4884). */
    public static final int ICMPV4_OFFSET = 136;
    public static final int VERSION = 2;
    /** The extension header and an object header are both 4 bytes. */
    public static final int HEADER = 4;
    public static final int MPLS_STACK = 1;
    public static final int INTERFACE_INFORMATION = 2;
    public static final int INTERFACE_IDENTIFICATION = 3;

    /** The structure at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public IcmpExtension(byte[] buffer, int offset, int end) {
        super(buffer, Math.min(Math.max(0, offset), buffer.length),
                Math.max(0, Math.min(end, buffer.length) - Math.max(0, offset)));
    }

    /** True when the {@code n} bytes at {@code at} were captured. */
    public boolean has(int at, int n) {
        return at >= 0 && n >= 0 && at + n <= length;
    }

    public int version() {
        return u8("ICMP", "extension version", 0) >> 4;
    }

    public int checksum() {
        return u16("ICMP", "extension checksum", 2);
    }

    /** True when the Internet checksum over the first {@code n} bytes (header and objects) is right. */
    public boolean checksumCorrect(int n) {
        require("ICMP", "extension", n, length);
        return Checksum.of(buffer, offset, n) == 0;
    }

    /** The object header at {@code at}. */
    public ObjectHeader object(int at) {
        require("ICMP", "extension object at " + at, at + HEADER, length);
        return new ObjectHeader(u16(at), u8(at + 2), u8(at + 3));
    }

    /** An object's byte at {@code at}: an interface name's length, an address length. */
    public int byteAt(int at) {
        return u8("ICMP", "extension byte " + at, at);
    }

    /** An object's 16-bit field: an address family (1 IPv4, 2 IPv6). */
    public int u16At(int at) {
        return u16("ICMP", "extension bytes " + at + "-" + (at + 1), at);
    }

    /** An object's 32-bit field: an MPLS label stack entry, an interface index, an MTU. */
    public long u32At(int at) {
        return u32("ICMP", "extension bytes " + at + "-" + (at + 3), at);
    }

    public byte[] bytesAt(int at, int n) {
        return bytes("ICMP", "extension bytes " + at + "-" + (at + n - 1), at, n);
    }

    /** An object's header: its length (header included) as declared, its class and C-type. */
    public record ObjectHeader(int length, int classNum, int cType) {
    }
}
