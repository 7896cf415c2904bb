package dev.netkit.sniff.print;

/**
 * tcpdump's text for IPv6 node information queries and replies (RFC 4620; print-icmp6.c's icmp6_nodeinfo_print):
 * the query type with its flags and subject, the reply's code and data. Reads only the captured bytes
 * {@code d[at..end)}.
 */
final class Icmp6NodeInfoText {
    static final int QUERY = 139;
    static final int REPLY = 140;
    /** ICMPv6 header, Qtype, flags and nonce. */
    private static final int HEADER = 16;
    private static final int NOOP = 0;
    private static final int NODE_NAME = 2;
    private static final int NODE_ADDRESSES = 3;
    private static final int IPV4_ADDRESSES = 4;
    private static final int TRUNCATE = 1;
    /** The flag letters of node addresses (ipv4 addresses use the first two), lowest bit first. */
    private static final String FLAGS = "TACLSG";

    private Icmp6NodeInfoText() {
    }

    /** Appends the text after the type's name; false when tcpdump's read passed the capture ([|icmp6] follows). */
    static boolean print(StringBuilder b, byte[] d, int at, int end, int length, int verbose) {
        end = Math.min(end, d.length);
        int size = end - at;
        if ((d[at] & 0xff) == QUERY) {
            return query(b, d, at, end, size, verbose);
        }
        if (length > size || size < HEADER) {
            return false;
        }
        int code = d[at + 1] & 0xff;
        b.append(" (");
        boolean comma = false;
        switch (code) {
            case 0 -> {
                if (verbose > 0) {
                    b.append("success");
                    comma = true;
                }
            }
            case 1, 2 -> {
                b.append(code == 1 ? "refused" : "unknown");
                if (size != HEADER && verbose > 0) {
                    b.append(", invalid length");
                }
                b.append(')');
                return true;
            }
            default -> {
                b.append(')');
                return true;
            }
        }
        int qtype = IcmpExtensionText.u16(d, at + 4);
        int flags = IcmpExtensionText.u16(d, at + 6);
        b.append(comma ? ", " : "");
        switch (qtype) {
            case NOOP -> {
                b.append("noop");
                if (size != HEADER && verbose > 0) {
                    b.append(", invalid length");
                }
            }
            case NODE_NAME -> {
                b.append("node name");
                dnsName(b, d, at + HEADER + 4, end);
                if ((flags & 1) != 0) {
                    if (at + HEADER + 4 > end) {
                        return false;
                    }
                    b.append(" [TTL=").append(IcmpExtensionText.u32(d, at + HEADER)).append(']');
                }
            }
            case NODE_ADDRESSES -> {
                b.append("node addresses");
                flags(b, flags, FLAGS.length());
                for (int i = HEADER; i + 20 <= size; i += 20) {
                    b.append(' ').append(IcmpExtensionText.address(d, at + i + 4, 16)).append('(').append(IcmpExtensionText.u32(d, at + i)).append(')');
                }
            }
            case IPV4_ADDRESSES -> {
                b.append("ipv4 addresses");
                flags(b, flags, FLAGS.length());
                for (int i = at + HEADER; i < end; i += 8) {
                    if (i + 8 > end) {
                        return false;
                    }
                    b.append(' ').append(IcmpExtensionText.address(d, i + 4, 4)).append('(').append(IcmpExtensionText.u32(d, i)).append(')');
                }
            }
            default -> b.append("unknown");
        }
        b.append(')');
        return true;
    }

    private static boolean query(StringBuilder b, byte[] d, int at, int end, int size, int verbose) {
        if (size == 8 + 4) {
            b.append(" who-are-you request"); // KAME's
            return true;
        }
        if (size < HEADER) {
            return false;
        }
        int qtype = IcmpExtensionText.u16(d, at + 4);
        int flags = IcmpExtensionText.u16(d, at + 6);
        b.append(" (");
        switch (qtype) {
            case NOOP -> b.append("noop");
            case NODE_NAME -> b.append("node name");
            case NODE_ADDRESSES, IPV4_ADDRESSES -> {
                b.append(qtype == NODE_ADDRESSES ? "node addresses" : "ipv4 addresses");
                flags(b, flags, qtype == NODE_ADDRESSES ? FLAGS.length() : 2);
                if ((flags & TRUNCATE) != 0) {
                    b.append(" [invalid flag Truncate present]");
                }
            }
            default -> b.append("unknown");
        }
        if (qtype == NOOP) {
            if (size != HEADER && verbose > 0) {
                b.append(", invalid len");
            }
            b.append(')');
            return true;
        }
        int subject = at + HEADER;
        switch (d[at + 1] & 0xff) {
            case 0, 2 -> {
                int n = (d[at + 1] & 0xff) == 0 ? 16 : 4;
                if (subject + n > end) {
                    break;
                }
                if (size != HEADER + n) {
                    if (verbose > 0) {
                        b.append(", invalid subject len");
                    }
                    break;
                }
                b.append(", subject=").append(IcmpExtensionText.address(d, subject, n));
            }
            case 1 -> {
                b.append(", subject=DNS name");
                dnsName(b, d, subject, end);
            }
            default -> b.append(", unknown subject");
        }
        b.append(')');
        return true;
    }

    /** tcpdump's letters of the set flags, in its table's order, or nothing when none is set. */
    private static void flags(StringBuilder b, int flags, int known) {
        if (flags == 0) {
            return;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < known; i++) {
            if ((flags & (1 << i)) != 0) {
                s.append(FLAGS.charAt(i));
            }
        }
        b.append(" [").append(s.isEmpty() ? "none" : s).append(']');
    }

    /** A DNS name in labels without compression, quoted; "???" where a label overruns or a zero comes early. */
    private static void dnsName(StringBuilder b, byte[] d, int cp, int end) {
        b.append(", \"");
        while (cp < end) {
            int n = d[cp++] & 0xff;
            if (n == 0) {
                if (cp == end) {
                    b.append('.');
                } else if (!(cp + 1 == end && d[cp] == 0)) {
                    b.append("???");
                }
                break;
            }
            if (n > end - cp) {
                b.append("???");
                break;
            }
            for (; n > 0 && cp < end; n--) {
                WireString.character(b, d[cp++]);
            }
            if (cp + 1 < end && d[cp] != 0) {
                b.append('.');
            }
        }
        b.append('"');
    }
}
