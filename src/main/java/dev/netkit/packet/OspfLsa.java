package dev.netkit.packet;

/**
 * One OSPFv2 LSA over the bytes captured of it (RFC 2328 appendix A.4): the 20-byte header, then the router,
 * network, summary or AS-external body, or an opaque LSA's TLVs (RFC 5250; traffic engineering, RFC 3630).
 * Offsets are relative to the LSA's start; a field beyond the capture throws
 * {@link MalformedPacketException#truncated}.
 */
public final class OspfLsa extends OspfLsaHeader {
    public static final int TYPE_ROUTER = 1;
    public static final int TYPE_NETWORK = 2;
    public static final int TYPE_SUMMARY = 3;
    public static final int TYPE_ASBR_SUMMARY = 4;
    public static final int TYPE_AS_EXTERNAL = 5;
    public static final int TYPE_NSSA = 7;
    public static final int TYPE_OPAQUE_LINK = 9;
    public static final int TYPE_OPAQUE_AREA = 10;
    public static final int TYPE_OPAQUE_AS = 11;
    /** The opaque type of a traffic engineering LSA (RFC 3630 section 2.2). */
    public static final int OPAQUE_TRAFFIC_ENGINEERING = 1;
    /** Where a router LSA's links start (A.4.2); a link is 12 bytes and 4 more per TOS. */
    public static final int ROUTER_LINKS = 24;
    /** Where a network LSA's attached routers start (A.4.3), 4 bytes each. */
    public static final int NETWORK_ROUTERS = 24;
    public static final int ROUTER_ID_LENGTH = 4;
    /** Where a summary LSA's metrics start (A.4.4), 4 bytes each. */
    public static final int SUMMARY_METRICS = 24;
    public static final int SUMMARY_METRIC_LENGTH = 4;
    /** Where an AS-external LSA's metric entries start (A.4.5): metric, forwarding address, route tag. */
    public static final int EXTERNAL_METRICS = 24;
    public static final int EXTERNAL_METRIC_LENGTH = 12;
    /** An opaque LSA's TLV header (RFC 3630 section 2.3.2): type and length, the value padded to 32 bits. */
    public static final int TLV_HEADER = 4;

    OspfLsa(MessageBytes bytes) {
        super(bytes);
    }

    public int options() {
        return bytes.byteAt(2);
    }

    public int type() {
        return bytes.byteAt(3);
    }

    /** An opaque LSA's opaque type, the link state id's first byte (RFC 5250 section 3). */
    public int opaqueType() {
        return bytes.byteAt(4);
    }

    public int opaqueId() {
        return bytes.u24At(5);
    }

    /** V (virtual link endpoint), E (ASBR), B (ABR) and RFC 3101's Nt: the router LSA's flags. */
    public int routerFlags() {
        return bytes.byteAt(20);
    }

    public int linkCount() {
        return bytes.u16At(22);
    }

    /** Throws a truncation error unless the 12 fixed bytes of the link at {@code at} were captured. */
    public void needLink(int at) {
        bytes.need(at, 12);
    }

    public byte[] linkId(int at) {
        return bytes.bytesAt(at, 4);
    }

    public byte[] linkData(int at) {
        return bytes.bytesAt(at + 4, 4);
    }

    /** Point-to-point (1), transit (2), stub (3), virtual link (4). */
    public int linkType(int at) {
        return bytes.byteAt(at + 8);
    }

    /** How many TOS (RFC 4915: topology) metrics follow the link's own. */
    public int linkTosCount(int at) {
        return bytes.byteAt(at + 9);
    }

    /** The link's {@code t}-th topology: 0 for its own metric, else the TOS entry's type. */
    public int linkTopology(int at, int t) {
        return t == 0 ? 0 : bytes.byteAt(at + 8 + 4 * t);
    }

    /** The link's {@code t}-th metric: its own for 0, else the TOS entry's. */
    public int linkMetric(int at, int t) {
        return bytes.u16At(at + 10 + 4 * t);
    }

    /** Where the link after the one at {@code at} starts. */
    public int nextLink(int at) {
        return at + 12 + 4 * linkTosCount(at);
    }

    /** The network mask of a network, summary or AS-external LSA. */
    public byte[] networkMask() {
        return bytes.bytesAt(20, 4);
    }

    public byte[] attachedRouter(int at) {
        return bytes.bytesAt(at, ROUTER_ID_LENGTH);
    }

    /** Throws a truncation error unless the first metric (summary or AS-external) was captured. */
    public void needFirstMetric() {
        bytes.need(SUMMARY_METRICS, SUMMARY_METRIC_LENGTH);
    }

    /** The summary or AS-external metric word at {@code at}. */
    public Metric metric(int at) {
        long v = bytes.u32At(at);
        return new Metric((int) (v >> 24) & 0x7f, (v & 0x80000000L) != 0, (int) (v & 0xffffff));
    }

    /** True when the AS-external entry at {@code at} names a forwarding address (not 0.0.0.0). */
    public boolean hasForwardingAddress(int at) {
        return bytes.u32At(at + 4) != 0;
    }

    public byte[] forwardingAddress(int at) {
        return bytes.bytesAt(at + 4, 4);
    }

    public boolean hasRouteTag(int at) {
        return bytes.u32At(at + 8) != 0;
    }

    /** The AS-external entry's route tag, 32 bits that tcpdump prints as a dotted quad. */
    public byte[] routeTag(int at) {
        return bytes.bytesAt(at + 8, 4);
    }

    /** Throws a truncation error unless the TLV header at {@code at} was captured. */
    public void needTlvHeader(int at) {
        bytes.need(at, TLV_HEADER);
    }

    /** A TLV value's length with its padding to 32 bits. */
    public static int paddedLength(int length) {
        return (length + 3) & ~3;
    }

    public int tlvType(int at) {
        return bytes.u16At(at);
    }

    public int tlvLength(int at) {
        return bytes.u16At(at + 2);
    }

    /** Throws a truncation error unless the {@code n} bytes of a value at {@code at} were captured. */
    public void needValue(int at, int n) {
        bytes.need(at, n);
    }

    /** A value's byte {@code i} (a link type, a protection or switching capability, an encoding). */
    public int valueByte(int at, int i) {
        return bytes.byteAt(at + i);
    }

    /** A value's {@code i}-th 32-bit word (an address, a metric, a group, a shared risk link group). */
    public long valueWord(int at, int i) {
        return bytes.u32At(at + 4 * i);
    }

    /** A value's {@code i}-th 32-bit word as the four bytes of an address. */
    public byte[] valueAddress(int at, int i) {
        return bytes.bytesAt(at + 4 * i, 4);
    }

    /** A value's {@code i}-th IEEE 754 single: a bandwidth in bytes per second (RFC 3630 section 2.5.6). */
    public float valueBandwidth(int at, int i) {
        return Float.intBitsToFloat((int) valueWord(at, i));
    }

    /**
     * A summary or AS-external metric word (RFC 2328 A.4.4 and A.4.5; RFC 4915's multi-topology id in the TOS
     * byte): the topology, the E bit (a type 2 external metric) and the 24-bit metric.
     */
    public record Metric(int topology, boolean type2, int value) {
        /** LSInfinity (RFC 2328 appendix B). */
        public static final int INFINITY = 0xffffff;
    }
}
