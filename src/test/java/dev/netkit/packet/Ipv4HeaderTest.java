package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    // IP (tos 0x0, ttl 62, id 8344, offset 0, flags [none], proto UDP (17), length 152) 129.133.6.11 > 129.133.178.53
    static final String UDP_HEADER = "45 00 00 98 20 98 00 00 3e 11 a0 72 81 85 06 0b 81 85 b2 35";
    // IP (tos 0x0, ttl 64, id 29126, offset 0, flags [DF], proto TCP (6), length 167) 129.133.182.236 > 129.133.73.18
    static final String TCP_HEADER = "45 00 00 a7 71 c6 40 00 40 06 c5 81 81 85 b6 ec 81 85 49 12";
    // From tcpdump's IGMP_V1.pcap: IP (tos 0x0, ttl 1, id 2, offset 0, flags [none], proto IGMP (2), length 32, options (RA))
    //     10.0.200.151 > 224.0.0.1: igmp query v1
    static final String WITH_OPTIONS = "46000020000200000102723d0a00c897e0000001940400001100eeff00000000";

    @Test
    void parseUdpVector() {
        Ipv4Packet p = Ipv4Packet.newChecked(hex(UDP_HEADER));
        Ipv4Header h = Ipv4Header.parse(p);
        assertEquals(IpProtocol.UDP, h.protocol());
        assertEquals(62, h.ttl());
        assertEquals(152, h.totalLength());
        assertEquals(0xa072, h.checksum());
        assertTrue(p.checksumValid());
        assertTrue(h.checksumValid());
        assertFalse(h.dontFragment());
        assertEquals(v4("129.133.6.11"), h.source());
        assertEquals(v4("129.133.178.53"), h.destination());
        assertTrue(p.truncated(), "152 bytes promised, 20 captured");
        assertEquals(0, p.payloadLength());
    }

    @Test
    void parseTcpVector() {
        Ipv4Header h = Ipv4Header.parse(Ipv4Packet.newChecked(hex(TCP_HEADER)));
        assertEquals(IpProtocol.TCP, h.protocol());
        assertEquals(64, h.ttl());
        assertTrue(h.dontFragment());
        assertFalse(h.moreFragments());
        assertEquals(0, h.fragmentOffset());
        assertEquals(0xc581, h.checksum());
        assertTrue(h.checksumValid());
        assertEquals(29126, h.identification());
        assertEquals("IP (tos 0x0, ttl 64, id 29126, offset 0, flags [DF], proto TCP(6), length 167) "
                + "129.133.182.236 > 129.133.73.18", h.toString());
    }

    @Test
    void parseOptions() {
        Ipv4Packet p = Ipv4Packet.newChecked(hex(WITH_OPTIONS));
        Ipv4Header h = Ipv4Header.parse(p);
        assertEquals(24, h.headerLength());
        assertEquals(IpProtocol.IGMP, h.protocol());
        assertTrue(h.checksumValid());
        assertEquals(List.of(new Ipv4Option(Ipv4Option.ROUTER_ALERT, new byte[2])), Ipv4Option.parseAll(h.options()));
        assertEquals(8, p.payloadLength());
    }

    @Test
    void emit() {
        Ipv4Header h = new Ipv4Header(0, 0, 167, 29126, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 64, IpProtocol.TCP, 0,
                v4("129.133.182.236"), v4("129.133.73.18"), new byte[0]);
        byte[] b = new byte[h.bufferLength()];
        h.emit(b, 0);
        Vectors.assertRebuilds("IPv4 TCP header", hex(TCP_HEADER), b);
    }

    @Test
    void roundTrip() {
        for (String v : List.of(UDP_HEADER, TCP_HEADER, WITH_OPTIONS)) {
            byte[] captured = hex(v);
            Ipv4Header h = Ipv4Header.parse(Ipv4Packet.newChecked(captured));
            byte[] b = Arrays.copyOf(captured, captured.length);
            Arrays.fill(b, 0, h.headerLength(), (byte) 0);
            h.emit(b, 0);
            Vectors.assertRebuilds(v, captured, b);
        }
    }

    @Test
    void fragmentFields() {
        Ipv4Header h = Ipv4Header.of(v4("198.18.1.10"), v4("198.18.10.10"), IpProtocol.UDP, 100)
                .withFlags(Ipv4Header.FLAG_MORE_FRAGMENTS, 185, 120);
        byte[] b = new byte[20];
        h.emit(b, 0);
        Ipv4Packet p = Ipv4Packet.newChecked(b);
        assertTrue(p.moreFragments());
        assertFalse(p.dontFragment());
        assertEquals(185, p.fragmentOffset());
        assertTrue(Ipv4Header.parse(p).isFragment());
        assertTrue(p.checksumValid());
    }

    @Test
    void truncated() {
        byte[] b = Arrays.copyOf(hex(TCP_HEADER), 14);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.newChecked(b));
        assertEquals("IPv4: header length 20 exceeds the 14 bytes captured", e.getMessage());
    }

    @Test
    void truncatedOptions() {
        byte[] b = Arrays.copyOf(hex(WITH_OPTIONS), 22);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.newChecked(b));
        assertEquals("IPv4: header length 24 exceeds the 22 bytes captured", e.getMessage());
    }

    @Test
    void badVersion() {
        byte[] b = hex(TCP_HEADER);
        b[0] = 0x65;
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.newChecked(b));
        assertEquals("IPv4: version 6 is not 4", e.getMessage());
        assertEquals("IPv4", e.protocol());
        assertFalse(e.isTruncation());
    }

    @Test
    void malformedHeaderLength() {
        byte[] b = hex(TCP_HEADER);
        b[0] = 0x43;
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.newChecked(b));
        assertEquals("IPv4: header length field 3 (12 bytes) is below the minimum 5 (20 bytes)", e.getMessage());
    }

    @Test
    void malformedTotalLength() {
        byte[] b = hex(TCP_HEADER);
        b[2] = 0;
        b[3] = 19;
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.newChecked(b));
        assertEquals("IPv4: total length 19 is less than the header length 20", e.getMessage());
    }

    @Test
    void malformedOption() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Ipv4Option.parseAll(hex("07 09 04 00")));
        assertEquals("IPv4: option 7 length 9 exceeds the 4 bytes of options left", e.getMessage());
    }

    @Test
    void paddingAfterTotalLengthIsNotPayload() {
        // 60-byte Ethernet minimum: a 28-byte datagram followed by 18 bytes of padding.
        byte[] b = Arrays.copyOf(PacketBuilder.ip().ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .icmpEcho(1, 1, new byte[0]).build(), 46);
        Ipv4Packet p = Ipv4Packet.newChecked(b);
        assertEquals(8, p.payloadLength());
        assertFalse(p.truncated());
    }

    @Test
    void protocolNumbersKeepUnknownValues() {
        assertEquals("TCP(6)", IpProtocol.TCP.toString());
        assertEquals("UNKNOWN(253)", IpProtocol.valueOf(253).toString());
        assertEquals(IpProtocol.valueOf(253), IpProtocol.valueOf(253));
        assertFalse(IpProtocol.valueOf(253).isKnown());
        assertArrayEquals(new byte[0], Ipv4Header.parse(Ipv4Packet.newChecked(hex(TCP_HEADER))).options());
    }
}
