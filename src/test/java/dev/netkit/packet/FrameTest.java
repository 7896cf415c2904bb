package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {
    // From tcpdump's bgp-4byte-asn.pcap:
    // 02:01:00:01:00:00 > e2:c3:b4:8e:87:60, ethertype IPv4 (0x0800), length 74:
    //     1.0.2.2.42741 > 1.0.2.1.179: Flags [S], cksum 0x9871 (correct), seq 2331667506, win 29200, options [mss 1460,sackOK,TS val 667578586 ecr 0,nop,wscale 9], length 0
    static final String SYN_FRAME = "e2c3b48e8760020100010000080045c0003c1ce84000010656120100020201000201a6f500b38afa6c3200000000a002721098710000020405b40402080a27ca70da0000000001030309";

    @Test
    void decodesEthernetIpv4Tcp() {
        Frame f = Frame.decode(LinkType.ETHERNET, hex(SYN_FRAME));
        assertEquals(List.of(EthernetHeader.class, Ipv4Header.class, TcpHeader.class),
                f.layers().stream().map(Object::getClass).toList());
        assertTrue(f.complete());
        assertFalse(f.truncated());
        assertTrue(f.stoppedAt().isEmpty());
        assertEquals(179, f.tcp().orElseThrow().destinationPort());
        assertEquals(0, f.payloadLength());
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow());
        assertEquals(List.of(0, 14, 34), f.layers().stream().map(f::offsetOf).toList());
        assertEquals(-1, f.offsetOf(new LoopbackHeader(2)));
    }

    @Test
    void layerOffsetsAfterVlanTagsAndExtensionHeaders() {
        Frame q = Frame.decode(LinkType.ETHERNET, hex(EthernetFrameTest.QINQ));
        assertEquals(22, q.offsetOf(q.ipv4().orElseThrow()));
        assertEquals(42, q.offsetOf(q.icmpv4().orElseThrow()));
        Frame r = Frame.decode(LinkType.ETHERNET, hex(Ipv6HeaderTest.ROUTING));
        assertEquals(54, r.offsetOf(r.ipv6Extensions().get(0)));
        assertEquals(78, r.offsetOf(r.icmpv6().orElseThrow()));
    }

    @Test
    void truncatedTcpStopsAtTcp() {
        byte[] cut = Arrays.copyOf(hex(SYN_FRAME), 14 + 20 + 12);
        Frame f = Frame.decode(LinkType.ETHERNET, cut);
        assertEquals("tcp", f.stoppedAt().orElseThrow());
        assertEquals("TCP: header length 20 exceeds the 12 bytes captured", f.problem().orElseThrow());
        assertTrue(f.truncated());
        assertFalse(f.complete());
        assertTrue(f.ipv4().isPresent());
        assertTrue(f.tcp().isEmpty());
        assertEquals(34, f.payloadOffset(), "the undecoded rest starts at the TCP header");
        assertEquals(12, f.payloadLength());
        assertTrue(f.checksumValid().isEmpty());
        assertTrue(f.toString().endsWith("[|tcp] TCP: header length 20 exceeds the 12 bytes captured"), f.toString());
    }

    @Test
    void emptyFrameStopsAtEther() {
        Frame f = Frame.decode(LinkType.ETHERNET, new byte[0]);
        assertEquals("ether", f.stoppedAt().orElseThrow());
        assertTrue(f.layers().isEmpty());
    }

    @Test
    void badChecksumIsReported() {
        byte[] b = hex(SYN_FRAME);
        b[b.length - 1] ^= 1;
        assertEquals(Boolean.FALSE, Frame.decode(LinkType.ETHERNET, b).checksumValid().orElseThrow());
    }

    @Test
    void decodesRawIpv4() {
        Frame f = Frame.decode(LinkType.RAW, hex(UdpHeaderTest.DATAGRAM));
        assertEquals(40000, f.udp().orElseThrow().sourcePort());
        assertArrayEquals("netkit".getBytes(), f.payload());
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow());
        assertEquals(LinkType.RAW, LinkType.valueOf(12), "DLT_RAW on Linux");
    }

    @Test
    void badIpVersionStopsAtIp() {
        Frame f = Frame.decode(LinkType.RAW, hex("55000014"));
        assertEquals("ip", f.stoppedAt().orElseThrow());
        assertEquals("IP: version 5 is neither 4 nor 6", f.problem().orElseThrow());
        assertFalse(f.truncated());
    }

    @Test
    void decodesLinuxCookedV1() {
        byte[] sll = hex("0000 0001 0006 02000000010a 0000 0800");
        Frame f = Frame.decode(LinkType.LINUX_SLL, concat(sll, hex(UdpHeaderTest.DATAGRAM)));
        LinuxCookedHeader h = f.layer(LinuxCookedHeader.class).orElseThrow();
        assertEquals(EtherType.IPV4, h.protocol());
        assertArrayEquals(MacAddress.parse("02:00:00:00:01:0a").octets(), h.address());
        assertEquals(33434, f.udp().orElseThrow().destinationPort());
    }

    @Test
    void decodesLinuxCookedV2() {
        byte[] sll2 = hex("0800 0000 00000003 0001 04 06 02000000010a 0000");
        Frame f = Frame.decode(LinkType.LINUX_SLL2, concat(sll2, hex(UdpHeaderTest.DATAGRAM)));
        LinuxCookedHeader h = f.layer(LinuxCookedHeader.class).orElseThrow();
        assertEquals(3, h.interfaceIndex());
        assertEquals(4, h.packetType());
        assertTrue(f.udp().isPresent());
    }

    @Test
    void decodesNullInEitherByteOrderAndLoop() {
        byte[] ip = hex(UdpHeaderTest.DATAGRAM);
        assertTrue(Frame.decode(LinkType.NULL, concat(hex("02000000"), ip)).udp().isPresent());
        assertTrue(Frame.decode(LinkType.NULL, concat(hex("00000002"), ip)).udp().isPresent());
        assertTrue(Frame.decode(LinkType.LOOP, concat(hex("00000002"), ip)).udp().isPresent());
        Frame cut = Frame.decode(LinkType.LOOP, hex("0000"));
        assertEquals("null", cut.stoppedAt().orElseThrow());
        assertEquals("LOOP: header length 4 exceeds the 2 bytes captured", cut.problem().orElseThrow());
    }

    @Test
    void unknownEtherTypeIsPayload() {
        byte[] b = hex("ffffffffffff02000000010a88b5 01020304");
        Frame f = Frame.decode(LinkType.ETHERNET, b);
        assertTrue(f.complete());
        assertEquals(4, f.payloadLength());
    }

    @Test
    void nonFirstFragmentIsNotDecodedAsTransport() {
        byte[] d = hex(UdpHeaderTest.DATAGRAM);
        Ipv4Header h = Ipv4Header.parse(Ipv4Packet.newChecked(d)).withFlags(0, 1, d.length);
        h.emit(d, 0);
        Frame f = Frame.decode(LinkType.RAW, d);
        assertTrue(f.udp().isEmpty());
        assertTrue(f.complete());
        assertEquals(14, f.payloadLength());
    }

    @Test
    void quotedDatagramOfIcmpError() {
        Frame f = Frame.decode(LinkType.RAW, hex(Icmpv4MessageTest.PORT_UNREACHABLE));
        Frame q = f.quoted().orElseThrow();
        assertEquals(33434, q.udp().orElseThrow().destinationPort());
        assertInstanceOf(Icmpv4Message.DestinationUnreachable.class, f.icmpv4().orElseThrow());
        assertTrue(Frame.decode(LinkType.RAW, hex(Icmpv4MessageTest.ECHO)).quoted().isEmpty());
    }

    @Test
    void portsOfAQuotedTcpHeaderCutAfter8Bytes() {
        // What r2 would send back for a TCP SYN probe with TTL 1: the IP header and 8 bytes of TCP.
        byte[] probe = PacketBuilder.ip().ipv4(v4("198.18.1.10"), v4("198.18.10.10")).ttl(1).tcpSyn(40001, 443, 7)
                .build();
        byte[] error = PacketBuilder.ip().ipv4(v4("198.18.2.2"), v4("198.18.1.10"))
                .icmpv4(new Icmpv4Message.TimeExceeded(0, Arrays.copyOf(probe, 28))).build();
        Frame q = Frame.decode(LinkType.RAW, error).quoted().orElseThrow();
        assertEquals("tcp", q.stoppedAt().orElseThrow());
        assertEquals(new Frame.Ports(40001, 443), q.ports().orElseThrow());
        assertEquals(new Frame.Ports(40000, 33434), Frame.decode(LinkType.RAW, hex(UdpHeaderTest.DATAGRAM)).ports().orElseThrow());
        assertTrue(Frame.decode(LinkType.RAW, hex(Icmpv4MessageTest.ECHO)).ports().isEmpty());
    }

    @Test
    void arpPaddingIsNotPayload() {
        Frame f = Frame.decode(LinkType.ETHERNET, hex(ArpMessageTest.REPLY));
        assertEquals(v4("192.168.0.1"), f.arp().orElseThrow().senderIp());
        assertEquals(0, f.payloadLength());
    }

    @Test
    void unknownLinkTypeIsAllPayload() {
        Frame f = Frame.decode(LinkType.valueOf(147), hex("0102"));
        assertTrue(f.layers().isEmpty());
        assertEquals(2, f.payloadLength());
        assertTrue(f.complete());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
