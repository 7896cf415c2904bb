package dev.netkit.trace;

import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.SimulatedNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.netkit.probe.SimulatedNetwork.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mtr's report cycles (TraceCommandTest's reportCycles, against the engine). */
class ReportEngineTest {
    @Test
    void reportCycles() throws Exception {
        SimulatedNetwork n = TraceEngineTest.lab(SimulatedNetwork.Destination.ANSWER);
        n.lost.add(3); // the first probe to the destination in cycle 1 is lost
        TraceEngine.Options o = TraceEngine.Options.defaults(ProbeMethod.UDP);
        List<Integer> cycles = new java.util.ArrayList<>();
        ReportEngine.Report r = new ReportEngine(n, o, 2, 10_000_000L).run("198.18.10.10", ip("198.18.10.10"),
                cycles::add);
        assertEquals(List.of(1, 2), cycles); // each cycle done is heard (trace --report's progress)
        assertTrue(r.reached());
        assertEquals(4, r.hops().size());
        HopStatistics r1 = r.hops().get(0);
        assertEquals(1, r1.ttl());
        assertEquals(List.of(ip("198.18.1.1")), r1.responders());
        assertEquals(0.0, r1.lossPercent());
        assertEquals(2, r1.sent());
        HopStatistics r3 = r.hops().get(2);
        assertEquals(3, r3.ttl());
        assertTrue(r3.responders().isEmpty());
        assertEquals(100.0, r3.lossPercent());
        assertEquals(2, r3.sent());
        HopStatistics server = r.hops().get(3);
        assertEquals(4, server.ttl());
        assertEquals(List.of(ip("198.18.10.10")), server.responders());
        assertEquals(50.0, server.lossPercent());
        assertEquals(2, server.sent());
        assertEquals(150, server.rtt().lastMicros());
    }

    @Test
    void hopsBeyondTheDestinationAreNotReported() throws Exception {
        SimulatedNetwork n = TraceEngineTest.lab(SimulatedNetwork.Destination.DROP);
        TraceEngine.Options d = TraceEngine.Options.defaults(ProbeMethod.UDP);
        TraceEngine.Options o = new TraceEngine.Options(d.method(), d.port(), 3, 1, 6, 50_000_000L, d.here(),
                d.near(), d.parallel(), d.size(), d.pmtu());
        ReportEngine.Report r = new ReportEngine(n, o, 1, 0).run("server", ip("198.18.10.10"));
        assertFalse(r.reached());
        assertEquals(6, r.hops().size());
        assertEquals(1, r.hops().get(5).sent());
    }
}
