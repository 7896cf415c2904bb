package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.VxlanHeader;
import dev.netkit.sniff.SniffedPacket;

/**
 * tcpdump's VXLAN text (print-vxlan.c, RFC 7348): flags and VNI, then on the next line the inner Ethernet frame as
 * tcpdump prints any Ethernet frame (its addresses with -e). A header shorter than 8 bytes is {@code (invalid)}.
 */
final class VxlanText {
    static final int PORT = 4789;
    /** The port Linux used before IANA assigned 4789. */
    static final int LINUX_PORT = 8472;

    private VxlanText() {
    }

    /** True when the packet is UDP to or from a VXLAN or VXLAN-GPE port: its inner frame may be TCP, whose text has state. */
    static boolean tunnels(SniffedPacket p) {
        return p.decoded().udp().map(u -> u.sourcePort() == PORT || u.destinationPort() == PORT
                || u.sourcePort() == LINUX_PORT || u.destinationPort() == LINUX_PORT
                || u.sourcePort() == VxlanGpeText.PORT || u.destinationPort() == VxlanGpeText.PORT).orElse(false);
    }

    static void print(TcpdumpText text, SniffedPacket p, StringBuilder b, int off, int end, int length) {
        VxlanHeader h = new VxlanHeader(p.frame().data(), off, end);
        b.append("VXLAN");
        if (length < VxlanHeader.LENGTH) {
            b.append(" (invalid)");
            return;
        }
        try {
            int flags = h.flags();
            b.append(", flags [").append((flags & VxlanHeader.FLAG_VNI) != 0 ? "I" : "invalid")
                    .append(String.format("] (0x%02x), ", flags));
            int vni = h.vni();
            b.append("vni ").append(vni).append('\n');
            h.lastReserved();
        } catch (MalformedPacketException e) {
            b.append(" [|vxlan]"); // tcpdump's nd_print_trunc, after the ", " already printed
            return;
        }
        text.innerEthernet(p, b, off + VxlanHeader.LENGTH, length - VxlanHeader.LENGTH);
    }
}
