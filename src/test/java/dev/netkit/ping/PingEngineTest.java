package dev.netkit.ping;

import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.Probe;
import dev.netkit.probe.Reply;
import dev.netkit.probe.ReplyKind;
import dev.netkit.probe.SimulatedNetwork;
import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.netkit.probe.SimulatedNetwork.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingEngineTest {
    private static PingEngine.Options options(int count) {
        PingEngine.Options d = PingEngine.Options.defaults();
        return new PingEngine.Options(d.method(), 0, count, d.intervalNanos(), 56, 0, 0, 0, null, new byte[0], false);
    }

    private static SimulatedNetwork server() {
        return new SimulatedNetwork().router("198.18.1.1", 50).router("198.18.2.2", 80)
                .router("198.18.3.2", 100).destination("198.18.10.10", 107, SimulatedNetwork.Destination.ANSWER);
    }

    @Test
    void fiveRepliesGiveIputilsStatistics() throws Exception {
        SimulatedNetwork net = server();
        List<PingEvent> events = new ArrayList<>();
        List<PingEvent.Summary> s = new PingEngine(net, options(5), events::add)
                .run(List.of(new PingTarget("server.netkit.test", ip("198.18.10.10"))));
        assertEquals(5, s.get(0).transmitted());
        assertEquals(5, s.get(0).received());
        assertEquals(107, s.get(0).rtt().minMicros());
        assertEquals(0, s.get(0).rtt().mdevMicros());
        assertEquals(5, events.stream().filter(e -> e instanceof PingEvent.Answer).count());
        // one probe per second: the last leaves 4 s after the first
        assertEquals(4_000_000_000L, net.sendTimes.get(4) - net.sendTimes.get(0), 1_000_000);
        assertEquals(4000, s.get(0).elapsedMillis(), 2);
    }

    @Test
    void onlyAFloodAsksTheChannelForItsFastestCalls() throws Exception {
        SimulatedNetwork plain = server();
        new PingEngine(plain, options(3), e -> { }).run(List.of(new PingTarget("s", ip("198.18.10.10"))));
        assertEquals(0, plain.floodsExpected, "a plain ping (or a trace) never pays for the switch");
        SimulatedNetwork flood = server();
        PingEngine.Options d = PingEngine.Options.defaults();
        new PingEngine(flood, new PingEngine.Options(d.method(), 0, 3, 0, 56, 0, 0, 0, null, new byte[0], true),
                e -> { }).run(List.of(new PingTarget("s", ip("198.18.10.10"))));
        assertEquals(1, flood.floodsExpected);
    }

    @Test
    void silentHostIsTotalLossAfterTheLinger() throws Exception {
        SimulatedNetwork net = server();
        net.behaviour = SimulatedNetwork.Destination.DROP;
        List<PingEvent> events = new ArrayList<>();
        List<PingEvent.Summary> s = new PingEngine(net, options(3), events::add)
                .run(List.of(new PingTarget("pc3", ip("198.18.10.10"))));
        assertEquals(3, s.get(0).transmitted());
        assertEquals(0, s.get(0).received());
        assertEquals(100.0, s.get(0).lossPercent());
        assertEquals(3, events.stream().filter(e -> e instanceof PingEvent.Timeout).count());
        assertEquals(12_000, s.get(0).elapsedMillis(), 5, "2 s of probes, then iputils' 10 s linger");
    }

    @Test
    void errorsCountAsErrorsNotReplies() throws Exception {
        SimulatedNetwork net = server();
        net.behaviour = SimulatedNetwork.Destination.DROP;
        net.extra = p -> List.of(new Reply(ip("198.18.3.2"), ReplyKind.UNREACHABLE, ProbeMethod.ICMP,
                p.destination(), p.token(), 3, 1, 0, 62, 92, 3_000_000_000L));
        List<PingEvent> events = new ArrayList<>();
        List<PingEvent.Summary> s = new PingEngine(net, options(2), events::add)
                .run(List.of(new PingTarget("198.18.10.99", ip("198.18.10.10"))));
        assertEquals(0, s.get(0).received());
        assertEquals(2, s.get(0).errors());
        PingEvent.Error e = (PingEvent.Error) events.stream().filter(x -> x instanceof PingEvent.Error).findFirst()
                .orElseThrow();
        assertEquals(1, e.seq());
        assertEquals("198.18.3.2", IpLiteral.format(e.from()));
    }

    @Test
    void duplicatesAreMarkedAndNotCounted() throws Exception {
        SimulatedNetwork net = server();
        net.extra = p -> List.of(new Reply(ip("198.18.10.10"), ReplyKind.ECHO_REPLY, ProbeMethod.ICMP,
                ip("198.18.10.10"), p.token(), 0, 0, 0, 61, 64, 500_000));
        List<PingEvent> events = new ArrayList<>();
        List<PingEvent.Summary> s = new PingEngine(net, options(2), events::add)
                .run(List.of(new PingTarget("server", ip("198.18.10.10"))));
        assertEquals(2, s.get(0).received());
        // like iputils, the run ends when the last probe is answered, before its duplicate comes
        assertEquals(1, s.get(0).duplicates());
        assertTrue(events.stream().anyMatch(e -> e instanceof PingEvent.Answer a && a.duplicate()));
    }

    @Test
    void repliesToOtherProbesAndOtherDestinationsAreIgnored() throws Exception {
        SimulatedNetwork net = server();
        net.behaviour = SimulatedNetwork.Destination.DROP;
        net.extra = p -> List.of(
                // someone else's sequence number
                new Reply(ip("198.18.10.10"), ReplyKind.ECHO_REPLY, ProbeMethod.ICMP, ip("198.18.10.10"),
                        p.token() + 1000, 0, 0, 0, 61, 64, 100_000),
                // our token, but an error about a probe to another destination
                new Reply(ip("198.18.3.2"), ReplyKind.UNREACHABLE, ProbeMethod.ICMP, ip("198.18.10.11"),
                        p.token(), 3, 1, 0, 62, 92, 200_000),
                // our token, but a UDP probe's quote
                new Reply(ip("198.18.1.1"), ReplyKind.TIME_EXCEEDED, ProbeMethod.UDP, ip("198.18.10.10"),
                        p.token(), 11, 0, 0, 64, 36, 300_000));
        List<PingEvent.Summary> s = new PingEngine(net, options(2), e -> { })
                .run(List.of(new PingTarget("server", ip("198.18.10.10"))));
        assertEquals(0, s.get(0).received());
        assertEquals(0, s.get(0).errors());
    }

    @Test
    void rttComesFromReplyTimestampsNotFromWhenWeLooked() throws Exception {
        SimulatedNetwork net = server();
        List<PingEvent> events = new ArrayList<>();
        PingEngine engine = new PingEngine(net, options(1), e -> {
            events.add(e);
            if (e instanceof PingEvent.Transmit) {
                net.advance(50_000_000); // the JVM stalls 50 ms right after sending
            }
        });
        engine.run(List.of(new PingTarget("server", ip("198.18.10.10"))));
        PingEvent.Answer a = (PingEvent.Answer) events.stream().filter(e -> e instanceof PingEvent.Answer)
                .findFirst().orElseThrow();
        assertEquals(107, a.rttMicros());
    }

    @Test
    void severalHostsRoundRobinWithDistinctTokens() throws Exception {
        SimulatedNetwork net = server();
        List<PingEvent.Summary> s = new PingEngine(net, options(2), e -> { }).run(List.of(
                new PingTarget("198.18.10.10", ip("198.18.10.10")), new PingTarget("198.18.1.12", ip("198.18.1.12"))));
        assertEquals(4, net.sent.size());
        assertEquals("198.18.10.10", IpLiteral.format(net.sent.get(0).destination()));
        assertEquals("198.18.1.12", IpLiteral.format(net.sent.get(1).destination()));
        assertEquals(4, net.sent.stream().map(Probe::token).distinct().count());
        assertEquals(2, s.get(0).received());
        assertEquals(0, s.get(1).received());
    }

    @Test
    void deadlineEndsTheRun() throws Exception {
        SimulatedNetwork net = server();
        PingEngine.Options d = options(0);
        PingEngine.Options o = new PingEngine.Options(d.method(), 0, 0, d.intervalNanos(), 56, 0, 0, 3_000_000_000L,
                null, new byte[0], false);
        List<PingEvent.Summary> s = new PingEngine(net, o, e -> { })
                .run(List.of(new PingTarget("server", ip("198.18.10.10"))));
        assertEquals(3, s.get(0).transmitted());
    }
}
