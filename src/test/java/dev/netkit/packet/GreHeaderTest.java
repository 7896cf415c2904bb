package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GreHeaderTest {
    /**
     * various_gre.pcap packet 4, the GRE packet: a key and no payload. tcpdump -n -v:
     * {@code 10.172.64.6 > 10.172.64.7: GREv0, Flags [key present], key=0x28, length 8}
     */
    private static final byte[] KEYED = hex("2000 0000 00000028");
    /**
     * pptp.pcap's first GRE packet: PPTP's enhanced GRE with call id and sequence number, then PPP. tcpdump -n -v:
     * {@code 10.1.1.11 > 10.1.1.10: GREv1, Flags [key present, sequence# present], call 0, seq 0, length 60}
     */
    private static final byte[] PPTP = hex("3001 880b 0030 0000 00000000 ff03c021 0100002c");
    /**
     * gre-heapoverflow-2.pcap packet 2, the GRE packet: checksum, offset and a source route entry the capture cuts.
     * tcpdump -n -v: {@code GREv0, Flags [checksum present, routing present], sum 0x3030, off 0x3030,
     * (rtaf=0x3030) [|gre]}
     */
    private static final byte[] CUT_ROUTE = hex("c030 3030 3030 3030 3030 3030");

    @Test
    void parseKeyed() {
        GreHeader h = new GreHeader(KEYED, 0, KEYED.length);
        assertEquals(GreHeader.FLAG_KEY, h.flagsAndVersion());
        assertEquals(0, h.version());
        assertEquals(0, h.protocolType());
        assertEquals(0x28, h.key());
        assertEquals(8, h.fixedLength());
    }

    @Test
    void parsePptp() {
        GreHeader h = new GreHeader(PPTP, 0, PPTP.length);
        assertEquals(1, h.version());
        assertEquals(0x880b, h.protocolType());
        assertEquals(0, h.callId());
        assertEquals(0, h.sequence());
        assertEquals(12, h.fixedLength(), "PPP starts after the sequence number");
    }

    @Test
    void pptpAcknowledgmentFollowsTheSequence() {
        // pptp.pcap's packet with the A flag set and acknowledgment 7 appended (constructed from the one above)
        byte[] b = hex("3081 880b 0000 1234 00000005 00000007");
        GreHeader h = new GreHeader(b, 0, b.length);
        assertEquals(0x1234, h.callId());
        assertEquals(5, h.sequence());
        assertEquals(7, h.acknowledgment());
        assertEquals(16, h.fixedLength());
    }

    @Test
    void version0SourceRoutes() {
        // constructed: R set, offset 4, one IPv4 entry of two addresses (the second active), then the null entry;
        // tcpdump -v prints "GREv0, Flags [routing present], off 0x4, (rtaf=ip 198.18.0.1 *198.18.0.2)"
        byte[] b = hex("4000 0800 0000 0004" + "0800 04 08 c6120001 c6120002" + "00000000");
        GreHeader h = new GreHeader(b, 0, b.length);
        assertEquals(0, h.checksum());
        assertEquals(4, h.routingOffset());
        GreHeader.SourceRoute r = h.sourceRoute(h.fixedLength());
        assertEquals(GreHeader.ROUTE_IPV4, r.family());
        assertEquals(4, r.offset());
        assertEquals(8, r.length());
        assertFalse(r.isLast());
        assertArrayEquals(hex("c6120002"), h.routeAddress(r, 4));
        assertEquals(8, h.routeInformation(r).length);
        GreHeader.SourceRoute last = h.sourceRoute(r.next());
        assertTrue(last.isLast());
        assertEquals(b.length, last.next());
    }

    @Test
    void truncated() {
        GreHeader h = new GreHeader(CUT_ROUTE, 0, CUT_ROUTE.length);
        assertEquals(GreHeader.FLAG_CHECKSUM | GreHeader.FLAG_ROUTING, h.flagsAndVersion() & 0xff00);
        assertEquals(0x3030, h.checksum());
        assertEquals(0x3030, h.routingOffset());
        GreHeader.SourceRoute r = h.sourceRoute(h.fixedLength());
        assertEquals(0x3030, r.family());
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> h.routeInformation(r));
        assertEquals("gre", e.protocol());
        assertTrue(e.isTruncation());
        assertThrows(MalformedPacketException.class, new GreHeader(KEYED, 0, 6)::key);
    }
}
