package dev.netkit.trace;

import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.SimulatedNetwork;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static dev.netkit.probe.SimulatedNetwork.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paris path grouping of several flows (TraceCommandTest's multipath cases, against the engine). */
class TracePathTest {
    /** A load balancer after r1: even flows go by 198.18.2.2, odd flows by 198.18.2.6. */
    static SimulatedNetwork ecmp() {
        SimulatedNetwork n = TraceEngineTest.lab(SimulatedNetwork.Destination.ANSWER);
        var a = n.path;
        var b = new ArrayList<>(a);
        b.set(1, new SimulatedNetwork.Router(ip("198.18.2.6"), 95, false));
        n.flowPaths = flow -> flow % 2 == 0 ? a : b;
        return n;
    }

    static List<TraceResult> trace(int flows) throws Exception {
        TraceEngine.Options d = TraceEngine.Options.defaults(ProbeMethod.UDP);
        TraceEngine.Options o = new TraceEngine.Options(d.method(), d.port(), 1, 1, 30, d.waitNanos(), d.here(),
                d.near(), d.parallel(), d.size(), d.pmtu());
        return new TraceEngine(ecmp(), o).run("198.18.10.10", ip("198.18.10.10"), flows, (flow, hop) -> { });
    }

    @Test
    void flowsShowEachPathOfALoadBalancer() throws Exception {
        List<TraceResult> results = trace(3);
        assertTrue(results.stream().allMatch(TraceResult::reached));
        TraceResult flow2 = results.stream().filter(r -> r.flow() == 1).findFirst().orElseThrow();
        assertEquals(ip("198.18.2.6"), flow2.hops().get(1).probes().get(0).from());
        assertEquals(95, flow2.hops().get(1).probes().get(0).rttMicros());
        List<TracePath> paths = TracePath.group(results);
        assertEquals(2, paths.size());
        List<InetAddress> none = List.of();
        // path 1 (flows 1,3): 198.18.1.1 198.18.2.2 * 198.18.10.10
        assertEquals(List.of(1, 3), paths.get(0).flows().stream().sorted().toList());
        assertEquals(List.of(List.of(ip("198.18.1.1")), List.of(ip("198.18.2.2")), none,
                List.of(ip("198.18.10.10"))), paths.get(0).hops());
        // path 2 (flow 2): 198.18.1.1 198.18.2.6 * 198.18.10.10
        assertEquals(List.of(2), paths.get(1).flows());
        assertEquals(List.of(List.of(ip("198.18.1.1")), List.of(ip("198.18.2.6")), none,
                List.of(ip("198.18.10.10"))), paths.get(1).hops());
    }

    @Test
    void twoFlowsTwoDistinctPaths() throws Exception {
        List<TracePath> paths = TracePath.group(trace(2));
        assertEquals(2, paths.size());
        assertEquals(List.of(1), paths.get(0).flows());
        assertEquals(List.of(2), paths.get(1).flows());
    }
}
