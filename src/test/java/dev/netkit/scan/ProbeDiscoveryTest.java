package dev.netkit.scan;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv4UnreachableCode;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw host discovery beyond the link (echo, SYN to 443, ACK to 80) against a scripted network. */
class ProbeDiscoveryTest {
    static final MacAddress ME = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress GW = MacAddress.parse("02:00:00:00:00:01");
    static final Inet4Address SRC = (Inet4Address) IpLiteral.parseOrNull("198.18.1.10");
    static final Inet4Address R3 = (Inet4Address) IpLiteral.parseOrNull("198.18.3.2");
    static final int SPORT = 45001;
    static final long KEY = 0x1234_5678_9abcL;
    static final HostDiscovery.Route ROUTE = new HostDiscovery.Route("eth0", ME, GW, SRC);

    static Inet4Address v4(String s) {
        return (Inet4Address) IpLiteral.parseOrNull(s);
    }

    /**
     * The server LAN as the client sees it: .10 answers everything, .11 only echo (TCP filtered), .12 only the ACK
     * (with an RST), .13 only the SYN, with an RST; .99 is gone (r3 says host unreachable); .20 is silent; .21
     * answers with forged numbers (wrong echo identifier, RST and SYN/ACK numbers not ours).
     */
    static List<CapturedFrame> network(byte[] sent, Map<String, Integer> probesPerTarget) {
        Frame f = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), sent);
        Inet4Address to = f.ipv4().orElseThrow().destination();
        String host = IpLiteral.format(to);
        probesPerTarget.merge(host, 1, Integer::sum);
        assertEquals(GW, f.ethernet().orElseThrow().destination(), "frames go to the next hop");
        assertTrue(f.checksumValid().orElse(true), "checksums valid");
        int last = to.getAddress()[3];
        List<CapturedFrame> out = new ArrayList<>();
        out.add(CapturedFrame.of(0, LinkType.EN10MB, sent)); // our own probe, seen by the capture
        PacketBuilder back = PacketBuilder.ethernet(GW, ME).ipv4(to, SRC);
        TcpHeader tcp = f.tcp().orElse(null);
        boolean forged = last == 21;
        if (last == 99) {
            out.add(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(GW, ME).ipv4(R3, SRC)
                    .icmpv4(new Icmpv4Message.DestinationUnreachable(Icmpv4UnreachableCode.valueOf(1), 0,
                            Arrays.copyOfRange(sent, 14, sent.length))).build()));
        } else if (f.icmpv4().orElse(null) instanceof Icmpv4Message.Echo e && (last == 10 || last == 11 || forged)) {
            out.add(CapturedFrame.of(0, LinkType.EN10MB, back.icmpv4(new Icmpv4Message.Echo(false,
                    e.identifier() + (forged ? 1 : 0), e.sequence(), e.data())).build()));
        } else if (tcp != null && tcp.destinationPort() == 443 && (last == 10 || last == 13 || forged)) {
            int flags = last == 13 ? TcpHeader.RST | TcpHeader.ACK : TcpHeader.SYN | TcpHeader.ACK;
            out.add(CapturedFrame.of(0, LinkType.EN10MB, back.tcp(new TcpHeader(443, SPORT, 77,
                    (tcp.sequence() + (forged ? 2 : 1)) & 0xffffffffL, flags, 64240, 0, 0, List.of()),
                    new byte[0]).build()));
        } else if (tcp != null && tcp.destinationPort() == 80 && (last == 10 || last == 12 || forged)) {
            assertEquals(TcpHeader.ACK, tcp.flags(), "a bare ACK to 80");
            out.add(CapturedFrame.of(0, LinkType.EN10MB, back.tcp(new TcpHeader(80, SPORT,
                    (tcp.acknowledgement() + (forged ? 1 : 0)) & 0xffffffffL, 0, TcpHeader.RST, 0, 0, 0, List.of()),
                    new byte[0]).build()));
        }
        return out;
    }

    @Test
    void anyAnswerFromTheTargetToOurOwnProbesMeansUp() {
        Map<String, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> network(b, probes));
        List<InetAddress> targets = List.of(v4("198.18.10.10"), v4("198.18.10.11"), v4("198.18.10.12"),
                v4("198.18.10.13"), v4("198.18.10.99"), v4("198.18.10.20"), v4("198.18.10.21"));
        Map<InetAddress, HostDiscovery.Up> up = new ProbeDiscovery(ch, ROUTE, SPORT, KEY, 0, 1, 0, 0)
                .discover(targets, ScanControl.none());
        Map<String, String> reasons = new HashMap<>();
        up.forEach((a, u) -> reasons.put(IpLiteral.format(a), u.reason()));
        assertEquals(Map.of("198.18.10.10", "echo-reply", "198.18.10.11", "echo-reply", "198.18.10.12", "reset",
                "198.18.10.13", "reset"), reasons);
        // three probes a round: the silent, the unreachable and the forged-answer targets get a second round
        assertEquals(Map.of("198.18.10.10", 3, "198.18.10.11", 3, "198.18.10.12", 3, "198.18.10.13", 3,
                "198.18.10.99", 6, "198.18.10.20", 6, "198.18.10.21", 6), probes);
        assertEquals(List.of("198.18.10.10", "198.18.10.11", "198.18.10.12", "198.18.10.13"),
                up.keySet().stream().map(IpLiteral::format).toList(), "in the order given");
    }

    @Test
    void theProbesAreAnEchoASynTo443AndAnAckTo80WithKeyedNumbers() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB);
        Inet4Address t = v4("198.18.10.10");
        ProbeDiscovery d = new ProbeDiscovery(ch, ROUTE, SPORT, KEY, 0, 0, 0, 0);
        List<Frame> f = d.probes(t).stream().map(b -> Frame.decode(dev.netkit.packet.LinkType.valueOf(1), b)).toList();
        assertTrue(f.get(0).icmpv4().orElseThrow() instanceof Icmpv4Message.Echo e && e.request()
                && e.identifier() == SPORT);
        TcpHeader syn = f.get(1).tcp().orElseThrow();
        assertEquals(List.of(443, TcpHeader.SYN, SynScanner.sequence(KEY, t, 443)),
                List.of(syn.destinationPort(), syn.flags(), syn.sequence()));
        TcpHeader ack = f.get(2).tcp().orElseThrow();
        assertEquals(List.of(80, TcpHeader.ACK, SynScanner.sequence(KEY, t, 80)),
                List.of(ack.destinationPort(), ack.flags(), ack.acknowledgement()));
        assertTrue(f.stream().allMatch(x -> x.ipv4().orElseThrow().source().equals(SRC)));
    }

    @Test
    void overIpv6TheEchoIsIcmpv6() {
        Inet6Address src = (Inet6Address) IpLiteral.parseOrNull("2001:db8:1::10");
        Inet6Address server = (Inet6Address) IpLiteral.parseOrNull("2001:db8:10::10");
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> {
            Frame f = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), b);
            if (f.icmpv6().orElse(null) instanceof Icmpv6Message.Echo e) {
                return List.of(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(GW, ME).ipv6(server, src)
                        .icmpv6(new Icmpv6Message.Echo(false, e.identifier(), e.sequence(), e.data())).build()));
            }
            return List.of();
        });
        Map<InetAddress, HostDiscovery.Up> up = new ProbeDiscovery(ch, new HostDiscovery.Route("eth0", ME, GW, src),
                SPORT, KEY, 0, 1, 0, 0).discover(List.of(server), ScanControl.none());
        assertEquals("echo-reply", up.get(server).reason());
        assertEquals(3, ch.sent().size(), "answered in the first round");
    }

    /**
     * A LAN where some host pings all the time: every receive returns an echo reply that passes the filter but
     * answers none of our probes, captured just now. The wait for late answers still ends at its timeout.
     */
    @Test
    void unrelatedFramesDoNotProlongTheWait() {
        ScriptedChannel silent = new ScriptedChannel(LinkType.EN10MB);
        byte[] noise = PacketBuilder.ethernet(GW, ME).ipv4(v4("198.18.10.50"), SRC)
                .icmpv4(new Icmpv4Message.Echo(false, SPORT + 1, 7, new byte[0])).build();
        dev.netkit.capture.FrameChannel busy = new dev.netkit.capture.FrameChannel() {
            @Override
            public LinkType linkType() {
                return LinkType.EN10MB;
            }

            @Override
            public CapturedFrame receive(long deadlineNanos) {
                return CapturedFrame.of(dev.netkit.arp.ArpScanner.epochNanos(), LinkType.EN10MB, noise);
            }

            @Override
            public boolean ended() {
                return false;
            }

            @Override
            public void send(byte[] frame) {
                silent.send(frame);
            }

            @Override
            public dev.netkit.capture.CaptureStats stats() {
                return silent.stats();
            }

            @Override
            public void close() {
            }
        };
        Map<InetAddress, HostDiscovery.Up> up = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                new ProbeDiscovery(busy, ROUTE, SPORT, KEY, 0, 1, 50 * 1_000_000L, 200 * 1_000_000L)
                        .discover(List.of(v4("198.18.10.20")), ScanControl.none()));
        assertEquals(Map.of(), up);
        assertEquals(6, silent.sent().size(), "two rounds of three probes, each ended by its timeout");
    }
}
