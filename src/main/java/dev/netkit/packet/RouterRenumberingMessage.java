package dev.netkit.packet;

/**
 * An ICMPv6 router renumbering message over the bytes captured of it (RFC 2894 section 3): the header's
 * sequence number, segment, flags and maximum delay, then a command's match-prefix part and its use-prefix parts.
 * Offsets are relative to the ICMPv6 type byte; a field beyond the capture throws
 * {@link MalformedPacketException#truncated}.
 */
public final class RouterRenumberingMessage extends PacketView {
    public static final int TYPE = 138;
    public static final int COMMAND = 0;
    /** Where the match-prefix part starts, after the 16-byte header (RFC 2894 section 3.1). */
    public static final int MATCH = 16;
    public static final int MATCH_LENGTH = 24;
    public static final int USE_LENGTH = 32;

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public RouterRenumberingMessage(byte[] buffer, int offset, int end) {
        super(buffer, Math.min(Math.max(0, offset), buffer.length),
                Math.max(0, Math.min(end, buffer.length) - Math.max(0, offset)));
    }

    /** 0 command, 1 result, 255 sequence number reset. */
    public int code() {
        return u8("ICMPv6", "code", 1);
    }

    public long sequenceNumber() {
        return u32("ICMPv6", "sequence number", 4);
    }

    public int segmentNumber() {
        return u8("ICMPv6", "segment number", 8);
    }

    /** T, R, A, S, P from the top bit down (RFC 2894 section 3.1). */
    public int flags() {
        return u8("ICMPv6", "flags", 9);
    }

    public int maxDelay() {
        return u16("ICMPv6", "max delay", 10);
    }

    public long reserved() {
        return u32("ICMPv6", "reserved", 12);
    }

    /** The command's match-prefix part (RFC 2894 section 3.2). */
    public MatchPrefix matchPrefix() {
        require("ICMPv6", "match-prefix part", MATCH + MATCH_LENGTH, length);
        return new MatchPrefix(u8(MATCH), u8(MATCH + 1), u8(MATCH + 2), u8(MATCH + 3), u8(MATCH + 4),
                u8(MATCH + 5), bytes(MATCH + 8, 16));
    }

    /** The {@code i}th use-prefix part after the match-prefix part (RFC 2894 section 3.2). */
    public UsePrefix usePrefix(int i) {
        int at = MATCH + MATCH_LENGTH + i * USE_LENGTH;
        require("ICMPv6", "use-prefix part " + i, at + USE_LENGTH, length);
        return new UsePrefix(u8(at), u8(at + 1), u8(at + 2), u8(at + 3), u32(at + 4), u32(at + 8), u8(at + 12),
                bytes(at + 16, 16));
    }

    /**
     * A match-prefix part: the operation (1 add, 2 change, 3 set-global), its length in 8-byte units (3 plus 4
     * per use-prefix part), ordinal, match length, the range of prefix lengths it matches, the prefix.
     */
    public record MatchPrefix(int opCode, int opLength, int ordinal, int matchLength, int minLength, int maxLength,
            byte[] prefix) {
        /** How many use-prefix parts the operation length announces, -1 when it is no whole number. */
        public int useCount() {
            int n = opLength - 3;
            return n % 4 == 0 ? n / 4 : -1;
        }
    }

    /** A use-prefix part: lengths, the RA flag mask and flags, lifetimes (0xffffffff infinite), V and P flags. */
    public record UsePrefix(int useLength, int keepLength, int flagMask, int raFlags, long validLifetime,
            long preferredLifetime, int flags, byte[] prefix) {
    }
}
