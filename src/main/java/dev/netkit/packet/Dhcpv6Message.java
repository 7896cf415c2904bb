package dev.netkit.packet;

/**
 * A DHCPv6 message over the bytes captured of it (RFC 8415 sections 8, 9 and 21): a client/server message is
 * type and a 24-bit transaction id, a relay message type, hop count, link and peer address; options follow, each
 * a 16-bit code and length. Reads past the capture throw {@link MalformedPacketException#truncated}.
 */
public final class Dhcpv6Message extends PacketView {
    public static final int CLIENT_PORT = 546;
    public static final int SERVER_PORT = 547;
    public static final int RELAY_FORW = 12;
    public static final int RELAY_REPL = 13;
    /** Where a client/server message's options start (type, transaction id). */
    public static final int HEADER = 4;
    /** Where a relay message's options start (type, hop count, link address, peer address). */
    public static final int RELAY_HEADER = 34;
    public static final int LINK_ADDRESS = 2;
    public static final int PEER_ADDRESS = 18;
    /** An option's code and length. */
    public static final int OPTION_HEADER = 4;

    /** One option: its code, where its data starts in the message and how long the data is. */
    public record Option(int code, int data, int length) {
        public int end() {
            return data + length;
        }
    }

    public Dhcpv6Message(byte[] buffer, int offset, int captured) {
        super(buffer, offset, captured);
    }

    public int messageType() {
        return u8("DHCPv6", "msg-type", 0);
    }

    public boolean isRelay() {
        int t = messageType();
        return t == RELAY_FORW || t == RELAY_REPL;
    }

    /** The transaction id: the 24 bits after the message type. */
    public long transactionId() {
        return u32("DHCPv6", "transaction-id", 0) & 0xffffffL;
    }

    public int hopCount() {
        return u8("DHCPv6", "hop-count", 1);
    }

    /** Where the options start: after the relay header for a relay message. */
    public int optionsStart() {
        return isRelay() ? RELAY_HEADER : HEADER;
    }

    /**
     * The option at {@code at}, or null when its header or its data would end after {@code end} (or after the
     * capture): RFC 8415 section 21.1's option-len counts the data only.
     */
    public Option optionAt(int at, int end) {
        int limit = Math.min(end, length);
        if (at + OPTION_HEADER > limit) {
            return null;
        }
        Option o = new Option(u16(at), at + OPTION_HEADER, u16(at + 2));
        return o.end() > limit ? null : o;
    }

    public int u8At(int at) {
        return u8("DHCPv6", "byte " + at, at);
    }

    public int u16At(int at) {
        return u16("DHCPv6", "bytes " + at + "-" + (at + 1), at);
    }

    public long u32At(int at) {
        return u32("DHCPv6", "bytes " + at + "-" + (at + 3), at);
    }

    /** The 16 bytes of an IPv6 address at {@code at} (relay addresses, address options). */
    public byte[] address(int at) {
        return bytes("DHCPv6", "address at " + at, at, 16);
    }
}
