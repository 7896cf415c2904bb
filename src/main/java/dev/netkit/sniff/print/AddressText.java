package dev.netkit.sniff.print;

import java.net.InetAddress;

/**
 * Addresses as tcpdump prints them, written straight into a StringBuilder: dotted IPv4, IPv6 in the form
 * glibc's inet_ntop gives (RFC 5952 with embedded IPv4 for ::a.b.c.d and ::ffff:a.b.c.d), MACs lowercase.
 */
public final class AddressText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressText() {
    }

    static StringBuilder ip(StringBuilder b, InetAddress a) {
        if (a instanceof java.net.Inet4Address) {
            int v = ipv4Bits(a);
            return b.append(OCTET[v >>> 24]).append('.').append(OCTET[(v >>> 16) & 0xff]).append('.')
                    .append(OCTET[(v >>> 8) & 0xff]).append('.').append(OCTET[v & 0xff]);
        }
        byte[] x = a.getAddress();
        return x.length == 4 ? ipv4(b, x, 0) : ipv6(b, x, 0);
    }

    /** An address as tcpdump prints it (IPv6 compressed the way inet_ntop does). */
    public static String ip(InetAddress a) {
        return ip(new StringBuilder(40), a).toString();
    }

    /** An IPv4 address's 32 bits, from its documented {@code getAddress()} (not its hashCode, which no spec fixes). */
    static int ipv4Bits(InetAddress a) {
        byte[] x = a.getAddress();
        return (x[0] & 0xff) << 24 | (x[1] & 0xff) << 16 | (x[2] & 0xff) << 8 | (x[3] & 0xff);
    }

    /** "0" to "255", so an address is four appends of ready strings. */
    private static final String[] OCTET = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            OCTET[i] = Integer.toString(i);
        }
    }

    static StringBuilder ipv4(StringBuilder b, byte[] x, int o) {
        b.append(OCTET[x[o] & 0xff]).append('.').append(OCTET[x[o + 1] & 0xff]).append('.')
                .append(OCTET[x[o + 2] & 0xff]).append('.').append(OCTET[x[o + 3] & 0xff]);
        return b;
    }

    static StringBuilder ipv6(StringBuilder b, byte[] x, int o) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((x[o + 2 * i] & 0xff) << 8) | (x[o + 2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && curLen > bestLen) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    b.append(':');
                }
                continue;
            }
            if (i != 0) {
                b.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                ipv4(b, x, o + 12);
                return b;
            }
            hex16(b, w[i]);
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            b.append(':');
        }
        return b;
    }

    private static void hex16(StringBuilder b, int v) {
        boolean started = false;
        for (int s = 12; s >= 0; s -= 4) {
            int d = (v >> s) & 0xf;
            if (d != 0 || started || s == 0) {
                b.append(HEX[d]);
                started = true;
            }
        }
    }

    static StringBuilder mac(StringBuilder b, byte[] m) {
        for (int i = 0; i < m.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(HEX[(m[i] >> 4) & 0xf]).append(HEX[m[i] & 0xf]);
        }
        return b;
    }

    static String mac(byte[] m) {
        return mac(new StringBuilder(17), m).toString();
    }

    static void hex2(StringBuilder b, int v) {
        b.append(HEX[(v >> 4) & 0xf]).append(HEX[v & 0xf]);
    }

    static void hex4(StringBuilder b, int v) {
        hex2(b, v >> 8);
        hex2(b, v);
    }

    /** {@code 0x1f} style without leading zeros, like printf("%x"). */
    static void hex(StringBuilder b, long v) {
        b.append(Long.toHexString(v));
    }
}
