package dev.netkit.sniff.print;

import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.NshHeader;
import dev.netkit.packet.VxlanGpeHeader;
import dev.netkit.sniff.SniffedPacket;

/**
 * tcpdump's VXLAN-GPE text (print-vxlan-gpe.c, draft-ietf-nvo3-vxlan-gpe) and the network service header it may
 * carry (print-nsh.c, RFC 8300): flags and VNI, the NSH's service path, then the inner IPv4, IPv6 or Ethernet
 * packet, on one line without -v and one line each with it. -vv adds NSH's version and next protocol, -vvv its
 * TTL, length, MD type and context headers.
 */
final class VxlanGpeText {
    static final int PORT = 4790;
    private static final BitNames FLAGS = BitNames.of(0x08, "I", 0x04, "P", 0x02, "B", 0x01, "O");
    private static final BitNames NSH_FLAGS = BitNames.of(0x02, "O");
    private static final String[] NEXT = {null, "IPv4", "IPv6", "Ethernet", "NSH", "MPLS"};

    private VxlanGpeText() {
    }

    static void print(TcpdumpText text, SniffedPacket p, StringBuilder b, int off, int end, int length) {
        VxlanGpeHeader h = new VxlanGpeHeader(p.frame().data(), off, end);
        b.append("VXLAN-GPE, ");
        if (length < VxlanGpeHeader.LENGTH) {
            b.append(" (len ").append(length).append(" < 8) (invalid)");
            return;
        }
        try {
            FLAGS.append(b.append("flags ["), h.flags(), "none", "").append("], ");
            int next = h.nextProtocol();
            int vni = h.vni();
            h.lastReserved();
            b.append("vni ").append(vni).append(text.verbose > 0 ? "\n    " : ": ");
            if (next == VxlanGpeHeader.NEXT_NSH) {
                nsh(text, p, b, h.nsh(length), length - VxlanGpeHeader.LENGTH);
            } else if (!inner(text, p, b, next, h.payloadOffset(), length - VxlanGpeHeader.LENGTH)) {
                b.append("ERROR: unknown-next-protocol (invalid)");
            }
        } catch (MalformedPacketException e) {
            b.append(" [|").append(e.protocol()).append(']');
        }
    }

    private static boolean inner(TcpdumpText text, SniffedPacket p, StringBuilder b, int next, int from, int len) {
        switch (next) {
            case VxlanGpeHeader.NEXT_IPV4 -> text.inner(p, b, from, len, LinkType.IPV4);
            case VxlanGpeHeader.NEXT_IPV6 -> text.inner(p, b, from, len, LinkType.IPV6);
            case VxlanGpeHeader.NEXT_ETHERNET -> text.innerEthernet(p, b, from, len);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void nsh(TcpdumpText text, SniffedPacket p, StringBuilder b, NshHeader h, int len) {
        if (len < NshHeader.MIN_LENGTH) {
            b.append(" (packet length ").append(len).append(" < 8) (invalid)");
            return;
        }
        int version = h.version();
        int words = h.lengthWords();
        int mdType = h.mdType();
        int next = h.nextProtocol();
        b.append("NSH, ");
        if (text.verbose > 1) {
            b.append("ver ").append(version).append(", ");
        }
        if (version != 0) {
            return;
        }
        NSH_FLAGS.append(b.append("flags ["), h.flags(), "none", "").append("], ");
        if (text.verbose > 2) {
            b.append("TTL ").append(h.ttl()).append(", length ").append(words).append(", md type ")
                    .append(mdType == 0 ? "reserved" : mdType == NshHeader.MD_TYPE_1 ? "1"
                            : mdType == NshHeader.MD_TYPE_2 ? "2" : mdType == 15
                            ? "experimental" : String.format("unknown (0x%02x)", mdType)).append(", ");
        }
        if (text.verbose > 1) {
            b.append("next-protocol ").append(next < NEXT.length && next > 0 ? NEXT[next] : next == 0xfe
                    ? "Experiment 1" : next == 0xff ? "Experiment 2" : String.format("unknown (0x%02x)", next))
                    .append(", ");
        }
        if (len < h.headerLength()) {
            b.append(" (too many headers for packet length ").append(len).append(") (invalid)");
            return;
        }
        b.append(String.format("service-path-id 0x%06x, service-index 0x%x", h.servicePathId(), h.serviceIndex()));
        if (words < 2) {
            b.append(" (less than two headers) (invalid)");
            return;
        }
        if (text.verbose > 2 && mdType == NshHeader.MD_TYPE_1) {
            if (words != NshHeader.MD_TYPE_1_WORDS) {
                b.append(" (length for the MD type) (invalid)");
                return;
            }
            for (int n = 0; n < 4; n++) {
                b.append(String.format("\n        Context[%02d]: 0x%08x", n, h.context(n)));
            }
        }
        h.contextHeaders();
        b.append(text.verbose > 0 ? "\n    " : ": ");
        // the MD type 2 context headers are skipped, not printed, at -vvv
        if (!inner(text, p, b, next, h.offset() + h.headerLength(), len - h.headerLength())) {
            b.append("ERROR: unknown-next-protocol");
        }
    }
}
