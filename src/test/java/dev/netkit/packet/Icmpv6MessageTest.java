package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static dev.netkit.packet.Vectors.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Icmpv6MessageTest {
    // From tcpdump's dcb_ets.pcap:
    // IP6 (hlim 255, next-header ICMPv6 (58) payload length: 24) :: > ff02::1:ff46:e884: [icmp6 sum ok] ICMP6, neighbor solicitation, length 24, who has fe80::a00:27ff:fe46:e884
    static final String NS = "3333ff46e88408002746e88486dd6000000000183aff00000000000000000000000000000000ff0200000000000000000001ff46e88487007a9100000000fe800000000000000a0027fffe46e884";
    // From tcpdump's dcb_ets.pcap:
    // IP6 (hlim 255, next-header ICMPv6 (58) payload length: 16) fe80::a00:27ff:fe46:e884 > ff02::2: [icmp6 sum ok] ICMP6, router solicitation, length 16
    //   source link-address option (1), length 8 (1): 08:00:27:46:e8:84
    static final String RS = "33330000000208002746e88486dd6000000000103afffe800000000000000a0027fffe46e884ff02000000000000000000000000000285004b9800000000010108002746e884";
    // From tcpdump's icmpv6-ra-pref64.pcap:
    // IP6 (flowlabel 0x9fc72, hlim 255, next-header ICMPv6 (58) payload length: 72) fe80::e015:81ff:feb4:b945 > ff02::1: [icmp6 sum ok] ICMP6, router advertisement, length 72
    //   hop limit 80, Flags [other stateful], pref medium, router lifetime 500s, reachable time 0ms, retrans timer 0ms
    //   source link-address option (1), length 8 (1): e2:15:81:b4:b9:45
    //   prefix info option (3), length 32 (4): 2001:db8:cc:dd::/64, Flags [onlink], valid time 3600s, pref. time 1800s
    //   unknown option (38), length 16 (2):
    static final String RA = "333300000001e21581b4b94586dd6009fc7200483afffe80000000000000e01581fffeb4b945ff020000000000000000000000000001860015e8504001f400000000000000000101e21581b4b9450304408000000e10000007080000000020010db800cc00dd00000000000000002602000020010db800010064ff9b0000";
    // IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) fe80::1 > fe80::10: [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is fe80::1, Flags [router, solicited, override]
    //   destination link-address option (2), length 8 (1): 02:00:00:00:01:01
    static final String NA = "02000000010a02000000010186dd6000000000203afffe800000000000000000000000000001fe8000000000000000000000000000108800970de0000000fe8000000000000000000000000000010201020000000101";
    // IP6 (hlim 64, next-header ICMPv6 (58) payload length: 62) 2001:db8:1::1 > 2001:db8:1::10: [icmp6 sum ok] ICMP6, time exceeded in-transit for 2001:db8:10::10
    static final String TIME_EXCEEDED = "60000000003e3a4020010db800010000000000000000000120010db8000100000000000000000010030030120000000060000000000e110120010db800010000000000000000001020010db80010000000000000000000109c40829a000e390f6e65746b6974";
    // IP6 (hlim 64, next-header ICMPv6 (58) payload length: 62) 2001:db8:2::1 > 2001:db8:1::10: [icmp6 sum ok] ICMP6, packet too big, mtu 1400
    static final String TOO_BIG = "60000000003e3a4020010db800020000000000000000000120010db800010000000000000000001002002b990000057860000000000e110120010db800010000000000000000001020010db80010000000000000000000109c40829a000e390f6e65746b6974";
    // IP6 (hlim 64, next-header ICMPv6 (58) payload length: 62) 2001:db8:10::10 > 2001:db8:1::10: [icmp6 sum ok] ICMP6, destination unreachable, unreachable port, 2001:db8:10::10 udp port 33434
    static final String PORT_UNREACHABLE = "60000000003e3a4020010db800100000000000000000001020010db8000100000000000000000010010431f00000000060000000000e110120010db800010000000000000000001020010db80010000000000000000000109c40829a000e390f6e65746b6974";

    static Frame frame(String hexFrame) {
        byte[] b = hex(hexFrame);
        Frame f = Frame.decode(b[0] == 0x60 ? LinkType.RAW : LinkType.ETHERNET, b);
        assertTrue(f.complete(), f.toString());
        assertEquals(Boolean.TRUE, f.checksumValid().orElseThrow(), "checksum of " + f);
        return f;
    }

    @Test
    void parseNeighborSolicitation() {
        Icmpv6Message.NeighborSolicitation ns = assertInstanceOf(Icmpv6Message.NeighborSolicitation.class,
                frame(NS).icmpv6().orElseThrow());
        assertEquals(v6("fe80::a00:27ff:fe46:e884"), ns.target());
        assertTrue(ns.options().isEmpty());
    }

    @Test
    void parseRouterSolicitation() {
        Icmpv6Message.RouterSolicitation rs = assertInstanceOf(Icmpv6Message.RouterSolicitation.class,
                frame(RS).icmpv6().orElseThrow());
        assertEquals(MacAddress.parse("08:00:27:46:e8:84"), ((NdpOption.LinkLayerAddress) rs.options().get(0)).mac());
    }

    @Test
    void parseRouterAdvertisement() {
        Icmpv6Message.RouterAdvertisement ra = assertInstanceOf(Icmpv6Message.RouterAdvertisement.class,
                frame(RA).icmpv6().orElseThrow());
        assertEquals(80, ra.currentHopLimit());
        assertTrue(ra.otherConfiguration());
        assertEquals(500, ra.routerLifetime());
        assertEquals(3, ra.options().size());
        NdpOption.PrefixInformation pi = assertInstanceOf(NdpOption.PrefixInformation.class, ra.options().get(1));
        assertEquals(v6("2001:db8:cc:dd::"), pi.prefix());
        assertEquals(64, pi.prefixLength());
        assertTrue(pi.onLink());
        assertEquals(3600, pi.validLifetime());
        assertEquals(1800, pi.preferredLifetime());
        assertEquals(38, assertInstanceOf(NdpOption.Unknown.class, ra.options().get(2)).type());
    }

    @Test
    void parseNeighborAdvertisement() {
        Icmpv6Message.NeighborAdvertisement na = assertInstanceOf(Icmpv6Message.NeighborAdvertisement.class,
                frame(NA).icmpv6().orElseThrow());
        assertTrue(na.router() && na.solicited() && na.override());
        assertEquals(v6("fe80::1"), na.target());
        assertEquals(NdpOption.TARGET_LINK_LAYER_ADDRESS, na.options().get(0).type());
    }

    @Test
    void neighborAdvertisementTargetMac() {
        Icmpv6Message.NeighborAdvertisement na = (Icmpv6Message.NeighborAdvertisement) frame(NA).icmpv6().orElseThrow();
        assertEquals(((NdpOption.LinkLayerAddress) na.options().get(0)).mac(), na.targetMac().orElseThrow());
        assertTrue(new Icmpv6Message.NeighborAdvertisement(false, true, false, na.target(), java.util.List.of())
                .targetMac().isEmpty());
    }

    @Test
    void parseErrorsWithQuotedDatagram() {
        Frame te = frame(TIME_EXCEEDED);
        assertEquals(0, assertInstanceOf(Icmpv6Message.TimeExceeded.class, te.icmpv6().orElseThrow()).code());
        assertEquals(33434, te.quoted().orElseThrow().udp().orElseThrow().destinationPort());
        assertEquals(1400, assertInstanceOf(Icmpv6Message.PacketTooBig.class, frame(TOO_BIG).icmpv6().orElseThrow()).mtu());
        Icmpv6Message.DestinationUnreachable u = assertInstanceOf(Icmpv6Message.DestinationUnreachable.class,
                frame(PORT_UNREACHABLE).icmpv6().orElseThrow());
        assertEquals(Icmpv6UnreachableCode.PORT_UNREACHABLE, u.reason());
        assertEquals(1, u.quotedFrame().ipv6().orElseThrow().hopLimit());
    }

    @Test
    void roundTrip() {
        for (String v : List.of(NS, RS, RA, NA, TIME_EXCEEDED, TOO_BIG, PORT_UNREACHABLE)) {
            byte[] b = hex(v);
            Frame f = Frame.decode(b[0] == 0x60 ? LinkType.RAW : LinkType.ETHERNET, b);
            Ipv6Header ip = f.ipv6().orElseThrow();
            int at = b.length - ip.payloadLength();
            byte[] rebuilt = f.icmpv6().orElseThrow().toBytes(ip.pseudoHeader());
            Vectors.assertRebuilds(v, Arrays.copyOfRange(b, at, b.length), rebuilt);
        }
    }

    @Test
    void longLinkLayerAddressOption() {
        // Found by Jazzer: an option may be up to 255 * 8 bytes, so its address up to 2038.
        byte[] option = new byte[272];
        option[0] = 1;
        option[1] = 34;
        NdpOption o = NdpOption.parseAll(option, 0, option.length).get(0);
        assertEquals(270, ((NdpOption.LinkLayerAddress) o).address().length);
        assertEquals(272, o.length());
    }

    @Test
    void truncated() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Icmpv6Message.parse(hex("8700 7a91 0000 0000 fe80"), 0, 10));
        assertEquals("ICMPv6: neighbor solicitation length 24 exceeds the 10 bytes captured", e.getMessage());
    }

    @Test
    void malformedOption() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Icmpv6Message.parse(hex("85004b98 00000000 0100 08002746e884"), 0, 16));
        assertEquals("ICMPv6: option 1 has length 0", e.getMessage());
        e = assertThrows(MalformedPacketException.class,
                () -> Icmpv6Message.parse(hex("85004b98 00000000 0102 08002746e884"), 0, 16));
        assertEquals("ICMPv6: option 1 length 16 exceeds the 8 bytes of options left", e.getMessage());
    }

    @Test
    void typesKeepUnknownValues() {
        assertEquals("NEIGHBOR_SOLICITATION(135)", Icmpv6Type.NEIGHBOR_SOLICITATION.toString());
        assertEquals("UNKNOWN(200)", Icmpv6Type.valueOf(200).toString());
        byte[] b = new Icmpv6Message.Other(Icmpv6Type.valueOf(200), 7, hex("01020304")).toBytes(
                PseudoHeader.v6(v6("2001:db8::1"), v6("2001:db8::2")));
        Icmpv6Message.Other o = assertInstanceOf(Icmpv6Message.Other.class, Icmpv6Message.parse(b, 0, b.length));
        assertEquals(7, o.code());
    }

    // tcpdump's icmp6-rfc8335.pcap packet 1, the ICMPv6 message; tcpdump 4.99.6 (and sniff):
    // ICMP6, extended echo request, id 64353, seq 0, length 28
    @Test
    void anotherTypeKeepsItsRestOfHeader() {
        byte[] b = hex("a0009844fb610001 2000dcf400080302 00000001000bad1e7fc0ffee");
        Icmpv6Message.Other m = assertInstanceOf(Icmpv6Message.Other.class, Icmpv6Message.parse(b, 0, b.length));
        assertEquals(64353, m.restOfHeader() >>> 16, "identifier");
        assertEquals(0, (m.restOfHeader() >>> 8) & 0xff, "sequence number");
        assertEquals(1, m.restOfHeader() & 1, "L: the local interface");
    }

    // tcpdump's icmpv6-ra-pref64.pcap packet 1, its last option; tcpdump 4.99.6 (and sniff) -v:
    //   pref64 option (38), length 16 (2): 2001:db8:1:64:ff9b::/96 (plc 0), lifetime 0s
    // (the 16-bit word is 0x0000: lifetime 0, PLC 0 = /96; the prefix's 96 bits follow)
    @Test
    void unknownOptionFieldsAreBoundsChecked() {
        MessageBytes pref64 = new NdpOption.Unknown(38, hex("0000 2001 0db8 0001 0064 ff9b 0000")).fields();
        assertEquals(0, pref64.u16At(0));
        assertEquals(0x20010db8L, pref64.u32At(2));
        assertEquals(0x64, pref64.byteAt(9));
        assertEquals("20010db800010064ff9b0000", Vectors.hex(pref64.bytesAt(2, 12)));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> pref64.u32At(12));
        assertTrue(e.isTruncation());
        assertThrows(MalformedPacketException.class, () -> pref64.bytesAt(2, 13));
        assertThrows(MalformedPacketException.class, () -> pref64.byteAt(14));
    }
}
