package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;

/**
 * tcpdump's OSPFv2 text (print-ospf.c, RFC 2328): version, type and length; with -v the router and area, the
 * authentication, then per type the hello's timers and neighbours, the database description's LSA headers, the
 * requests, the updates' LSAs ({@link OspfLsaText}) and the acknowledged LSA headers. Where the capture ends the
 * text ends with {@code [|ospf2]}.
 */
final class OspfText {
    static final int PROTOCOL = 89;
    static final BitNames OPTIONS = BitNames.of(0x01, "MultiTopology", 0x02, "External", 0x04, "Multicast",
            0x08, "NSSA", 0x10, "LLS", 0x20, "Demand Circuit", 0x40, "Opaque", 0x80, "Up/Down");
    private static final BitNames DD_FLAGS = BitNames.of(0x04, "Init", 0x02, "More", 0x01, "Master",
            0x08, "OOBResync");
    private static final String[] TYPES = {null, "Hello", "Database Description", "LS-Request", "LS-Update",
            "LS-Ack"};
    private static final String[] LSA_TYPES = {null, "Router", "Network", "Summary", "ASBR Summary", "External",
            "Multicast Group", null, "NSSA", "Link Local Opaque", "Area Local Opaque", "Domain Wide Opaque"};
    static final int LSA_HEADER = 20;

    private OspfText() {
    }

    /** The OSPF packet at {@code [off, end)} of the frame; {@code length} is the IP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        MessageBytes m = new MessageBytes("ospf2", d, off, end);
        try {
            body(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|ospf2]");
        }
    }

    private static void body(StringBuilder b, MessageBytes m, int length, int verbose) {
        int authType = m.u16At(14);
        if (authType == 2) {
            length -= 16; // the MD5 digest trails the packet
            m = m.inner("ospf2", 0, Math.max(0, m.length() - 16));
        }
        int type = m.byteAt(1);
        b.append("OSPFv").append(m.byteAt(0)).append(", ");
        if (type == 0 || type >= TYPES.length) {
            b.append("unknown LS-type ").append(type).append(", length ").append(length);
            return;
        }
        b.append(TYPES[type]).append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        int declared = m.u16At(2);
        if (length != declared) {
            b.append(" [len ").append(declared).append(']');
        }
        int dataEnd = Math.min(length, declared);
        AddressText.ipv4(b.append("\n\tRouter-ID "), m.bytesAt(4, 4), 0);
        if (m.u32At(8) != 0) {
            AddressText.ipv4(b.append(", Area "), m.bytesAt(8, 4), 0);
        } else {
            b.append(", Backbone Area");
        }
        m.need(16, 8);
        b.append(", Authentication Type: ").append(authType == 0 ? "none" : authType == 1 ? "simple"
                : authType == 2 ? "MD5" : "unknown").append(" (").append(authType).append(')');
        switch (authType) {
            case 0 -> {
            }
            case 1 -> {
                b.append("\n\tSimple text password: ");
                WireString.appendUntilNul(b, m.buffer(), m.offset() + 16, 8, m.offset() + m.length());
            }
            case 2 -> b.append("\n\tKey-ID: ").append(m.byteAt(18)).append(", Auth-Length: ").append(m.byteAt(19))
                    .append(String.format(", Crypto Sequence Number: 0x%08x", m.u32At(20)));
            default -> {
                return;
            }
        }
        if (m.byteAt(0) != 2) {
            b.append(" ospf [version ").append(m.byteAt(0)).append(']');
            return;
        }
        switch (type) {
            case 1 -> hello(b, m, dataEnd);
            case 2 -> {
                options(b.append("\n\tOptions ["), m.byteAt(26)).append(']');
                DD_FLAGS.append(b.append(", DD Flags ["), m.byteAt(27), "none").append(']');
                if (m.u16At(24) != 0) {
                    b.append(", MTU: ").append(m.u16At(24));
                }
                b.append(String.format(", Sequence: 0x%08x", m.u32At(28)));
                for (int at = 32; at < dataEnd && lsaHeader(b, m, at) != -1; at += LSA_HEADER) {
                    // each header printed by the condition
                }
            }
            case 3 -> {
                for (int at = 24; at < dataEnd; at += 12) {
                    m.need(at, 12);
                    long lsType = m.u32At(at);
                    AddressText.ipv4(b.append("\n\t  Advertising Router: "), m.bytesAt(at + 8, 4), 0);
                    b.append(", ").append(lsaName(lsType)).append(" LSA (").append(lsType).append(')');
                    lsaId(b, m, at + 4, lsType, ": ");
                }
            }
            case 4 -> {
                long count = m.u32At(24);
                b.append(", ").append(count).append(" LSA").append(count == 1 ? "" : "s");
                int at = 28;
                for (long i = 1; i <= count; i++) {
                    b.append("\n\t  LSA #").append(i);
                    at = OspfLsaText.lsa(b, m, at, verbose);
                    if (at < 0) {
                        throw MalformedPacketException.truncated("ospf2", "LSA", 1, 0);
                    }
                }
            }
            case 5 -> {
                for (int at = 24; at < dataEnd; at += LSA_HEADER) {
                    lsaHeader(b, m, at);
                }
            }
            default -> {
            }
        }
    }

    private static void hello(StringBuilder b, MessageBytes m, int dataEnd) {
        options(b.append("\n\tOptions ["), m.byteAt(30)).append(']');
        b.append("\n\t  Hello Timer ").append(m.u16At(28)).append("s, Dead Timer ").append(m.u32At(32))
                .append("s, Mask ");
        AddressText.ipv4(b, m.bytesAt(24, 4), 0).append(", Priority ").append(m.byteAt(31));
        if (m.u32At(36) != 0) {
            AddressText.ipv4(b.append("\n\t  Designated Router "), m.bytesAt(36, 4), 0);
        }
        if (m.u32At(40) != 0) {
            AddressText.ipv4(b.append(", Backup Designated Router "), m.bytesAt(40, 4), 0);
        }
        if (44 < dataEnd) {
            b.append("\n\t  Neighbor List:");
        }
        for (int at = 44; at < dataEnd; at += 4) {
            AddressText.ipv4(b.append("\n\t    "), m.bytesAt(at, 4), 0);
        }
    }

    static StringBuilder options(StringBuilder b, int options) {
        return OPTIONS.append(b, options, "none");
    }

    /** An LSA header at {@code at}: the LSA's whole length, or -1 when it is shorter than its header. */
    static int lsaHeader(StringBuilder b, MessageBytes m, int at) {
        int length = m.u16At(at + 18);
        if (length < LSA_HEADER) {
            b.append("\n\t    Bogus length ").append(length).append(" < header (20)");
            return -1;
        }
        AddressText.ipv4(b.append("\n\t  Advertising Router "), m.bytesAt(at + 8, 4), 0);
        b.append(String.format(", seq 0x%08x, age %ds, length %d", m.u32At(at + 12), m.u16At(at), length - 20));
        int type = m.byteAt(at + 3);
        b.append("\n\t    ").append(lsaName(type)).append(" LSA (").append(type).append(')');
        lsaId(b, m, at + 4, type, " ");
        options(b.append("\n\t    Options: ["), m.byteAt(at + 2)).append(']');
        return length;
    }

    /** The LSA id at {@code at}: an opaque LSA's type and id (after {@code colon}), any other's address. */
    private static void lsaId(StringBuilder b, MessageBytes m, int at, long type, String colon) {
        if (type >= 9 && type <= 11) {
            int opaque = m.byteAt(at);
            b.append(", Opaque-Type").append(colon).append(opaqueName(opaque)).append(" LSA (").append(opaque)
                    .append("), Opaque-ID").append(colon).append(m.u24At(at + 1));
        } else {
            AddressText.ipv4(b.append(", LSA-ID: "), m.bytesAt(at, 4), 0);
        }
    }

    private static String lsaName(long type) {
        return type < LSA_TYPES.length && LSA_TYPES[(int) type] != null ? LSA_TYPES[(int) type] : "unknown";
    }

    private static String opaqueName(int type) {
        return switch (type) {
            case 1 -> "Traffic Engineering";
            case 3 -> "Graceful restart";
            case 4 -> "Router Information";
            default -> "unknown";
        };
    }
}
