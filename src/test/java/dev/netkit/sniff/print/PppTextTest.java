package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PPP (print-ppp.c) on LINKTYPE_PPP and LINKTYPE_PPP_SERIAL, MPLS inside it (print-mpls.c) and AppleTalk ARP
 * (print-atalk.c). Each expected text is Debian's tcpdump 4.99.3 with -n -t on a pcap of the same frame, or the
 * line of tcpdump 4.99.6's tests/*.out the vector comes from.
 */
class PppTextTest {
    /** PPP address and control, protocol IP, a UDP datagram of 4 bytes. */
    private static final String IP = "ff030021" + "450000200001000040118e95c0000201c63364021388270f000c000061626364";
    /** The same with protocol field compression and no address or control (RFC 1661 section 6.5). */
    private static final String IP_COMPRESSED = "21" + "450000200001000040118e95c0000201c63364021388270f000c000061626364";
    private static final String LCP_ECHO = "ff03c021" + "0907000811223344";
    private static final String IPCP_ADDRESS = "ff038021" + "0101000a0306c0000201";
    private static final String UNKNOWN = "ff0300010102";
    /** mpls-traceroute.pcap packet 1: PPP, one MPLS label, a UDP probe. */
    private static final String MPLS = "ff0302811896010145000028a54c00000111f76f0c0404040c010101a54b829b0014000000"
            + "0000000000000000000000";
    private static final String AARP_REQUEST = "ffffffffffff08000701020380f30001809b0604000108000701020300ff0142"
            + "00000000000000ff0107";

    private static String print(LinkType link, String hex, boolean e, int verbose) {
        byte[] frame = HexFormat.of().parseHex(hex);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(e, verbose, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, link, frame.length, frame)), b);
        return b.toString();
    }

    @Test
    void ipv4OverPpp() {
        assertEquals("IP 192.0.2.1.5000 > 198.51.100.2.9999: UDP, length 4", print(LinkType.PPP, IP, false, 0));
        assertEquals("IP (0x0021), length 36: 192.0.2.1.5000 > 198.51.100.2.9999: UDP, length 4",
                print(LinkType.PPP, IP, true, 0));
        assertEquals("IP (0x0021), length 33: 192.0.2.1.5000 > 198.51.100.2.9999: UDP, length 4",
                print(LinkType.PPP, IP_COMPRESSED, true, 0));
        assertEquals("IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 32)\n"
                + "    192.0.2.1.5000 > 198.51.100.2.9999: [no cksum] UDP, length 4", print(LinkType.PPP, IP, false, 2));
    }

    @Test
    void ipv4OverPppSerialNamesTheProtocolFirst() {
        assertEquals("IP: IP 192.0.2.1.5000 > 198.51.100.2.9999: UDP, length 4",
                print(LinkType.PPP_SERIAL, IP, false, 0));
        assertEquals("ff 03 36 IP: 192.0.2.1.5000 > 198.51.100.2.9999: UDP, length 4",
                print(LinkType.PPP_SERIAL, IP, true, 0));
    }

    @Test
    void controlProtocols() {
        assertEquals("LCP, Echo-Request (0x09), id 7, length 10", print(LinkType.PPP, LCP_ECHO, false, 0));
        assertEquals("LCP (0xc021), length 12: LCP, Echo-Request (0x09), id 7, length 10",
                print(LinkType.PPP, LCP_ECHO, true, 0));
        assertEquals("LCP, Echo-Request (0x09), id 7, length 10\n\tencoded length 8 (=Option(s) length 4)\n"
                + "\t0x0000:  c021 0907 0008\n\t  Magic-Num 0x11223344", print(LinkType.PPP, LCP_ECHO, false, 2));
        assertEquals("IPCP: IPCP, Conf-Request (0x01), id 1, length 12\n\tencoded length 10 (=Option(s) length 6)\n"
                + "\t  IP-Addr Option (0x03), length 6: 192.0.2.1", print(LinkType.PPP_SERIAL, IPCP_ADDRESS, false, 1));
        assertEquals("IPCP, Conf-Request (0x01), id 1, length 12\n\tencoded length 10 (=Option(s) length 6)\n"
                + "\t0x0000:  8021 0101 000a\n\t  IP-Addr Option (0x03), length 6: 192.0.2.1\n\t    0x0000:  c000 0201",
                print(LinkType.PPP, IPCP_ADDRESS, false, 2));
    }

    @Test
    void unknownProtocolIsDumped() {
        assertEquals("unknown PPP protocol (0x0001) \n\t0x0000:  0102", print(LinkType.PPP, UNKNOWN, false, 0));
        assertEquals("unknown (0x0001), length 6", print(LinkType.PPP, UNKNOWN, true, 0));
    }

    @Test
    void mplsLabelThenTheIpInside() {
        // tests/mpls-traceroute.out packet 1, and mpls-traceroute-v.out
        assertEquals("MPLS (label 100704, tc 0, [S], ttl 1) IP 12.4.4.4.42315 > 12.1.1.1.33435: UDP, length 12",
                print(LinkType.PPP, MPLS, false, 0));
        assertEquals("MPLS (label 100704, tc 0, [S], ttl 1)\n"
                + "\tIP (tos 0x0, ttl 1, id 42316, offset 0, flags [none], proto UDP (17), length 40)\n"
                + "    12.4.4.4.42315 > 12.1.1.1.33435: UDP, length 12", print(LinkType.PPP, MPLS, false, 1));
    }

    @Test
    void appleTalkArp() {
        assertEquals("aarp who-has 65281.7 tell 65281.66", print(LinkType.ETHERNET, AARP_REQUEST, false, 0));
        assertEquals("08:00:07:01:02:03 > ff:ff:ff:ff:ff:ff, ethertype Appletalk ARP (0x80f3), length 42: "
                + "aarp who-has 65281.7 tell 65281.66", print(LinkType.ETHERNET, AARP_REQUEST, true, 0));
        // tests/aarp-heapoverflow-1.out: cut before the 28 bytes of an AARP packet
        assertEquals("aarp  [|aarp]", print(LinkType.ETHERNET, AARP_REQUEST.substring(0, 2 * 30), false, 0));
    }
}
