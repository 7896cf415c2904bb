package dev.netkit.system;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * rtnetlink messages read as ip reads them: flags and addresses in ip's words (the expected lines are what ip 6.1
 * printed for the same links), and an RTM_NEWROUTE's attributes, nested next hops included.
 */
class RtnetlinkTest {
    @Test
    void linkFlagsInIpsOrder() {
        // ip link: lo <LOOPBACK,UP,LOWER_UP>; a veth up without carrier <NO-CARRIER,BROADCAST,MULTICAST,UP>;
        // a tun device up, not running <NO-CARRIER,POINTOPOINT,MULTICAST,NOARP,UP>
        assertEquals(List.of("LOOPBACK", "UP", "LOWER_UP"), InterfaceTable.linkFlags(0x10049));
        assertEquals(List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP"), InterfaceTable.linkFlags(0x1003));
        assertEquals(List.of("NO-CARRIER", "POINTOPOINT", "MULTICAST", "NOARP", "UP"), InterfaceTable.linkFlags(0x1091));
        assertEquals(List.of("UP", "80000"), InterfaceTable.linkFlags(0x80041), "an unknown bit in hex");
    }

    @Test
    void linkAddressesAndTypes() {
        assertEquals("02:fc:00:00:00:01", InterfaceTable.linkAddress(HexFormat.of().parseHex("02fc00000001"), 1));
        assertEquals("198.18.1.10", InterfaceTable.linkAddress(new byte[] {(byte) 198, 18, 1, 10}, 768), "ipip");
        assertEquals("ether", InterfaceTable.arphrdName(1));
        assertEquals("loopback", InterfaceTable.arphrdName(772));
        assertEquals("none", InterfaceTable.arphrdName(0xfffe));
        assertEquals("gre6", InterfaceTable.arphrdName(823));
        assertEquals("[9999]", InterfaceTable.arphrdName(9999));
    }

    @Test
    void addressesAsInetNtopWritesThem() {
        assertEquals("2001:db8:1::10", Rtnetlink.address(HexFormat.of().parseHex("20010db8000100000000000000000010")));
        assertEquals("::ffff:198.18.1.1", Rtnetlink.address(HexFormat.of().parseHex("00000000000000000000ffffc6120101")));
        assertEquals("::198.18.1.1", Rtnetlink.address(HexFormat.of().parseHex("000000000000000000000000c6120101")));
        assertEquals("::1", Rtnetlink.address(HexFormat.of().parseHex("00000000000000000000000000000001")));
    }

    /** 198.18.69.0/24 nexthop via 198.18.1.1 dev 3 nexthop via 198.18.1.2 dev 3, table main, metric 7. */
    @Test
    void routeAttributesAndNextHops() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.put(new byte[] {2, 24, 0, 0, (byte) 254, 3, 0, 1}).putInt(0); // rtmsg: inet /24 main boot universe unicast
        b.putShort((short) 8).putShort((short) 15).putInt(254); // RTA_TABLE
        b.putShort((short) 8).putShort((short) 1).put(new byte[] {(byte) 198, 18, 69, 0}); // RTA_DST
        b.putShort((short) 8).putShort((short) 6).putInt(7); // RTA_PRIORITY
        b.putShort((short) 36).putShort((short) 9); // RTA_MULTIPATH: two struct rtnexthop, each with RTA_GATEWAY
        for (int last : new int[] {1, 2}) {
            b.putShort((short) 16).put((byte) 0).put((byte) 0).putInt(3);
            b.putShort((short) 8).putShort((short) 5).put(new byte[] {(byte) 198, 18, 1, (byte) last});
        }
        Rtnetlink.Message m = new Rtnetlink.Message(b, 0, b.position()).attributes(12);
        assertEquals(24, m.u8(1));
        assertEquals(254, m.u32Attribute(15, 0));
        assertEquals(7, m.u32Attribute(6, 0));
        assertEquals("198.18.69.0", Rtnetlink.address(m.bytes(1)));
        assertFalse(m.has(5), "no RTA_GATEWAY at the top");
        assertNull(m.bytes(4));
        List<Rtnetlink.Message> hops = m.list(9, 8);
        assertEquals(2, hops.size());
        assertEquals(3, hops.get(1).u32(4));
        assertEquals("198.18.1.2", Rtnetlink.address(hops.get(1).bytes(5)));
    }
}
