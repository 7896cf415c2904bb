package dev.netkit.packet;

/**
 * The fields of the LSA header OSPFv2 (RFC 2328 A.4.1) and OSPFv3 (RFC 5340 A.4.2) share at the same offsets: age,
 * link state id, advertising router, sequence number and length. A field beyond the capture throws
 * {@link MalformedPacketException#truncated}.
 */
public abstract sealed class OspfLsaHeader permits OspfLsa, Ospf6Lsa {
    public static final int HEADER_LENGTH = 20;
    /** The captured bytes from the LSA's start; offsets are relative to it. */
    protected final MessageBytes bytes;

    OspfLsaHeader(MessageBytes bytes) {
        this.bytes = bytes;
    }

    /** The captured bytes, for a hex dump of a body or value tcpdump does not decode. */
    public MessageBytes bytes() {
        return bytes;
    }

    /** Seconds since the LSA was originated. */
    public int age() {
        return bytes.u16At(0);
    }

    public byte[] lsaId() {
        return bytes.bytesAt(4, 4);
    }

    public byte[] advertisingRouter() {
        return bytes.bytesAt(8, 4);
    }

    public long sequence() {
        return bytes.u32At(12);
    }

    /** The LSA's length, header included. */
    public int lsaLength() {
        return bytes.u16At(18);
    }
}
