package dev.netkit.packet;

/**
 * An NTP message over the bytes captured of it (RFC 5905 section 7.3 for the time modes 0-5; mode 6 control
 * messages, RFC 9327): the first byte holds leap indicator, version and mode. Reads past the capture throw
 * {@link MalformedPacketException#truncated}.
 */
public final class NtpMessage extends PacketView {
    public static final int PORT = 123;
    public static final int MODE_CONTROL = 6;
    /** The fixed part of a time message (mode 0-5), without key id and digest. */
    public static final int TIME_LENGTH = 48;
    /** A control message's fixed header (mode 6). */
    public static final int CONTROL_LENGTH = 12;
    /** Where the reference, origin, receive and transmit timestamps start. */
    public static final int REFERENCE = 16;
    public static final int ORIGIN = 24;
    public static final int RECEIVE = 32;
    public static final int TRANSMIT = 40;

    public NtpMessage(byte[] buffer, int offset, int captured) {
        super(buffer, offset, captured);
    }

    /** Leap indicator in its place (the top two bits: 0x00, 0x40, 0x80 or 0xc0). */
    public int leap() {
        return byteAt(0) & 0xc0;
    }

    public int version() {
        return (byteAt(0) >> 3) & 7;
    }

    public int mode() {
        return byteAt(0) & 7;
    }

    public int byteAt(int i) {
        return u8("NTP", "byte " + i, i);
    }

    /** A signed byte: poll and precision are log2 seconds. */
    public int signedByteAt(int i) {
        return (byte) byteAt(i);
    }

    public int u16At(int i) {
        return u16("NTP", "bytes " + i + "-" + (i + 1), i);
    }

    public long u32At(int i) {
        return u32("NTP", "bytes " + i + "-" + (i + 3), i);
    }

    public byte[] bytesAt(int i, int n) {
        return bytes("NTP", "bytes " + i + "-" + (i + n - 1), i, n);
    }
}
