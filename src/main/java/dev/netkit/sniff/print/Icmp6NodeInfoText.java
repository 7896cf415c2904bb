package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.NodeInformationMessage;

/**
 * tcpdump's text for IPv6 node information queries and replies (RFC 4620; print-icmp6.c's icmp6_nodeinfo_print):
 * the query type with its flags and subject, the reply's code and data, read through the message's view.
 */
final class Icmp6NodeInfoText {
    private static final int HEADER = NodeInformationMessage.DATA;
    /** The flag letters of node addresses (ipv4 addresses use the first two), lowest bit first. */
    private static final String FLAGS = "TACLSG";

    private Icmp6NodeInfoText() {
    }

    /** Appends the text after the type's name; false when tcpdump's read passed the capture ([|icmp6] follows). */
    static boolean print(StringBuilder b, NodeInformationMessage m, int length, int verbose) {
        try {
            return m.type() == NodeInformationMessage.QUERY ? query(b, m, verbose) : reply(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            return false;
        }
    }

    private static boolean reply(StringBuilder b, NodeInformationMessage m, int length, int verbose) {
        int size = m.length();
        if (length > size || size < HEADER) {
            return false;
        }
        int code = m.code();
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
        int qtype = m.qtype();
        int flags = m.flags();
        b.append(comma ? ", " : "");
        switch (qtype) {
            case NodeInformationMessage.NOOP -> {
                b.append("noop");
                if (size != HEADER && verbose > 0) {
                    b.append(", invalid length");
                }
            }
            case NodeInformationMessage.NODE_NAME -> {
                b.append("node name");
                dnsName(b, m, HEADER + 4);
                if ((flags & 1) != 0) {
                    long ttl = m.ttl(HEADER);
                    b.append(" [TTL=").append(ttl).append(']');
                }
            }
            case NodeInformationMessage.NODE_ADDRESSES -> {
                b.append("node addresses");
                flags(b, flags, FLAGS.length());
                for (int i = HEADER; i + 20 <= size; i += 20) {
                    b.append(' ').append(IcmpExtensionText.address(m.address(i + 4, 16), 0, 16)).append('(')
                            .append(m.ttl(i)).append(')');
                }
            }
            case NodeInformationMessage.IPV4_ADDRESSES -> {
                b.append("ipv4 addresses");
                flags(b, flags, FLAGS.length());
                for (int i = HEADER; i < size; i += 8) {
                    byte[] address = m.address(i + 4, 4);
                    b.append(' ').append(IcmpExtensionText.address(address, 0, 4)).append('(').append(m.ttl(i))
                            .append(')');
                }
            }
            default -> b.append("unknown");
        }
        b.append(')');
        return true;
    }

    private static boolean query(StringBuilder b, NodeInformationMessage m, int verbose) {
        int size = m.length();
        if (size == 8 + 4) {
            b.append(" who-are-you request"); // KAME's
            return true;
        }
        if (size < HEADER) {
            return false;
        }
        int qtype = m.qtype();
        int flags = m.flags();
        b.append(" (");
        switch (qtype) {
            case NodeInformationMessage.NOOP -> b.append("noop");
            case NodeInformationMessage.NODE_NAME -> b.append("node name");
            case NodeInformationMessage.NODE_ADDRESSES, NodeInformationMessage.IPV4_ADDRESSES -> {
                boolean v6 = qtype == NodeInformationMessage.NODE_ADDRESSES;
                b.append(v6 ? "node addresses" : "ipv4 addresses");
                flags(b, flags, v6 ? FLAGS.length() : 2);
                if ((flags & NodeInformationMessage.TRUNCATE) != 0) {
                    b.append(" [invalid flag Truncate present]");
                }
            }
            default -> b.append("unknown");
        }
        if (qtype == NodeInformationMessage.NOOP) {
            if (size != HEADER && verbose > 0) {
                b.append(", invalid len");
            }
            b.append(')');
            return true;
        }
        int code = m.code();
        switch (code) {
            case 0, 2 -> {
                int n = code == 0 ? 16 : 4;
                if (HEADER + n > size) {
                    break;
                }
                if (size != HEADER + n) {
                    if (verbose > 0) {
                        b.append(", invalid subject len");
                    }
                    break;
                }
                b.append(", subject=").append(IcmpExtensionText.address(m.address(HEADER, n), 0, n));
            }
            case 1 -> {
                b.append(", subject=DNS name");
                dnsName(b, m, HEADER);
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

    /**
     * A DNS name from {@code cp} in labels without compression, quoted, up to the capture's end; "???" where a
     * label overruns or a zero comes early.
     */
    private static void dnsName(StringBuilder b, NodeInformationMessage m, int cp) {
        int end = m.length();
        b.append(", \"");
        while (cp < end) {
            int n = m.byteAt(cp++);
            if (n == 0) {
                if (cp == end) {
                    b.append('.');
                } else if (!(cp + 1 == end && m.byteAt(cp) == 0)) {
                    b.append("???");
                }
                break;
            }
            if (n > end - cp) {
                b.append("???");
                break;
            }
            for (; n > 0 && cp < end; n--) {
                WireString.character(b, (byte) m.byteAt(cp++));
            }
            if (cp + 1 < end && m.byteAt(cp) != 0) {
                b.append('.');
            }
        }
        b.append('"');
    }
}
