package dev.netkit.packet;

/**
 * One OSPFv3 LSA over the bytes captured of it (RFC 5340 appendix A.4): the 20-byte header, then the router,
 * network, inter-area prefix, AS-external, link or intra-area prefix body with its prefixes (A.4.1), or the grace
 * LSA's TLVs (RFC 5187, RFC 3623 appendix A). Offsets are relative to the LSA's start; a field beyond the capture
 * throws {@link MalformedPacketException#truncated}.
 */
public final class Ospf6Lsa extends OspfLsaHeader {
    /** LS types with their flooding scope bits (A.4.2.1). */
    public static final int TYPE_ROUTER = 0x2001;
    public static final int TYPE_NETWORK = 0x2002;
    public static final int TYPE_INTER_AREA_PREFIX = 0x2003;
    public static final int TYPE_AS_EXTERNAL = 0x4005;
    public static final int TYPE_LINK = 0x0008;
    public static final int TYPE_INTRA_AREA_PREFIX = 0x2009;
    public static final int TYPE_GRACE = 0x000b;
    /** The 32-bit options word that starts a router, network or link LSA's body. */
    public static final int OPTIONS_LENGTH = 4;
    /** Where a router LSA's 16-byte links start (A.4.3). */
    public static final int ROUTER_LINKS = 24;
    public static final int ROUTER_LINK_LENGTH = 16;
    /** Where a network LSA's attached routers start (A.4.4), 4 bytes each. */
    public static final int NETWORK_ROUTERS = 24;
    public static final int ROUTER_ID_LENGTH = 4;
    /** Where an inter-area prefix LSA's prefix starts, after its metric (A.4.5). */
    public static final int INTER_AREA_PREFIX = 24;
    public static final int METRIC_LENGTH = 4;
    /** Where an AS-external LSA's prefix starts, after its flags and metric (A.4.7). */
    public static final int EXTERNAL_PREFIX = 24;
    public static final int FORWARDING_ADDRESS_LENGTH = 16;
    public static final int ROUTE_TAG_LENGTH = 4;
    public static final int REFERENCED_LSID_LENGTH = 4;
    public static final long EXTERNAL_FORWARDING = 0x02000000;
    public static final long EXTERNAL_TAG = 0x01000000;
    /** A link LSA's fixed part (A.4.9): priority and options, link-local address, prefix count. */
    public static final int LINK_FIXED_LENGTH = 24;
    public static final int LINK_PREFIXES = HEADER_LENGTH + LINK_FIXED_LENGTH;
    /** An intra-area prefix LSA's fixed part (A.4.10): count, referenced type, id and router. */
    public static final int INTRA_AREA_FIXED_LENGTH = 12;
    public static final int INTRA_AREA_PREFIXES = HEADER_LENGTH + INTRA_AREA_FIXED_LENGTH;
    /** A prefix's length, options and metric (or referenced LS type) before its address words (A.4.1). */
    public static final int PREFIX_HEADER_LENGTH = 4;
    /** A grace LSA TLV's type and length; the value is padded to 32 bits. */
    public static final int TLV_HEADER = 4;

    Ospf6Lsa(MessageBytes bytes) {
        super(bytes);
    }

    /** Up to {@code n} bytes of the body, as many as were captured (for a type tcpdump does not decode). */
    public byte[] capturedBody(int n) {
        return bytes.bytesAt(HEADER_LENGTH, Math.max(0, Math.min(n, bytes.length() - HEADER_LENGTH)));
    }

    /** The LS type: the U bit (0x8000), the scope (0x6000) and the function code. */
    public int type() {
        return bytes.u16At(2);
    }

    /** The options word of a router, network or link LSA (its top byte: flags or priority). */
    public long options() {
        return bytes.u32At(HEADER_LENGTH);
    }

    /** A router LSA's flags: ABR (1), ASBR (2), virtual link endpoint (4), NSSA translator (0x10). */
    public int routerFlags() {
        return bytes.byteAt(HEADER_LENGTH);
    }

    /** Throws a truncation error unless the router link at {@code at} was captured. */
    public void needRouterLink(int at) {
        bytes.need(at, ROUTER_LINK_LENGTH);
    }

    /** Point-to-point (1), transit (2), virtual link (4). */
    public int linkType(int at) {
        return bytes.byteAt(at);
    }

    public int linkMetric(int at) {
        return bytes.u16At(at + 2);
    }

    public byte[] linkInterfaceId(int at) {
        return bytes.bytesAt(at + 4, 4);
    }

    public byte[] linkNeighborInterfaceId(int at) {
        return bytes.bytesAt(at + 8, 4);
    }

    public byte[] linkNeighborRouterId(int at) {
        return bytes.bytesAt(at + 12, 4);
    }

    public byte[] attachedRouter(int at) {
        return bytes.bytesAt(at, ROUTER_ID_LENGTH);
    }

    /** An inter-area prefix LSA's 24-bit metric. */
    public long interAreaMetric() {
        return bytes.u32At(HEADER_LENGTH) & 0xffffff;
    }

    /** An AS-external LSA's flags (E 0x80000000, F 0x02000000, T 0x01000000) and metric (the low 24 bits). */
    public long externalFlags() {
        return bytes.u32At(HEADER_LENGTH);
    }

    public byte[] forwardingAddress(int at) {
        return bytes.bytesAt(at, FORWARDING_ADDRESS_LENGTH);
    }

    /** A route tag or referenced link state id at {@code at}, 32 bits that tcpdump prints as a dotted quad. */
    public byte[] word(int at) {
        return bytes.bytesAt(at, 4);
    }

    /** A link LSA's router priority. */
    public int linkPriority() {
        return bytes.byteAt(HEADER_LENGTH);
    }

    public byte[] linkLocalAddress() {
        return bytes.bytesAt(HEADER_LENGTH + 4, 16);
    }

    public long linkPrefixCount() {
        return bytes.u32At(HEADER_LENGTH + 20);
    }

    public int intraAreaPrefixCount() {
        return bytes.u16At(HEADER_LENGTH);
    }

    public int referencedType() {
        return bytes.u16At(HEADER_LENGTH + 2);
    }

    public byte[] referencedLsaId() {
        return bytes.bytesAt(HEADER_LENGTH + 4, 4);
    }

    /** Throws a truncation error unless the referenced advertising router was captured. */
    public void needReferencedRouter() {
        bytes.need(HEADER_LENGTH + 8, 4);
    }

    /** Throws a truncation error unless the prefix header at {@code at} was captured. */
    public void needPrefixHeader(int at) {
        bytes.need(at, PREFIX_HEADER_LENGTH);
    }

    public int prefixBits(int at) {
        return bytes.byteAt(at);
    }

    public int prefixOptions(int at) {
        return bytes.byteAt(at + 1);
    }

    /** The prefix's metric; in an AS-external LSA the referenced LS type. */
    public int prefixMetric(int at) {
        return bytes.u16At(at + 2);
    }

    /** The referenced LS type's first byte, in an AS-external LSA's prefix. */
    public int prefixReferencedType(int at) {
        return bytes.byteAt(at + 2);
    }

    /** The prefix's address in 32-bit words, {@code words} of them. */
    public byte[] prefixAddress(int at, int words) {
        return bytes.bytesAt(at + PREFIX_HEADER_LENGTH, words * 4);
    }

    /** True when the {@code n} bytes at {@code at} were captured. */
    public boolean captured(int at, int n) {
        return bytes.has(at, n);
    }

    public int tlvType(int at) {
        return bytes.u16At(at);
    }

    public int tlvLength(int at) {
        return bytes.u16At(at + 2);
    }

    /** A TLV value's first byte (the grace LSA's restart reason). */
    public int valueByte(int at) {
        return bytes.byteAt(at);
    }

    /** A TLV value's first 32 bits (the grace period). */
    public long valueWord(int at) {
        return bytes.u32At(at);
    }

    /** A TLV value's first 32 bits as the four bytes of an address. */
    public byte[] valueAddress(int at) {
        return bytes.bytesAt(at, 4);
    }
}
