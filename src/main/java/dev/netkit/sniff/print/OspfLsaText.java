package dev.netkit.sniff.print;

import dev.netkit.packet.MessageBytes;

import java.util.Locale;

/**
 * tcpdump's text for one OSPFv2 LSA of an update (print-ospf.c, RFC 2328 appendix A.4; RFC 3630/4203 traffic
 * engineering): the header, then the router links, network routers, summary and external metrics, or the TE TLVs.
 */
final class OspfLsaText {
    private static final BitNames ROUTER_FLAGS = BitNames.of(0x01, "ABR", 0x02, "ASBR", 0x04, "Virtual",
            0x08, "Wildcard", 0x10, "Nt", 0x80, "Host");
    private static final BitNames PROTECTION = BitNames.of(0x01, "Extra Traffic", 0x02, "Unprotected",
            0x04, "Shared", 0x08, "Dedicated 1:1", 0x10, "Dedicated 1+1", 0x20, "Enhanced", 0x40, "Reserved",
            0x80, "Reserved");
    private static final String[] TOPOLOGIES = {"default", "multicast", "management"};
    private static final String[] SUBTLVS = {null, "Link Type", "Link ID", "Local Interface IP address",
            "Remote Interface IP address", "Traffic Engineering Metric", "Maximum Bandwidth",
            "Maximum Reservable Bandwidth", "Unreserved Bandwidth", "Administrative Group", null,
            "Link Local/Remote Identifier", null, null, "Link Protection Type", "Interface Switching Capability",
            "Shared Risk Link Group", "Bandwidth Constraints"};
    private static final String[] ENCODINGS = {null, "Packet", "Ethernet V2/DIX", "ANSI/ETSI PDH", "Reserved",
            "SDH ITU-T G.707/SONET ANSI T1.105", "Reserved", "Digital Wrapper", "Lambda (photonic)", "Fiber",
            "Reserved", "FiberChannel"};

    private OspfLsaText() {
    }

    /** The LSA at {@code at}: where the next one starts, or -1 when this one is cut or its length is bogus. */
    static int lsa(StringBuilder b, MessageBytes m, int at, int verbose) {
        int length = OspfText.lsaHeader(b, m, at);
        if (length < 0) {
            return -1;
        }
        int end = at + length;
        int body = at + OspfText.LSA_HEADER;
        int bodyLength = length - OspfText.LSA_HEADER;
        switch (m.byteAt(at + 3)) {
            case 1 -> {
                ROUTER_FLAGS.append(b.append("\n\t    Router LSA Options: ["), m.byteAt(body), "none").append(']');
                int count = m.u16At(body + 2);
                int link = body + 4;
                m.need(link, 12);
                for (int i = count; i != 0; i--) {
                    m.need(link, 12);
                    int type = m.byteAt(link + 8);
                    String[] names = {null, "Neighbor Router-ID: %s, Interface Address: %s",
                            "Neighbor Network-ID: %s, Interface Address: %s", "Stub Network: %s, Mask: %s",
                            "Virtual Link: Neighbor Router-ID: %s, Interface Address: %s"};
                    if (type < 1 || type > 4) {
                        b.append("\n\t      Unknown Router Link Type (").append(type).append(')');
                        return end;
                    }
                    b.append("\n\t      ").append(String.format(names[type], ip(m, link), ip(m, link + 4)));
                    int tos = m.byteAt(link + 9);
                    for (int t = 0; t <= tos; t++) {
                        int topology = t == 0 ? 0 : m.byteAt(link + 8 + 4 * t);
                        b.append("\n\t\ttopology ").append(topology(topology)).append(" (").append(topology)
                                .append("), metric ").append(m.u16At(link + 10 + 4 * t));
                    }
                    link += 12 + 4 * tos;
                }
            }
            case 2 -> {
                b.append("\n\t    Mask ").append(ip(m, body)).append("\n\t    Connected Routers:");
                for (int r = body + 4; r < end; r += 4) {
                    b.append("\n\t      ").append(ip(m, r));
                }
            }
            case 3, 4 -> {
                if (m.byteAt(at + 3) == 3) {
                    b.append("\n\t    Mask ").append(ip(m, body));
                }
                m.need(body + 4, 4);
                for (int p = body + 4; p < end; p += 4) {
                    long v = m.u32At(p);
                    int topology = (int) (v >> 24) & 0x7f;
                    b.append("\n\t\ttopology ").append(topology(topology)).append(" (").append(topology)
                            .append(") metric ").append(v & 0xffffff);
                }
            }
            case 5, 7 -> {
                b.append("\n\t    Mask ").append(ip(m, body));
                m.need(body + 4, 4);
                for (int p = body + 4; p < end; p += 12) {
                    long v = m.u32At(p);
                    int topology = (int) (v >> 24) & 0x7f;
                    b.append("\n\t\ttopology ").append(topology(topology)).append(" (").append(topology)
                            .append("), type ").append((v & 0x80000000L) != 0 ? 2 : 1).append(", metric");
                    b.append((v & 0xffffff) == 0xffffff ? " infinite" : " " + (v & 0xffffff));
                    if (m.u32At(p + 4) != 0) {
                        b.append(", forward ").append(ip(m, p + 4));
                    }
                    if (m.u32At(p + 8) != 0) {
                        b.append(", tag ").append(ip(m, p + 8));
                    }
                }
            }
            case 9, 10, 11 -> {
                if (m.byteAt(at + 4) == 1) {
                    trafficEngineering(b, m, body, bodyLength, verbose);
                } else if (verbose <= 1) {
                    dump(b, m, body, bodyLength, "\n\t    ");
                }
            }
            default -> {
            }
        }
        if (verbose > 1) {
            dump(b, m, body, bodyLength, "\n\t    ");
        }
        return end;
    }

    /**
     * A grace LSA's TLVs (RFC 3623 appendix A, tcpdump's ospf_grace_lsa_print): the grace period, the restart
     * reason and the interface address; false where tcpdump gives up (a bad length, a cut), after saying why.
     */
    static boolean grace(StringBuilder b, MessageBytes m, int at, int length32, int verbose) {
        long left = length32; // unsigned 32 bits, as tcpdump's: a padded length beyond it wraps around
        while (left > 0) {
            if (!m.has(at, 4)) {
                return false;
            }
            if (left < 4) {
                b.append("\n\t    Remaining LS length ").append(left).append(" < 4");
                return false;
            }
            int type = m.u16At(at);
            int length = m.u16At(at + 2);
            at += 4;
            left -= 4;
            String name = type == 1 ? "Grace Period" : type == 2 ? "Graceful restart Reason"
                    : type == 3 ? "IPv4 interface address" : "unknown";
            b.append("\n\t    ").append(name).append(" TLV (").append(type).append("), length ").append(length)
                    .append(", value: ");
            if (length > left) {
                b.append("\n\t    Bogus length ").append(length).append(" > ").append(left);
                return false;
            }
            if (type == 0 || length == 0 || !m.has(at, length)) {
                return false;
            }
            int expected = type == 1 || type == 3 ? 4 : type == 2 ? 1 : length;
            if (length != expected) {
                b.append("\n\t    Bogus length ").append(length).append(" != ").append(expected);
                return false;
            }
            switch (type) {
                case 1 -> b.append(m.u32At(at)).append('s');
                case 2 -> {
                    int reason = m.byteAt(at);
                    String[] reasons = {"Unknown", "Software Restart", "Software Reload/Upgrade",
                            "Control Processor Switch"};
                    b.append(reason < reasons.length ? reasons[reason] : "Unknown").append(" (").append(reason)
                            .append(')');
                }
                case 3 -> b.append(ip(m, at));
                default -> {
                    if (verbose <= 1) {
                        dump(b, m, at, length, "\n\t      ");
                    }
                }
            }
            // TLVs are padded to 32 bits
            int padded = (length + 3) & ~3;
            left = (left - padded) & 0xffff_ffffL;
            at += padded;
        }
        return true;
    }

    private static String ip(MessageBytes m, int at) {
        return AddressText.ipv4(new StringBuilder(), m.bytesAt(at, 4), 0).toString();
    }

    private static String topology(int t) {
        return t < TOPOLOGIES.length ? TOPOLOGIES[t] : "Unknown";
    }

    private static void dump(StringBuilder b, MessageBytes m, int at, int n, String indent) {
        m.need(at, n);
        HexDump.hex(b, indent, m.buffer(), m.offset() + at, n);
    }

    /** An IEEE 754 bandwidth in bytes per second, as tcpdump prints it: megabits with three decimals. */
    private static String mbps(MessageBytes m, int at) {
        float bytes = Float.intBitsToFloat((int) m.u32At(at));
        return String.format(Locale.ROOT, "%.3f Mbps", (double) (bytes * 8 / 1000000));
    }

    /** The TE LSA's TLVs (RFC 3630): the router address and the link's sub-TLVs; stops, as tcpdump, at a bad one. */
    private static void trafficEngineering(StringBuilder b, MessageBytes m, int at, int left, int verbose) {
        while (left != 0) {
            m.need(at, 4);
            if (left < 4) {
                b.append("\n\t    Remaining LS length ").append(left).append(" < 4");
                return;
            }
            int type = m.u16At(at);
            int length = m.u16At(at + 2);
            at += 4;
            left -= 4;
            b.append("\n\t    ").append(type == 1 ? "Router Address" : type == 2 ? "Link" : "unknown")
                    .append(" TLV (").append(type).append("), length: ").append(length);
            if (length > left) {
                b.append("\n\t    Bogus length ").append(length).append(" > ").append(left);
                return;
            }
            if (type == 0 || length == 0) {
                return;
            }
            if (type == 2) {
                if (!link(b, m, at, length, verbose)) {
                    return;
                }
            } else if (type == 1) {
                if (length < 4) {
                    b.append("\n\t    TLV length ").append(length).append(" < 4");
                    return;
                }
                b.append(", ").append(ip(m, at));
            } else if (verbose <= 1) {
                dump(b, m, at, length, "\n\t      ");
            }
            int padded = (length + 3) & ~3;
            if (padded > left) {
                b.append("\n\t    Bogus padded length ").append(padded).append(" > ").append(left);
                return;
            }
            left -= padded;
            at += padded;
        }
    }

    /** The link TLV's sub-TLVs; false when tcpdump stops at one. */
    private static boolean link(StringBuilder b, MessageBytes m, int at, int left, int verbose) {
        while (left != 0) {
            if (left < 4) {
                b.append("\n\t    Remaining TLV length ").append(left).append(" < 4");
                return false;
            }
            int type = m.u16At(at);
            int length = m.u16At(at + 2);
            at += 4;
            left -= 4;
            if (type == 0 || length == 0) {
                b.append(" (invalid)");
                return false;
            }
            b.append("\n\t      ").append(type < SUBTLVS.length && SUBTLVS[type] != null ? SUBTLVS[type]
                    : "unknown").append(" subTLV (").append(type).append("), length: ").append(length);
            if (left < length) {
                b.append("\n\t    Remaining TLV length ").append(left + 4).append(" < ").append(length + 4);
                return false;
            }
            m.need(at, length);
            String wrong = OspfTeText.subTlv(b, m, at, type, length, verbose);
            if (wrong != null) {
                b.append(wrong).append(" (invalid)");
                return false;
            }
            int padded = (length + 3) & ~3;
            if (left < padded) {
                b.append("\n\t    Remaining TLV length ").append(left + 4).append(" < ").append(padded + 4);
                return false;
            }
            left -= padded;
            at += padded;
        }
        return true;
    }

    /** The sub-TLVs' values (RFC 3630 section 2.5, RFC 4203, RFC 4124). */
    static final class OspfTeText {
        private OspfTeText() {
        }

        /** Prints one sub-TLV's value; what is wrong with its length (tcpdump's words), or null. */
        static String subTlv(StringBuilder b, MessageBytes m, int at, int type, int length, int verbose) {
            switch (type) {
                case 9 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(String.format(", 0x%08x", m.u32At(at)));
                }
                case 2, 11 -> {
                    if (length != 4 && length != 8) {
                        return " != 4 && != 8";
                    }
                    b.append(", ").append(ip(m, at)).append(String.format(" (0x%08x)", m.u32At(at)));
                    if (length == 8) {
                        b.append(", ").append(ip(m, at + 4)).append(String.format(" (0x%08x)", m.u32At(at + 4)));
                    }
                }
                case 3, 4 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(", ").append(ip(m, at));
                }
                case 6, 7 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(", ").append(mbps(m, at));
                }
                case 8 -> {
                    if (length != 32) {
                        return " != 32";
                    }
                    for (int c = 0; c < 8; c++) {
                        b.append("\n\t\tTE-Class ").append(c).append(": ").append(mbps(m, at + 4 * c));
                    }
                }
                case 17 -> {
                    if (length < 4) {
                        return " < 4";
                    }
                    int model = m.byteAt(at);
                    b.append("\n\t\tBandwidth Constraints Model ID: ").append(model == 0 ? "Russian dolls"
                            : model == 1 ? "Maximum allocation" : model == 254
                            ? "Maximum allocation with E-LSP support" : "unknown").append(" (").append(model)
                            .append(')');
                    if (length % 4 != 0) {
                        return "\n\t\tlength " + length + " != N x 4";
                    }
                    if (length > 36) {
                        return "\n\t\tlength " + length + " > 36";
                    }
                    for (int c = 0; c < (length - 4) / 4; c++) {
                        b.append("\n\t\t  Bandwidth constraint CT").append(c).append(": ")
                                .append(mbps(m, at + 4 + 4 * c));
                    }
                }
                case 5 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(", Metric ").append(m.u32At(at));
                }
                case 14 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    PROTECTION.append(b.append(", "), m.byteAt(at), "none");
                }
                case 15 -> {
                    if (length < 36) {
                        return " < 36";
                    }
                    int cap = m.byteAt(at);
                    int encoding = m.byteAt(at + 1);
                    b.append("\n\t\tInterface Switching Capability: ").append(switching(cap))
                            .append("\n\t\tLSP Encoding: ").append(encoding > 0 && encoding < ENCODINGS.length
                                    ? ENCODINGS[encoding] : "Unknown").append("\n\t\tMax LSP Bandwidth:");
                    for (int p = 0; p < 8; p++) {
                        b.append("\n\t\t  priority level ").append(p).append(": ").append(mbps(m, at + 4 + 4 * p));
                    }
                }
                case 1 -> {
                    if (length != 1) {
                        return " != 1";
                    }
                    int t = m.byteAt(at);
                    b.append(", ").append(t == 1 ? "Point-to-point" : t == 2 ? "Multi-Access" : "unknown")
                            .append(" (").append(t).append(')');
                }
                case 16 -> {
                    if (length % 4 != 0) {
                        return " != N x 4";
                    }
                    if (length > 0) {
                        b.append("\n\t\t  Shared risk group: ");
                    }
                    for (int p = 0; p < length; p += 4) {
                        b.append(p > 0 ? ", " : "").append(m.u32At(at + p));
                    }
                }
                default -> {
                    if (verbose <= 1) {
                        dump(b, m, at, length, "\n\t\t");
                    }
                }
            }
            return null;
        }

        private static String switching(int cap) {
            return switch (cap) {
                case 1, 2, 3, 4 -> "Packet-Switch Capable-" + cap;
                case 51 -> "Layer-2 Switch Capable";
                case 100 -> "Time-Division-Multiplex";
                case 150 -> "Lambda-Switch Capable";
                case 200 -> "Fiber-Switch Capable";
                default -> "Unknown";
            };
        }
    }
}
