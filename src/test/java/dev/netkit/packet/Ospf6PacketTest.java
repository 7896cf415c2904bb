package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OSPFv3 packets and LSAs from tcpdump's test captures (OSPFv3_broadcast_adjacency.pcap, ospf3_auth.pcapng). */
class Ospf6PacketTest {
    // OSPFv3_broadcast_adjacency.pcap packet 6:
    // fe80::1 > ff02::5: OSPFv3, Hello, length 40
    //   Router-ID 1.1.1.1, Area 0.0.0.1
    //   Options [V6, External, Router]
    //   Hello Timer 10s, Dead Timer 40s, Interface-ID 0.0.0.5, Priority 1
    //   Designated Router 1.1.1.1
    //   Neighbor List: 2.2.2.2
    private static final byte[] HELLO = hex("030100280101010100000001f57800000000000501000013000a0028010101010000000002020202");

    // packet 18: OSPFv3, LS-Update, length 60, Router-ID 2.2.2.2, Area 0.0.0.1
    //   Advertising Router 2.2.2.2, seq 0x80000003, age 1s, length 20
    //   Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0
    //   Options [V6, External, Router, Demand Circuit], RLA-Flags [ABR]
    //   Neighbor Network-ID 1.1.1.1, Neighbor Interface-ID 0.0.0.5, Interface 0.0.0.5, metric 10
    private static final byte[] UPDATE = hex("0304003c0202020200000001197a000000000001"
            + "0001200100000000020202028000000337a50028010000330200000a000000050000000501010101");

    @Test
    void parseHello() {
        Ospf6Packet p = new Ospf6Packet(HELLO, 0, HELLO.length);
        assertEquals(3, p.version());
        assertEquals(Ospf6Packet.TYPE_HELLO, p.type());
        assertEquals(40, p.packetLength());
        assertArrayEquals(hex("01010101"), p.routerId());
        assertFalse(p.isBackbone());
        assertArrayEquals(hex("00000001"), p.areaId());
        assertEquals(0, p.instanceId());
        assertArrayEquals(hex("00000005"), p.helloInterfaceId());
        assertEquals(1, p.routerPriority());
        assertEquals(0x13, p.helloOptions() & 0xffffff, "V6, External, Router");
        assertEquals(10, p.helloInterval());
        assertEquals(40, p.routerDeadInterval());
        assertTrue(p.hasDesignatedRouter());
        assertArrayEquals(hex("01010101"), p.designatedRouter());
        assertFalse(p.hasBackupDesignatedRouter());
        assertArrayEquals(hex("02020202"), p.neighbor(Ospf6Packet.HELLO_NEIGHBORS));
    }

    @Test
    void linkStateRequest() {
        // packet 12: LS-Request, its first entry: Advertising Router 1.1.1.1, Router LSA (1), Area Local Scope,
        // LSA-ID 0.0.0.0
        byte[] d = hex("0303006402020202000000012c9a0000" + "000020010000000001010101");
        Ospf6Packet.LsRequest r = new Ospf6Packet(d, 0, d.length).lsRequest(Ospf6Packet.LS_REQUESTS);
        assertEquals(Ospf6Lsa.TYPE_ROUTER, r.type());
        assertArrayEquals(hex("00000000"), r.lsaId());
        assertArrayEquals(hex("01010101"), r.advertisingRouter());
    }

    @Test
    void routerLsaAndItsLink() {
        Ospf6Packet p = new Ospf6Packet(UPDATE, 0, UPDATE.length);
        assertEquals(1, p.lsaCount());
        Ospf6Lsa lsa = p.lsa(Ospf6Packet.LS_UPDATE_LSAS);
        assertEquals(1, lsa.age());
        assertEquals(Ospf6Lsa.TYPE_ROUTER, lsa.type());
        assertArrayEquals(hex("02020202"), lsa.advertisingRouter());
        assertEquals(0x80000003L, lsa.sequence());
        assertEquals(40, lsa.lsaLength());
        assertEquals(0x01, lsa.routerFlags(), "ABR");
        assertEquals(0x33, lsa.options() & 0xffffff);
        int link = Ospf6Lsa.ROUTER_LINKS;
        assertEquals(2, lsa.linkType(link), "transit");
        assertEquals(10, lsa.linkMetric(link));
        assertArrayEquals(hex("00000005"), lsa.linkInterfaceId(link));
        assertArrayEquals(hex("00000005"), lsa.linkNeighborInterfaceId(link));
        assertArrayEquals(hex("01010101"), lsa.linkNeighborRouterId(link));
    }

    @Test
    void linkAndIntraAreaPrefixLsas() {
        // packet 15's sixth LSA: Link LSA (8), Link Local Scope, LSA-ID 0.0.0.5
        //   Priority 1, Link-local address fe80::1, Prefixes 1: 2001:db8:0:12::/64, metric 0
        byte[] link = hex("002300080000000501010101800000023d08003801000033fe80000000000000000000000000000100000001"
                + "4000000020010db800000012");
        Ospf6Lsa l = new Ospf6Lsa(new MessageBytes("ospf3", link, 0, link.length));
        assertEquals(Ospf6Lsa.TYPE_LINK, l.type());
        assertEquals(1, l.linkPriority());
        assertArrayEquals(hex("fe800000000000000000000000000001"), l.linkLocalAddress());
        assertEquals(1, l.linkPrefixCount());
        assertEquals(64, l.prefixBits(Ospf6Lsa.LINK_PREFIXES));
        assertEquals(0, l.prefixOptions(Ospf6Lsa.LINK_PREFIXES));
        assertArrayEquals(hex("20010db800000012"), l.prefixAddress(Ospf6Lsa.LINK_PREFIXES, 2));

        // its seventh: Intra-Area Prefix LSA (9), referencing Router LSA (1), LSA-ID 0.0.0.0;
        //   Prefixes 1: 2001:db8:0:12::/64, metric 10
        byte[] intra = hex("00232009000000000101010180000001e8d2002c0001200100000000010101014000000a20010db800000012");
        Ospf6Lsa i = new Ospf6Lsa(new MessageBytes("ospf3", intra, 0, intra.length));
        assertEquals(1, i.intraAreaPrefixCount());
        assertEquals(Ospf6Lsa.TYPE_ROUTER, i.referencedType());
        assertArrayEquals(hex("00000000"), i.referencedLsaId());
        assertEquals(10, i.prefixMetric(Ospf6Lsa.INTRA_AREA_PREFIXES));
    }

    @Test
    void authenticationTrailer() {
        // ospf3_auth.pcapng packet 1: Hello, length 88 (40 and the trailer)
        //   Authentication Type HMAC, Length 48, SAID 1, CSN 0x00000000:52da4e0e
        //   Authentication Data 0x0000:  ca4d 7d58 69a5 da3c 2a69 0eda a732 9bee ...
        byte[] d = hex("030100280a0a0a020000000007d200000000000201000413000a00280a0a0a010a0a0a020a0a0a01"
                + "00010030000000010000000052da4e0eca4d7d5869a5da3c2a690edaa7329bee9d7f448c9f31fbe4a0e9b39c6da6cca1");
        Ospf6Packet p = new Ospf6Packet(d, 0, d.length);
        int at = p.packetLength();
        assertEquals(Ospf6Packet.AUTH_HMAC, p.authType(at));
        assertEquals(48, p.authLength(at));
        assertEquals(1, p.authSaId(at));
        assertEquals(0, p.authSequenceHigh(at));
        assertEquals(0x52da4e0eL, p.authSequenceLow(at));
        assertEquals(32, p.authData(at, p.authLength(at)).length());
        assertThrows(MalformedPacketException.class, () -> p.authData(at, 64), "more than was captured");
    }

    @Test
    void truncatedAtTheFieldThatIsCut() {
        Ospf6Packet p = new Ospf6Packet(HELLO, 0, 26);
        assertEquals(10, p.helloInterval());
        MalformedPacketException e = assertThrows(MalformedPacketException.class, p::routerDeadInterval);
        assertTrue(e.isTruncation());
        assertEquals("ospf3", e.protocol());
        Ospf6Lsa lsa = new Ospf6Packet(UPDATE, 0, 50).lsa(Ospf6Packet.LS_UPDATE_LSAS);
        assertEquals(40, lsa.lsaLength(), "the header was captured");
        assertThrows(MalformedPacketException.class, () -> lsa.needRouterLink(Ospf6Lsa.ROUTER_LINKS));
    }
}
