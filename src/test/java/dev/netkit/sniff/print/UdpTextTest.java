package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A UDP header that is cut or too short, as print-udp.c prints it (tests/udp-length-heapoverflow.out has the
 * two spaces before [|udp]). Vectors are raw IP frames of a 40-byte datagram (60 for IPv6) cut by the capture;
 * each comment is Debian's tcpdump 4.99.3 on the same frame with -n -t.
 */
class UdpTextTest {
    private static String print(String hex, int wire) {
        byte[] frame = HexFormat.of().parseHex(hex);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, 0, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, LinkType.RAW, wire, frame)), b);
        return b.toString();
    }

    @Test
    void portsNotCaptured() {
        // IP 192.0.2.1 > 198.51.100.2:  [|udp]
        assertEquals("IP 192.0.2.1 > 198.51.100.2:  [|udp]",
                print("450000280001000040118e8dc0000201c63364021388", 40));
        // IP6 2001:db8::1 > 2001:db8::2:  [|udp]
        assertEquals("IP6 2001:db8::1 > 2001:db8::2:  [|udp]", print("600000000014114020010db80000000000000000"
                + "0000000120010db80000000000000000000000021388", 60));
    }

    @Test
    void lengthOrChecksumNotCaptured() {
        // IP 192.0.2.1.5000 > 198.51.100.2.53:  [|udp]
        assertEquals("IP 192.0.2.1.5000 > 198.51.100.2.53:  [|udp]",
                print("450000280001000040118e8dc0000201c633640213880035" + "00", 40));
        assertEquals("IP 192.0.2.1.5000 > 198.51.100.2.53:  [|udp]",
                print("450000280001000040118e8dc0000201c633640213880035" + "001400", 40));
        // IP6 2001:db8::1.5000 > 2001:db8::2.53:  [|udp]
        assertEquals("IP6 2001:db8::1.5000 > 2001:db8::2.53:  [|udp]", print("600000000014114020010db8000000000000"
                + "00000000000120010db800000000000000000000000213880035001400", 60));
    }

    @Test
    void datagramShorterThanAHeader() {
        // IP total length 26: IP 192.0.2.1.5000 > 198.51.100.2.53: truncated-udp 6
        assertEquals("IP 192.0.2.1.5000 > 198.51.100.2.53: truncated-udp 6",
                print("4500001a0001000040118e9bc0000201c6336402138800350014", 26));
    }

    @Test
    void lengthFieldBelowEight() {
        // UDP length 4: IP 192.0.2.1.5000 > 198.51.100.2.53: truncated-udplength 4
        assertEquals("IP 192.0.2.1.5000 > 198.51.100.2.53: truncated-udplength 4",
                print("450000280001000040118e8dc0000201c63364021388003500040000000000000000000000000000", 40));
    }
}
