package dev.netkit.sniff.print;

import dev.netkit.packet.MessageBytes;
import dev.netkit.packet.OspfLsa;

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

    /** The LSA: its length, or -1 when it is cut or its length is bogus. */
    static int lsa(StringBuilder b, OspfLsa lsa, int verbose) {
        int length = OspfText.lsaHeader(b, lsa);
        if (length < 0) {
            return -1;
        }
        int body = OspfLsa.HEADER_LENGTH;
        int bodyLength = length - OspfLsa.HEADER_LENGTH;
        switch (lsa.type()) {
            case OspfLsa.TYPE_ROUTER -> {
                ROUTER_FLAGS.append(b.append("\n\t    Router LSA Options: ["), lsa.routerFlags(), "none").append(']');
                int count = lsa.linkCount();
                int link = OspfLsa.ROUTER_LINKS;
                lsa.needLink(link);
                for (int i = count; i != 0; i--) {
                    lsa.needLink(link);
                    int type = lsa.linkType(link);
                    String[] names = {null, "Neighbor Router-ID: %s, Interface Address: %s",
                            "Neighbor Network-ID: %s, Interface Address: %s", "Stub Network: %s, Mask: %s",
                            "Virtual Link: Neighbor Router-ID: %s, Interface Address: %s"};
                    if (type < 1 || type > 4) {
                        b.append("\n\t      Unknown Router Link Type (").append(type).append(')');
                        return length;
                    }
                    b.append("\n\t      ").append(String.format(names[type], ip(lsa.linkId(link)),
                            ip(lsa.linkData(link))));
                    int tos = lsa.linkTosCount(link);
                    for (int t = 0; t <= tos; t++) {
                        int topology = lsa.linkTopology(link, t);
                        b.append("\n\t\ttopology ").append(topology(topology)).append(" (").append(topology)
                                .append("), metric ").append(lsa.linkMetric(link, t));
                    }
                    link = lsa.nextLink(link);
                }
            }
            case OspfLsa.TYPE_NETWORK -> {
                b.append("\n\t    Mask ").append(ip(lsa.networkMask())).append("\n\t    Connected Routers:");
                for (int r = OspfLsa.NETWORK_ROUTERS; r < length; r += OspfLsa.ROUTER_ID_LENGTH) {
                    b.append("\n\t      ").append(ip(lsa.attachedRouter(r)));
                }
            }
            case OspfLsa.TYPE_SUMMARY, OspfLsa.TYPE_ASBR_SUMMARY -> {
                if (lsa.type() == OspfLsa.TYPE_SUMMARY) {
                    b.append("\n\t    Mask ").append(ip(lsa.networkMask()));
                }
                lsa.needFirstMetric();
                for (int p = OspfLsa.SUMMARY_METRICS; p < length; p += OspfLsa.SUMMARY_METRIC_LENGTH) {
                    OspfLsa.Metric v = lsa.metric(p);
                    b.append("\n\t\ttopology ").append(topology(v.topology())).append(" (").append(v.topology())
                            .append(") metric ").append(v.value());
                }
            }
            case OspfLsa.TYPE_AS_EXTERNAL, OspfLsa.TYPE_NSSA -> {
                b.append("\n\t    Mask ").append(ip(lsa.networkMask()));
                lsa.needFirstMetric();
                for (int p = OspfLsa.EXTERNAL_METRICS; p < length; p += OspfLsa.EXTERNAL_METRIC_LENGTH) {
                    OspfLsa.Metric v = lsa.metric(p);
                    b.append("\n\t\ttopology ").append(topology(v.topology())).append(" (").append(v.topology())
                            .append("), type ").append(v.type2() ? 2 : 1).append(", metric");
                    b.append(v.value() == OspfLsa.Metric.INFINITY ? " infinite" : " " + v.value());
                    if (lsa.hasForwardingAddress(p)) {
                        b.append(", forward ").append(ip(lsa.forwardingAddress(p)));
                    }
                    if (lsa.hasRouteTag(p)) {
                        b.append(", tag ").append(ip(lsa.routeTag(p)));
                    }
                }
            }
            case OspfLsa.TYPE_OPAQUE_LINK, OspfLsa.TYPE_OPAQUE_AREA, OspfLsa.TYPE_OPAQUE_AS -> {
                if (lsa.opaqueType() == OspfLsa.OPAQUE_TRAFFIC_ENGINEERING) {
                    trafficEngineering(b, lsa, body, bodyLength, verbose);
                } else if (verbose <= 1) {
                    dump(b, lsa, body, bodyLength, "\n\t    ");
                }
            }
            default -> {
            }
        }
        if (verbose > 1) {
            dump(b, lsa, body, bodyLength, "\n\t    ");
        }
        return length;
    }

    private static String ip(byte[] address) {
        return AddressText.ipv4(new StringBuilder(), address, 0).toString();
    }

    private static String topology(int t) {
        return t < TOPOLOGIES.length ? TOPOLOGIES[t] : "Unknown";
    }

    private static void dump(StringBuilder b, OspfLsa lsa, int at, int n, String indent) {
        MessageBytes m = lsa.bytes();
        m.need(at, n);
        HexDump.hex(b, indent, m.buffer(), m.offset() + at, n);
    }

    /** An IEEE 754 bandwidth in bytes per second, as tcpdump prints it: megabits with three decimals. */
    private static String mbps(OspfLsa lsa, int at, int i) {
        float bytes = lsa.valueBandwidth(at, i);
        return String.format(Locale.ROOT, "%.3f Mbps", (double) (bytes * 8 / 1000000));
    }

    /** The TE LSA's TLVs (RFC 3630): the router address and the link's sub-TLVs; stops, as tcpdump, at a bad one. */
    private static void trafficEngineering(StringBuilder b, OspfLsa lsa, int at, int left, int verbose) {
        while (left != 0) {
            lsa.needTlvHeader(at);
            if (left < 4) {
                b.append("\n\t    Remaining LS length ").append(left).append(" < 4");
                return;
            }
            int type = lsa.tlvType(at);
            int length = lsa.tlvLength(at);
            at += OspfLsa.TLV_HEADER;
            left -= OspfLsa.TLV_HEADER;
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
                if (!link(b, lsa, at, length, verbose)) {
                    return;
                }
            } else if (type == 1) {
                if (length < 4) {
                    b.append("\n\t    TLV length ").append(length).append(" < 4");
                    return;
                }
                b.append(", ").append(ip(lsa.valueAddress(at, 0)));
            } else if (verbose <= 1) {
                dump(b, lsa, at, length, "\n\t      ");
            }
            int padded = OspfLsa.paddedLength(length);
            if (padded > left) {
                b.append("\n\t    Bogus padded length ").append(padded).append(" > ").append(left);
                return;
            }
            left -= padded;
            at += padded;
        }
    }

    /** The link TLV's sub-TLVs; false when tcpdump stops at one. */
    private static boolean link(StringBuilder b, OspfLsa lsa, int at, int left, int verbose) {
        while (left != 0) {
            if (left < 4) {
                b.append("\n\t    Remaining TLV length ").append(left).append(" < 4");
                return false;
            }
            int type = lsa.tlvType(at);
            int length = lsa.tlvLength(at);
            at += OspfLsa.TLV_HEADER;
            left -= OspfLsa.TLV_HEADER;
            if (type == 0 || length == 0) {
                b.append(" (invalid)");
                return false;
            }
            b.append("\n\t      ").append(type < SUBTLVS.length && SUBTLVS[type] != null ? SUBTLVS[type]
                    : "unknown").append(" subTLV (").append(type).append("), length: ").append(length);
            if (left < length) {
                b.append("\n\t    Remaining TLV length ").append(left + OspfLsa.TLV_HEADER).append(" < ").append(length + OspfLsa.TLV_HEADER);
                return false;
            }
            lsa.needValue(at, length);
            String wrong = OspfTeText.subTlv(b, lsa, at, type, length, verbose);
            if (wrong != null) {
                b.append(wrong).append(" (invalid)");
                return false;
            }
            int padded = OspfLsa.paddedLength(length);
            if (left < padded) {
                b.append("\n\t    Remaining TLV length ").append(left + OspfLsa.TLV_HEADER).append(" < ").append(padded + OspfLsa.TLV_HEADER);
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
        static String subTlv(StringBuilder b, OspfLsa lsa, int at, int type, int length, int verbose) {
            switch (type) {
                case 9 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(String.format(", 0x%08x", lsa.valueWord(at, 0)));
                }
                case 2, 11 -> {
                    if (length != 4 && length != 8) {
                        return " != 4 && != 8";
                    }
                    b.append(", ").append(ip(lsa.valueAddress(at, 0))).append(String.format(" (0x%08x)", lsa.valueWord(at, 0)));
                    if (length == 8) {
                        b.append(", ").append(ip(lsa.valueAddress(at, 1))).append(String.format(" (0x%08x)", lsa.valueWord(at, 1)));
                    }
                }
                case 3, 4 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(", ").append(ip(lsa.valueAddress(at, 0)));
                }
                case 6, 7 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(", ").append(mbps(lsa, at, 0));
                }
                case 8 -> {
                    if (length != 32) {
                        return " != 32";
                    }
                    for (int c = 0; c < 8; c++) {
                        b.append("\n\t\tTE-Class ").append(c).append(": ").append(mbps(lsa, at, c));
                    }
                }
                case 17 -> {
                    if (length < 4) {
                        return " < 4";
                    }
                    int model = lsa.valueByte(at, 0);
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
                                .append(mbps(lsa, at, 1 + c));
                    }
                }
                case 5 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    b.append(", Metric ").append(lsa.valueWord(at, 0));
                }
                case 14 -> {
                    if (length != 4) {
                        return " != 4";
                    }
                    PROTECTION.append(b.append(", "), lsa.valueByte(at, 0), "none");
                }
                case 15 -> {
                    if (length < 36) {
                        return " < 36";
                    }
                    int cap = lsa.valueByte(at, 0);
                    int encoding = lsa.valueByte(at, 1);
                    b.append("\n\t\tInterface Switching Capability: ").append(switching(cap))
                            .append("\n\t\tLSP Encoding: ").append(encoding > 0 && encoding < ENCODINGS.length
                                    ? ENCODINGS[encoding] : "Unknown").append("\n\t\tMax LSP Bandwidth:");
                    for (int p = 0; p < 8; p++) {
                        b.append("\n\t\t  priority level ").append(p).append(": ").append(mbps(lsa, at, 1 + p));
                    }
                }
                case 1 -> {
                    if (length != 1) {
                        return " != 1";
                    }
                    int t = lsa.valueByte(at, 0);
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
                    for (int p = 0; p < length / 4; p++) {
                        b.append(p > 0 ? ", " : "").append(lsa.valueWord(at, p));
                    }
                }
                default -> {
                    if (verbose <= 1) {
                        dump(b, lsa, at, length, "\n\t\t");
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
