package dev.netkit.packet;

/**
 * The captured bytes of one message of a type-length-value or record protocol that its printer walks field by field
 * (LLDP IEEE 802.1AB, CDP, OSPFv2 RFC 2328, OSPFv3 RFC 5340). Offsets are relative to the message's start; a read
 * beyond the capture throws {@link MalformedPacketException#truncated} naming the protocol, so a printer prints the
 * fields before the cut and then says where it stopped. Protocols with fixed fields have views of their own
 * (GreHeader, VxlanHeader, VrrpMessage, RipMessage, ...).
 */
public final class MessageBytes extends PacketView {
    private final String protocol;

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public MessageBytes(String protocol, byte[] buffer, int offset, int end) {
        super(buffer, start(buffer, offset), captured(buffer, offset, end));
        this.protocol = protocol;
    }

    /** The protocol name this view reports a truncation with ("lldp", "ospf", ...). */
    public String protocol() {
        return protocol;
    }

    /** True when the {@code n} bytes at {@code at} were captured. */
    public boolean has(int at, int n) {
        return at >= 0 && n >= 0 && at + n <= length;
    }

    /** Throws a truncation error unless the {@code n} bytes at {@code at} were captured. */
    public void need(int at, int n) {
        require(protocol, "field at " + at, at + n, length);
    }

    public int byteAt(int at) {
        need(at, 1);
        return u8(at);
    }

    public int u16At(int at) {
        need(at, 2);
        return u16(at);
    }

    public int u24At(int at) {
        return u24(protocol, "field at " + at, at);
    }

    public long u32At(int at) {
        need(at, 4);
        return u32(at);
    }

    public byte[] bytesAt(int at, int n) {
        need(at, n);
        return bytes(at, n);
    }

    /** A view of the {@code n} bytes at {@code at}, as far as they were captured, under another protocol name. */
    public MessageBytes inner(String innerProtocol, int at, int n) {
        return new MessageBytes(innerProtocol, buffer, offset + at, offset + Math.min(length, at + n));
    }
}
