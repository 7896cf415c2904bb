package dev.netkit.packet;

/**
 * One LLDP TLV (IEEE 802.1AB-2016 clause 8.4): its type and length, and the value's fields, at offsets relative
 * to the value's start: chassis and port id, TTL, system capabilities, management address, and the organization
 * specific TLVs of IEEE 802.1 (802.1Q annex D: VLANs, link aggregation, DCB: CN, ETS, PFC, application priority,
 * EVB, CDCP), IEEE 802.3 (802.3 clause 79: MAC/PHY, power via MDI, link aggregation, maximum frame size) and IANA
 * (RFC 8520's MUD URL). A field beyond the value or the capture throws {@link MalformedPacketException#truncated}.
 */
public final class LldpTlv extends Tlv {
    public static final int HEADER_LENGTH = 2;
    public static final int TYPE_END = 0;
    public static final int TYPE_CHASSIS_ID = 1;
    public static final int TYPE_PORT_ID = 2;
    public static final int TYPE_TTL = 3;
    public static final int TYPE_PORT_DESCRIPTION = 4;
    public static final int TYPE_SYSTEM_NAME = 5;
    public static final int TYPE_SYSTEM_DESCRIPTION = 6;
    public static final int TYPE_SYSTEM_CAPABILITIES = 7;
    public static final int TYPE_MANAGEMENT_ADDRESS = 8;
    public static final int TYPE_ORGANIZATION = 127;
    /** Where a chassis or port id starts, after its subtype. */
    public static final int ID = 1;
    /** Where an organization specific TLV's own fields start, after the OUI and subtype. */
    public static final int ORGANIZATION_VALUE = 4;
    /** The IANA address family numbers a network address starts with (RFC 2922's AddressFamilyNumbers). */
    public static final int FAMILY_IPV4 = 1;
    public static final int FAMILY_IPV6 = 2;
    public static final int FAMILY_802 = 6;

    LldpTlv(int type, int length, MessageBytes value) {
        super(type, length, value);
    }

    /** A chassis or port id's subtype (8.5.2.2, 8.5.3.2). */
    public int idSubtype() {
        return value.byteAt(0);
    }

    /** A MAC address id. */
    public byte[] idMac() {
        return value.bytesAt(ID, 6);
    }

    public int ttl() {
        return value.u16At(0);
    }

    public int systemCapabilities() {
        return value.u16At(0);
    }

    public int enabledCapabilities() {
        return value.u16At(2);
    }

    /** A network address at {@code at}: its family number (the address follows it). */
    public int addressFamily(int at) {
        return value.byteAt(at);
    }

    /** The {@code n} address bytes after the family number at {@code at}. */
    public byte[] address(int at, int n) {
        return value.bytesAt(at + 1, n);
    }

    /** The management address string's length: family number and address (8.5.9.2). */
    public int managementAddressLength() {
        return value.byteAt(0);
    }

    /** Where the management address's family number is, after the string's length. */
    public static final int MANAGEMENT_ADDRESS = 1;

    /** Where the interface numbering subtype is: after the address string, whose length is {@code n}. */
    public static int interfaceNumbering(int n) {
        return MANAGEMENT_ADDRESS + n;
    }

    /** Unknown (1), ifIndex (2), system port number (3). */
    public int interfaceNumberingSubtype(int n) {
        return value.byteAt(interfaceNumbering(n));
    }

    public long interfaceNumber(int n) {
        return value.u32At(interfaceNumbering(n) + 1);
    }

    /** Where the OID string length is; the OID follows it. */
    public static int oid(int n) {
        return interfaceNumbering(n) + 5;
    }

    public int oidLength(int n) {
        return value.byteAt(oid(n));
    }

    public byte[] oidBytes(int n, int oidLength) {
        return value.bytesAt(oid(n) + 1, oidLength);
    }

    public int oui() {
        return value.u24At(0);
    }

    public int organizationSubtype() {
        return value.byteAt(3);
    }

    /** 802.1 port VLAN id (subtype 1). */
    public int portVlanId() {
        return value.u16At(4);
    }

    /** 802.1 port and protocol VLAN flags (subtype 2): supported (2), enabled (4). */
    public int protocolVlanFlags() {
        return value.byteAt(4);
    }

    public int protocolVlanId() {
        return value.u16At(5);
    }

    /** 802.1 VLAN name (subtype 3): the VLAN id. */
    public int vlanId() {
        return value.u16At(4);
    }

    public int vlanNameLength() {
        return value.byteAt(6);
    }

    /** Where the VLAN name starts. */
    public static final int VLAN_NAME = 7;

    public byte[] vlanName() {
        return value.bytesAt(VLAN_NAME, vlanNameLength());
    }

    /** 802.1 protocol identity (subtype 4). */
    public int protocolIdentityLength() {
        return value.byteAt(4);
    }

    public static final int PROTOCOL_IDENTITY = 5;

    public byte[] protocolIdentity() {
        return value.bytesAt(PROTOCOL_IDENTITY, protocolIdentityLength());
    }

    /** Link aggregation (802.1 subtype 7, 802.3 subtype 3): capability (1) and status (2). */
    public int aggregationStatus() {
        return value.byteAt(4);
    }

    public long aggregationPortId() {
        return value.u32At(5);
    }

    /** Congestion notification (802.1 subtype 8): CNPV indicators, one bit per priority. */
    public int cnpvIndicators() {
        return value.byteAt(4);
    }

    public int readyIndicators() {
        return value.byteAt(5);
    }

    /** ETS configuration or recommendation (subtypes 9, 10): willing, CBS, max TCs, or reserved. */
    public int etsFlags() {
        return value.byteAt(4);
    }

    /** The traffic class ETS assigns to {@code priority} (0-7), four bits each. */
    public int etsPriorityAssignment(int priority) {
        int v = value.byteAt(5 + priority / 2);
        return priority % 2 == 0 ? v >> 4 : v & 0x0f;
    }

    /** The bandwidth percentage of each of the eight traffic classes. */
    public byte[] etsBandwidths() {
        return value.bytesAt(9, 8);
    }

    /** The transmission selection algorithm of each of the eight traffic classes. */
    public byte[] etsAlgorithms() {
        return value.bytesAt(17, 8);
    }

    /** PFC configuration (subtype 11): willing, MBC, PFC capability. */
    public int pfcFlags() {
        return value.byteAt(4);
    }

    public int pfcEnable() {
        return value.byteAt(5);
    }

    /** Application priority (subtype 12): the reserved byte before the table. */
    public int applicationPriorityReserved() {
        return value.byteAt(4);
    }

    /** Where the application priority table starts; entries are 3 bytes. */
    public static final int APPLICATION_PRIORITIES = 5;
    public static final int APPLICATION_PRIORITY_LENGTH = 3;

    /** Entry {@code i}'s priority (3 bits), reserved (2) and selector (3). */
    public int applicationPriority(int i) {
        return value.byteAt(APPLICATION_PRIORITIES + APPLICATION_PRIORITY_LENGTH * i);
    }

    public int applicationProtocol(int i) {
        return value.u16At(APPLICATION_PRIORITIES + APPLICATION_PRIORITY_LENGTH * i + 1);
    }

    /** EVB (subtype 13): bridge status (BGID, RRCAP, RRCTR). */
    public int evbBridgeStatus() {
        return value.byteAt(4);
    }

    /** Station status (SGID, RRREQ, RRSTAT). */
    public int evbStationStatus() {
        return value.byteAt(5);
    }

    /** R (3 bits) and RTE (5 bits). */
    public int evbRetries() {
        return value.byteAt(6);
    }

    /** EVB mode (2 bits), ROL and RWD. */
    public int evbMode() {
        return value.byteAt(7);
    }

    /** Reserved, ROL and RKA. */
    public int evbKeepAlive() {
        return value.byteAt(8);
    }

    /** CDCP (subtype 14): role, reserved and SComp. */
    public int cdcpFlags() {
        return value.byteAt(4);
    }

    public int cdcpChannelCapacity() {
        return value.u16At(6) & 0x0fff;
    }

    /** Where CDCP's SCID/SVID pairs start: 3 bytes each, 12 bits apiece. */
    public static final int CDCP_CHANNELS = 8;
    public static final int CDCP_CHANNEL_LENGTH = 3;

    public int cdcpScid(int i) {
        return value.u24At(CDCP_CHANNELS + CDCP_CHANNEL_LENGTH * i) >> 12;
    }

    public int cdcpSvid(int i) {
        return value.u24At(CDCP_CHANNELS + CDCP_CHANNEL_LENGTH * i) & 0xfff;
    }

    /** 802.3 MAC/PHY configuration (subtype 1): autonegotiation support (1) and status (2). */
    public int autonegotiation() {
        return value.byteAt(4);
    }

    public int pmdCapability() {
        return value.u16At(5);
    }

    public int mauType() {
        return value.u16At(7);
    }

    /** 802.3 power via MDI (subtype 2): MDI power support, PSE power pair, power class. */
    public int mdiPowerSupport() {
        return value.byteAt(4);
    }

    public int psePowerPair() {
        return value.byteAt(5);
    }

    public int powerClass() {
        return value.byteAt(6);
    }

    /** 802.3 maximum frame size (subtype 4). */
    public int maxFrameSize() {
        return value.u16At(4);
    }

    /** IANA's MUD URL (subtype 1): the rest of the value. */
    public byte[] mudUrl() {
        return value.bytesAt(ORGANIZATION_VALUE, valueLength() - ORGANIZATION_VALUE);
    }
}
