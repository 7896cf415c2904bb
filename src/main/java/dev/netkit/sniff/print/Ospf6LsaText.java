package dev.netkit.sniff.print;

import dev.netkit.packet.MessageBytes;

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
    private static final int FORWARDING = 0x02000000;
    private static final int TAG = 0x01000000;

    private Ospf6LsaText() {
    }

    /** The LSA at {@code at}, which must end by {@code dataEnd}, the end of the OSPF packet. */
    static void lsa(StringBuilder b, MessageBytes m, int at, int dataEnd) {
        Ospf6Text.lsaHeader(b, m, at, dataEnd);
        int length = m.u16At(at + 18);
        if (at + length > dataEnd) {
            throw Ospf6Text.cut();
        }
        int left = length - Ospf6Text.LSA_HEADER;
        int body = at + Ospf6Text.LSA_HEADER;
        switch (m.u16At(at + 2)) {
            case 0x2001 -> router(b, m, body, left);
            case 0x2002 -> {
                left = options(b, m, body, left);
                b.append("\n\t      Connected Routers:");
                for (int r = body + 4; left != 0; r += 4, left -= 4) {
                    need(left, 4);
                    Ospf6Text.ip(b, "\n\t\t", m, r);
                }
            }
            case 0x2003 -> {
                need(left, 4);
                long metric = m.u32At(body) & 0xffffff;
                b.append(", metric ").append(metric);
                left -= 4;
                for (int p = body + 4; left != 0; ) {
                    int n = prefix(b, m, p, left);
                    left -= n;
                    p += n;
                }
            }
            case 0x4005 -> external(b, m, body, left);
            case 0x0008 -> {
                left = options(b, m, body, left);
                need(left, 20);
                left -= 20;
                long prefixes = m.u32At(body + 20);
                int priority = m.byteAt(body);
                byte[] address = m.bytesAt(body + 4, 16);
                AddressText.ipv6(b.append("\n\t      Priority ").append(priority).append(", Link-local address "),
                        address, 0).append(", Prefixes ").append(prefixes).append(':');
                prefixes(b, m, body + 24, left, prefixes);
            }
            case 0x2009 -> {
                need(left, 4);
                left -= 4;
                m.need(body + 8, 4);
                Ospf6Text.lsaType(b, m, m.u16At(body + 2), body + 4);
                need(left, 2);
                left -= 2;
                int prefixes = m.u16At(body);
                b.append("\n\t      Prefixes ").append(prefixes).append(':');
                prefixes(b, m, body + 12, left, prefixes);
            }
            case 0x000b -> {
                if (!OspfLsaText.grace(b, m, body, left, 2)) {
                    throw Ospf6Text.cut();
                }
            }
            default -> {
                // print_unknown_data: what was captured of the body
                int n = Math.max(0, Math.min(left, m.length() - body));
                HexDump.hex(b, "\n\t      ", m.buffer(), m.offset() + body, n);
            }
        }
    }

    private static void router(StringBuilder b, MessageBytes m, int at, int left) {
        left = options(b, m, at, left);
        int flags = m.byteAt(at);
        ROUTER_FLAGS.append(b.append(", RLA-Flags ["), flags, "none").append(']');
        for (int link = at + 4; left != 0; link += 16) {
            need(left, 16);
            left -= 16;
            m.need(link, 16);
            int type = m.byteAt(link);
            String neighbour = Ospf6Text.ip(m, link + 12);
            String neighbourInterface = Ospf6Text.ip(m, link + 8);
            String ownInterface = Ospf6Text.ip(m, link + 4);
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
                    .append(", metric ").append(m.u16At(link + 2));
        }
    }

    private static void external(StringBuilder b, MessageBytes m, int at, int left) {
        need(left, 4);
        left -= 4;
        long flags = m.u32At(at);
        EXTERNAL_FLAGS.append(b.append("\n\t     Flags ["), flags, "none").append(']');
        b.append(" metric ").append(flags & 0xffffff);
        int prefix = at + 4;
        int n = prefix(b, m, prefix, left);
        left -= n;
        int p = prefix + n;
        if ((flags & FORWARDING) != 0) {
            need(left, 16);
            left -= 16;
            byte[] forward = m.bytesAt(p, 16);
            AddressText.ipv6(b.append(" forward "), forward, 0);
            p += 16;
        }
        if ((flags & TAG) != 0) {
            need(left, 4);
            left -= 4;
            Ospf6Text.ip(b, " tag ", m, p);
            p += 4;
        }
        // the referenced LS type, in the prefix's third byte
        if (m.byteAt(prefix + 2) != 0) {
            need(left, 4);
            Ospf6Text.ip(b, " RefLSID: ", m, p);
        }
    }

    /** The 32-bit options word at {@code at}: what is left of the body after it. */
    private static int options(StringBuilder b, MessageBytes m, int at, int left) {
        need(left, 4);
        long options = m.u32At(at);
        Ospf6Text.OPTIONS.append(b.append("\n\t      Options ["), options, "none").append(']');
        return left - 4;
    }

    private static void prefixes(StringBuilder b, MessageBytes m, int at, int left, long count) {
        for (long i = count; i != 0; i--) {
            int n = prefix(b, m, at, left);
            left -= n;
            at += n;
        }
    }

    /** One prefix (RFC 5340 A.4.1) in the {@code left} bytes at {@code at}: its length in bytes. */
    private static int prefix(StringBuilder b, MessageBytes m, int at, int left) {
        need(left, 4);
        left -= 4;
        m.need(at, 4);
        int bits = m.byteAt(at);
        int words = (bits + 31) / 32;
        if (words > 4) {
            b.append(" bogus prefixlen /").append(bits);
            throw Ospf6Text.cut();
        }
        need(left, words * 4);
        byte[] address = new byte[16];
        System.arraycopy(m.bytesAt(at + 4, words * 4), 0, address, 0, words * 4);
        AddressText.ipv6(b.append("\n\t\t"), address, 0).append('/').append(bits);
        int options = m.byteAt(at + 1);
        if (options != 0) {
            PREFIX_OPTIONS.append(b.append(", Options ["), options, "none").append(']');
        }
        b.append(", metric ").append(m.u16At(at + 2));
        return 4 + words * 4;
    }

    /** tcpdump gives up on an LSA whose length leaves less than the next field needs. */
    private static void need(int left, int n) {
        if (left < n) {
            throw Ospf6Text.cut();
        }
    }
}
