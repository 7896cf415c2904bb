package dev.netkit.sniff.print;

import dev.netkit.packet.Ospf6Lsa;
import dev.netkit.packet.OspfLsa;

/**
 * tcpdump's OSPFv3 LSAs in an update (print-ospf6.c's ospf6_print_lsa, RFC 5340 A.4): the header, then per type
 * the router links, the network's routers, the prefixes of the inter-area, external, link and intra-area prefix
 * LSAs, the grace LSA's TLVs; any other type (Intra-Area TE included) as a hex dump. A length that does not fit
 * ends the packet's text with {@code [|ospf3]}, as a cut does.
 */
final class Ospf6LsaText {
    private static final BitNames ROUTER_FLAGS = BitNames.of(0x01, "ABR", 0x02, "External",
            0x04, "Virtual-Link Endpoint", 0x08, "Deprecated", 0x10, "NSSA Translator");
    private static final BitNames EXTERNAL_FLAGS = BitNames.of(0x80000000L, "External Type 2",
            0x02000000, "Forwarding", 0x01000000, "Tag");
    private static final BitNames PREFIX_OPTIONS = BitNames.of(0x01, "No Unicast", 0x02, "Local address",
            0x04, "Deprecated", 0x08, "Propagate", 0x10, "Down", 0x20, "N-bit");
    private static final String[] RESTART_REASONS = {"Unknown", "Software Restart", "Software Reload/Upgrade",
            "Control Processor Switch"};

    private Ospf6LsaText() {
    }

    /** The LSA, which must fit in the {@code room} left of the OSPF packet. */
    static void lsa(StringBuilder b, Ospf6Lsa lsa, int room) {
        Ospf6Text.lsaHeader(b, lsa, room);
        int length = lsa.lsaLength();
        if (length > room) {
            throw Ospf6Text.cut();
        }
        int left = length - Ospf6Lsa.HEADER_LENGTH;
        switch (lsa.type()) {
            case Ospf6Lsa.TYPE_ROUTER -> router(b, lsa, left);
            case Ospf6Lsa.TYPE_NETWORK -> {
                left = options(b, lsa, left);
                b.append("\n\t      Connected Routers:");
                for (int r = Ospf6Lsa.NETWORK_ROUTERS; left != 0; r += Ospf6Lsa.ROUTER_ID_LENGTH,
                        left -= Ospf6Lsa.ROUTER_ID_LENGTH) {
                    need(left, Ospf6Lsa.ROUTER_ID_LENGTH);
                    Ospf6Text.ip(b, "\n\t\t", lsa.attachedRouter(r));
                }
            }
            case Ospf6Lsa.TYPE_INTER_AREA_PREFIX -> {
                need(left, Ospf6Lsa.METRIC_LENGTH);
                long metric = lsa.interAreaMetric();
                b.append(", metric ").append(metric);
                left -= Ospf6Lsa.METRIC_LENGTH;
                for (int p = Ospf6Lsa.INTER_AREA_PREFIX; left != 0; ) {
                    int n = prefix(b, lsa, p, left);
                    left -= n;
                    p += n;
                }
            }
            case Ospf6Lsa.TYPE_AS_EXTERNAL -> external(b, lsa, left);
            case Ospf6Lsa.TYPE_LINK -> {
                left = options(b, lsa, left);
                int fixed = Ospf6Lsa.LINK_FIXED_LENGTH - Ospf6Lsa.OPTIONS_LENGTH;
                need(left, fixed);
                left -= fixed;
                long prefixes = lsa.linkPrefixCount();
                int priority = lsa.linkPriority();
                byte[] address = lsa.linkLocalAddress();
                AddressText.ipv6(b.append("\n\t      Priority ").append(priority).append(", Link-local address "),
                        address, 0).append(", Prefixes ").append(prefixes).append(':');
                prefixes(b, lsa, Ospf6Lsa.LINK_PREFIXES, left, prefixes);
            }
            case Ospf6Lsa.TYPE_INTRA_AREA_PREFIX -> {
                // tcpdump counts 6 of the fixed part's 12 bytes against the LSA's length
                need(left, 4);
                left -= 4;
                lsa.needReferencedRouter();
                Ospf6Text.lsaType(b, lsa.referencedType(), lsa.referencedLsaId());
                need(left, 2);
                left -= 2;
                int prefixes = lsa.intraAreaPrefixCount();
                b.append("\n\t      Prefixes ").append(prefixes).append(':');
                prefixes(b, lsa, Ospf6Lsa.INTRA_AREA_PREFIXES, left, prefixes);
            }
            case Ospf6Lsa.TYPE_GRACE -> {
                if (!grace(b, lsa, Ospf6Lsa.HEADER_LENGTH, left)) {
                    throw Ospf6Text.cut();
                }
            }
            default -> {
                // print_unknown_data: what was captured of the body
                byte[] body = lsa.capturedBody(left);
                HexDump.hex(b, "\n\t      ", body, 0, body.length);
            }
        }
    }

    private static void router(StringBuilder b, Ospf6Lsa lsa, int left) {
        left = options(b, lsa, left);
        int flags = lsa.routerFlags();
        ROUTER_FLAGS.append(b.append(", RLA-Flags ["), flags, "none").append(']');
        for (int link = Ospf6Lsa.ROUTER_LINKS; left != 0; link += Ospf6Lsa.ROUTER_LINK_LENGTH) {
            need(left, Ospf6Lsa.ROUTER_LINK_LENGTH);
            left -= Ospf6Lsa.ROUTER_LINK_LENGTH;
            lsa.needRouterLink(link);
            int type = lsa.linkType(link);
            String neighbour = Ospf6Text.ip(lsa.linkNeighborRouterId(link));
            String neighbourInterface = Ospf6Text.ip(lsa.linkNeighborInterfaceId(link));
            String ownInterface = Ospf6Text.ip(lsa.linkInterfaceId(link));
            String what = switch (type) {
                case 1 -> "Neighbor Router-ID ";
                case 2 -> "Neighbor Network-ID ";
                case 4 -> "Virtual Link: Neighbor Router-ID ";
                default -> null;
            };
            if (what == null) {
                b.append(String.format("\n\t      Unknown Router Links Type 0x%02x", type));
                return;
            }
            b.append("\n\t      ").append(what).append(neighbour).append("\n\t      Neighbor Interface-ID ")
                    .append(neighbourInterface).append(", Interface ").append(ownInterface)
                    .append(", metric ").append(lsa.linkMetric(link));
        }
    }

    private static void external(StringBuilder b, Ospf6Lsa lsa, int left) {
        need(left, Ospf6Lsa.METRIC_LENGTH);
        left -= Ospf6Lsa.METRIC_LENGTH;
        long flags = lsa.externalFlags();
        EXTERNAL_FLAGS.append(b.append("\n\t     Flags ["), flags, "none").append(']');
        b.append(" metric ").append(flags & 0xffffff);
        int prefix = Ospf6Lsa.EXTERNAL_PREFIX;
        int n = prefix(b, lsa, prefix, left);
        left -= n;
        int p = prefix + n;
        if ((flags & Ospf6Lsa.EXTERNAL_FORWARDING) != 0) {
            need(left, Ospf6Lsa.FORWARDING_ADDRESS_LENGTH);
            left -= Ospf6Lsa.FORWARDING_ADDRESS_LENGTH;
            byte[] forward = lsa.forwardingAddress(p);
            AddressText.ipv6(b.append(" forward "), forward, 0);
            p += Ospf6Lsa.FORWARDING_ADDRESS_LENGTH;
        }
        if ((flags & Ospf6Lsa.EXTERNAL_TAG) != 0) {
            need(left, Ospf6Lsa.ROUTE_TAG_LENGTH);
            left -= Ospf6Lsa.ROUTE_TAG_LENGTH;
            Ospf6Text.ip(b, " tag ", lsa.word(p));
            p += Ospf6Lsa.ROUTE_TAG_LENGTH;
        }
        if (lsa.prefixReferencedType(prefix) != 0) {
            need(left, Ospf6Lsa.REFERENCED_LSID_LENGTH);
            Ospf6Text.ip(b, " RefLSID: ", lsa.word(p));
        }
    }

    /** The body's 32-bit options word: what is left of the body after it. */
    private static int options(StringBuilder b, Ospf6Lsa lsa, int left) {
        need(left, Ospf6Lsa.OPTIONS_LENGTH);
        long options = lsa.options();
        Ospf6Text.OPTIONS.append(b.append("\n\t      Options ["), options, "none").append(']');
        return left - Ospf6Lsa.OPTIONS_LENGTH;
    }

    private static void prefixes(StringBuilder b, Ospf6Lsa lsa, int at, int left, long count) {
        for (long i = count; i != 0; i--) {
            int n = prefix(b, lsa, at, left);
            left -= n;
            at += n;
        }
    }

    /** One prefix (RFC 5340 A.4.1) in the {@code left} bytes at {@code at}: its length in bytes. */
    private static int prefix(StringBuilder b, Ospf6Lsa lsa, int at, int left) {
        need(left, Ospf6Lsa.PREFIX_HEADER_LENGTH);
        left -= Ospf6Lsa.PREFIX_HEADER_LENGTH;
        lsa.needPrefixHeader(at);
        int bits = lsa.prefixBits(at);
        int words = (bits + 31) / 32;
        if (words > 4) {
            b.append(" bogus prefixlen /").append(bits);
            throw Ospf6Text.cut();
        }
        need(left, words * 4);
        byte[] address = new byte[16];
        System.arraycopy(lsa.prefixAddress(at, words), 0, address, 0, words * 4);
        AddressText.ipv6(b.append("\n\t\t"), address, 0).append('/').append(bits);
        int options = lsa.prefixOptions(at);
        if (options != 0) {
            PREFIX_OPTIONS.append(b.append(", Options ["), options, "none").append(']');
        }
        b.append(", metric ").append(lsa.prefixMetric(at));
        return Ospf6Lsa.PREFIX_HEADER_LENGTH + words * 4;
    }

    /**
     * A grace LSA's TLVs (RFC 3623 appendix A, tcpdump's ospf_grace_lsa_print): the grace period, the restart
     * reason and the interface address; false where tcpdump gives up (a bad length, a cut), after saying why.
     */
    private static boolean grace(StringBuilder b, Ospf6Lsa lsa, int at, int length32) {
        long left = length32; // unsigned 32 bits, as tcpdump's: a padded length beyond it wraps around
        while (left > 0) {
            if (!lsa.captured(at, Ospf6Lsa.TLV_HEADER)) {
                return false;
            }
            if (left < Ospf6Lsa.TLV_HEADER) {
                b.append("\n\t    Remaining LS length ").append(left).append(" < 4");
                return false;
            }
            int type = lsa.tlvType(at);
            int length = lsa.tlvLength(at);
            at += Ospf6Lsa.TLV_HEADER;
            left -= Ospf6Lsa.TLV_HEADER;
            String name = type == 1 ? "Grace Period" : type == 2 ? "Graceful restart Reason"
                    : type == 3 ? "IPv4 interface address" : "unknown";
            b.append("\n\t    ").append(name).append(" TLV (").append(type).append("), length ").append(length)
                    .append(", value: ");
            if (length > left) {
                b.append("\n\t    Bogus length ").append(length).append(" > ").append(left);
                return false;
            }
            if (type == 0 || length == 0 || !lsa.captured(at, length)) {
                return false;
            }
            int expected = type == 1 || type == 3 ? 4 : type == 2 ? 1 : length;
            if (length != expected) {
                b.append("\n\t    Bogus length ").append(length).append(" != ").append(expected);
                return false;
            }
            switch (type) {
                case 1 -> b.append(lsa.valueWord(at)).append('s');
                case 2 -> {
                    int reason = lsa.valueByte(at);
                    b.append(reason < RESTART_REASONS.length ? RESTART_REASONS[reason] : "Unknown").append(" (")
                            .append(reason).append(')');
                }
                case 3 -> Ospf6Text.ip(b, "", lsa.valueAddress(at));
                default -> {
                    // tcpdump dumps an unknown TLV's value only below -vv, and OSPFv3 prints LSAs only at -vv
                }
            }
            int padded = OspfLsa.paddedLength(length);
            left = (left - padded) & 0xffff_ffffL;
            at += padded;
        }
        return true;
    }

    /** tcpdump gives up on an LSA whose length leaves less than the next field needs. */
    private static void need(int left, int n) {
        if (left < n) {
            throw Ospf6Text.cut();
        }
    }
}
