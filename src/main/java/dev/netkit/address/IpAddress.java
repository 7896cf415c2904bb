package dev.netkit.address;

import dev.netkit.NetkitException;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 (RFC 791) or IPv6 (RFC 4291) address as an unsigned 32- or 128-bit number held in two longs;
 * an IPv4 address lives in the low 32 bits of {@code lo}. Prints IPv6 in RFC 5952 form.
 */
public record IpAddress(int version, long hi, long lo) implements Comparable<IpAddress> {

    public IpAddress {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("version " + version);
        }
        if (version == 4 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 value over 32 bits");
        }
    }

    public static IpAddress v4(long value) {
        return new IpAddress(4, 0, value & 0xffffffffL);
    }

    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(6, hi, lo);
    }

    /** The number of bits: 32 or 128. */
    public int bits() {
        return version == 4 ? 32 : 128;
    }

    /**
     * Parses an IPv4 dotted quad, an IPv4 address written as one 32-bit number in decimal ({@code 3325256714}) or
     * hex ({@code 0xc633640a}), as inet_aton(3) and so ping and getaddrinfo take it, or an IPv6 address in any RFC
     * 4291 text form.
     */
    public static IpAddress parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw NetkitException.usage("an empty address: give an IPv4 address like 192.0.2.1 or an IPv6 one like 2001:db8::1");
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        if (s.indexOf('.') < 0 && (s.startsWith("0x") || s.startsWith("0X") || Character.isDigit(s.charAt(0)))) {
            return v4(parseV4Number(s));
        }
        return v4(parseV4(s, s));
    }

    /** One 32-bit number, decimal or 0x-hex; a decimal with a leading zero is refused as an octet is. */
    private static long parseV4Number(String s) {
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String digits = hex ? s.substring(2) : s;
        if (digits.isEmpty()) {
            throw notV4(s, "no hex digits after '0x'");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), hex ? 16 : 10);
            if (d < 0 || digits.charAt(i) > 127) {
                throw notV4(s, "'" + digits.charAt(i) + "' is not a " + (hex ? "hex" : "decimal") + " digit");
            }
            value = value * (hex ? 16 : 10) + d;
            if (value > 0xffffffffL) {
                throw notV4(s, "as one number it is over 4294967295 (0xffffffff), the largest 32-bit address");
            }
        }
        if (!hex && digits.length() > 1 && digits.charAt(0) == '0') {
            throw notV4(s, "the number has a leading zero (octal or decimal?): write " + value);
        }
        return value;
    }

    static long parseV4(String s, String whole) {
        long value = 0;
        int octets = 0;
        int i = 0;
        int n = s.length();
        while (true) {
            int start = i;
            long octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                if (octet > 99999) {
                    break;
                }
                i++;
            }
            if (i == start) {
                throw notV4(whole, i < n
                        ? "'" + s.charAt(i) + "' where a decimal octet should be"
                        : "it needs four decimal octets like 192.0.2.1");
            }
            if (octet > 255) {
                throw notV4(whole, "octet " + s.substring(start, i) + " is over 255");
            }
            if (i - start > 1 && s.charAt(start) == '0') {
                throw notV4(whole, "octet " + s.substring(start, i) + " has a leading zero (octal or decimal?): write "
                        + octet);
            }
            value = (value << 8) | octet;
            octets++;
            if (octets == 4) {
                if (i != n) {
                    throw notV4(whole, "it has more than four octets");
                }
                return value;
            }
            if (i >= n || s.charAt(i) != '.') {
                throw notV4(whole, i >= n ? "it has only " + octets + " octet" + (octets == 1 ? "" : "s")
                        + ", an IPv4 address has four" : "'" + s.charAt(i) + "' where a '.' should be");
            }
            i++;
        }
    }

    private static NetkitException notV4(String text, String why) {
        return NetkitException.usage("'" + text + "' is not an IPv4 address: " + why);
    }

    private static NetkitException notV6(String text, String why) {
        return NetkitException.usage("'" + text + "' is not an IPv6 address: " + why);
    }

    private static IpAddress parseV6(String s) {
        if (s.indexOf('%') >= 0) {
            throw notV6(s, "zone indexes like %eth0 are not part of a subnet: remove it");
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            throw notV6(s, "'::' may appear only once");
        }
        int[] groups = new int[8];
        int count;
        if (dc < 0) {
            count = parseGroups(s, s, groups, 0, true);
            if (count != 8) {
                throw notV6(s, "it has " + count + " groups, an IPv6 address has eight (or use '::')");
            }
        } else {
            String head = s.substring(0, dc);
            String tail = s.substring(dc + 2);
            int[] tailGroups = new int[8];
            int h = head.isEmpty() ? 0 : parseGroups(head, s, groups, 0, false);
            int t = tail.isEmpty() ? 0 : parseGroups(tail, s, tailGroups, 0, true);
            if (h + t > 7) {
                throw notV6(s, "'::' must stand for at least one zero group, but there are already " + (h + t)
                        + " groups");
            }
            System.arraycopy(tailGroups, 0, groups, 8 - t, t);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | groups[g];
            lo = (lo << 16) | groups[g + 4];
        }
        return v6(hi, lo);
    }

    /** Parses colon-separated hex groups (and a final dotted quad when allowed); returns the group count. */
    private static int parseGroups(String part, String whole, int[] out, int at, boolean v4Allowed) {
        String[] pieces = part.split(":", -1);
        int count = at;
        for (int p = 0; p < pieces.length; p++) {
            String g = pieces[p];
            if (g.isEmpty()) {
                throw notV6(whole, "an empty group (a single ':' at the start or end, or ':::')");
            }
            if (p == pieces.length - 1 && g.indexOf('.') >= 0) {
                if (!v4Allowed) {
                    throw notV6(whole, "an embedded IPv4 address may only come last");
                }
                long v4;
                try {
                    v4 = parseV4(g, g);
                } catch (NetkitException e) {
                    throw notV6(whole, "embedded " + e.getMessage());
                }
                if (count + 2 > 8) {
                    throw notV6(whole, "too many groups");
                }
                out[count++] = (int) (v4 >>> 16);
                out[count++] = (int) (v4 & 0xffff);
                continue;
            }
            if (g.length() > 4) {
                throw notV6(whole, "group '" + g + "' has more than four hex digits");
            }
            int v = 0;
            for (int i = 0; i < g.length(); i++) {
                int d = Character.digit(g.charAt(i), 16);
                if (d < 0) {
                    throw notV6(whole, "'" + g.charAt(i) + "' is not a hex digit");
                }
                v = (v << 4) | d;
            }
            if (count >= 8) {
                throw notV6(whole, "it has more than eight groups");
            }
            out[count++] = v;
        }
        return count;
    }

    /** The 16-bit group {@code i} (0..7) of an IPv6 address. */
    public int group(int i) {
        long word = i < 4 ? hi : lo;
        return (int) ((word >>> (16 * (3 - (i & 3)))) & 0xffff);
    }

    /** The bit at position {@code i} counted from the most significant (0). */
    public boolean bit(int i) {
        if (version == 4) {
            return ((lo >>> (31 - i)) & 1) != 0;
        }
        return i < 64 ? ((hi >>> (63 - i)) & 1) != 0 : ((lo >>> (127 - i)) & 1) != 0;
    }

    public BigInteger toBigInteger() {
        if (version == 4) {
            return BigInteger.valueOf(lo);
        }
        return new BigInteger(1, bytes());
    }

    public static IpAddress fromBigInteger(int version, BigInteger v) {
        if (version == 4) {
            return v4(v.longValue());
        }
        return v6(v.shiftRight(64).longValue(), v.longValue());
    }

    /** The address of 4 (IPv4) or 16 (IPv6) network-order bytes. */
    public static IpAddress of(byte[] b) {
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            for (byte x : b) {
                lo = (lo << 8) | (x & 0xff);
            }
            return v4(lo);
        }
        if (b.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + b.length);
        }
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return v6(hi, lo);
    }

    /** The address of a JDK address (its scope, if any, left behind). */
    public static IpAddress of(InetAddress a) {
        return of(a.getAddress());
    }

    /** The JDK's address; 16 bytes stay IPv6 even when they are IPv4-mapped (::ffff:a.b.c.d). */
    public InetAddress toInetAddress() {
        try {
            return version == 6 ? Inet6Address.getByAddress(null, bytes(), -1) : InetAddress.getByAddress(bytes());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public byte[] bytes() {
        int n = version == 4 ? 4 : 16;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int shift = 8 * (n - 1 - i);
            if (version == 4) {
                b[i] = (byte) (lo >>> shift);
            } else {
                b[i] = (byte) (i < 8 ? hi >>> (shift - 64) : lo >>> shift);
            }
        }
        return b;
    }

    /** The netmask of a prefix length as an address: /26 is 255.255.255.192. */
    public static IpAddress mask(int version, int prefix) {
        return new IpAddress(version, maskHi(version, prefix), maskLo(version, prefix));
    }

    private static long maskHi(int version, int prefix) {
        return version == 4 || prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    private static long maskLo(int version, int prefix) {
        if (version == 4) {
            return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        }
        return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    }

    /**
     * True when this address and {@code o} (of the same version) agree in their first {@code prefix} bits. Builds no
     * mask: a scan tests each of a /16's 65,534 targets against every special-purpose block and route.
     */
    public boolean samePrefix(IpAddress o, int prefix) {
        return ((hi ^ o.hi) & maskHi(version, prefix)) == 0 && ((lo ^ o.lo) & maskLo(version, prefix)) == 0;
    }

    public IpAddress and(IpAddress o) {
        return new IpAddress(version, hi & o.hi, lo & o.lo);
    }

    public IpAddress or(IpAddress o) {
        return new IpAddress(version, hi | o.hi, lo | o.lo);
    }

    /** The bitwise complement within the address width. */
    public IpAddress not() {
        return version == 4 ? v4(~lo) : v6(~hi, ~lo);
    }

    /** This address plus {@code n} (may be negative), wrapping within the address width. */
    public IpAddress plus(long n) {
        if (version == 4) {
            return v4(lo + n);
        }
        long l = lo + n;
        long h = hi;
        if (n >= 0 && Long.compareUnsigned(l, lo) < 0) {
            h++;
        } else if (n < 0 && Long.compareUnsigned(l, lo) > 0) {
            h--;
        }
        return v6(h, l);
    }

    /** The prefix length if this is a contiguous netmask, else -1. */
    public int maskLength() {
        int ones = Long.bitCount(hi) + Long.bitCount(lo);
        return equals(mask(version, ones)) ? ones : -1;
    }

    // equals and hashCode are written out: a record's generated ones bootstrap method handles on first use,
    // which costs start-up time the AOT cache does not save.
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.version == version && a.hi == hi && a.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi) * 31 + Long.hashCode(lo) + version;
    }

    @Override
    public int compareTo(IpAddress o) {
        if (version != o.version) {
            return Integer.compare(version, o.version);
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** Dotted quad, or RFC 5952 for IPv6 (lower case, longest zero run compressed, ::ffff:a.b.c.d). */
    @Override
    public String toString() {
        if (version == 4) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return "::ffff:" + v4(lo & 0xffffffffL);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(j) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(group(i)));
        }
        return b.toString();
    }

    /** IPv6 with all eight groups of four digits; IPv4 unchanged. */
    public String expanded() {
        if (version == 4) {
            return toString();
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                b.append(':');
            }
            hexDigits(b, group(i), 4);
        }
        return b.toString();
    }

    /** The address as hex digits, 0x-prefixed: 0xc633640a. */
    public String hex() {
        StringBuilder b = new StringBuilder(34).append("0x");
        if (version == 4) {
            return hexDigits(b, lo, 8).toString();
        }
        return hexDigits(hexDigits(b, hi, 16), lo, 16).toString();
    }

    /** Appends the low {@code digits} hex digits of {@code v}, zero-padded (no Formatter: start-up). */
    static StringBuilder hexDigits(StringBuilder b, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            b.append(Character.forDigit((int) ((v >>> (4 * i)) & 0xf), 16));
        }
        return b;
    }
}
