package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthenticationHeaderTest {
    /**
     * OSPFv3_with_AH.pcap packet 1, the 24-byte AH before an OSPFv3 hello. tcpdump -n:
     * {@code IP6 fe80::1 > ff02::5: AH(spi=0x00000100,seq=0x13,icv=0x21d3a95c5ffd4d184622b9f8): OSPFv3, Hello, length 36}
     */
    private static final byte[] AH = hex("59 04 0000 00000100 00000013 21d3a95c5ffd4d184622b9f8");

    @Test
    void parse() {
        AuthenticationHeader h = new AuthenticationHeader(AH, 0, AH.length);
        assertEquals(89, h.nextHeader(), "OSPF");
        assertEquals(4, h.payloadLength());
        assertEquals(24, h.headerLength());
        assertEquals(0, h.reserved());
        assertEquals(0x100, h.spi());
        assertEquals(0x13, h.sequence());
        assertEquals(12, h.icvLength());
        StringBuilder icv = new StringBuilder();
        for (int i = 0; i < h.icvLength(); i++) {
            icv.append(String.format("%02x", h.icvByte(i)));
        }
        assertEquals("21d3a95c5ffd4d184622b9f8", icv.toString());
    }

    @Test
    void truncatedInsideTheIcv() {
        // heapoverflow-ip_demux_print.pcap packet 2 is cut the same way:
        // "AH(length=48(200-bytes),reserved=0x3030[MustBeZero],spi=0x30303030,seq=0x30303030,icv=0x3030 [|ah]"
        AuthenticationHeader h = new AuthenticationHeader(AH, 0, 14);
        assertEquals(0x13, h.sequence());
        assertEquals(0xd3, h.icvByte(1));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> h.icvByte(2));
        assertTrue(e.isTruncation());
        assertEquals("ah", e.protocol());
    }

    @Test
    void shortPayloadLengthLeavesNoIcv() {
        byte[] b = AH.clone();
        b[1] = 0;
        assertEquals(0, new AuthenticationHeader(b, 0, b.length).icvLength());
    }
}
