package dev.netkit.packet;

/** A view of an ARP packet (RFC 826): fixed 8 bytes, then sender and target hardware and protocol addresses. */
public final class ArpPacket extends PacketView {
    static final int HARDWARE_TYPE = 0;
    static final int PROTOCOL_TYPE = 2;
    static final int HARDWARE_LENGTH = 4;
    static final int PROTOCOL_LENGTH = 5;
    static final int OPERATION = 6;
    /** The fixed part's length (types, lengths, operation): where the addresses start. */
    public static final int ADDRESSES = 8;

    private ArpPacket(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /** Checks that the fixed part and all four addresses were captured. */
    public static ArpPacket newChecked(byte[] buffer, int offset, int length) {
        require("ARP", "header length", ADDRESSES, length);
        int hlen = NetworkOrder.u8(buffer, offset + HARDWARE_LENGTH);
        int plen = NetworkOrder.u8(buffer, offset + PROTOCOL_LENGTH);
        require("ARP", "length with its addresses", ADDRESSES + 2 * (hlen + plen), length);
        return new ArpPacket(buffer, offset, length);
    }

    public int hardwareType() {
        return u16(HARDWARE_TYPE);
    }

    public EtherType protocolType() {
        return EtherType.valueOf(u16(PROTOCOL_TYPE));
    }

    public int hardwareLength() {
        return u8(HARDWARE_LENGTH);
    }

    public int protocolLength() {
        return u8(PROTOCOL_LENGTH);
    }

    public ArpOperation operation() {
        return ArpOperation.valueOf(u16(OPERATION));
    }

    /** The sender's hardware address, {@link #hardwareLength()} bytes. */
    public byte[] senderHardwareAddress() {
        return bytes(ADDRESSES, hardwareLength());
    }

    /** The sender's protocol address, {@link #protocolLength()} bytes. */
    public byte[] senderProtocolAddress() {
        return bytes(ADDRESSES + hardwareLength(), protocolLength());
    }

    public byte[] targetHardwareAddress() {
        return bytes(ADDRESSES + hardwareLength() + protocolLength(), hardwareLength());
    }

    public byte[] targetProtocolAddress() {
        return bytes(ADDRESSES + 2 * hardwareLength() + protocolLength(), protocolLength());
    }

    /** Header plus addresses; what follows is Ethernet padding. */
    public int packetLength() {
        return ADDRESSES + 2 * (hardwareLength() + protocolLength());
    }
}
