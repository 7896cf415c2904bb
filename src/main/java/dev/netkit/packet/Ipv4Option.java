package dev.netkit.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** One IPv4 option (RFC 791 section 3.1): type, then for types other than EOL (0) and NOP (1) a length and data. */
public record Ipv4Option(int type, byte[] data) {
    public static final int END_OF_LIST = 0;
    public static final int NO_OPERATION = 1;
    public static final int RECORD_ROUTE = 7;
    public static final int TIMESTAMP = 68;
    public static final int LOOSE_SOURCE_ROUTE = 131;
    public static final int STRICT_SOURCE_ROUTE = 137;
    public static final int ROUTER_ALERT = 148;
    /** The internet timestamp's flag (RFC 791 section 3.1): timestamps only. */
    public static final int TIMESTAMPS_ONLY = 0;
    /** The internet timestamp's flag: each timestamp preceded by the address of the router that wrote it. */
    public static final int TIMESTAMPS_AND_ADDRESSES = 1;

    public Ipv4Option {
        data = data.clone();
    }

    /** Record route (RFC 791 section 3.1) with room for {@code slots} addresses (1..9), pointer at the first. */
    public static Ipv4Option recordRoute(int slots) {
        if (slots < 1 || slots > 9) {
            throw new IllegalArgumentException("record route: 1..9 slots, not " + slots);
        }
        byte[] data = new byte[1 + 4 * slots];
        data[0] = 4;
        return new Ipv4Option(RECORD_ROUTE, data);
    }

    /** An internet timestamp (RFC 791 section 3.1) with {@code slots} empty entries and the given flag (0 or 1). */
    public static Ipv4Option timestamp(int flag, int slots) {
        int entry = flag == TIMESTAMPS_AND_ADDRESSES ? 8 : 4;
        if ((flag != TIMESTAMPS_ONLY && flag != TIMESTAMPS_AND_ADDRESSES) || slots < 1 || 4 + entry * slots > 40) {
            throw new IllegalArgumentException("timestamp: flag 0 or 1 and entries that fit 40 bytes, not " + flag
                    + "/" + slots);
        }
        byte[] data = new byte[2 + entry * slots];
        data[0] = 5;
        data[1] = (byte) flag;
        return new Ipv4Option(TIMESTAMP, data);
    }

    /** Router alert (RFC 2113) with its 16-bit value (0: every router examines the packet). */
    public static Ipv4Option routerAlert(int value) {
        return new Ipv4Option(ROUTER_ALERT, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** Bytes this option takes: 1 for EOL and NOP, else type, length and data. */
    public int bufferLength() {
        return type == END_OF_LIST || type == NO_OPERATION ? 1 : 2 + data.length;
    }

    /** Writes the option at {@code offset}; returns its length. */
    public int emit(byte[] buffer, int offset) {
        buffer[offset] = (byte) type;
        if (bufferLength() > 1) {
            buffer[offset + 1] = (byte) bufferLength();
            System.arraycopy(data, 0, buffer, offset + 2, data.length);
        }
        return bufferLength();
    }

    /** The options field for {@code options}: each in order, then EOL and zeros up to a multiple of 4 bytes. */
    public static byte[] emitAll(List<Ipv4Option> options) {
        int length = 0;
        for (Ipv4Option o : options) {
            length += o.bufferLength();
        }
        byte[] field = new byte[(length + 3) / 4 * 4];
        int at = 0;
        for (Ipv4Option o : options) {
            at += o.emit(field, at);
        }
        return field; // the zeros after the last option are EOL and its padding
    }

    /** Splits an options field; stops after EOL. */
    public static List<Ipv4Option> parseAll(byte[] options) {
        List<Ipv4Option> out = new ArrayList<>();
        int i = 0;
        while (i < options.length) {
            int type = options[i] & 0xff;
            if (type == END_OF_LIST || type == NO_OPERATION) {
                out.add(new Ipv4Option(type, new byte[0]));
                i++;
                if (type == END_OF_LIST) {
                    break;
                }
                continue;
            }
            if (i + 1 >= options.length) {
                throw new MalformedPacketException("IPv4", "option " + type + " has no length byte");
            }
            int len = options[i + 1] & 0xff;
            if (len < 2) {
                throw new MalformedPacketException("IPv4", "option " + type + " length " + len + " is below 2");
            }
            if (i + len > options.length) {
                throw new MalformedPacketException("IPv4", "option " + type + " length " + len + " exceeds the "
                        + (options.length - i) + " bytes of options left");
            }
            out.add(new Ipv4Option(type, Arrays.copyOfRange(options, i + 2, i + len)));
            i += len;
        }
        return out;
    }

    /** True when the option is copied into every fragment (RFC 791: the high bit of the type). */
    public boolean copied() {
        return (type & 0x80) != 0;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Option x && x.type == type && Arrays.equals(x.data, data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "option(" + type + (data.length > 0 ? " " + HexFormat.of().formatHex(data) : "") + ")";
    }
}
