package dev.netkit.packet;

import java.util.Arrays;
import java.util.HexFormat;

/** A 48-bit IEEE 802 MAC address (RFC 7042 section 2.1), printed as {@code 52:54:00:3b:2b:25}. */
public final class MacAddress {
    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    public static final MacAddress ZERO = new MacAddress(new byte[6]);

    private final byte[] octets;

    private MacAddress(byte[] octets) {
        this.octets = octets;
    }

    /** The address of 6 octets (copied). */
    public static MacAddress of(byte[] octets) {
        if (octets.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 octets, not " + octets.length);
        }
        return new MacAddress(octets.clone());
    }

    static MacAddress read(byte[] b, int i) {
        return new MacAddress(NetworkOrder.copy(b, i, 6));
    }

    /**
     * Parses {@code 00:0c:29:04:23:4c}, {@code 00-0c-29-04-23-4c} (one or two hex digits a byte) or Cisco's
     * {@code 000c.2904.234c}; the message of the exception says what is wrong, for the user.
     */
    public static MacAddress parse(String text) {
        String s = text.strip();
        String digits;
        if (s.indexOf('.') >= 0) {
            String[] parts = s.split("\\.", -1);
            for (String p : parts) {
                if (p.length() != 4) {
                    throw bad(s, "Cisco dotted form has three groups of four hex digits, like 000c.2904.234c");
                }
            }
            if (parts.length != 3) {
                throw bad(s, "it has " + (parts.length * 2) + " bytes, a MAC has 6");
            }
            digits = String.join("", parts);
        } else {
            String sep = s.indexOf(':') >= 0 ? ":" : s.indexOf('-') >= 0 ? "-" : null;
            if (sep == null) {
                throw bad(s, "write it as 00:0c:29:04:23:4c, 00-0c-29-04-23-4c or 000c.2904.234c");
            }
            if (s.contains(":") && s.contains("-")) {
                throw bad(s, "it mixes ':' and '-'");
            }
            String[] parts = s.split(sep, -1);
            if (parts.length != 6) {
                throw bad(s, "it has " + parts.length + " bytes, a MAC has 6");
            }
            StringBuilder b = new StringBuilder(12);
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 2) {
                    throw bad(s, "byte '" + p + "' is not one or two hex digits");
                }
                b.append(p.length() == 1 ? "0" : "").append(p);
            }
            digits = b.toString();
        }
        byte[] octets = new byte[6];
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                throw bad(s, "'" + digits.charAt(i) + "' is not a hex digit");
            }
            octets[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
        }
        return new MacAddress(octets);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a MAC address: " + why);
    }

    /** The address as a 48-bit number, first octet highest. */
    public long value() {
        long v = 0;
        for (byte o : octets) {
            v = (v << 8) | (o & 0xff);
        }
        return v;
    }

    /** The address of a 48-bit number, first octet highest. */
    public static MacAddress of(long value) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (value >>> (8 * (5 - i)));
        }
        return new MacAddress(b);
    }

    /**
     * The modified EUI-64 interface identifier (RFC 4291 appendix A): ff:fe in the middle and the
     * universal/local bit flipped.
     */
    public long interfaceId() {
        long value = value();
        long oui = value >>> 24;
        long nic = value & 0xffffff;
        long id = (oui << 40) | (0xfffeL << 24) | nic;
        return id ^ (0x02L << 56);
    }

    /** The six octets (a copy). */
    public byte[] octets() {
        return octets.clone();
    }

    void write(byte[] b, int i) {
        System.arraycopy(octets, 0, b, i, 6);
    }

    public boolean isBroadcast() {
        return equals(BROADCAST);
    }

    /** The group bit (least significant bit of the first octet). */
    public boolean isMulticast() {
        return (octets[0] & 1) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(octets, m.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }
}
