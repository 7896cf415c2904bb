package dev.netkit.scan;

import dev.netkit.NetkitException;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv4UnreachableCode;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6UnreachableCode;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Port lists, targets, and the stateless SYN scanner against a scripted server (IPv4 and IPv6). */
class SynScannerTest {
    static final MacAddress ME = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress GW = MacAddress.parse("02:00:00:00:00:01");
    static final Inet4Address SRC = (Inet4Address) addr("198.18.1.10");
    static final Inet4Address SERVER = (Inet4Address) addr("198.18.10.10");
    static final int SPORT = 45000;
    static final long KEY = 0x5eedL;

    static InetAddress addr(String s) {
        return dev.netkit.system.IpLiteral.parseOrNull(s);
    }

    @Test
    void portSpecs() {
        assertEquals(List.of(22, 80, 8000, 8001, 8002), PortSpec.parse("80,22,8000-8002,22", "tcp").tcp());
        PortSpec mixed = PortSpec.parse("T:22,80,U:53,7", "tcp");
        assertEquals(List.of(22, 80), mixed.tcp());
        assertEquals(List.of(7, 53), mixed.udp());
        assertEquals(65535, PortSpec.parse("1-", "tcp").tcp().size());
        assertEquals(List.of(1, 2, 3), PortSpec.parse("-3", "tcp").tcp());
        assertEquals(List.of(7), PortSpec.parse("7", "udp").udp());
        assertEquals(2, assertThrows(NetkitException.class, () -> PortSpec.parse("80-22", "tcp")).exitCode());
        assertEquals(2, assertThrows(NetkitException.class, () -> PortSpec.parse("70000", "tcp")).exitCode());
        assertEquals(2, assertThrows(NetkitException.class, () -> PortSpec.parse("http", "tcp")).exitCode());
    }

    @Test
    void targetsExpandAndExclude() {
        Map<String, InetAddress> dns = Map.of("server.netkit.test", SERVER);
        List<ScanTarget> t = ScanTargets.expand(List.of("198.18.1.10-12", "server.netkit.test", "2001:db8:10::10",
                "198.18.2.0/30", "198.18.1.11"), Set.of("198.18.1.12"), dns::get);
        assertEquals(List.of("198.18.1.10", "198.18.1.11", "198.18.10.10", "2001:db8:10::10", "198.18.2.1",
                "198.18.2.2"), t.stream().map(x -> dev.netkit.system.IpLiteral.format(x.address())).toList());
        assertEquals("server.netkit.test", t.get(2).name());
        assertEquals(2, assertThrows(NetkitException.class,
                () -> ScanTargets.expand(List.of("2001:db8::/64"), Set.of(), dns::get)).exitCode());
    }

    @Test
    void sequenceIsAKeyedHashOfTargetAndPort() {
        long a = SynScanner.sequence(KEY, SERVER, 80);
        assertEquals(a, SynScanner.sequence(KEY, SERVER, 80));
        assertNotEquals(a, SynScanner.sequence(KEY, SERVER, 81));
        assertNotEquals(a, SynScanner.sequence(KEY + 1, SERVER, 80));
        assertNotEquals(a, SynScanner.sequence(KEY, addr("198.18.10.11"), 80));
        assertTrue(a >= 0 && a <= 0xffffffffL);
    }

    /** The lab server: 22 and 80 open, 9999 dropped, 7777 answered with ICMP admin-prohibited, others RST. */
    static List<CapturedFrame> server(byte[] sent, Map<Integer, Integer> probesPerPort, boolean wrongAck) {
        Frame f = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), sent);
        TcpHeader syn = f.tcp().orElseThrow();
        int port = syn.destinationPort();
        probesPerPort.merge(port, 1, Integer::sum);
        long ack = (syn.sequence() + (wrongAck ? 2 : 1)) & 0xffffffffL;
        int flags = switch (port) {
            case 22, 80 -> TcpHeader.SYN | TcpHeader.ACK;
            case 9999, 7777 -> 0;
            default -> TcpHeader.RST | TcpHeader.ACK;
        };
        List<CapturedFrame> out = new ArrayList<>();
        out.add(CapturedFrame.of(0, LinkType.EN10MB, sent)); // our own probe, seen by the capture
        if (port == 7777) {
            byte[] quoted = Arrays.copyOfRange(sent, 14, sent.length);
            out.add(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(GW, ME)
                    .ipv4((Inet4Address) addr("198.18.3.2"), SRC).icmpv4(new Icmpv4Message.DestinationUnreachable(
                            Icmpv4UnreachableCode.valueOf(13), 0, quoted)).build()));
        } else if (flags != 0) {
            TcpHeader reply = new TcpHeader(port, SPORT, 1000, ack, flags, 64240, 0, 0, List.of());
            out.add(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(GW, ME).ipv4(SERVER, SRC)
                    .tcp(reply, new byte[0]).build()));
        }
        return out;
    }

    static List<String> verdicts(PortTable t, int host) {
        return t.results(host).stream().map(p -> p.port() + " " + p.state().text() + " " + p.reason()).toList();
    }

    @Test
    void statesAsNmapDefinesThemAndOnlyTheSilentPortIsRetransmitted() {
        Map<Integer, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, probes, false));
        ScanControl control = ScanControl.none();
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 2, 0, 0)
                .scan(List.of(SERVER), List.of(22, 80, 7777, 9998, 9999), control);
        assertEquals(List.of("22 open syn-ack", "80 open syn-ack", "7777 filtered admin-prohibited",
                "9998 closed reset", "9999 filtered no-response"), verdicts(r, 0));
        assertEquals(Map.of(22, 1, 80, 1, 7777, 1, 9998, 1, 9999, 3), probes);
        assertEquals(5, control.done());
        assertEquals(5, control.total());
        Frame first = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), ch.sent().get(0));
        assertEquals(GW, first.ethernet().orElseThrow().destination());
        assertEquals(SynScanner.sequence(KEY, SERVER, 22), first.tcp().orElseThrow().sequence());
        assertTrue(first.tcp().orElseThrow().has(TcpHeader.SYN));
    }

    @Test
    void aFixedRateWithoutRetriesIsStateless() {
        // masscan's sweep: each probe once, the replies within the wait after the last send, the rest filtered
        Map<Integer, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, probes, false));
        ScanControl control = ScanControl.none();
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 0, 0, 20_000_000L)
                .scan(List.of(SERVER), List.of(22, 80, 7777, 9998, 9999), control);
        assertEquals(List.of("22 open syn-ack", "80 open syn-ack", "7777 filtered admin-prohibited",
                "9998 closed reset", "9999 filtered no-response"), verdicts(r, 0));
        assertEquals(Map.of(22, 1, 80, 1, 7777, 1, 9998, 1, 9999, 1), probes);
        assertEquals(5, control.done());
    }

    @Test
    void aStatelessSweepWaitsAtMostTheInitialTimeoutAfterItsLastProbe() {
        // masscan's one fixed wait: a group measure that grew past the template's initial timeout (here its least
        // wait, 2 s, above the initial 100 ms) does not stretch the wait after the last send
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, new HashMap<>(), false));
        ScanTiming t = new ScanTiming(3, 100_000_000L, 2_000_000_000L, 10_000_000_000L, 0, 0, 0, 0, 0, 1e9);
        long start = System.nanoTime();
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, TcpProbe.SYN, t)
                .scan(List.of(SERVER), List.of(22, 9999), ScanControl.none());
        long took = System.nanoTime() - start;
        assertEquals(List.of("22 open syn-ack", "9999 filtered no-response"), verdicts(r, 0));
        assertTrue(took < 1_000_000_000L, "waited " + took / 1_000_000 + " ms, not the 2 s least wait");
    }

    @Test
    void whenSentRunsOnceAfterTheLastProbeAndBeforeTheWaitForReplies() {
        // RoutedScan starts the next group of a sweep then: after the flood, beside this group's last wait
        Map<Integer, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, probes, false));
        List<Integer> sentAtHook = new ArrayList<>();
        long[] hookAt = {0};
        long t0 = System.nanoTime();
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 0, 200_000_000L, 200_000_000L)
                .whenSent(() -> {
                    sentAtHook.add(ch.sent().size());
                    hookAt[0] = System.nanoTime();
                })
                .scan(List.of(SERVER), List.of(22, 80, 7777, 9998, 9999), ScanControl.none());
        long end = System.nanoTime();
        assertEquals(List.of(5), sentAtHook, "once, with all five probes sent");
        assertTrue(end - hookAt[0] >= 150_000_000L, "the 200 ms wait for 9999 came after it: "
                + (end - hookAt[0]) / 1_000_000 + " ms of " + (end - t0) / 1_000_000);
        assertEquals("9999 filtered no-response", verdicts(r, 0).get(4));
    }

    @Test
    void probesPatchedFromTheTemplateEqualFramesBuiltByTheCodecs() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> List.of());
        SynScanner s = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 0, 0, 0);
        s.scan(List.of(SERVER), List.of(1), ScanControl.none());
        for (int port : new int[] {1, 80, 443, 65535}) {
            long seq = SynScanner.sequence(KEY, SERVER, port);
            byte[] expected = PacketBuilder.ethernet(ME, GW).ipv4(SRC, SERVER).identification((int) (seq >>> 16) & 0xffff)
                    .tcpSyn(SPORT, port, seq).build();
            assertEquals(java.util.HexFormat.of().formatHex(expected),
                    java.util.HexFormat.of().formatHex(s.probe(0, SERVER, port)), "port " + port);
        }
    }

    @Test
    void repliesWhoseAckDoesNotMatchTheHashAreIgnored() {
        Map<Integer, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, probes, true));
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 1, 0, 0)
                .scan(List.of(SERVER), List.of(22, 9998), ScanControl.none());
        assertTrue(r.results(0).stream().allMatch(p -> p.state() == PortState.FILTERED), r.results(0).toString());
        assertEquals(Map.of(22, 2, 9998, 2), probes);
    }

    static final Inet6Address SRC6 = (Inet6Address) addr("2001:db8:1::10");
    static final Inet6Address SERVER6 = (Inet6Address) addr("2001:db8:10::10");

    /** The lab server over IPv6: 22 open, 7777 answered with ICMPv6 administratively prohibited, others RST. */
    static List<CapturedFrame> server6(byte[] sent) {
        Frame f = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), sent);
        assertTrue(f.checksumValid().orElse(false), "the probe's TCP checksum is valid");
        TcpHeader syn = f.tcp().orElseThrow();
        int port = syn.destinationPort();
        if (port == 7777) {
            byte[] quoted = Arrays.copyOfRange(sent, 14, sent.length);
            return List.of(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(GW, ME)
                    .ipv6((Inet6Address) addr("2001:db8:3::2"), SRC6).icmpv6(new Icmpv6Message.DestinationUnreachable(
                            Icmpv6UnreachableCode.ADMINISTRATIVELY_PROHIBITED, quoted)).build()));
        }
        int flags = port == 22 ? TcpHeader.SYN | TcpHeader.ACK : TcpHeader.RST | TcpHeader.ACK;
        TcpHeader reply = new TcpHeader(port, SPORT, 1000, (syn.sequence() + 1) & 0xffffffffL, flags, 64240, 0, 0,
                List.of());
        return List.of(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(GW, ME).ipv6(SERVER6, SRC6)
                .tcp(reply, new byte[0]).build()));
    }

    @Test
    void synScanOverIpv6() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(SynScannerTest::server6);
        PortTable r = new SynScanner(ch, ME, GW, SRC6, SPORT, KEY, 1e9, 1, 0, 0)
                .scan(List.of(SERVER6), List.of(22, 7777, 9998), ScanControl.none());
        assertEquals(List.of("22 open syn-ack", "7777 filtered admin-prohibited", "9998 closed reset"), verdicts(r, 0));
        Frame first = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), ch.sent().get(0));
        assertEquals(SERVER6, first.ipv6().orElseThrow().destination());
        assertEquals(3, ch.sent().size());
    }

    @Test
    void aStoppedScanReturnsWhatItKnowsAndFillsNothingIn() {
        ScanControl control = ScanControl.none();
        Map<Integer, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> {
            if (probes.values().stream().mapToInt(Integer::intValue).sum() == 1) {
                control.stop(); // Ctrl-C after the second probe
            }
            return server(b, probes, false);
        });
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 2, 0, 0)
                .scan(List.of(SERVER), List.of(22, 9998, 9999, 80), control);
        assertEquals(2, ch.sent().size());
        assertEquals(List.of("22 open syn-ack", "9998 closed reset"), verdicts(r, 0));
    }

    @Test
    void aHostPastItsTimeoutIsSkipped() {
        ScanControl control = new ScanControl(1); // one nanosecond: only each host's first probe goes out
        Map<Integer, Integer> probes = new HashMap<>();
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, probes, false));
        PortTable r = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 0, 0, 0)
                .scan(List.of(SERVER, (Inet4Address) addr("198.18.10.11")), List.of(22, 80, 9998), control);
        assertEquals(2, ch.sent().size());
        assertTrue(r.skipped(0) && r.skipped(1));
    }

    @Test
    void theWaitForLateRepliesFollowsTheMeasuredRoundTrips() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(b -> server(b, new HashMap<>(), false));
        SynScanner s = new SynScanner(ch, ME, GW, SRC, SPORT, KEY, 1e9, 0, 50_000_000L, 300_000_000L);
        assertEquals(300_000_000L, s.timeoutNanos(), "before any reply: the longest wait");
        s.scan(List.of(SERVER), List.of(22, 80, 9998), ScanControl.none());
        // replies came within microseconds: the wait drops to its floor
        assertEquals(50_000_000L, s.timeoutNanos());
    }

    @Test
    void portTableKeepsOneByteAndOneFloatPerProbe() {
        PortTable t = new PortTable(List.of(SERVER, SRC), List.of(22, 80, 443), "tcp");
        assertEquals(6, t.size());
        assertTrue(t.set(t.index(1, 2), PortState.OPEN, "syn-ack", 1.5));
        assertTrue(!t.set(t.index(1, 2), PortState.CLOSED, "reset", 2), "the first verdict stays");
        assertEquals(new PortResult(SRC, 443, "tcp", PortState.OPEN, "syn-ack", 1.5), t.result(t.index(1, 2)));
        assertEquals(1, t.knownCount());
        t.fillUnknown(PortState.FILTERED, "no-response");
        assertEquals(List.of("22 filtered no-response", "80 filtered no-response", "443 open syn-ack"), verdicts(t, 1));
        // big scans keep whole milliseconds in two bytes
        PortTable coarse = new PortTable(List.of(SERVER), List.of(22, 80), "tcp", true);
        coarse.markSent(0, 65_535.4);
        assertEquals(3, coarse.elapsedMs(0, 65_538.9), "the send time wraps at 65536 ms");
        coarse.set(0, PortState.OPEN, "syn-ack", 1.4);
        coarse.set(1, PortState.FILTERED, "no-response", -1);
        assertEquals(1.0, coarse.result(0).rttMs());
        assertEquals(-1.0, coarse.result(1).rttMs());
        assertEquals(1, t.hostIndex(SRC));
        assertEquals(-1, t.hostIndex(addr("198.18.99.99")));
    }
}
