package dev.netkit.arp;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.Frame;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** arp scan and arp ping against a scripted wire: who answers, retries, duplicates, DAD and unicast follow-ups. */
class ArpEngineTest {
    static final MacAddress SELF = MacAddress.parse("02:00:00:00:00:0a");
    static final ArpEndpoint FROM = new ArpEndpoint("eth0", SELF, ip("198.18.1.10"), 24);
    static final MacAddress PC2 = MacAddress.parse("02:00:00:00:00:0b");
    static final MacAddress PC3 = MacAddress.parse("52:54:00:00:00:0c");
    static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:99");

    static Inet4Address ip(String s) {
        return Ipv4Targets.expand(List.of(s)).get(0);
    }

    static ArpMessage sentArp(byte[] frame) {
        return Frame.decode(dev.netkit.packet.LinkType.valueOf(1), frame).arp().orElseThrow();
    }

    /** A wire where each address in {@code hosts} answers with its MACs (several MACs: a conflict). */
    static ScriptedChannel wire(Map<Inet4Address, List<MacAddress>> hosts, int[] silentRequests) {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB);
        Map<Inet4Address, Integer> seen = new HashMap<>();
        ch.onSend(frame -> {
            ArpMessage q = sentArp(frame);
            List<CapturedFrame> out = new ArrayList<>();
            // our own request comes back too, as on a real capture; the engine must ignore it
            out.add(CapturedFrame.of(0, LinkType.EN10MB, frame));
            int n = seen.merge(q.targetIp(), 1, Integer::sum);
            if (n <= silentRequests[0]) {
                return out;
            }
            for (MacAddress m : hosts.getOrDefault(q.targetIp(), List.of())) {
                out.add(CapturedFrame.of(0, LinkType.EN10MB,
                        ArpMessage.reply(m, q.targetIp(), q.senderMac(), q.senderIp()).toFrame()));
            }
            return out;
        });
        return ch;
    }

    @Test
    void scanReportsWhoAnsweredAndIgnoresItsOwnRequests() {
        ScriptedChannel ch = wire(Map.of(ip("198.18.1.11"), List.of(PC2), ip("198.18.1.12"), List.of(PC3)),
                new int[] {0});
        List<ArpAnswer> seen = new ArrayList<>();
        List<ArpAnswer> first = new ArpScanner(ch, FROM, 0, 1_000_000_000L, 1)
                .scan(Ipv4Targets.expand(List.of("198.18.1.11-13")), seen::add);
        assertEquals(2, first.size());
        assertEquals(ip("198.18.1.11"), first.get(0).ip());
        assertEquals(PC2, first.get(0).mac());
        assertEquals(PC3, first.get(1).mac());
        assertTrue(first.get(0).unicast());
        assertEquals(3, ch.sent().size());
        ArpMessage q = sentArp(ch.sent().get(2));
        assertEquals(ip("198.18.1.13"), q.targetIp());
        assertEquals(FROM.ip(), q.senderIp());
        assertEquals(SELF, q.senderMac());
    }

    @Test
    void silentHostsAreAskedAgainInLaterRoundsOnly() {
        // pc2 ignores its first request; .13 never answers
        int[] silent = {1};
        ScriptedChannel ch = wire(Map.of(ip("198.18.1.11"), List.of(PC2)), silent);
        List<Long> progress = new ArrayList<>();
        List<ArpAnswer> first = new ArpScanner(ch, FROM, 0, 1_000_000_000L, 3).reportingTo(progress::add)
                .scan(List.of(ip("198.18.1.11"), ip("198.18.1.13")), a -> { });
        // requests settled of 2 targets x 3 rounds, after each request and each round (.11 needs none in round 3)
        assertEquals(List.of(1L, 2L, 2L, 3L, 4L, 4L, 6L, 6L), progress);
        assertEquals(1, first.size());
        // round 1: .11 .13; round 2: .11 (answers) .13; round 3: .13 only
        List<String> asked = ch.sent().stream().map(f -> sentArp(f).targetIp().getHostAddress()).toList();
        assertEquals(List.of("198.18.1.11", "198.18.1.13", "198.18.1.11", "198.18.1.13", "198.18.1.13"), asked);
    }

    @Test
    void twoMacsForOneAddressAreADuplicateAndAConflict() {
        ScriptedChannel ch = wire(Map.of(ip("198.18.1.11"), List.of(PC2, OTHER)), new int[] {0});
        List<ArpAnswer> seen = new ArrayList<>();
        new ArpScanner(ch, FROM, 0, 1_000_000_000L, 1).scan(List.of(ip("198.18.1.11")), seen::add);
        assertEquals(2, seen.size());
        assertEquals(0, seen.get(0).duplicate());
        assertFalse(seen.get(0).conflict());
        assertEquals(1, seen.get(1).duplicate());
        assertTrue(seen.get(1).conflict());
        assertEquals(OTHER, seen.get(1).mac());
    }

    @Test
    void pingGoesUnicastOnceTheMacIsKnown() {
        ScriptedChannel ch = wire(Map.of(ip("198.18.1.11"), List.of(PC2)), new int[] {0});
        List<ArpAnswer> seen = new ArrayList<>();
        ArpPingStats s = new ArpPinger(ch, FROM).ping(ip("198.18.1.11"), ArpPingMode.REQUEST, 3, 0, 0, seen::add);
        assertEquals(3, s.sent());
        assertEquals(1, s.broadcasts());
        assertEquals(3, s.received());
        assertEquals(List.of(PC2), s.macs());
        assertTrue(Frame.decode(dev.netkit.packet.LinkType.valueOf(1), ch.sent().get(0)).ethernet().orElseThrow()
                .destination().isBroadcast());
        assertEquals(PC2, Frame.decode(dev.netkit.packet.LinkType.valueOf(1), ch.sent().get(1)).ethernet()
                .orElseThrow().destination());
    }

    @Test
    void duplicateDetectionProbesFromZeroAndStopsAtTheFirstAnswer() {
        ScriptedChannel ch = wire(Map.of(ip("198.18.1.11"), List.of(PC2)), new int[] {1});
        ArpPingStats s = new ArpPinger(ch, FROM).ping(ip("198.18.1.11"), ArpPingMode.DUPLICATE_DETECTION, 5, 0, 0,
                a -> { });
        assertEquals(2, s.sent());
        assertEquals(1, s.received());
        ArpMessage probe = sentArp(ch.sent().get(0));
        assertTrue(probe.isProbe());
        assertEquals(ip("198.18.1.11"), probe.targetIp());
    }

    @Test
    void duplicateDetectionOnAFreeAddressSendsAllProbes() {
        ScriptedChannel ch = wire(Map.of(), new int[] {0});
        ArpPingStats s = new ArpPinger(ch, FROM).ping(ip("198.18.1.99"), ArpPingMode.DUPLICATE_DETECTION, 3, 0, 0,
                a -> { });
        assertEquals(3, s.sent());
        assertEquals(0, s.received());
    }

    @Test
    void pingFlagsAConflictWhenASecondMacAnswers() {
        ScriptedChannel ch = wire(Map.of(ip("198.18.1.11"), List.of(PC2, OTHER)), new int[] {0});
        List<ArpAnswer> seen = new ArrayList<>();
        ArpPingStats s = new ArpPinger(ch, FROM).ping(ip("198.18.1.11"), ArpPingMode.REQUEST, 2, 0, 0, seen::add);
        assertTrue(s.conflict());
        assertEquals(List.of(PC2, OTHER), s.macs());
        assertTrue(seen.get(seen.size() - 1).conflict());
    }

    @Test
    void announcementsAreGratuitous() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB);
        new ArpPinger(ch, FROM).ping(ip("198.18.1.10"), ArpPingMode.UNSOLICITED_REQUEST, 2, 0, 0, a -> { });
        new ArpPinger(ch, FROM).ping(ip("198.18.1.10"), ArpPingMode.UNSOLICITED_REPLY, 1, 0, 0, a -> { });
        assertEquals(3, ch.sent().size());
        assertTrue(sentArp(ch.sent().get(0)).isGratuitous());
        ArpMessage reply = sentArp(ch.sent().get(2));
        assertTrue(reply.isGratuitous());
        assertEquals(dev.netkit.packet.ArpOperation.REPLY, reply.operation());
    }

    @Test
    void adaptiveScanWaitsAFewRoundTripsAndNoMoreThanTheTimeout() {
        ArpScanner fixed = new ArpScanner(new ScriptedChannel(LinkType.EN10MB), FROM, 0, 250_000_000L, 2);
        ArpScanner adaptive = fixed.adaptive(30_000_000L);
        assertEquals(250_000_000L, fixed.waitAfterRound(1_000_000L));
        assertEquals(250_000_000L, adaptive.waitAfterRound(-1), "no round trip seen yet: the whole timeout");
        assertEquals(30_000_000L, adaptive.waitAfterRound(100_000L), "fast LAN: the floor");
        assertEquals(ArpScanner.RTT_FACTOR * 20_000_000L, adaptive.waitAfterRound(20_000_000L));
        assertEquals(250_000_000L, adaptive.waitAfterRound(200_000_000L), "never more than the timeout");
    }

    @Test
    void adaptiveScanStopsWaitingOnceEveryTargetAnswered() {
        Map<Inet4Address, List<MacAddress>> hosts = Map.of(ip("198.18.1.11"), List.of(PC2), ip("198.18.1.12"),
                List.of(PC3));
        ScriptedChannel fixed = wire(hosts, new int[] {0});
        new ArpScanner(fixed, FROM, 0, 1_000_000_000L, 2).scan(List.copyOf(hosts.keySet()), a -> { });
        ScriptedChannel adaptive = wire(hosts, new int[] {0});
        List<Long> progress = new ArrayList<>();
        List<ArpAnswer> found = new ArpScanner(adaptive, FROM, 0, 1_000_000_000L, 2).adaptive(0)
                .reportingTo(progress::add).scan(List.copyOf(hosts.keySet()), a -> { });
        assertEquals(List.of(1L, 2L, 2L, 4L), progress, "all answered: no round left, all settled");
        assertEquals(2, found.size());
        assertEquals(2, adaptive.sent().size());
        // both read the wire before each request; only the fixed scanner then waits out the timeout
        assertEquals(fixed.timeouts() - 1, adaptive.timeouts());
    }

    @Test
    void pacerReadsBetweenSpacedRequestsAndOnlyEveryBurstWhenSendingFlatOut() {
        List<Long> reads = new ArrayList<>();
        Pacer flatOut = new Pacer(0);
        for (int k = 0; k < 2 * Pacer.BURST; k++) {
            flatOut.awaitTurn(reads::add);
        }
        assertEquals(2, reads.size());
        reads.clear();
        Pacer spaced = new Pacer(50_000_000L);
        long start = System.nanoTime();
        for (int k = 0; k < 3; k++) {
            spaced.awaitTurn(until -> {
                reads.add(until);
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait(); // the engine reads replies here until the request is due
                }
            });
        }
        assertEquals(2, reads.size(), "the first request goes at once, the next two wait for their turn");
        assertTrue(System.nanoTime() - start >= 100_000_000L);
        assertEquals(50_000_000L, reads.get(1) - reads.get(0));
    }
}
