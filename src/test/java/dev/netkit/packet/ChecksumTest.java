package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void rfc1071NumericExample() {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, so the checksum is 220d.
        byte[] b = hex("0001f203f4f5f6f7");
        assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, b.length)));
        assertEquals(0x220d, Checksum.of(b, 0, b.length));
    }

    @Test
    void ipv4HeaderUdpVectorHasValidChecksum() {
        // IP (tos 0x0, ttl 62, id 8344, offset 0, flags [none], proto UDP (17), length 152) 129.133.6.11 > 129.133.178.53
        byte[] h = hex("45 00 00 98 20 98 00 00 3e 11 a0 72 81 85 06 0b 81 85 b2 35");
        assertTrue(Checksum.verify(h, 0, h.length, 0));
        h[10] = 0;
        h[11] = 0;
        assertEquals(0xa072, Checksum.of(h, 0, h.length));
    }

    @Test
    void ipv4HeaderTcpVectorHasValidChecksum() {
        // IP (tos 0x0, ttl 64, id 29126, offset 0, flags [DF], proto TCP (6), length 167) 129.133.182.236 > 129.133.73.18
        byte[] h = hex("45 00 00 a7 71 c6 40 00 40 06 c5 81 81 85 b6 ec 81 85 49 12");
        assertTrue(Checksum.verify(h, 0, h.length, 0));
        h[10] = 0;
        h[11] = 0;
        assertEquals(0xc581, Checksum.of(h, 0, h.length));
    }

    @Test
    void corruptedHeaderFailsVerification() {
        byte[] h = hex("45 00 00 98 20 98 00 00 3e 11 a0 72 81 85 06 0b 81 85 b2 35");
        h[8] = 0x3f;
        assertFalse(Checksum.verify(h, 0, h.length, 0));
    }

    @Test
    void pseudoHeaderV4Bytes() {
        PseudoHeader ph = PseudoHeader.v4(v4("255.0.255.1"), v4("127.255.0.1"));
        assertArrayEquals(hex("ff 00 ff 01 7f ff 00 01 00 06 0d a2"), ph.bytes(6, 3490));
        byte[] b = ph.bytes(6, 3490);
        assertEquals(Checksum.sum(b, 0, b.length), ph.sum(6, 3490));
    }

    @Test
    void pseudoHeaderV6Bytes() {
        PseudoHeader ph = PseudoHeader.v6(Vectors.v6("2001:db8::1"), Vectors.v6("2001:db8::2"));
        assertArrayEquals(hex("20010db8000000000000000000000001 20010db8000000000000000000000002 00000d a2 000000 3a"),
                ph.bytes(58, 3490));
    }

    @Test
    void oddLengthPadsTheLastByteWithZero() {
        // The 35-byte TCP segment: its last byte 0x53 counts as the word 0x5300.
        byte[] seg = hex("3f d7 c9 c5 ed d8 23 52 6a 15 32 96 50 d9 78 d8 67 be ba aa 2a 63 25 2d 7c 4f 2a 39 52 69 4b 75 42 39 53");
        assertEquals(35, seg.length);
        byte[] padded = java.util.Arrays.copyOf(seg, 36);
        assertEquals(Checksum.sum(padded, 0, 36), Checksum.sum(seg, 0, 35));
        assertEquals(Checksum.sum(seg, 0, 34) + 0x5300, Checksum.sum(seg, 0, 35));
    }

    @Test
    void foldAddsCarriesBackIn() {
        assertEquals(0x0001, Checksum.fold(0x10000));
        assertEquals(0xffff, Checksum.fold(0xffff));
        assertEquals(0x0000, Checksum.finish(0xffff));
    }
}
