package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OSPFv2 packets and LSAs from tcpdump's test captures (OSPFv2_Capture_FINAL.pcapng, ospf-gmpls.pcap). */
class OspfPacketTest {
    // OSPFv2_Capture_FINAL.pcapng packet 1, the first 52 bytes (before the LLS block):
    // 192.168.121.5 > 224.0.0.5: OSPFv2, Hello, length 88 [len 52]
    //   Router-ID 192.168.255.15, Backbone Area, Authentication Type: MD5 (2)
    //   Key-ID: 1, Auth-Length: 16, Crypto Sequence Number: 0x5a834112
    //   Options [External, LLS]
    //   Hello Timer 10s, Dead Timer 40s, Mask 255.255.255.0, Priority 1
    //   Designated Router 192.168.121.4, Backup Designated Router 192.168.121.5
    //   Neighbor List: 192.168.255.11 192.168.255.14
    private static final byte[] HELLO = hex("02010034c0a8ff0f0000000000000002000001105a834112ffffff00000a1201"
            + "00000028c0a87904c0a87905c0a8ff0bc0a8ff0e");

    // packet 10 (the IP payload; the frame has 4 bytes more), its 16-byte digest last:
    // 192.168.121.42 > 224.0.0.6: OSPFv2, LS-Update, length 64 ... 1 LSA
    //   Advertising Router 192.168.255.11, seq 0x8000000c, age 1s, length 16
    //   External LSA (5), LSA-ID: 192.168.124.0, Options: [Demand Circuit]
    //   Mask 255.255.255.0, topology default (0), type 2, metric 20
    private static final byte[] UPDATE = hex("02040040c0a8ff0b0000000000000002000001105a83413f00000001"
            + "00012005c0a87c00c0a8ff0b8000000c78c20024ffffff00800000140000000000000000"
            + "04bc5d57748893aa423a93b2fa579979");

    @Test
    void parseHelloHeaderAndBody() {
        OspfPacket p = new OspfPacket(HELLO, 0, HELLO.length);
        assertEquals(2, p.version());
        assertEquals(OspfPacket.TYPE_HELLO, p.type());
        assertEquals(52, p.packetLength());
        assertArrayEquals(hex("c0a8ff0f"), p.routerId());
        assertTrue(p.isBackbone());
        assertEquals(OspfPacket.AUTH_CRYPTOGRAPHIC, p.authType());
        assertEquals(1, p.keyId());
        assertEquals(16, p.authDataLength());
        assertEquals(0x5a834112L, p.cryptoSequenceNumber());
        assertArrayEquals(hex("ffffff00"), p.helloNetworkMask());
        assertEquals(10, p.helloInterval());
        assertEquals(0x12, p.helloOptions(), "External and LLS");
        assertEquals(1, p.routerPriority());
        assertEquals(40, p.routerDeadInterval());
        assertTrue(p.hasDesignatedRouter());
        assertArrayEquals(hex("c0a87904"), p.designatedRouter());
        assertArrayEquals(hex("c0a87905"), p.backupDesignatedRouter());
        assertArrayEquals(hex("c0a8ff0b"), p.neighbor(OspfPacket.HELLO_NEIGHBORS));
        assertArrayEquals(hex("c0a8ff0e"), p.neighbor(OspfPacket.HELLO_NEIGHBORS + OspfPacket.NEIGHBOR_LENGTH));
    }

    @Test
    void databaseDescriptionAndItsLsaHeader() {
        // packet 5: Database Description, length 168 [len 132]
        //   Options [External, LLS, Opaque], DD Flags [More], MTU: 1500, Sequence: 0x00001bfb
        //   Advertising Router 192.168.255.11, seq 0x80000002, age 4s, length 40
        //     Router LSA (1), LSA-ID: 192.168.255.11, Options: [External, Demand Circuit]
        byte[] d = hex("02020084c0a8ff0b0000000000000002000001105a83413f05dc520200001bfb"
                + "00042201c0a8ff0bc0a8ff0b800000023e97003c");
        OspfPacket p = new OspfPacket(d, 0, d.length);
        assertEquals(1500, p.ddMtu());
        assertEquals(0x52, p.ddOptions());
        assertEquals(0x02, p.ddFlags(), "More");
        assertEquals(0x1bfbL, p.ddSequence());
        OspfLsa h = p.lsa(OspfPacket.DD_LSA_HEADERS);
        assertEquals(4, h.age());
        assertEquals(0x22, h.options());
        assertEquals(OspfLsa.TYPE_ROUTER, h.type());
        assertArrayEquals(hex("c0a8ff0b"), h.lsaId());
        assertArrayEquals(hex("c0a8ff0b"), h.advertisingRouter());
        assertEquals(0x80000002L, h.sequence());
        assertEquals(60, h.lsaLength());
    }

    @Test
    void linkStateRequest() {
        // packet 7: LS-Request, length 144; its fourth entry:
        //   Advertising Router: 192.168.255.14, Network LSA (2), LSA-ID: 192.168.121.4
        byte[] d = hex("02030090c0a8ff0b0000000000000002000001105a83413f00000001c0a8ff0bc0a8ff0b00000001c0a8ff0e"
                + "c0a8ff0e00000001c0a8ff0fc0a8ff0f00000002c0a87904c0a8ff0e");
        OspfPacket.LsRequest r = new OspfPacket(d, 0, d.length).lsRequest(OspfPacket.LS_REQUESTS
                + 3 * OspfPacket.LS_REQUEST_LENGTH);
        assertEquals(OspfLsa.TYPE_NETWORK, r.type());
        assertArrayEquals(hex("c0a87904"), r.lsaId());
        assertArrayEquals(hex("c0a8ff0e"), r.advertisingRouter());
    }

    @Test
    void updateWithAnExternalLsa() {
        OspfPacket p = new OspfPacket(UPDATE, 0, UPDATE.length).withoutDigest();
        assertEquals(64, p.captured(), "the digest is not part of the packet");
        assertEquals(1, p.lsaCount());
        OspfLsa lsa = p.lsa(OspfPacket.LS_UPDATE_LSAS);
        assertEquals(OspfLsa.TYPE_AS_EXTERNAL, lsa.type());
        assertEquals(36, lsa.lsaLength());
        assertArrayEquals(hex("ffffff00"), lsa.networkMask());
        assertEquals(new OspfLsa.Metric(0, true, 20), lsa.metric(OspfLsa.EXTERNAL_METRICS));
        assertFalse(lsa.hasForwardingAddress(OspfLsa.EXTERNAL_METRICS));
        assertFalse(lsa.hasRouteTag(OspfLsa.EXTERNAL_METRICS));
    }

    @Test
    void routerAndNetworkLsas() {
        // packet 9, LSA #1: Router LSA (1), LSA-ID: 192.168.255.11, Router LSA Options: [ASBR]
        //   Stub Network: 192.168.255.11, Mask: 255.255.255.255, topology default (0), metric 1
        //   Stub Network: 192.168.122.0, Mask: 255.255.255.252, topology default (0), metric 12
        byte[] router = hex("01762201c0a8ff0bc0a8ff0b800002d8ce1e003c02000003c0a8ff0bffffffff03000001"
                + "c0a87a00fffffffc0300000c");
        OspfLsa r = new OspfLsa(new MessageBytes("ospf2", router, 0, router.length));
        assertEquals(0x02, r.routerFlags(), "ASBR");
        assertEquals(3, r.linkCount());
        int link = OspfLsa.ROUTER_LINKS;
        assertArrayEquals(hex("c0a8ff0b"), r.linkId(link));
        assertArrayEquals(hex("ffffffff"), r.linkData(link));
        assertEquals(3, r.linkType(link), "stub");
        assertEquals(0, r.linkTosCount(link));
        assertEquals(1, r.linkMetric(link, 0));
        link = r.nextLink(link);
        assertArrayEquals(hex("c0a87a00"), r.linkId(link));
        assertEquals(12, r.linkMetric(link, 0));
        int third = r.nextLink(link);
        assertThrows(MalformedPacketException.class, () -> r.needLink(third), "the third link was not captured");

        // LSA #4: Network LSA (2), LSA-ID: 192.168.121.4, Mask 255.255.255.0,
        //   Connected Routers: 192.168.255.14 192.168.255.15
        byte[] network = hex("003d2202c0a87904c0a8ff0e8000001127b40020ffffff00c0a8ff0ec0a8ff0f");
        OspfLsa n = new OspfLsa(new MessageBytes("ospf2", network, 0, network.length));
        assertArrayEquals(hex("ffffff00"), n.networkMask());
        assertArrayEquals(hex("c0a8ff0f"), n.attachedRouter(OspfLsa.NETWORK_ROUTERS + OspfLsa.ROUTER_ID_LENGTH));
    }

    @Test
    void trafficEngineeringTlvs() {
        // ospf-gmpls.pcap packet 1, the LSA's first bytes:
        //   Area Local Opaque LSA (10), Opaque-Type Traffic Engineering LSA (1), Opaque-ID 8
        //   Link TLV (2), length: 100
        //     Link Type subTLV (1), length: 1, Point-to-point (1)
        //     Link ID subTLV (2), length: 4, 10.255.245.69 (0x0afff545)
        //     ... Maximum Bandwidth subTLV (6), length: 4, 622.080 Mbps
        byte[] d = hex("0009020a010000080afff52580000002783e007c000200640001000101000000000200040afff545"
                + "000300040a098e01000400040a098e02000500040000003f000600044c9450c0");
        OspfLsa lsa = new OspfLsa(new MessageBytes("ospf2", d, 0, d.length));
        assertEquals(OspfLsa.TYPE_OPAQUE_AREA, lsa.type());
        assertEquals(OspfLsa.OPAQUE_TRAFFIC_ENGINEERING, lsa.opaqueType());
        assertEquals(8, lsa.opaqueId());
        int tlv = OspfLsa.HEADER_LENGTH;
        assertEquals(2, lsa.tlvType(tlv));
        assertEquals(100, lsa.tlvLength(tlv));
        int sub = tlv + OspfLsa.TLV_HEADER;
        assertEquals(1, lsa.tlvType(sub));
        assertEquals(1, lsa.tlvLength(sub));
        assertEquals(1, lsa.valueByte(sub + OspfLsa.TLV_HEADER, 0), "point-to-point");
        sub += OspfLsa.TLV_HEADER + OspfLsa.paddedLength(1);
        assertEquals(0x0afff545L, lsa.valueWord(sub + OspfLsa.TLV_HEADER, 0));
        int bandwidth = sub + 4 * (OspfLsa.TLV_HEADER + 4);
        assertEquals(6, lsa.tlvType(bandwidth));
        assertEquals(622.08e6f / 8, lsa.valueBandwidth(bandwidth + OspfLsa.TLV_HEADER, 0));
    }

    @Test
    void truncatedAtTheFieldThatIsCut() {
        OspfPacket p = new OspfPacket(HELLO, 0, 30);
        assertEquals(10, p.helloInterval(), "bytes 28-29 were captured");
        MalformedPacketException e = assertThrows(MalformedPacketException.class, p::helloOptions);
        assertTrue(e.isTruncation());
        assertEquals("ospf2", e.protocol());
        assertThrows(MalformedPacketException.class, () -> new OspfPacket(HELLO, 0, 20).authentication());
    }
}
