package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpHeaderTest {
    // IP (tos 0x0, ttl 3, id 7239, offset 0, flags [none], proto UDP (17), length 34)
    //     198.18.1.10.40000 > 198.18.10.10.33434: [udp sum ok] UDP, length 6
    static final String DATAGRAM = "450000221c4700000311044cc612010ac6120a0a9c40829a000efd786e65746b6974";
    static final PseudoHeader PSEUDO = PseudoHeader.v4(v4("198.18.1.10"), v4("198.18.10.10"));

    static UdpPacket udp(byte[] datagram) {
        return UdpPacket.newChecked(datagram, 20, datagram.length - 20);
    }

    @Test
    void parse() {
        UdpPacket p = udp(hex(DATAGRAM));
        UdpHeader h = UdpHeader.parse(p);
        assertEquals(40000, h.sourcePort());
        assertEquals(33434, h.destinationPort());
        assertEquals(14, h.length());
        assertEquals(0xfd78, h.checksum());
        assertEquals(6, p.payloadLength());
        assertTrue(p.checksumValid(PSEUDO));
    }

    @Test
    void emit() {
        byte[] b = new byte[14];
        System.arraycopy("netkit".getBytes(), 0, b, 8, 6);
        UdpHeader.of(40000, 33434, 6).emit(b, 0, PSEUDO);
        Vectors.assertRebuilds("UDP", Arrays.copyOfRange(hex(DATAGRAM), 20, 34), b);
    }

    @Test
    void roundTrip() {
        byte[] captured = hex(DATAGRAM);
        UdpHeader h = UdpHeader.parse(udp(captured));
        byte[] b = captured.clone();
        Arrays.fill(b, 20, 28, (byte) 0);
        h.emit(b, 20, PSEUDO);
        Vectors.assertRebuilds("UDP datagram", captured, b);
    }

    @Test
    void badChecksumIsDetected() {
        byte[] b = hex(DATAGRAM);
        b[b.length - 1] ^= 1;
        assertFalse(udp(b).checksumValid(PSEUDO));
    }

    @Test
    void zeroChecksumMeansNoneOverIpv4() {
        byte[] b = hex(DATAGRAM);
        b[26] = 0;
        b[27] = 0;
        assertTrue(udp(b).checksumValid(PSEUDO));
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> UdpPacket.newChecked(hex("9c40829a000e"), 0, 6));
        assertEquals("UDP: header length 8 exceeds the 6 bytes captured", e.getMessage());
        UdpPacket cut = UdpPacket.newChecked(hex("9c40829a000efd786e65"), 0, 10);
        assertTrue(cut.truncated());
        assertEquals(2, cut.payloadLength());
    }

    @Test
    void malformedLength() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> UdpPacket.newChecked(hex("9c40829a0004fd78"), 0, 8));
        assertEquals("UDP: length field 4 is below the 8-byte header", e.getMessage());
    }
}
