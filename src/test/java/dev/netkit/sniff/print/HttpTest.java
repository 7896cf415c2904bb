package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HTTP text as tcpdump 4.99.6 prints it (util-print.c's txtproto_print): the lines stop at the first byte that is
 * neither printable ASCII nor a tab, a last line without its end is printed whole when the payload ends there, and
 * only reading past the captured bytes prints [|http]. Vectors are raw IPv4 frames; the lines in the comments are
 * Debian's tcpdump 4.99.3 on the same frames, except where said.
 */
class HttpTest {
    /** A response whose header is followed by NUL bytes (as accecn_handshake.pcap's packet 6 body). */
    private static final String RESPONSE_THEN_NULS = "4500004a0001400040064e76c0000201c633640200509c4000000001"
            + "0000000150180400da290000485454502f312e3120323030204f4b0d0a5365727665723a20780d0a0d0a00000000";
    /** A request whose last line has no line end, all of it captured. */
    private static final String LAST_LINE_OPEN = "450000440001400040064e7cc0000201c633640200509c4000000001"
            + "00000001501804008c9a0000474554202f20485454502f312e310d0a486f73743a20610d0a416363";
    /** A request of 33 bytes of which 21 were captured: the second line is cut. */
    private static final String CUT = "450000490001400040064e77c0000201c633640200509c4000000001"
            + "0000000150180400aada0000474554202f20485454502f312e310d0a486f73743a";
    /** A NUL before the method: not HTTP to tcpdump. */
    private static final String NUL_FIRST = "450000390001400040064e87c0000201c633640200509c4000000001"
            + "00000001501804008c20000000474554202f20485454502f312e310d0a";

    private static String print(String hex, int verbose, int wire) {
        byte[] frame = HexFormat.of().parseHex(hex);
        TcpdumpText text = new TcpdumpText(PrintOptions.of(false, verbose, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1,
                new CapturedFrame(0, LinkType.RAW, Math.max(wire, frame.length), frame)), b);
        return b.toString();
    }

    private static String lines(String text) {
        return text.substring(text.indexOf("HTTP"));
    }

    @Test
    void linesStopAtTheFirstNul() {
        // HTTP, length: 34 / HTTP/1.1 200 OK / Server: x / (empty), and nothing of the NULs
        assertEquals("HTTP, length: 34\n\tHTTP/1.1 200 OK\n\tServer: x\n\t", lines(print(RESPONSE_THEN_NULS, 1, 0)));
        assertEquals("HTTP: HTTP/1.1 200 OK", lines(print(RESPONSE_THEN_NULS, 0, 0)));
    }

    @Test
    void lastLineWithoutItsEndIsPrintedWhole() {
        // tcpdump 4.99.6 (tests/ipv4_tcp_http_xml.out ends its body so); Debian's 4.99.3 adds " [|http]" here
        assertEquals("HTTP, length: 28\n\tGET / HTTP/1.1\n\tHost: a\n\tAcc", lines(print(LAST_LINE_OPEN, 1, 0)));
    }

    @Test
    void readingPastTheCaptureEndsWithTruncation() {
        // HTTP, length: 33 / GET / HTTP/1.1 [|http]
        assertEquals("HTTP, length: 33\n\tGET / HTTP/1.1 [|http]", lines(print(CUT, 1, 73)));
        assertEquals("HTTP: GET / HTTP/1.1", lines(print(CUT, 0, 73)));
    }

    @Test
    void binaryBeforeTheMethodIsNotHttp() {
        // ... length 17: HTTP
        assertEquals("HTTP", lines(print(NUL_FIRST, 1, 0)));
        assertEquals("HTTP", lines(print(NUL_FIRST, 0, 0)));
    }
}
