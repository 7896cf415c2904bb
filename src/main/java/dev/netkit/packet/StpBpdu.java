package dev.netkit.packet;

/**
 * A spanning tree BPDU over the bytes captured of it (IEEE 802.1D-2004 clause 9: STP and RSTP; IEEE 802.1Q-2018
 * clauses 14 and 28: MSTP and SPB). Every accessor reads only what was captured: a field beyond the capture throws
 * {@link MalformedPacketException#truncated}, so a printer prints the fields before the cut and then says where
 * it stopped, whatever lengths the BPDU declares.
 */
public final class StpBpdu extends PacketView {
    public static final int TYPE_CONFIG = 0x00;
    public static final int TYPE_RST = 0x02;
    public static final int TYPE_TCN = 0x80;
    public static final int VERSION_STP = 0;
    public static final int VERSION_RSTP = 2;
    public static final int VERSION_MSTP = 3;
    public static final int VERSION_SPB = 4;
    /** A configuration BPDU's length; RSTP adds the version 1 length byte. */
    public static final int CONFIG_LENGTH = 35;
    /** Where an MST BPDU's first MSTI configuration message starts (802.1Q 14.6). */
    public static final int MSTI_START = 102;
    public static final int MSTI_LENGTH = 16;
    /** The MST configuration identifier: format selector, 32-byte name, revision, 16-byte digest (802.1Q 13.8). */
    public static final int MCID_LENGTH = 51;

    public StpBpdu(byte[] buffer, int offset, int captured) {
        super(buffer, offset, captured);
    }

    private int u8(int i, String field) {
        return u8("STP", field, i);
    }

    private int u16(int i, String field) {
        return u16("STP", field, i);
    }

    private long u32(int i, String field) {
        return u32("STP", field, i);
    }

    private void need(int i, int n, String field) {
        require("STP", field, i + n, length);
    }

    public int protocolId() {
        return u16(0, "protocol identifier");
    }

    public int version() {
        return u8(2, "version");
    }

    public int type() {
        return u8(3, "BPDU type");
    }

    /** Bit 0 topology change, 1 proposal, 2-3 port role, 4 learning, 5 forwarding, 6 agreement, 7 TC ack. */
    public int flags() {
        return u8(4, "flags");
    }

    /** A bridge identifier at {@code i}: priority (with the system id extension) in the top 16 bits, then the MAC. */
    private long bridgeId(int i, String field) {
        need(i, 8, field);
        return (u32(i) << 32) | u32(i + 4);
    }

    public long rootId() {
        return bridgeId(5, "root identifier");
    }

    public long rootPathCost() {
        return u32(13, "root path cost");
    }

    /** The bridge identifier; in an MST BPDU the CIST regional root identifier. */
    public long bridgeId() {
        return bridgeId(17, "bridge identifier");
    }

    public int portId() {
        return u16(25, "port identifier");
    }

    /** Timers in 1/256 s. */
    public int messageAge() {
        return u16(27, "message age");
    }

    public int maxAge() {
        return u16(29, "max age");
    }

    public int helloTime() {
        return u16(31, "hello time");
    }

    public int forwardDelay() {
        return u16(33, "forward delay");
    }

    public int version3Length() {
        return u16(36, "version 3 length");
    }

    /** The MCID's configuration name (32 bytes, NUL padded) from {@code at}: 38 in an MST BPDU. */
    public byte[] configurationName(int at) {
        need(at + 1, 32, "configuration name");
        return bytes(at + 1, 32);
    }

    public int configurationRevision(int at) {
        return u16(at + 33, "revision level");
    }

    public byte[] configurationDigest(int at) {
        need(at + 35, 16, "configuration digest");
        return bytes(at + 35, 16);
    }

    public long cistInternalRootPathCost() {
        return u32(89, "CIST internal root path cost");
    }

    public long cistBridgeId() {
        return bridgeId(93, "CIST bridge identifier");
    }

    public int cistRemainingHops() {
        return u8(101, "CIST remaining hops");
    }

    /** The MSTI configuration message at {@code at} (802.1Q 14.6.1). */
    public Msti msti(int at) {
        need(at, MSTI_LENGTH, "MSTI configuration message");
        return new Msti(u8(at), bridgeId(at + 1, "MSTI regional root"), u32(at + 9), u8(at + 13) >> 4,
                u8(at + 14) >> 4, u8(at + 15));
    }

    /** SPB's version 4 length, after the MST part (802.1Q 14.6.2). */
    public int version4Length(int at) {
        return u16(at, "version 4 length");
    }

    /** A byte of the SPB agreement data at {@code at}. */
    public int byteAt(int at, String field) {
        return u8(at, field);
    }

    public int u16At(int at, String field) {
        return u16(at, field);
    }

    public byte[] bytesAt(int at, int n, String field) {
        need(at, n, field);
        return bytes(at, n);
    }

    /**
     * One MSTI configuration message: flags as the CIST's, the regional root identifier (its priority's low 12 bits
     * are the MSTI number), the internal root path cost, bridge and port priority (the top 4 bits), remaining hops.
     */
    public record Msti(int flags, long regionalRootId, long internalRootPathCost, int bridgePriority,
            int portPriority, int remainingHops) {
        public int number() {
            return (int) (regionalRootId >>> 48) & 0x0fff;
        }
    }
}
