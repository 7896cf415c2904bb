package dev.netkit.packet;

/**
 * A TFTP message over the bytes captured of it (RFC 1350 section 5, RFC 2347's option acknowledgment): the opcode,
 * then a request's NUL-terminated file name, mode and options, a block number, or an error's code and message.
 * A field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class TftpMessage extends PacketView {
    public static final int PORT = 69;
    public static final int RRQ = 1;
    public static final int WRQ = 2;
    public static final int DATA = 3;
    public static final int ACK = 4;
    public static final int ERROR = 5;
    public static final int OACK = 6;
    /** Where the file name, block number or error code starts. */
    public static final int BODY = 2;

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public TftpMessage(byte[] buffer, int offset, int end) {
        super(buffer, Math.min(Math.max(0, offset), buffer.length),
                Math.max(0, Math.min(end, buffer.length) - Math.max(0, offset)));
    }

    public int opcode() {
        return u16("TFTP", "opcode", 0);
    }

    /** A DATA or ACK message's block number. */
    public int block() {
        return u16("TFTP", "block number", BODY);
    }

    /** An ERROR message's code (0 not defined, 1 file not found, ... 7 no such user). */
    public int errorCode() {
        return u16("TFTP", "error code", BODY);
    }

    /** True when the byte at {@code at} was captured. */
    public boolean has(int at) {
        return at >= 0 && at < length;
    }

    /** A character of a file name, mode, option or error message, 0 where the string ends. */
    public int charAt(int at) {
        return u8("TFTP", "string byte " + at, at);
    }
}
