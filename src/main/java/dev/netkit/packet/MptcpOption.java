package dev.netkit.packet;

/**
 * A Multipath TCP option (RFC 8684 section 3, and RFC 6824's version 0), TCP option kind 30, over its bytes from
 * the kind byte on: the subtype is the high nibble of the third byte. Reads past the option's bytes throw
 * {@link MalformedPacketException#truncated}.
 */
public final class MptcpOption extends PacketView {
    public static final int KIND = 30;
    public static final int CAPABLE = 0;
    public static final int JOIN = 1;
    public static final int DSS = 2;
    public static final int ADD_ADDR = 3;
    public static final int REMOVE_ADDR = 4;
    public static final int PRIO = 5;
    public static final int FAIL = 6;
    public static final int FAST_CLOSE = 7;
    /** MP_TCPRST (RFC 8684 section 3.6): why the subflow was reset. */
    public static final int TCP_RESET = 8;
    /** MP_CAPABLE's checksum-required flag. */
    public static final int CAPABLE_CHECKSUM = 0x80;
    /** DSS flags: DATA_FIN, 8-byte DSN, DSN present, 8-byte data ack, data ack present. */
    public static final int DSS_FIN = 0x10;
    public static final int DSS_DSN8 = 0x08;
    public static final int DSS_DSN = 0x04;
    public static final int DSS_ACK8 = 0x02;
    public static final int DSS_ACK = 0x01;

    /** The option from a TCP option's data (the bytes after kind and length). */
    public static MptcpOption of(TcpOption.Unknown o) {
        byte[] data = o.data();
        byte[] whole = new byte[data.length + 2];
        whole[0] = (byte) o.kind();
        whole[1] = (byte) whole.length;
        System.arraycopy(data, 0, whole, 2, data.length);
        return new MptcpOption(whole);
    }

    public MptcpOption(byte[] option) {
        super(option, 0, option.length);
    }

    /** The option's length, kind and length bytes included. */
    public int optionLength() {
        return length;
    }

    public int subtype() {
        return byteAt(2) >> 4;
    }

    public int byteAt(int i) {
        return u8("mptcp", "byte " + i, i);
    }

    public int u16At(int i) {
        return u16("mptcp", "bytes " + i + "-" + (i + 1), i);
    }

    public long u32At(int i) {
        return u32("mptcp", "bytes " + i + "-" + (i + 3), i);
    }

    /** A 64-bit field (keys, HMACs, 8-byte sequence numbers) as its bits. */
    public long u64At(int i) {
        return (u32At(i) << 32) | u32At(i + 4);
    }

    public byte[] bytesAt(int i, int n) {
        return bytes("mptcp", "bytes " + i + "-" + (i + n - 1), i, n);
    }
}
