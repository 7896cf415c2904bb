package dev.netkit.packet;

/**
 * A GRE header over the bytes captured of it: version 0 (RFC 2784 with RFC 2890's key and sequence number, and
 * RFC 1701's routing present bit and source route entries) and version 1, PPTP's enhanced GRE (RFC 2637 section
 * 4.1: payload length and call id in the key field, sequence and acknowledgment numbers). The optional fields'
 * places follow from the flags. A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class GreHeader extends PacketView {
    public static final int FLAG_CHECKSUM = 0x8000;
    public static final int FLAG_ROUTING = 0x4000;
    public static final int FLAG_KEY = 0x2000;
    public static final int FLAG_SEQUENCE = 0x1000;
    public static final int FLAG_STRICT_ROUTE = 0x0800;
    /** Version 1's acknowledgment number present. */
    public static final int FLAG_ACK = 0x0080;
    /** RFC 1701's protocol type for bridged Ethernet (transparent Ethernet bridging). */
    public static final int PROTOCOL_ETHERNET = 0x6558;
    /** RFC 1701's source route address families: IPv4 addresses and 2-byte autonomous system numbers. */
    public static final int ROUTE_IPV4 = 0x0800;
    public static final int ROUTE_ASN = 0xfffe;
    private static final String PROTOCOL = "gre";
    private static final int OPTIONAL = 4;

    /**
     * The header at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured; a caller that
     * knows the packet's length on the wire passes the smaller of the two ends.
     */
    public GreHeader(byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
    }

    /** The first 16 bits: the flags (C, R, K, S, s, recursion, A) with the version in the low three bits. */
    public int flagsAndVersion() {
        return u16(PROTOCOL, "flags and version", 0);
    }

    public int version() {
        return flagsAndVersion() & 7;
    }

    private boolean has(int flag) {
        return (flagsAndVersion() & flag) != 0;
    }

    /** The payload's EtherType. */
    public int protocolType() {
        return u16(PROTOCOL, "protocol type", 2);
    }

    /** Version 0: checksum and offset are there when C or R is set. */
    private int keyAt() {
        return version() == 0 && has(FLAG_CHECKSUM | FLAG_ROUTING) ? OPTIONAL + 4 : OPTIONAL;
    }

    private int sequenceAt() {
        return keyAt() + (has(FLAG_KEY) ? 4 : 0);
    }

    private int afterSequence() {
        return sequenceAt() + (has(FLAG_SEQUENCE) ? 4 : 0);
    }

    /** Version 0, C or R set. */
    public int checksum() {
        return u16(PROTOCOL, "checksum", OPTIONAL);
    }

    /** Version 0, C or R set: RFC 1701's offset to the active source route entry (RFC 2784's Reserved1). */
    public int routingOffset() {
        return u16(PROTOCOL, "offset", OPTIONAL + 2);
    }

    /** K set: the key (version 0). */
    public long key() {
        return u32(PROTOCOL, "key", keyAt());
    }

    /** Version 1, K set: the key field's low 16 bits (after the payload length). */
    public int callId() {
        return (int) u32(PROTOCOL, "call id", keyAt()) & 0xffff;
    }

    /** S set. */
    public long sequence() {
        return u32(PROTOCOL, "sequence number", sequenceAt());
    }

    /** Version 1, A set. */
    public long acknowledgment() {
        return u32(PROTOCOL, "acknowledgment number", afterSequence());
    }

    /** The header's length without source routes: where those start, or without R the payload. */
    public int fixedLength() {
        return afterSequence() + (version() == 1 && has(FLAG_ACK) ? 4 : 0);
    }

    /** The source route entry header (RFC 1701 section 2.2) at {@code at}. */
    public SourceRoute sourceRoute(int at) {
        require(PROTOCOL, "source route entry", at + 4, length);
        return new SourceRoute(at, u16(at), u8(at + 2), u8(at + 3));
    }

    /** The IPv4 address {@code i} bytes into the entry's routing information. */
    public byte[] routeAddress(SourceRoute r, int i) {
        return bytes(PROTOCOL, "source route address", r.at() + 4 + i, 4);
    }

    /** The autonomous system number {@code i} bytes into the entry's routing information. */
    public int routeAsn(SourceRoute r, int i) {
        return u16(PROTOCOL, "source route AS number", r.at() + 4 + i);
    }

    /** The entry's routing information, all of it. */
    public byte[] routeInformation(SourceRoute r) {
        return bytes(PROTOCOL, "routing information", r.at() + 4, r.length());
    }

    /**
     * A source route entry's header at {@code at}: address family, the offset of the active entry in the routing
     * information and the routing information's length; family 0 with length 0 ends the list.
     */
    public record SourceRoute(int at, int family, int offset, int length) {
        public boolean isLast() {
            return family == 0 && length == 0;
        }

        /** Where the next entry starts. */
        public int next() {
            return at + 4 + length;
        }
    }
}
