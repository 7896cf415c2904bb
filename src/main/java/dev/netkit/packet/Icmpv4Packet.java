package dev.netkit.packet;

/** A view of an ICMPv4 message (RFC 792): type, code, checksum, 4 bytes of rest-of-header, then data. */
public final class Icmpv4Packet extends PacketView {
    static final int TYPE = 0;
    static final int CODE = 1;
    static final int CHECKSUM = 2;
    static final int REST = 4;
    static final int DATA = 8;
    static final int HEADER_LENGTH = 8;

    private Icmpv4Packet(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    public static Icmpv4Packet newChecked(byte[] buffer, int offset, int length) {
        require("ICMP", "header length", HEADER_LENGTH, length);
        return new Icmpv4Packet(buffer, offset, length);
    }

    public static Icmpv4Packet newChecked(byte[] message) {
        return newChecked(message, 0, message.length);
    }

    public Icmpv4Type type() {
        return Icmpv4Type.valueOf(u8(TYPE));
    }

    public int code() {
        return u8(CODE);
    }

    public int checksum() {
        return u16(CHECKSUM);
    }

    /** The 32-bit rest-of-header: identifier and sequence, MTU, gateway... */
    public long restOfHeader() {
        return u32(REST);
    }

    /** True when the checksum over the captured message is right (false if the capture was cut). */
    public boolean checksumValid() {
        return Checksum.verify(buffer, offset, length, 0);
    }

    public int dataOffset() {
        return offset + DATA;
    }

    public int dataLength() {
        return length - DATA;
    }

    public byte[] data() {
        return bytes(DATA, length - DATA);
    }
}
