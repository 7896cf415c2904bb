package dev.netkit.packet;

/**
 * An LLDPDU over the bytes captured of it (IEEE 802.1AB-2016 clause 8): a sequence of TLVs, each a 7-bit type and
 * a 9-bit length, then the value; an End TLV (type 0) closes it. Reads past the capture throw
 * {@link MalformedPacketException#truncated}.
 */
public final class LldpPdu {
    public static final int ETHERTYPE = 0x88cc;

    private final MessageBytes bytes;

    /** The LLDPDU at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public LldpPdu(byte[] buffer, int offset, int end) {
        this.bytes = new MessageBytes("lldp", buffer, offset, end);
    }

    /** The TLV whose header is at {@code at}: its header read, its value as far as it was captured. */
    public LldpTlv tlv(int at) {
        int header = bytes.u16At(at);
        int length = header & 0x1ff;
        return new LldpTlv(header >> 9, length,
                bytes.inner("lldp", at + LldpTlv.HEADER_LENGTH, length));
    }
}
