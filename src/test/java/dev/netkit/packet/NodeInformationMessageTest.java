package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeInformationMessageTest {
    // tcpdump's icmpv6_nodeinfo_queryipv6.pcap, the ICMPv6 message, -v:
    // ICMP6, node information query (node addresses [A], subject=2001:db8::1)
    static final String QUERY = "8b000725 00030002 6c603dedca75cafb 20010db8000000000000000000000001";
    // tcpdump's icmpv6_nodeinfo_replyipv4.pcap, the ICMPv6 message, -v:
    // ICMP6, node information reply (success, ipv4 addresses [A] 127.0.0.1(0) 192.0.2.1(0) 193.0.2.1(0))
    static final String REPLY = "8c004dd5 00040002 160428df3558ad7f 00000000 7f000001 00000000 c0000201"
            + "00000000 c1000201";

    @Test
    void parseQuery() {
        byte[] b = hex(QUERY);
        NodeInformationMessage m = new NodeInformationMessage(b, 0, b.length);
        assertEquals(NodeInformationMessage.QUERY, m.type());
        assertEquals(0, m.code(), "an IPv6 address subject");
        assertEquals(NodeInformationMessage.NODE_ADDRESSES, m.qtype());
        assertEquals(2, m.flags(), "A");
        assertArrayEquals(Vectors.v6("2001:db8::1").getAddress(), m.address(NodeInformationMessage.DATA, 16));
    }

    @Test
    void parseReply() {
        byte[] b = hex(REPLY);
        NodeInformationMessage m = new NodeInformationMessage(b, 0, b.length);
        assertEquals(NodeInformationMessage.REPLY, m.type());
        assertEquals(0, m.code(), "success");
        assertEquals(NodeInformationMessage.IPV4_ADDRESSES, m.qtype());
        assertEquals(0, m.ttl(NodeInformationMessage.DATA));
        assertArrayEquals(Vectors.v4("192.0.2.1").getAddress(), m.address(28, 4));
        assertArrayEquals(Vectors.v4("193.0.2.1").getAddress(), m.address(36, 4));
        assertEquals(0xc1, m.byteAt(36));
    }

    @Test
    void truncated() {
        byte[] b = hex(REPLY);
        NodeInformationMessage m = new NodeInformationMessage(b, 0, 38);
        assertEquals(38, m.length());
        assertThrows(MalformedPacketException.class, () -> m.address(36, 4));
        assertEquals(0, m.ttl(32));
        assertThrows(MalformedPacketException.class, () -> new NodeInformationMessage(b, 0, 5).qtype());
        assertEquals(40, new NodeInformationMessage(b, 0, 1000).length(), "clamped to the capture");
    }
}
