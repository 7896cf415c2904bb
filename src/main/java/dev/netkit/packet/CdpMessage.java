package dev.netkit.packet;

/**
 * A Cisco Discovery Protocol message over the bytes captured of it (Cisco's CDP, carried in SNAP under OUI
 * 00:00:0c, protocol id 0x2000): version, TTL and checksum, then TLVs of a 16-bit type and a 16-bit length that
 * counts the TLV's own 4-byte header. Reads past the capture throw {@link MalformedPacketException#truncated}.
 */
public final class CdpMessage {
    /** The SNAP protocol id of CDP under Cisco's OUI. */
    public static final int SNAP_PID = 0x2000;
    /** Version, TTL, checksum; the first TLV follows. */
    public static final int HEADER_LENGTH = 4;

    private final MessageBytes bytes;

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public CdpMessage(byte[] buffer, int offset, int end) {
        this.bytes = new MessageBytes("cdp", buffer, offset, end);
    }

    public int version() {
        return bytes.byteAt(0);
    }

    /** Seconds a receiver keeps what the message says. */
    public int ttl() {
        return bytes.byteAt(1);
    }

    public int checksum() {
        return bytes.u16At(2);
    }

    /** Throws a truncation error unless the {@code n} bytes at {@code at} were captured. */
    public void need(int at, int n) {
        bytes.need(at, n);
    }

    /** The TLV whose header is at {@code at}: its header read, its value as far as it was captured. */
    public CdpTlv tlv(int at) {
        int type = bytes.u16At(at);
        int length = bytes.u16At(at + 2);
        return new CdpTlv(type, length, bytes.inner("cdp", at + CdpTlv.HEADER_LENGTH, length - CdpTlv.HEADER_LENGTH));
    }
}
