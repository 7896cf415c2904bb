package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VrrpMessageTest {
    /**
     * vrrp.pcap packet 1, the VRRP message. tcpdump -n -v: {@code 10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement,
     * vrid 42, prio 191, authtype simple, intvl 10s, length 28, addrs(3): 10.4.42.1,10.4.42.2,10.4.42.3 auth "abcdefgh"}
     */
    private static final byte[] V2 = hex("21 2a bf 03 01 0a f11f 0a042a01 0a042a02 0a042a03 6162636465666768");
    /**
     * vrrp.pcap packet 6, over IPv6. tcpdump -n -v: {@code fe80::d6ca:6dff:fe66:cf60 > ff02::12: VRRPv3, Advertisement,
     * vrid 45, prio 191, intvl 1000cs, length 40, addrs(2): fe80::200:5eff:fe00:22d,2001::abcd:a}
     */
    private static final byte[] V3_IPV6 = hex("31 2d bf 02 03e8 cfa0 fe8000000000000002005efffe00022d"
            + "200100000000000000000000abcd000a");

    @Test
    void parseV2() {
        VrrpMessage m = new VrrpMessage(V2, 0, V2.length, false);
        assertEquals(2, m.version());
        assertEquals(VrrpMessage.TYPE_ADVERTISEMENT, m.type());
        assertEquals(42, m.virtualRouterId());
        assertEquals(191, m.priority());
        assertEquals(3, m.addressCount());
        assertEquals(VrrpMessage.AUTH_SIMPLE, m.authenticationType());
        assertEquals(10, m.interval(), "seconds");
        assertEquals(0xf11f, m.checksum());
        assertArrayEquals(hex("0a042a03"), m.address(2));
        assertEquals('a', m.authenticationByte(0));
        assertEquals('h', m.authenticationByte(VrrpMessage.AUTH_DATA_LENGTH - 1));
    }

    @Test
    void parseV3OverIpv6() {
        VrrpMessage m = new VrrpMessage(V3_IPV6, 0, V3_IPV6.length, true);
        assertEquals(3, m.version());
        assertEquals(45, m.virtualRouterId());
        assertEquals(1000, m.interval(), "centiseconds");
        assertEquals(0xcfa0, m.checksum());
        assertArrayEquals(hex("200100000000000000000000abcd000a"), m.address(1));
    }

    @Test
    void truncated() {
        // vrrp.pcap packet 1 cut to 6 bytes of addresses: "... length 28, addrs(3): 10.4.42.1 [|vrrp]"
        VrrpMessage m = new VrrpMessage(V2, 0, 14, false);
        assertArrayEquals(hex("0a042a01"), m.address(0));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> m.address(1));
        assertEquals("vrrp", e.protocol());
        assertEquals("vrrp: address 1 16 exceeds the 14 bytes captured", e.getMessage());
    }
}
