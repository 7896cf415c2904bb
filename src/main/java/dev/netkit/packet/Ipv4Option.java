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

    public Ipv4Option {
        data = data.clone();
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
