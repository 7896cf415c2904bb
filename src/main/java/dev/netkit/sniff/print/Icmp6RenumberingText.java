package dev.netkit.sniff.print;

import dev.netkit.packet.Icmpv6Message;

/**
 * tcpdump's router renumbering text (print-icmp6.c, RFC 2894): the code and sequence number, then a command's
 * match-prefix part and its use-prefix parts; -v adds flags, segment, delays, ordinals and lifetimes. Where the
 * capture ends the text says {@code [|icmp6]}.
 */
final class Icmp6RenumberingText {
    /** After sequence number, segment number, flags, max delay and reserved: where the match-prefix part starts. */
    private static final int MATCH = 12;
    private static final int MATCH_LENGTH = 24;
    private static final int USE_LENGTH = 32;

    private Icmp6RenumberingText() {
    }

    /** The text after "router renumbering"; false when the capture ended inside the message. */
    static boolean print(StringBuilder b, Icmpv6Message.Other m, int verbose) {
        byte[] d = m.body();
        if (d.length < MATCH) {
            return false;
        }
        int code = m.code();
        b.append(switch (code) {
            case 0 -> ", command";
            case 1 -> ", result";
            case 255 -> ", sequence number reset";
            default -> ", code-#" + code;
        });
        b.append(", seq=").append(u32(d, 0));
        if (verbose > 0) {
            int flags = d[5] & 0xff;
            b.append('[');
            if (flags != 0) {
                String[] names = {"T", "R", "A", "S", "P"};
                for (int i = 0; i < names.length; i++) {
                    if ((flags & (0x80 >> i)) != 0) {
                        b.append(names[i]);
                    }
                }
                b.append(',');
            }
            b.append("seg=").append(d[4] & 0xff).append(',').append("maxdelay=").append(u16(d, 6));
            if (u32(d, 8) != 0) {
                b.append("rsvd=0x").append(Long.toHexString(u32(d, 8)));
            }
            b.append(']');
        }
        if (code != 0) {
            return true;
        }
        if (d.length < MATCH + MATCH_LENGTH) {
            return false;
        }
        int p = MATCH;
        b.append(verbose > 1 ? "\n\t" : " ").append("match(");
        int op = d[p] & 0xff;
        b.append(op == 1 ? "add" : op == 2 ? "change" : op == 3 ? "setglobal" : "#" + op);
        if (verbose > 0) {
            b.append(",ord=").append(d[p + 2] & 0xff).append(",min=").append(d[p + 4] & 0xff).append(",max=")
                    .append(d[p + 5] & 0xff);
        }
        AddressText.ipv6(b.append(','), d, p + 8).append('/').append(d[p + 3] & 0xff).append(')');
        int n = (d[p + 1] & 0xff) - 3;
        if (n % 4 != 0) {
            return false;
        }
        p += MATCH_LENGTH;
        for (int k = n / 4; k > 0; k--, p += USE_LENGTH) {
            if (d.length < p + USE_LENGTH) {
                return false;
            }
            use(b, d, p, verbose);
        }
        return true;
    }

    private static void use(StringBuilder b, byte[] d, int p, int verbose) {
        b.append(verbose > 1 ? "\n\t" : " ").append("use(");
        int flags = d[p + 12] & 0xff;
        if (flags != 0) {
            b.append((flags & 0x80) != 0 ? "V" : "").append((flags & 0x40) != 0 ? "P" : "").append(',');
        }
        if (verbose > 0) {
            b.append("mask=0x").append(Integer.toHexString(d[p + 2] & 0xff)).append(",raflags=0x")
                    .append(Integer.toHexString(d[p + 3] & 0xff)).append(',');
            lifetime(b, "vltime=", u32(d, p + 4));
            lifetime(b, "pltime=", u32(d, p + 8));
        }
        AddressText.ipv6(b, d, p + 16).append('/').append(d[p] & 0xff).append('/').append(d[p + 1] & 0xff)
                .append(')');
    }

    private static void lifetime(StringBuilder b, String name, long v) {
        b.append(name).append(v == 0xffffffffL ? "infty" : String.valueOf(v)).append(',');
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static long u32(byte[] d, int at) {
        return ((long) u16(d, at) << 16) | u16(d, at + 2);
    }
}
