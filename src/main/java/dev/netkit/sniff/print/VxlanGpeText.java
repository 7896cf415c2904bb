package dev.netkit.sniff.print;

import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;
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
        MessageBytes m = new MessageBytes("vxlan_gpe", p.frame().data(), off, end);
        b.append("VXLAN-GPE, ");
        if (length < 8) {
            b.append(" (len ").append(length).append(" < 8) (invalid)");
            return;
        }
        try {
            FLAGS.append(b.append("flags ["), m.byteAt(0), "none", "").append("], ");
            int next = m.byteAt(3);
            int vni = m.u24At(4);
            m.byteAt(7);
            b.append("vni ").append(vni).append(text.verbose > 0 ? "\n    " : ": ");
            if (next == 4) {
                nsh(text, p, b, m.inner("nsh", 8, length - 8), length - 8);
            } else if (!inner(text, p, b, next, m.offset() + 8, length - 8)) {
                b.append("ERROR: unknown-next-protocol (invalid)");
            }
        } catch (MalformedPacketException e) {
            b.append(" [|").append(e.protocol()).append(']');
        }
    }

    private static boolean inner(TcpdumpText text, SniffedPacket p, StringBuilder b, int next, int from, int len) {
        switch (next) {
            case 1 -> text.inner(p, b, from, len, LinkType.IPV4);
            case 2 -> text.inner(p, b, from, len, LinkType.IPV6);
            case 3 -> text.innerEthernet(p, b, from, len);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void nsh(TcpdumpText text, SniffedPacket p, StringBuilder b, MessageBytes m, int len) {
        if (len < 8) {
            b.append(" (packet length ").append(len).append(" < 8) (invalid)");
            return;
        }
        long base = m.u32At(0);
        int version = (int) (base >>> 30);
        int words = (int) (base >> 16) & 0x3f;
        int mdType = (int) (base >> 8) & 0x0f;
        int next = (int) base & 0xff;
        b.append("NSH, ");
        if (text.verbose > 1) {
            b.append("ver ").append(version).append(", ");
        }
        if (version != 0) {
            return;
        }
        NSH_FLAGS.append(b.append("flags ["), (base >> 28) & 0x3, "none", "").append("], ");
        if (text.verbose > 2) {
            b.append("TTL ").append((base >> 22) & 0x3f).append(", length ").append(words).append(", md type ")
                    .append(mdType == 0 ? "reserved" : mdType == 1 ? "1" : mdType == 2 ? "2" : mdType == 15
                            ? "experimental" : String.format("unknown (0x%02x)", mdType)).append(", ");
        }
        if (text.verbose > 1) {
            b.append("next-protocol ").append(next < NEXT.length && next > 0 ? NEXT[next] : next == 0xfe
                    ? "Experiment 1" : next == 0xff ? "Experiment 2" : String.format("unknown (0x%02x)", next))
                    .append(", ");
        }
        if (len < words * 4) {
            b.append(" (too many headers for packet length ").append(len).append(") (invalid)");
            return;
        }
        b.append(String.format("service-path-id 0x%06x, service-index 0x%x", m.u24At(4), m.byteAt(7)));
        if (words < 2) {
            b.append(" (less than two headers) (invalid)");
            return;
        }
        if (text.verbose > 2 && mdType == 1) {
            if (words != 6) {
                b.append(" (length for the MD type) (invalid)");
                return;
            }
            for (int n = 0; n < 4; n++) {
                b.append(String.format("\n        Context[%02d]: 0x%08x", n, m.u32At(8 + 4 * n)));
            }
        }
        m.need(8, (words - 2) * 4);
        b.append(text.verbose > 0 ? "\n    " : ": ");
        // the MD type 2 context headers are skipped, not printed, at -vvv
        if (!inner(text, p, b, next, m.offset() + words * 4, len - words * 4)) {
            b.append("ERROR: unknown-next-protocol");
        }
    }
}
