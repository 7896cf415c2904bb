package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv6HeaderTest {
    // IP6 (hlim 2, next-header UDP (17) payload length: 14) 2001:db8:1::10.40000 > 2001:db8:10::10.33434: [udp sum ok] UDP, length 6
    static final String UDP = PacketBuilderTest.UDP6_DATAGRAM;
    // From tcpdump's ipv6-routing-header.pcap:
    // IP6 (hlim 4, next-header Routing (43) payload length: 32) 2200::244:212:3fff:feae:22f7 > 2200::240:2:0:0:4: RT6 (len=2, type=0 [Deprecated], segleft=1, rsv=0x0, [0]2200::210:2:0:0:4) [icmp6 sum ok] ICMP6, echo request, id 0, seq 0
    static final String ROUTING = "0013c4c784f000123fae22f786dd6000000000202b04220000000000024402123ffffeae22f7220000000000024000020000000000043a02000100000000220000000000021000020000000000048000d3ab00000000";
    // IP6 (hlim 64, next-header unknown (60) payload length: 32) 2001:db8:1::10 > 2001:db8:10::10: DSTOPT (padn) frag (0x00004e4b:0|16) 40000 > 33434: UDP, length 16
    static final String FIRST_FRAGMENT = "6000000000203c4020010db800010000000000000000001020010db80010000000000000000000102c000104000000001100000100004e4b9c40829a001858366e65746b69742d66";
    // IP6 (hlim 64, next-header Fragment (44) payload length: 16) 2001:db8:1::10 > 2001:db8:10::10: frag (0x00004e4b:16|8)
    static final String SECOND_FRAGMENT = "6000000000102c4020010db800010000000000000000001020010db80010000000000000000000101100001000004e4b7261676d656e7421";

    @Test
    void parse() {
        Ipv6Packet p = Ipv6Packet.newChecked(hex(UDP));
        Ipv6Header h = Ipv6Header.parse(p);
        assertEquals(IpProtocol.UDP, h.nextHeader());
        assertEquals(2, h.hopLimit());
        assertEquals(14, h.payloadLength());
        assertEquals(v6("2001:db8:1::10"), h.source());
        assertEquals(v6("2001:db8:10::10"), h.destination());
        assertFalse(p.truncated());
    }

    @Test
    void ipv4MappedStaysIpv6() {
        byte[] b = hex(UDP);
        byte[] mapped = hex("00000000000000000000ffffc612010a");
        System.arraycopy(mapped, 0, b, 8, 16);
        assertInstanceOf(java.net.Inet6Address.class, Ipv6Header.parse(Ipv6Packet.newChecked(b)).source());
    }

    @Test
    void emitAndRoundTrip() {
        byte[] captured = hex(UDP);
        Ipv6Header h = Ipv6Header.parse(Ipv6Packet.newChecked(captured));
        byte[] b = captured.clone();
        Arrays.fill(b, 0, 40, (byte) 0);
        h.emit(b, 0);
        Vectors.assertRebuilds("IPv6 header", captured, b);
        Ipv6Header flowing = new Ipv6Header(0xb8, 0xabcde, 0, IpProtocol.IPV6_NONXT, 1, h.source(), h.destination());
        byte[] c = new byte[40];
        flowing.emit(c, 0);
        Ipv6Packet p = Ipv6Packet.newChecked(c);
        assertEquals(0xb8, p.trafficClass());
        assertEquals(0xabcde, p.flowLabel());
    }

    @Test
    void routingHeaderChainAndFinalDestinationChecksum() {
        Frame f = Frame.decode(LinkType.ETHERNET, hex(ROUTING));
        Ipv6ExtensionHeader.Routing r = assertInstanceOf(Ipv6ExtensionHeader.Routing.class, f.ipv6Extensions().get(0));
        assertEquals(0, r.routingType());
        assertEquals(1, r.segmentsLeft());
        assertEquals(IpProtocol.ICMPV6, r.nextHeader());
        assertEquals(v6("2200::210:2:0:0:4"), r.finalDestination().orElseThrow());
        assertInstanceOf(Icmpv6Message.Echo.class, f.icmpv6().orElseThrow());
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow(), "RFC 8200 8.1: the final destination is summed");
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        Vectors.assertRebuilds("routing header", Arrays.copyOfRange(hex(ROUTING), 54, 54 + 24), b);
    }

    @Test
    void destinationOptionsAndFirstFragment() {
        Frame f = Frame.decode(LinkType.RAW, hex(FIRST_FRAGMENT));
        List<Ipv6ExtensionHeader> chain = f.ipv6Extensions();
        Ipv6ExtensionHeader.DestinationOptions d = assertInstanceOf(Ipv6ExtensionHeader.DestinationOptions.class, chain.get(0));
        assertEquals(List.of(new Ipv6ExtensionHeader.Option(1, new byte[4]).type()),
                d.options().stream().map(Ipv6ExtensionHeader.Option::type).toList());
        Ipv6ExtensionHeader.Fragment frag = assertInstanceOf(Ipv6ExtensionHeader.Fragment.class, chain.get(1));
        assertEquals(0, frag.fragmentOffset());
        assertTrue(frag.moreFragments());
        assertEquals(0x4e4b, frag.identification());
        assertEquals(40000, f.udp().orElseThrow().sourcePort());
        assertTrue(f.checksumValid().isEmpty(), "a first fragment cannot be checksummed alone");
    }

    @Test
    void laterFragmentIsPayload() {
        Frame f = Frame.decode(LinkType.RAW, hex(SECOND_FRAGMENT));
        Ipv6ExtensionHeader.Fragment frag = f.layer(Ipv6ExtensionHeader.Fragment.class).orElseThrow();
        assertEquals(2, frag.fragmentOffset());
        assertFalse(frag.moreFragments());
        assertTrue(f.udp().isEmpty());
        assertEquals("ragment!", new String(f.payload()));
    }

    @Test
    void extensionHeadersRoundTrip() {
        List<Ipv6ExtensionHeader> headers = List.of(
                new Ipv6ExtensionHeader.HopByHopOptions(IpProtocol.IPV6_ROUTE, hex("050200000100")),
                new Ipv6ExtensionHeader.Routing(IpProtocol.IPV6_OPTS, 4, 0, new byte[20]),
                new Ipv6ExtensionHeader.DestinationOptions(IpProtocol.IPV6_FRAG, hex("010400000000")),
                new Ipv6ExtensionHeader.Fragment(IpProtocol.UDP, 185, true, 0xdeadbeefL));
        for (Ipv6ExtensionHeader x : headers) {
            byte[] b = new byte[x.bufferLength()];
            x.emit(b, 0);
            Ipv6ExtensionHeader again = Ipv6ExtensionHeader.parse(x.protocol(), b, 0, b.length);
            byte[] c = new byte[again.bufferLength()];
            again.emit(c, 0);
            Vectors.assertRebuilds(x.toString(), b, c);
            assertEquals(x.nextHeader(), again.nextHeader());
        }
        Ipv6ExtensionHeader.HopByHopOptions hbh = (Ipv6ExtensionHeader.HopByHopOptions) headers.get(0);
        assertEquals(List.of(Ipv6ExtensionHeader.Option.ROUTER_ALERT, Ipv6ExtensionHeader.Option.PADN),
                hbh.options().stream().map(Ipv6ExtensionHeader.Option::type).toList());
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Ipv6Packet.newChecked(Arrays.copyOf(hex(UDP), 39)));
        assertEquals("IPv6: header length 40 exceeds the 39 bytes captured", e.getMessage());
        Frame f = Frame.decode(LinkType.RAW, Arrays.copyOf(hex(FIRST_FRAGMENT), 44));
        assertEquals("ip6", f.stoppedAt().orElseThrow());
        assertEquals("IPv6 destination options: header length 8 exceeds the 4 bytes captured", f.problem().orElseThrow());
        assertTrue(f.truncated());
    }

    @Test
    void badVersion() {
        byte[] b = hex(UDP);
        b[0] = 0x40;
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv6Packet.newChecked(b));
        assertEquals("IPv6: version 4 is not 6", e.getMessage());
    }

    @Test
    void malformedOption() {
        Ipv6ExtensionHeader.HopByHopOptions h = new Ipv6ExtensionHeader.HopByHopOptions(IpProtocol.TCP, hex("05ff00000000"));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, h::options);
        assertEquals("IPv6 hop-by-hop: option 5 length 255 exceeds the 4 bytes of options left", e.getMessage());
    }

    @Test
    void jumbogramPayloadIsTheCapture() {
        // From tcpdump's bigtcp-ipv6-hbh.pcap, cut after the TCP header:
        // IP6 (flowlabel 0xa31ee, hlim 64, next-header Options (0) payload length: 0) 2604:1380:4091:ce00::d > 2604:1380:4091:ce00::b: HBH (jumbo: 80040)  41851 > 43913: Flags [P.], ...
        byte[] b = hex("600a31ee00000040260413804091ce00000000000000000d260413804091ce00000000000000000b0600c204000138a8"
                + "a37bab892355b91295c7c02980180850c8eb00000101080a46bdbe60fc8cfa38");
        Frame f = Frame.decode(LinkType.RAW, b);
        assertTrue(f.complete(), f.toString());
        assertEquals(43913, f.tcp().orElseThrow().destinationPort());
        assertEquals(List.of(Ipv6ExtensionHeader.Option.JUMBO_PAYLOAD),
                f.layer(Ipv6ExtensionHeader.HopByHopOptions.class).orElseThrow().options().stream()
                        .map(Ipv6ExtensionHeader.Option::type).toList());
    }

    @Test
    void routingFieldsAreBoundsChecked() {
        Frame f = Frame.decode(LinkType.ETHERNET, hex(ROUTING));
        Ipv6ExtensionHeader.Routing r = assertInstanceOf(Ipv6ExtensionHeader.Routing.class, f.ipv6Extensions().get(0));
        MessageBytes fields = r.fields();
        assertEquals(0, fields.u32At(0), "rsv=0x0");
        assertArrayEquals(v6("2200::210:2:0:0:4").getAddress(), fields.bytesAt(4, 16), "[0]");
        assertThrows(MalformedPacketException.class, () -> fields.bytesAt(8, 16));
    }

    // The hop-by-hop options area of tcpdump's babel.pcap packet 25, an MLD report; tcpdump's babel1v.out:
    // IP6 (hlim 1, next-header HBH (0), payload length 56) fe80::68d3:1235:d068:1f9e > ff02::16: HBH (rtalert:
    //     0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 2 group record(s) ...
    static final String MLD_OPTIONS = "050200000100";

    @Test
    void wellFormedOptionsEndBeforeOneThatOverruns() {
        Ipv6ExtensionHeader.HopByHopOptions h = new Ipv6ExtensionHeader.HopByHopOptions(IpProtocol.ICMPV6,
                hex(MLD_OPTIONS));
        assertEquals(h.options().toString(), h.wellFormedOptions().toString(), "a well-formed area: all of them");
        assertEquals(0, h.options().get(0).fields().u16At(0), "the router alert's value");
        Ipv6ExtensionHeader.HopByHopOptions bad = new Ipv6ExtensionHeader.HopByHopOptions(IpProtocol.ICMPV6,
                hex("050200000105")); // PadN of 5 bytes where 0 are left
        assertThrows(MalformedPacketException.class, bad::options);
        assertEquals(List.of(Ipv6ExtensionHeader.Option.ROUTER_ALERT),
                bad.wellFormedOptions().stream().map(Ipv6ExtensionHeader.Option::type).toList());
    }
}
