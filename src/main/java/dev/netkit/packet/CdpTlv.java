package dev.netkit.packet;

/**
 * One CDP TLV: its type and length (the 4-byte header included), and the value's fields at offsets relative to the
 * value's start: capabilities, native VLAN, duplex, the VoIP VLAN of ATA-186, power, MTU, trust, physical
 * location, and the address TLV's entries (a count, then per address a protocol type, the protocol (an NLPID or an
 * 802.2 header) and the address) and IPv4 prefixes. A field beyond the value or the capture throws
 * {@link MalformedPacketException#truncated}.
 */
public final class CdpTlv extends Tlv {
    public static final int HEADER_LENGTH = 4;
    public static final int TYPE_DEVICE_ID = 0x01;
    public static final int TYPE_ADDRESS = 0x02;
    public static final int TYPE_PORT_ID = 0x03;
    public static final int TYPE_CAPABILITIES = 0x04;
    public static final int TYPE_VERSION = 0x05;
    public static final int TYPE_PLATFORM = 0x06;
    public static final int TYPE_PREFIXES = 0x07;
    public static final int TYPE_VTP_DOMAIN = 0x09;
    public static final int TYPE_NATIVE_VLAN = 0x0a;
    public static final int TYPE_DUPLEX = 0x0b;
    public static final int TYPE_VOIP_VLAN_REPLY = 0x0e;
    public static final int TYPE_VOIP_VLAN_QUERY = 0x0f;
    public static final int TYPE_POWER = 0x10;
    public static final int TYPE_MTU = 0x11;
    public static final int TYPE_TRUST_BITMAP = 0x12;
    public static final int TYPE_UNTRUSTED_COS = 0x13;
    public static final int TYPE_SYSTEM_NAME = 0x14;
    public static final int TYPE_MANAGEMENT_ADDRESSES = 0x16;
    public static final int TYPE_PHYSICAL_LOCATION = 0x17;
    /** The address count that starts an address TLV's value; the first entry follows. */
    public static final int ADDRESS_COUNT_LENGTH = 4;
    /** An address entry's protocol type and protocol length, before the protocol. */
    public static final int PROTOCOL_HEADER_LENGTH = 2;
    /** The address length that follows the protocol. */
    public static final int ADDRESS_LENGTH_FIELD = 2;
    /** An address entry's protocol type: an NLPID (1) or an 802.2 header (2). */
    public static final int PROTOCOL_NLPID = 1;
    public static final int PROTOCOL_802_2 = 2;
    /** An IPv4 prefix entry: the address and the prefix length. */
    public static final int PREFIX_LENGTH = 5;

    CdpTlv(int type, int length, MessageBytes value) {
        super(type, length - HEADER_LENGTH, value);
    }

    /** The TLV's length the header declares, the header included. */
    public int length() {
        return valueLength() + HEADER_LENGTH;
    }

    /** The capability bits: router (1), transparent bridge (2), ..., L1 capable (0x40). */
    public long capabilities() {
        return value.u32At(0);
    }

    public int nativeVlan() {
        return value.u16At(0);
    }

    /** Nonzero for full duplex. */
    public int duplex() {
        return value.byteAt(0);
    }

    /** A 2-byte VoIP VLAN value, whose meaning is unknown. */
    public int voipUnknown() {
        return value.u16At(0);
    }

    /** The 3-byte VoIP VLAN value's application id. */
    public int voipApplication() {
        return value.byteAt(0);
    }

    public int voipVlan() {
        return value.u16At(1);
    }

    /** Power consumption in milliwatts, in the 1, 2 or 3 bytes the value has. */
    public long powerMilliwatts() {
        int n = valueLength();
        return n == 1 ? value.byteAt(0) : n == 2 ? value.u16At(0) : value.u24At(0);
    }

    public long mtu() {
        return value.u32At(0);
    }

    /** The AVVID trust bitmap, or the untrusted ports' CoS. */
    public int trust() {
        return value.byteAt(0);
    }

    /** The physical location's type byte; the location string follows it. */
    public int locationType() {
        return value.byteAt(0);
    }

    /** Where the physical location string starts. */
    public static final int LOCATION = 1;

    /** How many addresses the address TLV says it holds. */
    public long addressCount() {
        return value.u32At(0);
    }

    /** Where the address TLV's first entry starts. */
    public static final int ADDRESSES = ADDRESS_COUNT_LENGTH;

    /** The entry at {@code e}'s protocol type. */
    public int protocolType(int e) {
        return value.byteAt(e);
    }

    public int protocolLength(int e) {
        return value.byteAt(e + 1);
    }

    /** Byte {@code i} of the entry's protocol (0xcc, IPv4's NLPID; or an LLC/SNAP header). */
    public int protocolByte(int e, int i) {
        return value.byteAt(e + PROTOCOL_HEADER_LENGTH + i);
    }

    public byte[] protocol(int e) {
        return value.bytesAt(e + PROTOCOL_HEADER_LENGTH, protocolLength(e));
    }

    /** The entry's address length, after its protocol. */
    public int addressLength(int e) {
        return value.u16At(e + PROTOCOL_HEADER_LENGTH + protocolLength(e));
    }

    private int address(int e) {
        return e + PROTOCOL_HEADER_LENGTH + protocolLength(e) + ADDRESS_LENGTH_FIELD;
    }

    public int addressByte(int e, int i) {
        return value.byteAt(address(e) + i);
    }

    public byte[] address(int e, int n) {
        return value.bytesAt(address(e), n);
    }

    /** Where the entry after the one at {@code e} starts. */
    public int nextAddress(int e) {
        return address(e) + addressLength(e);
    }

    /** Octet {@code k} (0-3) of the {@code i}-th IPv4 prefix. */
    public int prefixOctet(int i, int k) {
        return value.byteAt(PREFIX_LENGTH * i + k);
    }

    /** The {@code i}-th IPv4 prefix's length in bits. */
    public int prefixBits(int i) {
        return value.byteAt(PREFIX_LENGTH * i + 4);
    }
}
