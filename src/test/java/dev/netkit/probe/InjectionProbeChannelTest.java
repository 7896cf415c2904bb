package dev.netkit.probe;

import dev.netkit.packet.LinkType;
import dev.netkit.ping.PingEngine;
import dev.netkit.ping.PingEvent;
import dev.netkit.ping.PingTarget;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.UdpHeader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injection channel against a scripted capture: the frames it builds and the replies it reads back. */
class InjectionProbeChannelTest {
    static final MacAddress OWN = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress GATEWAY = MacAddress.parse("02:00:00:00:00:01");
    static final InetAddress CLIENT = SimulatedNetwork.ip("198.18.1.10");
    static final InetAddress SERVER = SimulatedNetwork.ip("198.18.10.10");
    static final InetAddress ROUTER = SimulatedNetwork.ip("198.18.1.1");
    static final InetAddress CLIENT6 = SimulatedNetwork.ip("2001:db8:1::10");
    static final InetAddress SERVER6 = SimulatedNetwork.ip("2001:db8:10::10");
    static final long T0 = 1_700_000_000_123_456_789L;

    static InjectionProbeChannel channel(ScriptedChannel wire) {
        return new InjectionProbeChannel(wire, OWN, 1500, Map.of(
                SERVER, new InjectionProbeChannel.Hop(GATEWAY, CLIENT),
                SERVER6, new InjectionProbeChannel.Hop(GATEWAY, CLIENT6)));
    }

    static Probe echo(InetAddress dst, int token, int size) {
        return new Probe(dst, ProbeMethod.ICMP, token, 0, size, 0, null, null);
    }

    /** The server answering echo requests 61 hops' worth of TTL away, the reply captured at T0 + 107 us. */
    static List<CapturedFrame> server(byte[] frame) {
        Frame f = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, frame);
        List<CapturedFrame> out = new ArrayList<>();
        if (f.icmpv4().orElse(null) instanceof Icmpv4Message.Echo e && e.request()) {
            Ipv4Header ip = f.ipv4().orElseThrow();
            out.add(CapturedFrame.of(T0 + 107_000, LinkType.EN10MB, PacketBuilder.ethernet(GATEWAY, OWN)
                    .ipv4(ip.destination(), ip.source()).ttl(61)
                    .icmpv4(Icmpv4Message.Echo.reply(e.identifier(), e.sequence(), e.data())).build()));
        }
        if (f.icmpv6().orElse(null) instanceof Icmpv6Message.Echo e && e.request()) {
            var ip = f.ipv6().orElseThrow();
            out.add(CapturedFrame.of(T0 + 120_000, LinkType.EN10MB, PacketBuilder.ethernet(GATEWAY, OWN)
                    .ipv6(ip.destination(), ip.source()).hopLimit(61)
                    .icmpv6(new Icmpv6Message.Echo(false, e.identifier(), e.sequence(), e.data())).build()));
        }
        return out;
    }

    @Test
    void echoRequestIsAWholeFrameForTheNextHop() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        try (InjectionProbeChannel ch = channel(wire)) {
            ch.send(new Probe(SERVER, ProbeMethod.ICMP, 7, 5, 56, 0, null, new byte[] {(byte) 0xab}));
        }
        assertEquals(1, wire.sent().size());
        Frame f = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
        assertTrue(f.complete(), f.toString());
        assertEquals(GATEWAY, f.ethernet().orElseThrow().destination());
        assertEquals(OWN, f.ethernet().orElseThrow().source());
        Ipv4Header ip = f.ipv4().orElseThrow();
        assertEquals(CLIENT, ip.source());
        assertEquals(SERVER, ip.destination());
        assertEquals(5, ip.ttl());
        assertEquals(7, ip.identification());
        assertTrue(ip.dontFragment(), "DF as the kernel sets it with path MTU discovery on");
        Icmpv4Message.Echo e = (Icmpv4Message.Echo) f.icmpv4().orElseThrow();
        assertTrue(e.request());
        assertEquals(7, e.sequence());
        assertEquals(56, e.data().length);
        byte[] pattern = new byte[56];
        Arrays.fill(pattern, (byte) 0xab);
        assertArrayEquals(pattern, e.data());
        assertEquals(true, f.checksumValid().orElseThrow(), "IP and ICMP checksums");
    }

    @Test
    void echoReplyComesBackWithTheCaptureTimestampAndNoiseIsSkipped() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        // Before ours: another process's echo reply (other id) and an ARP request.
        wire.deliver(CapturedFrame.of(T0, LinkType.EN10MB, PacketBuilder.ethernet(GATEWAY, OWN)
                        .ipv4((Inet4Address) SERVER, (Inet4Address) CLIENT)
                        .icmpv4(Icmpv4Message.Echo.reply(0x7777 ^ pid(), 1, new byte[8])).build()),
                CapturedFrame.of(T0, LinkType.EN10MB, arpRequest()));
        wire.onSend(InjectionProbeChannelTest::server);
        try (InjectionProbeChannel ch = channel(wire)) {
            Sent s = ch.send(echo(SERVER, 1, 56));
            assertEquals(1, s.token());
            Reply r = ch.receive(ch.now() + 1_000_000_000L);
            assertEquals(ReplyKind.ECHO_REPLY, r.kind());
            assertEquals(1, r.token());
            assertEquals(SERVER, r.from());
            assertEquals(61, r.ttl());
            assertEquals(64, r.bytes());
            assertEquals(T0 + 107_000, r.timeNanos());
            assertNull(ch.receive(Long.MIN_VALUE));
        }
    }

    private static int pid() {
        return (int) (ProcessHandle.current().pid() & 0xffff);
    }

    private static byte[] arpRequest() {
        byte[] f = new byte[60];
        System.arraycopy(MacAddress.BROADCAST.octets(), 0, f, 0, 6);
        System.arraycopy(GATEWAY.octets(), 0, f, 6, 6);
        f[12] = 0x08;
        f[13] = 0x06;
        return f;
    }

    @Test
    void udpProbeAndTheRoutersTimeExceededQuotingIt() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        wire.onSend(frame -> {
            // r1 quotes the IP header and 8 bytes, as RFC 792 asks
            Frame f = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, frame);
            int ip = f.offsetOf(f.ipv4().orElseThrow());
            byte[] quoted = Arrays.copyOfRange(frame, ip, ip + 28);
            return List.of(CapturedFrame.of(T0, LinkType.EN10MB, PacketBuilder.ethernet(GATEWAY, OWN)
                    .ipv4((Inet4Address) ROUTER, (Inet4Address) CLIENT)
                    .icmpv4(new Icmpv4Message.TimeExceeded(0, quoted)).build()));
        });
        try (InjectionProbeChannel ch = channel(wire)) {
            ch.send(new Probe(SERVER, ProbeMethod.UDP, 0x1234, 1, 32, 33434, null, null));
            Frame sent = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
            UdpHeader udp = sent.udp().orElseThrow();
            assertEquals(Probe.UDP_SOURCE_PORT, udp.sourcePort());
            assertEquals(33434, udp.destinationPort());
            assertEquals(1, sent.ipv4().orElseThrow().ttl());
            Reply r = ch.receive(ch.now() + 1_000_000_000L);
            assertEquals(ReplyKind.TIME_EXCEEDED, r.kind());
            assertEquals(ProbeMethod.UDP, r.method());
            assertEquals(0x1234, r.token());
            assertEquals(ROUTER, r.from());
            assertEquals(SERVER, r.probeDestination());
        }
    }

    @Test
    void ipv6EchoRoundTrip() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        wire.onSend(InjectionProbeChannelTest::server);
        try (InjectionProbeChannel ch = channel(wire)) {
            ch.send(echo(SERVER6, 3, 56));
            Frame f = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
            assertEquals(CLIENT6, f.ipv6().orElseThrow().source());
            assertEquals(true, f.checksumValid().orElseThrow());
            Reply r = ch.receive(ch.now() + 1_000_000_000L);
            assertEquals(ReplyKind.ECHO_REPLY, r.kind());
            assertEquals(3, r.token());
            assertEquals(SERVER6, r.from());
            assertEquals(61, r.ttl());
        }
    }

    @Test
    void tooBigWithDfIsALocalErrorAndWithoutDfIsFragmented() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        try (InjectionProbeChannel ch = channel(wire)) {
            ch.send(new Probe(SERVER, ProbeMethod.ICMP, 1, 0, 1500, 0, PmtuMode.DO, null));
            assertTrue(wire.sent().isEmpty(), "nothing leaves");
            Reply local = ch.receive(Long.MIN_VALUE);
            assertEquals(ReplyKind.PACKET_TOO_BIG, local.kind());
            assertNull(local.from());
            assertEquals(1500, local.mtu());
            ch.send(new Probe(SERVER, ProbeMethod.ICMP, 2, 0, 2000, 0, PmtuMode.DONT, null));
            assertEquals(2, wire.sent().size(), "2028 bytes in two fragments");
            Ipv4Header first = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0)).ipv4().orElseThrow();
            assertTrue(first.moreFragments());
            assertFalse(first.dontFragment());
        }
    }

    @Test
    void tcpSynIsAParisProbeWhoseAnswerNamesItsToken() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        try (InjectionProbeChannel ch = channel(wire)) {
            Sent s = ch.send(new Probe(SERVER, ProbeMethod.TCP, 42, 0, 0, 80, null, null, 3));
            assertEquals(42, s.token());
            Frame f = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
            var tcp = f.tcp().orElseThrow();
            assertEquals(Probe.TCP_PARIS_PORT + 3, tcp.sourcePort(), "Paris: one source port per flow");
            assertEquals(42L << 16, tcp.sequence(), "the token in the sequence number's upper half");
            assertEquals(80, tcp.destinationPort());
            assertTrue(tcp.has(dev.netkit.packet.TcpHeader.SYN));
            wire.deliver(CapturedFrame.of(T0, LinkType.EN10MB, PacketBuilder.ethernet(GATEWAY, OWN)
                    .ipv4((Inet4Address) SERVER, (Inet4Address) CLIENT).ttl(61)
                    .tcp(new dev.netkit.packet.TcpHeader(80, tcp.sourcePort(), 99, tcp.sequence() + 1,
                            dev.netkit.packet.TcpHeader.SYN | dev.netkit.packet.TcpHeader.ACK, 65535, 0, 0, List.of()),
                            new byte[0]).build()));
            Reply r = ch.receive(ch.now() + 1_000_000_000L);
            assertEquals(ReplyKind.TCP_SYN_ACK, r.kind());
            assertEquals(42, r.token());
        }
    }

    @Test
    void pingCommandRunsOverInjection() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        wire.onSend(InjectionProbeChannelTest::server);
        List<PingEvent> events = new ArrayList<>();
        try (InjectionProbeChannel ch = channel(wire)) {
            PingEngine.Options o = new PingEngine.Options(ProbeMethod.ICMP, 0, 3, 1_000_000L, 56, 0, 0, 0, null,
                    new byte[0], false);
            List<PingEvent.Summary> sums = new PingEngine(ch, o, events::add).run(List.of(new PingTarget("server",
                    SERVER)));
            assertEquals(3, sums.get(0).transmitted());
            assertEquals(3, sums.get(0).received());
        }
        assertEquals(3, wire.sent().size());
        assertEquals(3, events.stream().filter(e -> e instanceof PingEvent.Answer).count());
    }

    /** The IPv6 header of each frame sent. */
    static List<dev.netkit.packet.Ipv6Header> ipv6Sent(ScriptedChannel wire) {
        return wire.sent().stream().map(b -> Frame.decode(dev.netkit.packet.LinkType.ETHERNET, b).ipv6().orElseThrow())
                .toList();
    }

    @Test
    void ipv6FlowsEachKeepTheirOwnFlowLabel() throws IOException {
        for (ProbeMethod method : ProbeMethod.values()) {
            ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
            try (InjectionProbeChannel ch = channel(wire)) {
                int token = 1;
                for (int flow = 0; flow < 3; flow++) {
                    for (int ttl = 1; ttl <= 2; ttl++) {
                        ch.send(new Probe(SERVER6, method, token++, ttl, 16, 80, PmtuMode.DONT, null, flow));
                    }
                }
                ch.send(new Probe(SERVER6, method, token, 3, 16, 80, PmtuMode.DONT, null, -1));
            }
            List<Integer> labels = ipv6Sent(wire).stream().map(dev.netkit.packet.Ipv6Header::flowLabel).toList();
            assertEquals(labels.get(0), labels.get(1), method + " flow 0: one label " + labels);
            assertEquals(labels.get(2), labels.get(3), method + " flow 1: one label " + labels);
            assertEquals(labels.get(4), labels.get(5), method + " flow 2: one label " + labels);
            assertEquals(3, new java.util.HashSet<>(List.of(labels.get(0), labels.get(2), labels.get(4))).size(),
                    method + ": a label per flow " + labels);
            assertTrue(labels.get(0) != 0, method + ": flows are labelled");
            assertEquals(0, labels.get(6), method + ": an ordinary probe has none");
        }
    }

    @Test
    void parisSynIsTheSharedOneWithTheTokenInTheSequenceNumber() throws IOException {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        Probe p = new Probe(SERVER, ProbeMethod.TCP, 0x1234, 4, 0, 80, PmtuMode.DONT, null, 2);
        try (InjectionProbeChannel ch = channel(wire)) {
            ch.send(p);
        }
        Frame f = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
        assertTrue(f.complete(), f.toString());
        dev.netkit.packet.TcpHeader syn = f.tcp().orElseThrow();
        assertEquals(p.parisSyn(1460), new dev.netkit.packet.TcpHeader(syn.sourcePort(), syn.destinationPort(),
                syn.sequence(), syn.acknowledgement(), syn.flags(), syn.window(), 0, syn.urgentPointer(), syn.options()));
        assertEquals(Probe.TCP_PARIS_PORT + 2, syn.sourcePort());
        assertEquals(0x1234L << 16, syn.sequence());
    }
}
