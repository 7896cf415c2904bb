package dev.netkit.send;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.NextHops;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Option;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.VlanTag;
import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frames send crafts for the course packets (ARP, 802.1Q, IPv4 options, IPv6 extension headers): each is
 * decoded back with the codecs, and written to a pcap that Debian's tcpdump reads, whose line must show the same
 * fields.
 */
class PacketCrafterTest {
    private static final InetAddress CLIENT = IpLiteral.parse("198.18.1.10", "t");
    private static final InetAddress PC2 = IpLiteral.parse("198.18.1.11", "t");
    private static final InetAddress SERVER = IpLiteral.parse("198.18.10.10", "t");
    private static final InetAddress CLIENT6 = IpLiteral.parse("2001:db8:1::10", "t");
    private static final InetAddress SERVER6 = IpLiteral.parse("2001:db8:10::10", "t");
    private static final MacAddress A = MacAddress.parse("02:6e:6b:01:00:0a");
    private static final MacAddress B = MacAddress.parse("02:6e:6b:01:00:0b");
    private static final NextHops.Route TO_B = new NextHops.Route("eth0", A, B, CLIENT, 1500);
    private static final NextHops.Route UNASKED = new NextHops.Route("eth0", A, null, CLIENT, 1500);

    @TempDir
    Path dir;

    private static Probe echo(InetAddress src, InetAddress dst, List<VlanTag> vlans, List<Ipv4Option> options,
                              List<Ipv6ExtensionHeader> extensions) {
        boolean v6 = dst.getAddress().length == 16;
        return new Probe(src, dst, Probe.Kind.ICMP, 64, 0, 77, false, false, 0, 0, v6 ? 128 : 8, 0, 0x1234, 0, 0,
                0, 0, 0, 0, 0, "hi".getBytes(StandardCharsets.US_ASCII), false, vlans, null, null, options,
                extensions, ArpOperation.REQUEST);
    }

    private static Probe arp(InetAddress sender, InetAddress target, ArpOperation op) {
        return new Probe(sender, target, Probe.Kind.ARP, 0, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new byte[0], false, List.of(), null, null, List.of(), List.of(), op);
    }

    private static byte[] only(Probe p, NextHops.Route route) {
        List<List<byte[]>> frames = PacketCrafter.frames(p, 1, route);
        assertEquals(1, frames.size());
        assertEquals(1, frames.get(0).size());
        return frames.get(0).get(0);
    }

    /** tcpdump -n -t -v (and -e) on a pcap holding {@code frame}. */
    private String tcpdump(byte[] frame, boolean link) throws Exception {
        Path pcap = dir.resolve("crafted.pcap");
        try (PcapFileWriter w = PcapFileWriter.create(pcap, LinkType.EN10MB, 262144, false)) {
            w.write(CapturedFrame.of(0, LinkType.EN10MB, frame));
        }
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-n", "-t", "-v"));
        if (link) {
            cmd.add("-e");
        }
        cmd.addAll(List.of("-r", pcap.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "tcpdump: " + out);
        return out;
    }

    @Test
    void arpRequestGoesToBroadcastWithAZeroTargetMac() throws Exception {
        byte[] f = only(arp(CLIENT, PC2, ArpOperation.REQUEST), UNASKED);
        ArpMessage m = Frame.decode(LinkType.EN10MB, f).arp().orElseThrow();
        assertEquals(ArpMessage.request(A, (java.net.Inet4Address) CLIENT, (java.net.Inet4Address) PC2), m);
        assertEquals(MacAddress.BROADCAST, Frame.decode(LinkType.EN10MB, f).ethernet().orElseThrow().destination());
        String t = tcpdump(f, true);
        assertTrue(t.contains("02:6e:6b:01:00:0a > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 60"), t);
        assertTrue(t.contains("Request who-has 198.18.1.11 tell 198.18.1.10, length 46"), t);
    }

    @Test
    void arpReplyGoesToTheTargetsMac() throws Exception {
        byte[] f = only(arp(CLIENT, PC2, ArpOperation.REPLY), TO_B);
        Frame d = Frame.decode(LinkType.EN10MB, f);
        assertEquals(ArpMessage.reply(A, (java.net.Inet4Address) CLIENT, B, (java.net.Inet4Address) PC2),
                d.arp().orElseThrow());
        assertEquals(B, d.ethernet().orElseThrow().destination());
        String t = tcpdump(f, true);
        assertTrue(t.contains("02:6e:6b:01:00:0a > 02:6e:6b:01:00:0b, ethertype ARP (0x0806)"), t);
        assertTrue(t.contains("Reply 198.18.1.10 is-at 02:6e:6b:01:00:0a, length 46"), t);
    }

    @Test
    void gratuitousArpNamesTheAddressAsSenderAndTarget() throws Exception {
        byte[] request = only(arp(CLIENT, CLIENT, ArpOperation.REQUEST), UNASKED);
        ArpMessage m = Frame.decode(LinkType.EN10MB, request).arp().orElseThrow();
        assertEquals(ArpMessage.gratuitous(A, (java.net.Inet4Address) CLIENT), m);
        assertTrue(m.isGratuitous());
        assertTrue(tcpdump(request, false).contains("Request who-has 198.18.1.10 tell 198.18.1.10"));
        // arping -A: a reply to broadcast whose target MAC is the sender's own
        byte[] reply = only(arp(CLIENT, CLIENT, ArpOperation.REPLY), UNASKED);
        Frame d = Frame.decode(LinkType.EN10MB, reply);
        assertEquals(MacAddress.BROADCAST, d.ethernet().orElseThrow().destination());
        assertEquals(A, d.arp().orElseThrow().targetMac());
        String t = tcpdump(reply, true);
        assertTrue(t.contains("> ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)") && t.contains("Reply 198.18.1.10 is-at "
                + "02:6e:6b:01:00:0a"), t);
    }

    @Test
    void vlanTagsStackOutermostFirst() throws Exception {
        List<VlanTag> tags = List.of(new VlanTag(EtherType.VLAN, 3, false, 10), new VlanTag(EtherType.VLAN, 3, false,
                20));
        byte[] f = only(echo(CLIENT, SERVER, tags, List.of(), List.of()), TO_B);
        Frame d = Frame.decode(LinkType.EN10MB, f);
        assertEquals(tags, d.ethernet().orElseThrow().tags());
        assertEquals(SERVER, d.ipv4().orElseThrow().destination());
        assertEquals(Boolean.TRUE, d.checksumValid().orElseThrow());
        String t = tcpdump(f, true);
        assertTrue(t.contains("ethertype 802.1Q (0x8100), length 60: vlan 10, p 3, ethertype 802.1Q (0x8100), "
                + "vlan 20, p 3, ethertype IPv4 (0x0800)"), t);
        assertTrue(t.contains("198.18.1.10 > 198.18.10.10: ICMP echo request, id 4660, seq 1, length 10"), t);
    }

    @Test
    void recordRouteFillsTheOptionsWithNineEmptySlots() throws Exception {
        byte[] f = only(echo(CLIENT, SERVER, List.of(), List.of(Ipv4Option.recordRoute(9)), List.of()), TO_B);
        Frame d = Frame.decode(LinkType.EN10MB, f);
        List<Ipv4Option> options = Ipv4Option.parseAll(d.ipv4().orElseThrow().options());
        assertEquals(Ipv4Option.RECORD_ROUTE, options.get(0).type());
        assertEquals(37, options.get(0).data().length, "pointer and nine addresses");
        assertEquals(4, options.get(0).data()[0], "pointer at the first slot");
        assertEquals(Ipv4Option.END_OF_LIST, options.get(1).type());
        assertEquals(60, d.ipv4().orElseThrow().headerLength());
        assertEquals(Boolean.TRUE, d.checksumValid().orElseThrow());
        String t = tcpdump(f, false);
        assertTrue(t.contains("length 70, options (RR 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 "
                + "0.0.0.0,EOL))"), t);
    }

    @Test
    void timestampsAfterRouterAlertTakeTheRoomLeft() throws Exception {
        byte[] f = only(echo(CLIENT, SERVER, List.of(), List.of(Ipv4Option.routerAlert(0),
                Ipv4Option.timestamp(Ipv4Option.TIMESTAMPS_ONLY, 8)), List.of()), TO_B);
        List<Ipv4Option> options = Ipv4Option.parseAll(Frame.decode(LinkType.EN10MB, f).ipv4().orElseThrow()
                .options());
        assertEquals(List.of(Ipv4Option.ROUTER_ALERT, Ipv4Option.TIMESTAMP), options.stream().map(Ipv4Option::type)
                .toList());
        assertArrayEquals(new byte[2], options.get(0).data());
        String t = tcpdump(f, false);
        assertTrue(t.contains("options (RA,timestamp TS{TSONLY ^ 0@ 0@ 0@ 0@ 0@ 0@ 0@ 0@}))"), t);
        byte[] withAddresses = only(echo(CLIENT, SERVER, List.of(), List.of(
                Ipv4Option.timestamp(Ipv4Option.TIMESTAMPS_AND_ADDRESSES, 4)), List.of()), TO_B);
        assertTrue(tcpdump(withAddresses, false).contains("options (timestamp TS{TS+ADDR ^ 0@0.0.0.0 0@0.0.0.0 "
                + "0@0.0.0.0 0@0.0.0.0}))"));
    }

    @Test
    void ipv6ExtensionHeadersChainInOrderAndCountTheFragmentId() throws Exception {
        List<Ipv6ExtensionHeader> headers = List.of(
                Ipv6ExtensionHeader.HopByHopOptions.of(IpProtocol.IPV6_NONXT, List.of(new Ipv6ExtensionHeader.Option(
                        Ipv6ExtensionHeader.Option.ROUTER_ALERT, new byte[2]))),
                new Ipv6ExtensionHeader.Fragment(IpProtocol.IPV6_NONXT, 0, true, 7),
                Ipv6ExtensionHeader.DestinationOptions.of(IpProtocol.IPV6_NONXT, List.of(
                        new Ipv6ExtensionHeader.Option(0x80, new byte[] {1, 2}))));
        Probe p = echo(CLIENT6, SERVER6, List.of(), List.of(), headers);
        List<List<byte[]>> frames = PacketCrafter.frames(p, 2, new NextHops.Route("eth0", A, B, CLIENT6, 1500));
        Frame d = Frame.decode(LinkType.EN10MB, frames.get(0).get(0));
        List<Ipv6ExtensionHeader> chain = d.ipv6Extensions();
        assertEquals(IpProtocol.HOPOPT, d.ipv6().orElseThrow().nextHeader());
        assertEquals(3, chain.size());
        assertEquals(IpProtocol.IPV6_FRAG, chain.get(0).nextHeader());
        assertEquals(IpProtocol.IPV6_OPTS, chain.get(1).nextHeader());
        assertEquals(IpProtocol.ICMPV6, chain.get(2).nextHeader());
        Ipv6ExtensionHeader.HopByHopOptions hbh = assertInstanceOf(Ipv6ExtensionHeader.HopByHopOptions.class,
                chain.get(0));
        assertEquals(List.of(Ipv6ExtensionHeader.Option.ROUTER_ALERT, Ipv6ExtensionHeader.Option.PADN),
                hbh.options().stream().map(Ipv6ExtensionHeader.Option::type).toList());
        Ipv6ExtensionHeader.Fragment frag = assertInstanceOf(Ipv6ExtensionHeader.Fragment.class, chain.get(1));
        assertEquals(7, frag.identification());
        assertTrue(frag.moreFragments());
        assertEquals(8 + 8 + 8 + 10, d.ipv6().orElseThrow().payloadLength());
        Ipv6ExtensionHeader.Fragment second = (Ipv6ExtensionHeader.Fragment) Frame.decode(LinkType.EN10MB,
                frames.get(1).get(0)).ipv6Extensions().get(1);
        assertEquals(8, second.identification(), "the second packet's fragment id counts up");
        String t = tcpdump(frames.get(0).get(0), false);
        assertTrue(t.contains("IP6 (hlim 64, next-header Options (0) payload length: 34) 2001:db8:1::10 > "
                + "2001:db8:10::10: HBH (rtalert: 0x0000) (padn) frag (0x00000007:0|18) DSTOPT (opt_type 0x80: "
                + "len=2)(padn)"), t);
    }

    @Test
    void ipv6EchoWithHopByHopIsStillAnEchoWithAValidChecksum() throws Exception {
        Probe p = echo(CLIENT6, SERVER6, List.of(), List.of(), List.of(Ipv6ExtensionHeader.HopByHopOptions.of(
                IpProtocol.IPV6_NONXT, List.of())));
        byte[] f = only(p, new NextHops.Route("eth0", A, B, CLIENT6, 1500));
        Frame d = Frame.decode(LinkType.EN10MB, f);
        assertInstanceOf(Icmpv6Message.Echo.class, d.icmpv6().orElseThrow());
        assertEquals(Boolean.TRUE, d.checksumValid().orElseThrow());
        assertEquals("3a00010400000000", HexFormat.of().formatHex(f, 54, 62), "next ICMPv6, PadN of 4");
        String t = tcpdump(f, false);
        assertTrue(t.contains("HBH (padn)") && t.contains("ICMP6, echo request, id 4660, seq 1"), t);
    }
}
