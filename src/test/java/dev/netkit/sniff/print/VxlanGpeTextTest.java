package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** VXLAN-GPE with NSH as tcpdump 4.99.6 prints it (tests/nsh-over-vxlan-gpe.out and its -v, -vv, -vvv). */
class VxlanGpeTextTest {
    /** nsh-over-vxlan-gpe.pcap from its IP header: NSH MD type 2 over VXLAN-GPE carrying IPv4 UDP. */
    private static final byte[] PACKET = HexFormat.of().parseHex("4500005c40234000" + "4011fc6b7f000001"
            + "7f00000112b612b6" + "004849f70c000004" + "ffffff0030060201" + "ffffffff00010201" + "1234567800020301"
            + "1234567845000020" + "d4310000ff116647" + "c0a80001c0a80002" + "27104e20000c2178" + "74657374");

    private static String print(int verbose) {
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, verbose, true, 1, false, 0, 0, false), new TimeText(1, false));
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, CapturedFrame.of(0, LinkType.IPV4, PACKET)), b);
        return b.toString();
    }

    @Test
    void plainOnOneLine() {
        assertEquals("IP 127.0.0.1.4790 > 127.0.0.1.4790: VXLAN-GPE, flags [IP], vni 16777215: NSH, flags [O], "
                + "service-path-id 0xffffff, service-index 0xff: IP 192.168.0.1.10000 > 192.168.0.2.20000: "
                + "UDP, length 4", print(0));
    }

    @Test
    void veryVerboseNamesNshVersionAndNextProtocol() {
        String text = print(2);
        // tcpdump -vv: "NSH, ver 0, flags [O], next-protocol IPv4, service-path-id 0xffffff, service-index 0xff"
        assertEquals(true, text.contains("\n    NSH, ver 0, flags [O], next-protocol IPv4, service-path-id 0xffffff, "
                + "service-index 0xff\n    IP "), text);
    }
}
