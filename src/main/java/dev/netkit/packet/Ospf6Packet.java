package dev.netkit.packet;

/**
 * An OSPFv3 packet over the bytes captured of it (RFC 5340 appendix A.3): the 16-byte common header, then the
 * hello, database description, link state request, update or acknowledgment body, and after the packet, within the
 * IP payload, link-local signalling (RFC 5613) and an authentication trailer (RFC 7166). Offsets are relative to
 * the packet's start; a field beyond the capture throws {@link MalformedPacketException#truncated}.
 */
public final class Ospf6Packet extends OspfCommonHeader {
    public static final int TYPE_HELLO = 1;
    public static final int TYPE_DATABASE_DESCRIPTION = 2;
    public static final int TYPE_LS_REQUEST = 3;
    public static final int TYPE_LS_UPDATE = 4;
    public static final int TYPE_LS_ACK = 5;
    public static final int HEADER_LENGTH = 16;
    /** The options bit that says link-local signalling data follows the packet (RFC 5613 section 2.1). */
    public static final int OPTION_LLS = 0x200;
    /** Where a hello's neighbour list starts (A.3.2), 4 bytes each. */
    public static final int HELLO_NEIGHBORS = 36;
    public static final int NEIGHBOR_LENGTH = 4;
    /** Where a database description's LSA headers start (A.3.3). */
    public static final int DD_LSA_HEADERS = 28;
    /** Where a link state request's 12-byte entries start (A.3.4). */
    public static final int LS_REQUESTS = HEADER_LENGTH;
    public static final int LS_REQUEST_LENGTH = 12;
    /** Where a link state update's LSAs start, after their count (A.3.5). */
    public static final int LS_UPDATE_LSAS = 20;
    /** Where a link state acknowledgment's LSA headers start (A.3.6). */
    public static final int LS_ACK_LSA_HEADERS = HEADER_LENGTH;
    /** The LLS data block's checksum and length (RFC 5613 section 2.2). */
    public static final int LLS_HEADER_LENGTH = 4;
    /** The authentication trailer's fixed part (RFC 7166 section 4.1): type, length, reserved, SA id, sequence. */
    public static final int AUTH_TRAILER_LENGTH = 16;
    public static final int AUTH_HMAC = 1;

    /** The packet at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public Ospf6Packet(byte[] buffer, int offset, int end) {
        super(new MessageBytes("ospf3", buffer, offset, end));
    }

    public int instanceId() {
        return bytes.byteAt(14);
    }

    public byte[] helloInterfaceId() {
        return bytes.bytesAt(16, 4);
    }

    public int routerPriority() {
        return bytes.byteAt(20);
    }

    /** The hello's priority (top 8 bits) and options (low 24 bits) word. */
    public long helloOptions() {
        return bytes.u32At(20);
    }

    public int helloInterval() {
        return bytes.u16At(24);
    }

    public int routerDeadInterval() {
        return bytes.u16At(26);
    }

    public boolean hasDesignatedRouter() {
        return bytes.u32At(28) != 0;
    }

    public byte[] designatedRouter() {
        return bytes.bytesAt(28, 4);
    }

    public boolean hasBackupDesignatedRouter() {
        return bytes.u32At(32) != 0;
    }

    public byte[] backupDesignatedRouter() {
        return bytes.bytesAt(32, 4);
    }

    /** The database description's options word (reserved top 8 bits, options low 24). */
    public long ddOptions() {
        return bytes.u32At(16);
    }

    public int ddMtu() {
        return bytes.u16At(20);
    }

    /** Init (4), More (2), Master (1). */
    public int ddFlags() {
        return bytes.byteAt(23);
    }

    public long ddSequence() {
        return bytes.u32At(24);
    }

    /** The link state request at {@code at}, all 12 bytes of it captured. */
    public LsRequest lsRequest(int at) {
        bytes.need(at, LS_REQUEST_LENGTH);
        return new LsRequest(bytes.u16At(at + 2), bytes.bytesAt(at + 4, 4), bytes.bytesAt(at + 8, 4));
    }

    public long lsaCount() {
        return bytes.u32At(16);
    }

    /** The LSA (or LSA header) at {@code at}, as far as it was captured. */
    public Ospf6Lsa lsa(int at) {
        return new Ospf6Lsa(bytes.inner("ospf3", at, bytes.length() - at));
    }

    /** The LLS data block's checksum; the block starts at {@code at}, where the packet ends. */
    public int llsChecksum(int at) {
        return bytes.u16At(at);
    }

    /** The LLS data block's Data Length field. */
    public int llsDataLength(int at) {
        return bytes.u16At(at + 2);
    }

    /** Throws a truncation error unless the LLS block at {@code at}, {@code n} bytes long, was captured. */
    public void needLls(int at, int n) {
        bytes.need(at + LLS_HEADER_LENGTH, n - LLS_HEADER_LENGTH);
    }

    /** The authentication trailer at {@code at}: its type. */
    public int authType(int at) {
        return bytes.u16At(at);
    }

    /** The trailer's length, its fixed part included. */
    public int authLength(int at) {
        return bytes.u16At(at + 2);
    }

    /** The security association id. */
    public int authSaId(int at) {
        return bytes.u16At(at + 6);
    }

    /** The 64-bit cryptographic sequence number's high and low halves. */
    public long authSequenceHigh(int at) {
        return bytes.u32At(at + 8);
    }

    public long authSequenceLow(int at) {
        return bytes.u32At(at + 12);
    }

    /** The trailer's authentication data: its {@code length} less the fixed part. */
    public MessageBytes authData(int at, int length) {
        bytes.need(at + AUTH_TRAILER_LENGTH, length - AUTH_TRAILER_LENGTH);
        return bytes.inner("ospf3", at + AUTH_TRAILER_LENGTH, length - AUTH_TRAILER_LENGTH);
    }

    /** One link state request (RFC 5340 A.3.4): LS type, link state id, advertising router. */
    public record LsRequest(int type, byte[] lsaId, byte[] advertisingRouter) {
    }
}
