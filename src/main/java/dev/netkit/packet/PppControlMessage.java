package dev.netkit.packet;

/**
 * A packet of a PPP control protocol over the bytes captured of it (RFC 1661 section 5: LCP's code, identifier
 * and length, then data or configuration options of RFC 1661 section 6; IPCP RFC 1332, IP6CP RFC 5072, CCP
 * RFC 1962 and BACP RFC 2125 share the format). Offsets are relative to the code byte; a field beyond the capture
 * throws {@link MalformedPacketException#truncated}, whatever length the packet declares.
 */
public final class PppControlMessage extends PacketView {
    /** Code, identifier and length. */
    public static final int HEADER = 4;
    public static final int CONFIGURE_REQUEST = 1;
    public static final int CONFIGURE_REJECT = 4;
    public static final int ECHO_REQUEST = 9;
    public static final int TIME_REMAINING = 13;
    /** Where an echo, discard, identification or time-remaining packet's magic number sits (RFC 1661 5.8). */
    public static final int MAGIC = 4;

    /** The packet at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public PppControlMessage(byte[] buffer, int offset, int end) {
        super(buffer, Math.min(Math.max(0, offset), buffer.length),
                Math.max(0, Math.min(end, buffer.length) - Math.max(0, offset)));
    }

    public int code() {
        return u8("PPP", "code", 0);
    }

    public int identifier() {
        return u8("PPP", "identifier", 1);
    }

    /** The length field: code to the end of the data, as the sender declares it. */
    public int declaredLength() {
        return u16("PPP", "length", 2);
    }

    /** LCP's magic number of an echo, discard, identification or time-remaining packet. */
    public long magicNumber() {
        return u32("PPP", "magic number", MAGIC);
    }

    /** The option (or RFC 3544 suboption: the same type and length bytes) at {@code at}. */
    public Option option(int at) {
        require("PPP", "option at " + at, at + 2, length);
        return new Option(u8(at), u8(at + 1), at);
    }

    /** Throws a truncation error unless the {@code n} bytes at {@code at} were captured. */
    public void need(int at, int n) {
        require("PPP", "field at " + at, at + n, length);
    }

    public int u16At(int at) {
        return u16("PPP", "field at " + at, at);
    }

    public byte[] bytesAt(int at, int n) {
        return bytes("PPP", "field at " + at, at, n);
    }

    /**
     * One configuration option (RFC 1661 section 6): its type, its length as declared (type and length bytes
     * included) and where it starts in the packet.
     */
    public record Option(int type, int length, int at) {
        /** Where its data starts, after type and length. */
        public int data() {
            return at + 2;
        }
    }
}
