package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v4;
import static dev.netkit.packet.Vectors.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacketBuilderTest {
    static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:01:0a");
    static final MacAddress ROUTER = MacAddress.parse("02:00:00:00:01:01");

    // Each vector below was checked with tcpdump -v, which reports the checksums correct.
    // 02:00:00:00:01:0a > 02:00:00:00:01:01, ethertype IPv4 (0x0800), length 60: (tos 0x0, ttl 64, id 7238, offset 0, flags [DF], proto ICMP (1), length 44)
    //     198.18.1.10 > 198.18.10.10: ICMP echo request, id 4660, seq 1, length 24
    static final String ECHO_FRAME = "02000000010102000000010a08004500002c1c46400040018752c612010ac6120a0a08003915123400016e65746b69742d70696e672d303132330000";
    // 02:00:00:00:01:0a > 02:00:00:00:01:01, ethertype IPv4 (0x0800), length 60: (tos 0x0, ttl 3, id 7239, offset 0, flags [none], proto UDP (17), length 34)
    //     198.18.1.10.40000 > 198.18.10.10.33434: [udp sum ok] UDP, length 6
    static final String UDP_FRAME = "02000000010102000000010a0800450000221c4700000311044cc612010ac6120a0a9c40829a000efd786e65746b6974000000000000000000000000";
    // 02:00:00:00:01:0a > 02:00:00:00:01:01, ethertype IPv4 (0x0800), length 60: (tos 0x0, ttl 64, id 7240, offset 0, flags [none], proto TCP (6), length 44)
    //     198.18.1.10.40001 > 198.18.10.10.80: Flags [S], cksum 0x6583 (correct), seq 1000, win 64240, options [mss 1460], length 0
    static final String SYN_FRAME = "02000000010102000000010a08004500002c1c4800004006c74bc612010ac6120a0a9c410050000003e8000000006002faf065830000020405b40000";
    // IP6 (hlim 64, next-header ICMPv6 (58) payload length: 24) 2001:db8:1::10 > 2001:db8:10::10: [icmp6 sum ok] ICMP6, echo request, id 4660, seq 1
    static final String ECHO6_FRAME = "02000000010102000000010a86dd6000000000183a4020010db800010000000000000000001020010db80010000000000000000000108000651f123400016e65746b69742d70696e672d30313233";
    // IP6 (hlim 2, next-header UDP (17) payload length: 14) 2001:db8:1::10.40000 > 2001:db8:10::10.33434: [udp sum ok] UDP, length 6
    static final String UDP6_DATAGRAM = "60000000000e110220010db800010000000000000000001020010db80010000000000000000000109c40829a000e390f6e65746b6974";

    @Test
    void icmpEchoFrame() {
        byte[] frame = PacketBuilder.ethernet(CLIENT, ROUTER).ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .identification(0x1c46).dontFragment(true).icmpEcho(0x1234, 1, "netkit-ping-0123".getBytes()).build();
        Vectors.assertRebuilds("ICMP echo frame", hex(ECHO_FRAME), frame);
    }

    @Test
    void udpFrameIsPaddedTo60Bytes() {
        byte[] frame = PacketBuilder.ethernet(CLIENT, ROUTER).ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .identification(0x1c47).ttl(3).udp(40000, 33434, "netkit".getBytes()).build();
        assertEquals(60, frame.length);
        Vectors.assertRebuilds("UDP frame", hex(UDP_FRAME), frame);
    }

    @Test
    void tcpSynFrame() {
        byte[] frame = PacketBuilder.ethernet(CLIENT, ROUTER).ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .identification(0x1c48).tcpSyn(40001, 80, 1000).build();
        Vectors.assertRebuilds("TCP SYN frame", hex(SYN_FRAME), frame);
        Frame f = Frame.decode(LinkType.ETHERNET, frame);
        assertEquals("S", f.tcp().orElseThrow().flagsText());
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow());
    }

    @Test
    void icmpv6EchoFrame() {
        byte[] frame = PacketBuilder.ethernet(CLIENT, ROUTER).ipv6(v6("2001:db8:1::10"), v6("2001:db8:10::10"))
                .icmpEcho(0x1234, 1, "netkit-ping-0123".getBytes()).build();
        Vectors.assertRebuilds("ICMPv6 echo frame", hex(ECHO6_FRAME), frame);
        assertInstanceOf(Icmpv6Message.Echo.class, Frame.decode(LinkType.ETHERNET, frame).icmpv6().orElseThrow());
    }

    @Test
    void rawIpv6UdpDatagram() {
        byte[] d = PacketBuilder.ip().ipv6(v6("2001:db8:1::10"), v6("2001:db8:10::10")).hopLimit(2)
                .udp(40000, 33434, "netkit".getBytes()).build();
        Vectors.assertRebuilds("UDP/IPv6 datagram", hex(UDP6_DATAGRAM), d);
        assertEquals(Boolean.TRUE, Frame.decode(LinkType.RAW, d).checksumValid().orElseThrow());
    }

    @Test
    void vlanTaggedFrame() {
        byte[] frame = PacketBuilder.ethernet(CLIENT, ROUTER).vlan(VlanTag.dot1q(10))
                .ipv4(v4("198.18.1.10"), v4("198.18.10.10")).icmpEcho(1, 1, new byte[0]).build();
        Frame f = Frame.decode(LinkType.ETHERNET, frame);
        assertEquals(10, f.ethernet().orElseThrow().tags().get(0).vlanId());
        assertTrue(f.icmpv4().isPresent());
    }

    @Test
    void echoMayBeGivenBeforeTheAddresses() {
        byte[] frame = PacketBuilder.ethernet(CLIENT, ROUTER).icmpEcho(0x1234, 1, "netkit-ping-0123".getBytes())
                .ipv6(v6("2001:db8:1::10"), v6("2001:db8:10::10")).build();
        Vectors.assertRebuilds("ICMPv6 echo frame", hex(ECHO6_FRAME), frame);
    }

    @Test
    void icmpVersionMustMatchTheAddresses() {
        PacketBuilder b = PacketBuilder.ip().ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .icmpv6(Icmpv6Message.Echo.request(1, 1, new byte[0]));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("PacketBuilder: ICMPv6 needs IPv6 addresses", e.getMessage());
    }

    @Test
    void withoutAddressesFails() {
        assertThrows(IllegalStateException.class, () -> PacketBuilder.ip().udp(1, 2, new byte[0]).build());
    }

    @Test
    void ipv4OptionsArePaddedWithEolAndCountInTheHeaderLength() {
        byte[] d = PacketBuilder.ip().ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .ipv4Options(java.util.List.of(Ipv4Option.routerAlert(0), Ipv4Option.recordRoute(1)))
                .fragment(true, 5).icmpEcho(1, 1, new byte[0]).build();
        // RA (94 04 0000), RR with one slot (07 07 04 00000000), then EOL padding to 12 bytes
        assertEquals("940400000707040000000000", Vectors.hex(java.util.Arrays.copyOfRange(d, 20, 32)));
        assertEquals(0x48, d[0] & 0xff, "IHL 8 words");
        assertEquals(0x2005, ((d[6] & 0xff) << 8) | (d[7] & 0xff), "MF and offset 5");
        assertEquals(0, Checksum.of(d, 0, 32), "header checksum");
    }

    @Test
    void ipv6ExtensionHeadersAreChainedToTheTransport() {
        byte[] d = PacketBuilder.ip().ipv6(v6("2001:db8:1::10"), v6("2001:db8:10::10"))
                .ipv6Extensions(java.util.List.of(
                        Ipv6ExtensionHeader.HopByHopOptions.of(IpProtocol.IPV6_NONXT, java.util.List.of()),
                        Ipv6ExtensionHeader.DestinationOptions.of(IpProtocol.IPV6_NONXT, java.util.List.of(
                                new Ipv6ExtensionHeader.Option(0x1e, new byte[] {1, 2, 3})))))
                .udp(40000, 7, new byte[] {1}).build();
        assertEquals(0, d[6], "next header: hop-by-hop");
        assertEquals(8 + 8 + 9, ((d[4] & 0xff) << 8) | (d[5] & 0xff), "payload length");
        assertEquals("3c00010400000000", Vectors.hex(java.util.Arrays.copyOfRange(d, 40, 48)),
                "to destination options, PadN of 4");
        assertEquals("11001e0301020300", Vectors.hex(java.util.Arrays.copyOfRange(d, 48, 56)),
                "to UDP, option 0x1e, Pad1");
        Frame f = Frame.decode(LinkType.RAW, d);
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow());
        assertEquals(7, f.udp().orElseThrow().destinationPort());
    }

    @Test
    void arpBehindAVlanTag() {
        ArpMessage m = ArpMessage.request(CLIENT, v4("198.18.1.10"), v4("198.18.1.11"));
        byte[] f = PacketBuilder.ethernet(CLIENT, MacAddress.BROADCAST).vlan(VlanTag.dot1q(7)).arp(m).build();
        assertEquals(60, f.length, "padded to the Ethernet minimum");
        assertEquals("81000007" + "0806", Vectors.hex(java.util.Arrays.copyOfRange(f, 12, 18)));
        Frame d = Frame.decode(LinkType.EN10MB, f);
        assertEquals(m, d.arp().orElseThrow());
        assertEquals(java.util.List.of(VlanTag.dot1q(7)), d.ethernet().orElseThrow().tags());
    }
}
