package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;

/**
 * tcpdump's OSPFv3 text (print-ospf6.c, RFC 5340): version, type and length; with -v the router, area and
 * instance, the hello's options and timers, the database description's options and flags, the trailing link-local
 * signalling (RFC 5613) and authentication trailer (RFC 7166); with -vv also the hello's neighbours, the LSA headers,
 * requests and updates ({@link Ospf6LsaText}) and the authentication data. Where the capture ends, or a length is
 * wrong, the text ends with {@code [|ospf3]}.
 */
final class Ospf6Text {
    static final BitNames OPTIONS = BitNames.of(0x01, "V6", 0x02, "External", 0x04, "Deprecated", 0x08, "NSSA",
            0x10, "Router", 0x20, "Demand Circuit", 0x100, "AFs Support", 0x200, "LLS", 0x400,
            "Authentication Trailer");
    private static final BitNames DD_FLAGS = BitNames.of(0x04, "Init", 0x02, "More", 0x01, "Master",
            0x10, "IPv6 MTU");
    private static final String[] TYPES = {null, "Hello", "Database Description", "LS-Request", "LS-Update",
            "LS-Ack"};
    private static final String[] LSA_TYPES = {null, "Router", "Network", "Inter-Area Prefix", "Inter-Area Router",
            "External", "Deprecated", "NSSA", "Link", "Intra-Area Prefix", "Intra-Area TE", "Grace",
            "Router Information", "Inter-AS-TE", "Layer 1 VPN"};
    private static final int HEADER = 16;
    static final int LSA_HEADER = 20;
    private static final int LLS = 0x200;

    private Ospf6Text() {
    }

    /** The OSPFv3 packet at {@code [off, end)} of the frame; {@code length} is the IP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        MessageBytes m = new MessageBytes("ospf3", d, off, end);
        try {
            body(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|ospf3]");
        }
    }

    /** What tcpdump's printer gives up on: a length that does not fit, said as a cut ({@code [|ospf3]}). */
    static MalformedPacketException cut() {
        return MalformedPacketException.truncated("ospf3", "OSPFv3", 1, 0);
    }

    private static void body(StringBuilder b, MessageBytes m, int length, int verbose) {
        int type = m.byteAt(1);
        int version = m.byteAt(0);
        b.append("OSPFv").append(version).append(", ");
        if (type == 0 || type >= TYPES.length) {
            b.append("unknown packet type (").append(type).append("), length ").append(length);
            return;
        }
        b.append(TYPES[type]).append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        int dataEnd = m.u16At(2);
        if (dataEnd > length) {
            b.append(" [len ").append(dataEnd).append(']');
            return;
        }
        ip(b, "\n\tRouter-ID ", m, 4);
        if (m.u32At(8) != 0) {
            ip(b, ", Area ", m, 8);
        } else {
            b.append(", Backbone Area");
        }
        int instance = m.byteAt(14);
        if (instance != 0) {
            b.append(", Instance ").append(instance);
        }
        if (version != 3) {
            return;
        }
        switch (type) {
            case 1 -> hello(b, m, dataEnd, verbose);
            case 2 -> {
                long options = m.u32At(HEADER);
                OPTIONS.append(b.append("\n\tOptions ["), options, "none").append(']');
                int flags = m.byteAt(HEADER + 7);
                DD_FLAGS.append(b.append(", DD Flags ["), flags, "none").append(']');
                int mtu = m.u16At(HEADER + 4);
                long sequence = m.u32At(HEADER + 8);
                b.append(", MTU ").append(mtu).append(String.format(", DD-Sequence 0x%08x", sequence));
                if (verbose > 1) {
                    for (int at = HEADER + 12; at < dataEnd; at += LSA_HEADER) {
                        lsaHeader(b, m, at, dataEnd);
                    }
                }
            }
            case 3 -> {
                for (int at = HEADER; verbose > 1 && at < dataEnd; at += 12) {
                    m.need(at, 12);
                    ip(b, "\n\t  Advertising Router ", m, at + 8);
                    lsaType(b, m, m.u16At(at + 2), at + 4);
                }
            }
            case 4 -> {
                if (verbose > 1) {
                    long count = m.u32At(HEADER);
                    for (int at = HEADER + 4; at < dataEnd && count-- != 0; at += m.u16At(at + 18)) {
                        Ospf6LsaText.lsa(b, m, at, dataEnd);
                    }
                }
            }
            default -> {
                for (int at = HEADER; verbose > 1 && at < dataEnd; at += LSA_HEADER) {
                    lsaHeader(b, m, at, dataEnd);
                }
            }
        }
        trailer(b, m, type, dataEnd, length - dataEnd, verbose);
    }

    private static void hello(StringBuilder b, MessageBytes m, int dataEnd, int verbose) {
        long options = m.u32At(HEADER + 4);
        OPTIONS.append(b.append("\n\tOptions ["), options, "none").append(']');
        int hello = m.u16At(HEADER + 8);
        int dead = m.u16At(HEADER + 10);
        String id = ip(m, HEADER);
        int priority = m.byteAt(HEADER + 4);
        b.append("\n\t  Hello Timer ").append(hello).append("s, Dead Timer ").append(dead).append("s, Interface-ID ")
                .append(id).append(", Priority ").append(priority);
        if (m.u32At(HEADER + 12) != 0) {
            ip(b, "\n\t  Designated Router ", m, HEADER + 12);
        }
        if (m.u32At(HEADER + 16) != 0) {
            ip(b, ", Backup Designated Router ", m, HEADER + 16);
        }
        if (verbose > 1) {
            b.append("\n\t  Neighbor List:");
            for (int at = HEADER + 20; at < dataEnd; at += 4) {
                String neighbour = ip(m, at);
                b.append("\n\t    ").append(neighbour);
            }
        }
    }

    /** An LSA header at {@code at}, which must end by {@code dataEnd}; a bogus length ends the packet's text. */
    static void lsaHeader(StringBuilder b, MessageBytes m, int at, int dataEnd) {
        if (at + LSA_HEADER > dataEnd) {
            throw cut();
        }
        int length = m.u16At(at + 18);
        if (length < LSA_HEADER) {
            b.append("\n\t\t  Bogus length ").append(length).append(" < header (20)");
            throw cut();
        }
        String router = ip(m, at + 8);
        long sequence = m.u32At(at + 12);
        int age = m.u16At(at);
        b.append("\n\t  Advertising Router ").append(router).append(String.format(", seq 0x%08x", sequence))
                .append(", age ").append(age).append("s, length ").append(length - LSA_HEADER);
        lsaType(b, m, m.u16At(at + 2), at + 4);
    }

    /** The LSA type with its flooding scope and the LSA id at {@code idAt} (tcpdump's ospf6_print_ls_type). */
    static void lsaType(StringBuilder b, MessageBytes m, int type, int idAt) {
        int code = type & 0x1fff;
        String id = ip(m, idAt);
        String scope = switch (type & 0x6000) {
            case 0 -> "Link Local";
            case 0x2000 -> "Area Local";
            case 0x4000 -> "Domain Wide";
            default -> "Unknown";
        };
        b.append("\n\t    ").append(code < LSA_TYPES.length && LSA_TYPES[code] != null ? LSA_TYPES[code] : "Unknown")
                .append(" LSA (").append(code).append("), ").append(scope).append(" Scope")
                .append((type & 0x8000) != 0 ? ", transitive" : "").append(", LSA-ID ").append(id);
    }

    /** What follows the packet within the IP payload: link-local signalling, then an authentication trailer. */
    private static void trailer(StringBuilder b, MessageBytes m, int type, int at, int left, int verbose) {
        boolean lls = type == 1 && (m.u32At(HEADER + 4) & LLS) != 0 || type == 2 && (m.u32At(HEADER) & LLS) != 0;
        if (lls && left != 0) {
            if (left < 4) {
                throw cut();
            }
            int checksum = m.u16At(at);
            b.append(String.format("\n\tLLS Checksum 0x%04x", checksum));
            int llsLength = m.u16At(at + 2);
            b.append(", Data Length ").append(llsLength);
            if (llsLength < 4 || llsLength > left) {
                throw cut();
            }
            m.need(at + 4, llsLength - 4);
            at += llsLength;
            left -= llsLength;
        }
        if (left == 0) {
            return;
        }
        if (left < 16) {
            throw cut();
        }
        int authType = m.u16At(at);
        b.append("\n\tAuthentication Type ")
                .append(authType == 1 ? "HMAC" : String.format("unknown (0x%04x)", authType));
        int authLength = m.u16At(at + 2);
        b.append(", Length ").append(authLength);
        if (authLength < 16 || authLength > left) {
            throw cut();
        }
        int said = m.u16At(at + 6);
        b.append(", SAID ").append(said);
        b.append(String.format(", CSN 0x%08x", m.u32At(at + 8)));
        b.append(String.format(":%08x", m.u32At(at + 12)));
        m.need(at + 16, authLength - 16);
        if (verbose > 1) {
            HexDump.hex(b, "\n\tAuthentication Data ", m.buffer(), m.offset() + at + 16, authLength - 16);
        }
    }

    static String ip(MessageBytes m, int at) {
        return AddressText.ipv4(new StringBuilder(), m.bytesAt(at, 4), 0).toString();
    }

    /** {@code label} and the address at {@code at}, or nothing when the address was not captured (as tcpdump). */
    static void ip(StringBuilder b, String label, MessageBytes m, int at) {
        String address = ip(m, at);
        b.append(label).append(address);
    }
}
