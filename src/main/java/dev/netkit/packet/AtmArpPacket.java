package dev.netkit.packet;

/**
 * A view of an ATMARP packet (RFC 2225 section 8.7): hardware type 19, then instead of one hardware length a
 * type-and-length octet for each ATM number and subaddress (bit 7 set for E.164, bits 6-1 the length), and a
 * length for each protocol address; the addresses follow in the order source number, subaddress, protocol
 * address, target number, subaddress, protocol address.
 */
public final class AtmArpPacket extends PacketView {
    /** ar$hrd for ATM (RFC 2225 section 8.7.1). */
    public static final int HARDWARE_TYPE = 19;
    /** The fixed part, up to the addresses. */
    public static final int HEADER_LENGTH = 12;
    private static final int LENGTH_MASK = 0x3f;

    private AtmArpPacket(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /** Checks that the fixed part and all six addresses were captured. */
    public static AtmArpPacket newChecked(byte[] buffer, int offset, int length) {
        require("ATMARP", "header length", HEADER_LENGTH, length);
        AtmArpPacket p = new AtmArpPacket(buffer, offset, length);
        require("ATMARP", "length with its addresses", p.packetLength(), length);
        return p;
    }

    public int hardwareType() {
        return u16(0);
    }

    public EtherType protocolType() {
        return EtherType.valueOf(u16(2));
    }

    public ArpOperation operation() {
        return ArpOperation.valueOf(u16(6));
    }

    public int sourceNumberLength() {
        return u8(4) & LENGTH_MASK;
    }

    public int sourceSubaddressLength() {
        return u8(5) & LENGTH_MASK;
    }

    public int sourceProtocolLength() {
        return u8(8);
    }

    public int targetNumberLength() {
        return u8(9) & LENGTH_MASK;
    }

    public int targetSubaddressLength() {
        return u8(10) & LENGTH_MASK;
    }

    public int targetProtocolLength() {
        return u8(11);
    }

    public byte[] sourceNumber() {
        return bytes(HEADER_LENGTH, sourceNumberLength());
    }

    public byte[] sourceSubaddress() {
        return bytes(HEADER_LENGTH + sourceNumberLength(), sourceSubaddressLength());
    }

    public byte[] sourceProtocolAddress() {
        return bytes(HEADER_LENGTH + sourceNumberLength() + sourceSubaddressLength(), sourceProtocolLength());
    }

    private int targetStart() {
        return HEADER_LENGTH + sourceNumberLength() + sourceSubaddressLength() + sourceProtocolLength();
    }

    public byte[] targetNumber() {
        return bytes(targetStart(), targetNumberLength());
    }

    public byte[] targetSubaddress() {
        return bytes(targetStart() + targetNumberLength(), targetSubaddressLength());
    }

    public byte[] targetProtocolAddress() {
        return bytes(targetStart() + targetNumberLength() + targetSubaddressLength(), targetProtocolLength());
    }

    /** Header plus the six addresses. */
    public int packetLength() {
        return targetStart() + targetNumberLength() + targetSubaddressLength() + targetProtocolLength();
    }
}
