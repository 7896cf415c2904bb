package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TftpMessageTest {
    // tcpdump's tftp.pcap packet 1, the UDP payload:
    // IP 192.168.1.2.44935 > 192.168.1.1.69: TFTP, length 14, RRQ "file1" octet
    static final String RRQ = "0001 66696c653100 6f6374657400";
    // tcpdump's tftp.pcap packet 3, the UDP payload (to the server's data port, so tcpdump prints it as UDP):
    // IP 192.168.1.2.44935 > 192.168.1.1.59557: UDP, length 4
    static final String ACK = "0004 0001";
    // tcpdump's tftp-heapoverflow.pcap, the UDP payload as captured:
    // 48.48.48.48.69 > 48.48.48.48.12336: TFTP, length 12308, RRQ "00" [|tftp]
    static final String CUT = "0001 3030";

    private static TftpMessage message(String vector) {
        byte[] captured = hex(vector);
        return new TftpMessage(captured, 0, captured.length);
    }

    @Test
    void parseRequest() {
        TftpMessage m = message(RRQ);
        assertEquals(TftpMessage.RRQ, m.opcode());
        assertEquals('f', m.charAt(TftpMessage.BODY));
        assertEquals(0, m.charAt(7), "the file name's NUL");
        assertEquals('o', m.charAt(8), "the mode");
        assertTrue(m.has(13));
        assertFalse(m.has(14));
    }

    @Test
    void parseAck() {
        TftpMessage m = message(ACK);
        assertEquals(TftpMessage.ACK, m.opcode());
        assertEquals(1, m.block());
    }

    @Test
    void truncated() {
        byte[] b = hex(CUT);
        TftpMessage m = new TftpMessage(b, 0, 12308);
        assertEquals(4, m.length(), "clamped to the capture");
        assertEquals('0', m.charAt(3));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> m.charAt(4));
        assertTrue(e.isTruncation());
        assertThrows(MalformedPacketException.class, () -> new TftpMessage(b, 0, 3).block());
        assertThrows(MalformedPacketException.class, () -> new TftpMessage(b, 3, 4).opcode());
    }
}
