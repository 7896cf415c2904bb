package dev.netkit.packet;

/** A view of an ICMPv6 message (RFC 4443 section 2.1): type, code, checksum, then the message body. */
public final class Icmpv6Packet extends PacketView {
    static final int TYPE = 0;
    static final int CODE = 1;
    static final int CHECKSUM = 2;
    static final int BODY = 4;
    static final int HEADER_LENGTH = 8;

    private Icmpv6Packet(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /** Checks that type, code, checksum and the 4-byte rest of header were captured. */
    public static Icmpv6Packet newChecked(byte[] buffer, int offset, int length) {
        require("ICMPv6", "header length", HEADER_LENGTH, length);
        return new Icmpv6Packet(buffer, offset, length);
    }

    public static Icmpv6Packet newChecked(byte[] message) {
        return newChecked(message, 0, message.length);
    }

    public Icmpv6Type type() {
        return Icmpv6Type.valueOf(u8(TYPE));
    }

    public int code() {
        return u8(CODE);
    }

    public int checksum() {
        return u16(CHECKSUM);
    }

    /** True when the checksum over the captured message and {@code pseudoHeader} is right. */
    public boolean checksumValid(PseudoHeader pseudoHeader) {
        return Checksum.verify(buffer, offset, length, pseudoHeader.sum(IpProtocol.ICMPV6.value(), length));
    }
}
