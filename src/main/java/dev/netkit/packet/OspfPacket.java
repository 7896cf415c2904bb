package dev.netkit.packet;

/**
 * An OSPFv2 packet over the bytes captured of it (RFC 2328 appendix A.3): the 24-byte common header with its
 * authentication field, then the hello, database description, link state request, update or acknowledgment body.
 * Offsets of the entries in a body (neighbours, LSA headers, requests, LSAs) are relative to the packet's start;
 * a field beyond the capture throws {@link MalformedPacketException#truncated}, so a printer prints the fields
 * before the cut and then says where it stopped.
 */
public final class OspfPacket extends OspfCommonHeader {
    public static final int TYPE_HELLO = 1;
    public static final int TYPE_DATABASE_DESCRIPTION = 2;
    public static final int TYPE_LS_REQUEST = 3;
    public static final int TYPE_LS_UPDATE = 4;
    public static final int TYPE_LS_ACK = 5;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SIMPLE = 1;
    public static final int AUTH_CRYPTOGRAPHIC = 2;
    /** The keyed MD5 digest that trails a packet with cryptographic authentication (RFC 2328 appendix D.3). */
    public static final int DIGEST_LENGTH = 16;
    public static final int HEADER_LENGTH = 24;
    /** Where a hello's neighbour list starts (A.3.2); each neighbour is a 4-byte router id. */
    public static final int HELLO_NEIGHBORS = 44;
    public static final int NEIGHBOR_LENGTH = 4;
    /** Where a database description's LSA headers start (A.3.3). */
    public static final int DD_LSA_HEADERS = 32;
    /** Where a link state request's entries start (A.3.4), each 12 bytes. */
    public static final int LS_REQUESTS = HEADER_LENGTH;
    public static final int LS_REQUEST_LENGTH = 12;
    /** Where a link state update's LSAs start, after their count (A.3.5). */
    public static final int LS_UPDATE_LSAS = 28;
    /** Where a link state acknowledgment's LSA headers start (A.3.6). */
    public static final int LS_ACK_LSA_HEADERS = HEADER_LENGTH;

    /** The packet at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public OspfPacket(byte[] buffer, int offset, int end) {
        this(new MessageBytes("ospf2", buffer, offset, end));
    }

    private OspfPacket(MessageBytes bytes) {
        super(bytes);
    }

    /** How many bytes of the packet were captured. */
    public int captured() {
        return bytes.length();
    }

    /** The packet without the {@link #DIGEST_LENGTH} bytes of digest that trail what was captured. */
    public OspfPacket withoutDigest() {
        return new OspfPacket(bytes.inner("ospf2", 0, Math.max(0, bytes.length() - DIGEST_LENGTH)));
    }

    public int authType() {
        return bytes.u16At(14);
    }

    /** The 8-byte authentication field: a simple password, or key id, length and sequence number. */
    public byte[] authentication() {
        return bytes.bytesAt(16, 8);
    }

    /** Cryptographic authentication's key id (RFC 2328 appendix D.3). */
    public int keyId() {
        return bytes.byteAt(18);
    }

    public int authDataLength() {
        return bytes.byteAt(19);
    }

    public long cryptoSequenceNumber() {
        return bytes.u32At(20);
    }

    public byte[] helloNetworkMask() {
        return bytes.bytesAt(24, 4);
    }

    /** Seconds between hellos. */
    public int helloInterval() {
        return bytes.u16At(28);
    }

    public int helloOptions() {
        return bytes.byteAt(30);
    }

    public int routerPriority() {
        return bytes.byteAt(31);
    }

    public long routerDeadInterval() {
        return bytes.u32At(32);
    }

    /** True when the hello names a designated router (not 0.0.0.0). */
    public boolean hasDesignatedRouter() {
        return bytes.u32At(36) != 0;
    }

    public byte[] designatedRouter() {
        return bytes.bytesAt(36, 4);
    }

    public boolean hasBackupDesignatedRouter() {
        return bytes.u32At(40) != 0;
    }

    public byte[] backupDesignatedRouter() {
        return bytes.bytesAt(40, 4);
    }

    /** The database description's interface MTU. */
    public int ddMtu() {
        return bytes.u16At(24);
    }

    public int ddOptions() {
        return bytes.byteAt(26);
    }

    /** Init (4), More (2), Master (1); OOBResync (8, RFC 4811). */
    public int ddFlags() {
        return bytes.byteAt(27);
    }

    public long ddSequence() {
        return bytes.u32At(28);
    }

    /** The link state request at {@code at}, all 12 bytes of it captured. */
    public LsRequest lsRequest(int at) {
        bytes.need(at, LS_REQUEST_LENGTH);
        return new LsRequest(bytes.u32At(at), bytes.bytesAt(at + 4, 4), bytes.bytesAt(at + 8, 4));
    }

    /** How many LSAs a link state update says it carries. */
    public long lsaCount() {
        return bytes.u32At(24);
    }

    /** The LSA (or LSA header) at {@code at}, as far as it was captured. */
    public OspfLsa lsa(int at) {
        return new OspfLsa(bytes.inner("ospf2", at, bytes.length() - at));
    }

    /**
     * One link state request (RFC 2328 A.3.4): the LS type, the link state id (for an opaque LSA, RFC 5250, its
     * opaque type and id) and the advertising router.
     */
    public record LsRequest(long type, byte[] lsaId, byte[] advertisingRouter) {
        public int opaqueType() {
            return lsaId[0] & 0xff;
        }

        public int opaqueId() {
            return NetworkOrder.u8(lsaId, 1) << 16 | NetworkOrder.u16(lsaId, 2);
        }
    }
}
