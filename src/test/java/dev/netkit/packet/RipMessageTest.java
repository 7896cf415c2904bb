package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RipMessageTest {
    /**
     * ripv1v2.pcap packet 2's UDP payload. tcpdump -n -v:
     * {@code RIPv1, Response, length: 24, routes: 1} / {@code 10.70.178.0, metric: 1}
     */
    private static final byte[] V1 = hex("02010000" + "0002 0000 0a46b200 00000000 00000000 00000001");
    /**
     * ripv2_auth.pcap packet 2's UDP payload. tcpdump -n -v: {@code RIPv2, Response, length: 44, routes: 2 or less}
     * / {@code Simple Text Authentication data: abcdefghijklmnop}
     * / {@code AFI IPv4,     10.70.178.0/24, tag 0x0000, metric: 1, next-hop: self}
     */
    private static final byte[] V2_PASSWORD = hex("02020000" + "ffff 0002 6162636465666768696a6b6c6d6e6f70"
            + "0002 0000 0a46b200 ffffff00 00000000 00000001");
    /**
     * ripv2_auth.pcap packet 3's UDP payload. tcpdump -n -v: {@code RIPv2, Request, length: 64, routes: 3 or less}
     * / {@code Auth header: Packet Len 44, Key-ID 45, Auth Data Len 16, SeqNo 1339429688, MBZ 0, MBZ 0}
     * / {@code AFI 0,         0.0.0.0/0 , tag 0x0000, metric: 16, next-hop: self}
     * / {@code Auth trailer:} / {@code 0x0000:  a2fe c865 f120 8808 2326 1369 d6c2 3593}
     */
    private static final byte[] V2_CRYPTO = hex("01020000" + "ffff 0003 002c 2d 10 4fd61338 00000000 00000000"
            + "0000 0000 00000000 00000000 00000000 00000010" + "ffff 0001 a2fec865f120880823261369d6c23593");

    @Test
    void parseV1() {
        RipMessage m = new RipMessage(V1, 0, V1.length);
        assertEquals(RipMessage.COMMAND_RESPONSE, m.command());
        assertEquals(1, m.version());
        assertTrue(m.hasEntry(0, RipMessage.ENTRY_LENGTH));
        assertEquals(RipMessage.FAMILY_IPV4, m.family(0));
        assertArrayEquals(hex("0a46b200"), m.address(0));
        assertEquals(0, m.mask(0));
        assertEquals(0, m.nextHop(0));
        assertEquals(1, m.metric(0));
        assertArrayEquals(V1, m.message(V1.length));
    }

    @Test
    void parseSimplePassword() {
        RipMessage m = new RipMessage(V2_PASSWORD, 0, V2_PASSWORD.length);
        assertEquals(2, m.version());
        assertEquals(RipMessage.FAMILY_AUTHENTICATION, m.family(0));
        assertEquals(RipMessage.AUTH_SIMPLE_PASSWORD, m.authenticationType(0));
        assertArrayEquals("abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII), m.password(0));
        assertEquals(0xffffff00L, m.mask(1));
        assertEquals(0, m.routeTag(1));
        assertArrayEquals(hex("00000000"), m.nextHopAddress(1));
    }

    @Test
    void parseCryptographicAuthentication() {
        RipMessage m = new RipMessage(V2_CRYPTO, 0, V2_CRYPTO.length);
        assertEquals(RipMessage.AUTH_CRYPTOGRAPHIC, m.authenticationType(0));
        assertEquals(44, m.authPacketLength(0));
        assertEquals(45, m.authKeyId(0));
        assertEquals(16, m.authDataLength(0));
        assertEquals(1339429688L, m.authSequence(0));
        assertEquals(0, m.authReserved(0, 0));
        assertEquals(0, m.authReserved(0, 1));
        assertEquals(16, m.metric(1));
        assertEquals(RipMessage.AUTH_TRAILER, m.authenticationType(2));
        assertArrayEquals(hex("a2fec865f120880823261369d6c23593"), m.entryBytes(2, RipMessage.ENTRY_DATA, 16));
    }

    @Test
    void truncated() {
        // ripv1v2.pcap packet 2 cut to 20 bytes: "RIPv1, Response, length: 24, routes: 1 [|rip]"
        RipMessage m = new RipMessage(V1, 0, 20);
        assertFalse(m.hasEntry(0, RipMessage.ENTRY_LENGTH));
        assertEquals(RipMessage.FAMILY_IPV4, m.family(0));
        assertEquals(12, m.capturedEntryBytes(0, RipMessage.ENTRY_DATA, 16).length);
        assertEquals(0, m.capturedEntryBytes(1, 0, 20).length);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> m.metric(0));
        assertEquals("rip", e.protocol());
        assertTrue(e.isTruncation());
    }
}
