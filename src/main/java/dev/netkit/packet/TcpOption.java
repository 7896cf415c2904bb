package dev.netkit.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One TCP option (RFC 9293 section 3.1): end of list, no-operation, MSS (RFC 9293), window scale and
 * timestamps (RFC 7323), SACK-permitted and SACK blocks (RFC 2018), or an unknown kind kept as bytes.
 */
public sealed interface TcpOption {
    int END_OF_LIST = 0;
    int NO_OPERATION = 1;
    int MSS = 2;
    int WINDOW_SCALE = 3;
    int SACK_PERMITTED = 4;
    int SACK = 5;
    int TIMESTAMPS = 8;

    int kind();

    /** Bytes on the wire, kind and length included. */
    int length();

    void write(byte[] buffer, int offset);

    /** End of option list (kind 0, RFC 9293 section 3.2); the rest of the options field is padding. */
    record EndOfList() implements TcpOption {
        public int kind() {
            return END_OF_LIST;
        }

        public int length() {
            return 1;
        }

        public void write(byte[] b, int o) {
            b[o] = 0;
        }

        @Override
        public String toString() {
            return "eol";
        }
    }

    /** No-operation padding (kind 1, RFC 9293 section 3.2). */
    record NoOperation() implements TcpOption {
        public int kind() {
            return NO_OPERATION;
        }

        public int length() {
            return 1;
        }

        public void write(byte[] b, int o) {
            b[o] = 1;
        }

        @Override
        public String toString() {
            return "nop";
        }
    }

    /** Maximum segment size (kind 2, RFC 9293 section 3.7.1). */
    record MaximumSegmentSize(int mss) implements TcpOption {
        public int kind() {
            return MSS;
        }

        public int length() {
            return 4;
        }

        public void write(byte[] b, int o) {
            b[o] = MSS;
            b[o + 1] = 4;
            NetworkOrder.put16(b, o + 2, mss);
        }

        @Override
        public String toString() {
            return "mss " + mss;
        }
    }

    /** Window scale shift count (kind 3, RFC 7323 section 2). */
    record WindowScale(int shift) implements TcpOption {
        public int kind() {
            return WINDOW_SCALE;
        }

        public int length() {
            return 3;
        }

        public void write(byte[] b, int o) {
            b[o] = WINDOW_SCALE;
            b[o + 1] = 3;
            b[o + 2] = (byte) shift;
        }

        @Override
        public String toString() {
            return "wscale " + shift;
        }
    }

    /** SACK permitted (kind 4, RFC 2018 section 2). */
    record SackPermitted() implements TcpOption {
        public int kind() {
            return SACK_PERMITTED;
        }

        public int length() {
            return 2;
        }

        public void write(byte[] b, int o) {
            b[o] = SACK_PERMITTED;
            b[o + 1] = 2;
        }

        @Override
        public String toString() {
            return "sackOK";
        }
    }

    /** One SACK block: the left and right edges of a received range (RFC 2018 section 3). */
    record SackBlock(long left, long right) {
    }

    /** Selective acknowledgement blocks (kind 5, RFC 2018 section 3). */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
        }

        public int kind() {
            return SACK;
        }

        public int length() {
            return 2 + 8 * blocks.size();
        }

        public void write(byte[] b, int o) {
            b[o] = SACK;
            b[o + 1] = (byte) length();
            int at = o + 2;
            for (SackBlock block : blocks) {
                NetworkOrder.put32(b, at, block.left());
                NetworkOrder.put32(b, at + 4, block.right());
                at += 8;
            }
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("sack ").append(blocks.size());
            for (SackBlock block : blocks) {
                s.append(" {").append(block.left()).append(':').append(block.right()).append('}');
            }
            return s.toString();
        }
    }

    /** Timestamps TSval and TSecr (kind 8, RFC 7323 section 3). */
    record Timestamps(long value, long echoReply) implements TcpOption {
        public int kind() {
            return TIMESTAMPS;
        }

        public int length() {
            return 10;
        }

        public void write(byte[] b, int o) {
            b[o] = TIMESTAMPS;
            b[o + 1] = 10;
            NetworkOrder.put32(b, o + 2, value);
            NetworkOrder.put32(b, o + 6, echoReply);
        }

        @Override
        public String toString() {
            return "TS val " + value + " ecr " + echoReply;
        }
    }

    /** An option this codec does not interpret (RFC 9293 section 3.2: kind, length, data), kept as bytes. */
    record Unknown(int kind, byte[] data) implements TcpOption {
        public Unknown {
            if (data.length > 38) {
                throw new IllegalArgumentException("TCP option data is at most 38 bytes: " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /**
         * The data as a bounds-checked view, for the fields of kinds this codec keeps as bytes: TCP-AO's KeyID and
         * RNextKeyID (RFC 5925 section 2.2) at 0 and 1, an experimental option's ExID (RFC 6994) at 0-1.
         */
        public MessageBytes fields() {
            return new MessageBytes("TCP option " + kind, data, 0, data.length);
        }

        public int length() {
            return 2 + data.length;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) kind;
            b[o + 1] = (byte) length();
            System.arraycopy(data, 0, b, o + 2, data.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.kind == kind && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return kind * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "unknown-" + kind + (data.length > 0 ? " 0x" + HexFormat.of().formatHex(data) : "");
        }
    }

    /** Parses an options field; stops at EOL (the rest is padding). */
    static List<TcpOption> parseAll(byte[] b, int offset, int length) {
        List<TcpOption> out = new ArrayList<>();
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == END_OF_LIST) {
                out.add(new EndOfList());
                break;
            }
            if (kind == NO_OPERATION) {
                out.add(new NoOperation());
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw new MalformedPacketException("TCP", "option " + kind + " has no length byte");
            }
            int len = b[i + 1] & 0xff;
            if (len < 2) {
                throw new MalformedPacketException("TCP", "option " + kind + " length " + len + " is below 2");
            }
            if (i + len > end) {
                throw new MalformedPacketException("TCP", "option " + kind + " length " + len + " exceeds the "
                        + (end - i) + " bytes of options left");
            }
            out.add(parseOne(kind, len, b, i));
            i += len;
        }
        return out;
    }

    private static TcpOption parseOne(int kind, int len, byte[] b, int i) {
        switch (kind) {
            case MSS -> {
                expect("MSS", len, 4);
                return new MaximumSegmentSize(NetworkOrder.u16(b, i + 2));
            }
            case WINDOW_SCALE -> {
                expect("window scale", len, 3);
                return new WindowScale(b[i + 2] & 0xff);
            }
            case SACK_PERMITTED -> {
                expect("SACK-permitted", len, 2);
                return new SackPermitted();
            }
            case SACK -> {
                if ((len - 2) % 8 != 0) {
                    throw new MalformedPacketException("TCP", "option SACK length " + len + " is not 2 + 8n");
                }
                List<SackBlock> blocks = new ArrayList<>();
                for (int at = i + 2; at < i + len; at += 8) {
                    blocks.add(new SackBlock(NetworkOrder.u32(b, at), NetworkOrder.u32(b, at + 4)));
                }
                return new Sack(blocks);
            }
            case TIMESTAMPS -> {
                expect("timestamps", len, 10);
                return new Timestamps(NetworkOrder.u32(b, i + 2), NetworkOrder.u32(b, i + 6));
            }
            default -> {
                return new Unknown(kind, Arrays.copyOfRange(b, i + 2, i + len));
            }
        }
    }

    private static void expect(String name, int len, int expected) {
        if (len != expected) {
            throw new MalformedPacketException("TCP", "option " + name + " length " + len + " is not " + expected);
        }
    }
}
