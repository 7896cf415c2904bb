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

class TcpHeaderTest {
    // The issue's segment, 35 bytes: 16343 > 51653: Flags [FP.EW], seq 3990365010:3990365025, ack 1779774102, win 30936, length 15
    static final String SEGMENT = "3f d7 c9 c5 ed d8 23 52 6a 15 32 96 50 d9 78 d8 67 be ba aa 2a 63 25 2d 7c 4f 2a 39 52 69 4b 75 42 39 53";
    // From tcpdump's bgp-4byte-asn.pcap:
    // IP (tos 0xc0, ttl 1, id 7400, offset 0, flags [DF], proto TCP (6), length 60)
    //     1.0.2.2.42741 > 1.0.2.1.179: Flags [S], cksum 0x9871 (correct), seq 2331667506, win 29200, options [mss 1460,sackOK,TS val 667578586 ecr 0,nop,wscale 9], length 0
    static final String SYN = "45c0003c1ce84000010656120100020201000201a6f500b38afa6c3200000000a002721098710000020405b40402080a27ca70da0000000001030309";
    // From tcpdump's mptcp-aa-v1.pcap (checksum left to the NIC, so tcpdump calls it incorrect):
    // IP (tos 0x0, ttl 64, id 57548, offset 0, flags [DF], proto TCP (6), length 64)
    //     192.168.125.212.52278 > 192.168.125.165.55555: Flags [S], cksum 0x7cfd (incorrect -> 0xa974), seq 653223703, win 64240, options [mss 1460,sackOK,TS val 2070300959 ecr 0,nop,wscale 7,mptcp 4 capable v1], length 0
    static final String MPTCP_SYN = "45000040e0cc40004006dd20c0a87dd4c0a87da5cc36d90326ef671700000000b002faf07cfd0000020405b40402080a7b66491f00000000010303071e040101";
    // IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)
    //     198.18.10.10.80 > 198.18.1.10.40001: Flags [.], cksum 0xd1e4 (correct), seq 2000, ack 1001, win 501, options [nop,nop,sack 2 {3000:4000}{5000:6000}], length 0   (tcpdump -S)
    static final String SACK = "4500003c000040004006a383c6120a0ac612010a00509c41000007d0000003e9a01001f5d1e400000101051200000bb800000fa00000138800001770";

    static TcpPacket tcp(byte[] datagram) {
        return TcpPacket.newChecked(datagram, 20, datagram.length - 20);
    }

    @Test
    void parseIssueSegment() {
        byte[] seg = hex(SEGMENT);
        TcpPacket p = TcpPacket.newChecked(seg);
        TcpHeader h = TcpHeader.parse(p);
        assertEquals(16343, h.sourcePort());
        assertEquals(51653, h.destinationPort());
        assertEquals(5, p.dataOffset());
        assertEquals(20, h.headerLength());
        assertEquals(0x67be, h.checksum());
        assertEquals(0xedd82352L, h.sequence());
        assertEquals(15, p.payloadLength());
        assertEquals(1, seg.length % 2, "odd length: the checksum pads the last byte");
        assertEquals("FP.EW", h.flagsText());
    }

    @Test
    void roundTripIssueSegmentWithOddLength() {
        // Find the pseudo-header (0.0.0.0 -> 0.0.x.y) under which 0x67be is right: emit must then reproduce it,
        // which it does only if the odd last byte is padded with zero as RFC 1071 says.
        byte[] seg = hex(SEGMENT);
        int need = Checksum.finish(Checksum.sum(seg, 0, seg.length) + 6 + seg.length);
        PseudoHeader ph = PseudoHeader.v4(v4("0.0.0.0"), v4("0.0." + (need >>> 8) + "." + (need & 0xff)));
        assertTrue(TcpPacket.newChecked(seg).checksumValid(ph));
        TcpHeader h = TcpHeader.parse(TcpPacket.newChecked(seg));
        byte[] b = seg.clone();
        Arrays.fill(b, 0, 20, (byte) 0);
        h.emit(b, 0, 15, ph);
        Vectors.assertRebuilds("issue TCP segment", seg, b);
    }

    @Test
    void parseOptions() {
        byte[] d = hex(SYN);
        TcpHeader h = TcpHeader.parse(tcp(d));
        assertEquals(List.of(new TcpOption.MaximumSegmentSize(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(667578586L, 0), new TcpOption.NoOperation(), new TcpOption.WindowScale(9)),
                h.options());
        assertTrue(h.has(TcpHeader.SYN));
        assertFalse(h.has(TcpHeader.ACK));
        assertEquals("S", h.flagsText());
        assertEquals(29200, h.window());
        assertTrue(tcp(d).checksumValid(PseudoHeader.v4(v4("1.0.2.2"), v4("1.0.2.1"))));
    }

    @Test
    void parseUnknownOptionKeptAsBytes() {
        TcpHeader h = TcpHeader.parse(tcp(hex(MPTCP_SYN)));
        TcpOption last = h.options().get(h.options().size() - 1);
        assertEquals(new TcpOption.Unknown(30, hex("0101")), last);
        assertArrayEquals(hex("0101"), ((TcpOption.Unknown) last).data());
        assertFalse(tcp(hex(MPTCP_SYN)).checksumValid(PseudoHeader.v4(v4("192.168.125.212"), v4("192.168.125.165"))));
    }

    @Test
    void parseSackBlocks() {
        TcpHeader h = TcpHeader.parse(tcp(hex(SACK)));
        assertEquals(new TcpOption.Sack(List.of(new TcpOption.SackBlock(3000, 4000), new TcpOption.SackBlock(5000, 6000))),
                h.options().get(2));
        assertEquals(".", h.flagsText());
        assertEquals(1001, h.acknowledgement());
    }

    @Test
    void roundTrip() {
        for (String v : List.of(SYN, SACK)) {
            byte[] d = hex(v);
            Ipv4Header ip = Ipv4Header.parse(Ipv4Packet.newChecked(d));
            TcpHeader h = TcpHeader.parse(tcp(d));
            byte[] b = d.clone();
            Arrays.fill(b, 20, 20 + h.headerLength(), (byte) 0);
            h.emit(b, 20, d.length - 20 - h.headerLength(), ip.pseudoHeader());
            Vectors.assertRebuilds(v, d, b);
        }
    }

    @Test
    void emitAllFlags() {
        TcpHeader h = new TcpHeader(1, 2, 3, 4, 0x1ff, 5, 0, 6, List.of(new TcpOption.EndOfList()));
        byte[] b = new byte[h.headerLength()];
        h.emit(b, 0, 0, PseudoHeader.v4(v4("198.18.1.10"), v4("198.18.10.10")));
        TcpPacket p = TcpPacket.newChecked(b);
        assertEquals(0x1ff, p.flags());
        assertEquals("FSRP.UEWe", TcpHeader.parse(p).flagsText());
        assertEquals(24, p.headerLength());
        assertEquals(List.of(new TcpOption.EndOfList()), TcpHeader.parse(p).options());
    }

    @Test
    void truncated() {
        byte[] d = Arrays.copyOf(hex(SYN), 50);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> tcp(d));
        assertEquals("TCP: header length 40 exceeds the 30 bytes captured", e.getMessage());
    }

    @Test
    void malformedDataOffset() {
        byte[] seg = hex(SEGMENT);
        seg[12] = 0x40;
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> TcpPacket.newChecked(seg));
        assertEquals("TCP: data offset 4 (16 bytes) is below the minimum 5 (20 bytes)", e.getMessage());
    }

    @Test
    void malformedOptionLength() {
        byte[] d = hex(SYN);
        d[41] = 12; // MSS claims 12 bytes
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> TcpHeader.parse(tcp(d)));
        assertEquals("TCP: option MSS length 12 is not 4", e.getMessage());
        d[41] = 30;
        e = assertThrows(MalformedPacketException.class, () -> TcpHeader.parse(tcp(d)));
        assertEquals("TCP: option 2 length 30 exceeds the 20 bytes of options left", e.getMessage());
        d[41] = 1;
        e = assertThrows(MalformedPacketException.class, () -> TcpHeader.parse(tcp(d)));
        assertEquals("TCP: option 2 length 1 is below 2", e.getMessage());
    }

    // tcpdump's print-flags.pcap packet 1, the TCP header cut after 32 of its 40 bytes (inside the timestamps):
    // IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [S], seq 928549246, win 32767, options [mss 16396,sackOK,TS val
    //     1306300950 ecr 0,nop,wscale 2], length 0
    static final String SYN_CUT = "da700050 3758897e 00000000 a0027fff 14210000 0204400c 0402 080a4ddc9216";

    @Test
    void cutHeaderKeepsTheOptionsCapturedWhole() {
        byte[] b = hex(SYN_CUT);
        assertThrows(MalformedPacketException.class, () -> TcpPacket.newChecked(b, 0, b.length));
        TcpPacket p = TcpPacket.newCut(b, 0, b.length);
        assertEquals(55920, p.sourcePort());
        assertEquals(928549246L, p.sequence());
        assertEquals(40, p.headerLength());
        TcpPacket.CapturedOptions o = p.capturedOptions();
        assertEquals(List.of(new TcpOption.MaximumSegmentSize(16396), new TcpOption.SackPermitted()), o.options());
        assertEquals(26, o.stop(), "the timestamps option starts there");
        assertEquals(new TcpOption.Unknown(8, hex("4ddc9216")), o.cut(), "its kind and the 4 bytes captured");
        assertEquals(0x4ddc, o.cut().fields().u16At(0));
        assertEquals(0x16, o.cut().fields().byteAt(3));
        assertThrows(MalformedPacketException.class, () -> o.cut().fields().byteAt(4));
        assertThrows(MalformedPacketException.class, () -> TcpPacket.newCut(b, 0, 19), "the fixed header is cut");
    }
}
