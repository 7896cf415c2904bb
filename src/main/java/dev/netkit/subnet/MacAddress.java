package dev.netkit.subnet;

import dev.netkit.NetkitException;

/** A 48-bit IEEE 802 MAC address, parsed from colon, dash or Cisco dotted form. */
public record MacAddress(long value) {

    /** Parses 00:0c:29:04:23:4c, 00-0c-29-04-23-4c or 000c.2904.234c. */
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
            String[] parts = s.split(sep.equals(":") ? ":" : "-", -1);
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
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                throw bad(s, "'" + digits.charAt(i) + "' is not a hex digit");
            }
            v = (v << 4) | d;
        }
        return new MacAddress(v);
    }

    private static NetkitException bad(String text, String why) {
        return NetkitException.usage("'" + text + "' is not a MAC address: " + why);
    }

    /**
     * The modified EUI-64 interface identifier (RFC 4291 appendix A): ff:fe in the middle and the
     * universal/local bit flipped.
     */
    public long interfaceId() {
        long oui = value >>> 24;
        long nic = value & 0xffffff;
        long id = (oui << 40) | (0xfffeL << 24) | nic;
        return id ^ (0x02L << 56);
    }

    /** The address {@code prefix} + this MAC's interface identifier; the prefix must be /64 or shorter. */
    public IpAddress eui64(Cidr prefix) {
        if (prefix.version() != 6) {
            throw NetkitException.usage("EUI-64 needs an IPv6 prefix, not " + prefix);
        }
        if (prefix.prefix() > 64) {
            throw NetkitException.usage("prefix " + prefix + " is longer than /64: EUI-64 fills the low 64 bits");
        }
        return IpAddress.v6(prefix.network().hi(), interfaceId());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            IpAddress.hexDigits(b, value >>> (8 * i), 2);
            if (i > 0) {
                b.append(':');
            }
        }
        return b.toString();
    }
}
