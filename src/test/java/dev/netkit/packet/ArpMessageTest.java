package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArpMessageTest {
    // From tcpdump's bgp-4byte-asn.pcap, captured on the sender before padding (42 bytes):
    // ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 1.0.2.1 tell 1.0.2.2, length 28
    static final String REQUEST = "ffffffffffff020100010000080600010800060400010201000100000100020200000000000001000201";
    // From tcpdump's arp-oobr.pcap, padded to 60 bytes on the wire:
    // ARP, Ethernet (len 6), IPv4 (len 4), Reply 192.168.0.1 is-at 00:21:d8:01:03:45, length 46
    static final String REPLY = "0008027eb2360021d8350345080600010800060400020021d8010345c0a8000100082500b236c1a8001e000000000000000000000000000000000000";

    static ArpMessage parse(String frame) {
        byte[] b = hex(frame);
        return ArpMessage.parse(ArpPacket.newChecked(b, 14, b.length - 14));
    }

    @Test
    void parseRequest() {
        ArpMessage m = parse(REQUEST);
        assertEquals(ArpOperation.REQUEST, m.operation());
        assertEquals(MacAddress.parse("02:01:00:01:00:00"), m.senderMac());
        assertEquals(v4("1.0.2.2"), m.senderIp());
        assertEquals(v4("1.0.2.1"), m.targetIp());
        assertEquals("Request who-has 1.0.2.1 tell 1.0.2.2", m.toString());
    }

    @Test
    void parseReply() {
        ArpMessage m = parse(REPLY);
        assertEquals(ArpOperation.REPLY, m.operation());
        assertEquals("Reply 192.168.0.1 is-at 00:21:d8:01:03:45", m.toString());
        assertEquals(v4("193.168.0.30"), m.targetIp());
    }

    @Test
    void answers() {
        ArpMessage reply = parse(REPLY);
        assertTrue(reply.answers(v4("192.168.0.1"), MacAddress.parse("02:00:00:00:00:01")));
        assertTrue(reply.answers(null, null));
        assertFalse(reply.answers(v4("192.168.0.2"), null), "a reply from another address");
        assertFalse(reply.answers(null, MacAddress.parse("00:21:d8:01:03:45")), "our own reply");
        assertFalse(parse(REQUEST).answers(null, null), "a request answers nothing");
    }

    @Test
    void requestIs28BytesPaddedTo60ByteFrame() {
        ArpMessage m = ArpMessage.request(MacAddress.parse("02:01:00:01:00:00"), v4("1.0.2.2"), v4("1.0.2.1"));
        assertEquals(28, m.bufferLength());
        byte[] frame = m.toFrame();
        assertEquals(60, frame.length);
        byte[] captured = hex(REQUEST);
        Vectors.assertRebuilds("ARP request", Arrays.copyOf(captured, 60), frame);
    }

    @Test
    void roundTripReply() {
        byte[] frame = hex(REPLY);
        ArpMessage m = parse(REPLY);
        byte[] b = new byte[28];
        m.emit(b, 0);
        Vectors.assertRebuilds("ARP reply", Arrays.copyOfRange(frame, 14, 42), b);
    }

    @Test
    void replyGoesToTheAsker() {
        MacAddress asker = MacAddress.parse("02:00:00:00:01:0a");
        byte[] frame = ArpMessage.reply(MacAddress.parse("02:00:00:00:01:01"), v4("198.18.1.1"), asker, v4("198.18.1.10"))
                .toFrame();
        assertEquals(asker, EthernetFrame.newChecked(frame).destination());
    }

    @Test
    void gratuitousAndProbe() {
        MacAddress mac = MacAddress.parse("02:00:00:00:01:0a");
        ArpMessage g = ArpMessage.gratuitous(mac, v4("198.18.1.10"));
        assertTrue(g.isGratuitous());
        assertFalse(g.isProbe());
        assertEquals(g.senderIp(), g.targetIp());
        ArpMessage p = ArpMessage.probe(mac, v4("198.18.1.10"));
        assertTrue(p.isProbe());
        assertFalse(p.isGratuitous());
        assertEquals(v4("0.0.0.0"), p.senderIp());
        Frame f = Frame.decode(LinkType.ETHERNET, p.toFrame());
        assertEquals(p, f.arp().orElseThrow());
        assertTrue(f.ethernet().orElseThrow().destination().isBroadcast());
        assertEquals(0, f.payloadLength(), "the padding is not payload");
    }

    @Test
    void truncated() {
        byte[] b = hex(REQUEST);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> ArpPacket.newChecked(b, 14, 20));
        assertEquals("ARP: length with its addresses 28 exceeds the 20 bytes captured", e.getMessage());
    }

    @Test
    void malformedHardwareType() {
        // ARP over ArcNet (hardware type 7, address length 1) from tcpdump's arcnet-rfc1201-arp-icmp-http.pcap
        byte[] b = hex("0007080001040001be0a508301000a5083fe");
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> ArpMessage.parse(ArpPacket.newChecked(b, 0, b.length)));
        assertEquals("ARP: hardware type 7 length 1 is not Ethernet (1, 6 bytes)", e.getMessage());
    }
}
