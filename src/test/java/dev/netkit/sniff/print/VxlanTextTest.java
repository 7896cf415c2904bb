package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** VXLAN as tcpdump 4.99.6 prints it (tests/vxlan.out): the header, then the inner frame on its own line. */
class VxlanTextTest {
    /** vxlan.pcap packet 2: an ARP request inside VXLAN, VNI 100. */
    private static final byte[] ARP = HexFormat.of().parseHex("36dc851eb3400016" + "3e0871cf08004500"
            + "004eb80240003e11" + "6e48c0a8ca01c0a8" + "cb01a6d612b5003a" + "0000080000000000"
            + "6400ffffffffffff" + "0030880100020806" + "0001080006040001" + "003088010002c0a8"
            + "cb05000000000000" + "c0a8cb03");

    private static String print(byte[] frame, boolean link) {
        TcpdumpText text = new TcpdumpText(PrintOptions.of(link, 0, true, 1, false, 0, 0, false), new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, CapturedFrame.of(0, LinkType.ETHERNET, frame)), b);
        return b.toString();
    }

    @Test
    void innerFrameFollowsTheHeader() {
        assertEquals("00:16:3e:08:71:cf > 36:dc:85:1e:b3:40, ethertype IPv4 (0x0800), length 92: "
                + "192.168.202.1.42710 > 192.168.203.1.4789: VXLAN, flags [I] (0x08), vni 100\n"
                + "00:30:88:01:00:02 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: "
                + "Request who-has 192.168.203.3 tell 192.168.203.5, length 28", print(ARP, true));
    }

    @Test
    void withoutLinkHeadersTheInnerFrameHasNone() {
        assertEquals("IP 192.168.202.1.42710 > 192.168.203.1.4789: VXLAN, flags [I] (0x08), vni 100\n"
                + "ARP, Request who-has 192.168.203.3 tell 192.168.203.5, length 28", print(ARP, false));
    }

    @Test
    void cutHeaderPrintsTheFieldsBeforeTheCut() {
        byte[] cut = java.util.Arrays.copyOf(ARP, 14 + 20 + 8 + 5);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, 0, true, 1, false, 0, 0, false), new TimeText(1, false));
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, LinkType.ETHERNET, ARP.length, cut)), b);
        assertEquals("IP 192.168.202.1.42710 > 192.168.203.1.4789: VXLAN, flags [I] (0x08),  [|vxlan]",
                b.toString());
    }
}
