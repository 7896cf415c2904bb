package dev.netkit.trace;

import dev.netkit.system.IpLiteral;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.Reply;
import dev.netkit.probe.ReplyKind;
import dev.netkit.probe.SimulatedNetwork;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static dev.netkit.probe.SimulatedNetwork.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceEngineTest {
    /** The lab: client -> r1 -> r2 -> r3 (silent) -> server. */
    static SimulatedNetwork lab(SimulatedNetwork.Destination d) {
        return new SimulatedNetwork().router("198.18.1.1", 60).router("198.18.2.2", 90).silentRouter("198.18.3.2")
                .destination("198.18.10.10", 150, d);
    }

    static List<String> hops(TraceResult r) {
        List<String> list = new ArrayList<>();
        for (TraceHop h : r.hops()) {
            list.add(h.responders().isEmpty() ? "*" : IpLiteral.format(h.responders().get(0)));
        }
        return list;
    }

    @Test
    void hopsInOrderWithTheSilentRouterAsStars() throws Exception {
        for (ProbeMethod m : ProbeMethod.values()) {
            SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
            List<Integer> reported = new ArrayList<>();
            TraceResult r = new TraceEngine(net, TraceEngine.Options.defaults(m))
                    .run("server", ip("198.18.10.10"), h -> reported.add(h.ttl()));
            assertEquals(List.of("198.18.1.1", "198.18.2.2", "*", "198.18.10.10"), hops(r), m.toString());
            assertEquals(List.of(1, 2, 3, 4), reported);
            assertTrue(r.reached());
            assertEquals(3, r.hops().get(0).probes().size());
            assertEquals(60, r.hops().get(0).probes().get(0).rttMicros());
            assertTrue(r.hops().get(2).probes().stream().noneMatch(TraceProbe::answered));
        }
    }

    @Test
    void smartWaitingEndsQuicklyAfterTheDestinationAnswers() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
        long start = net.now();
        new TraceEngine(net, TraceEngine.Options.defaults(ProbeMethod.UDP)).run("server", ip("198.18.10.10"), h -> { });
        long took = net.now() - start;
        assertTrue(took < 10_000_000, "silent r3 waited " + took / 1e6 + " ms, not 5 s");
    }

    @Test
    void droppedPortSweepsSilentHopsInParallel() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.DROP);
        long start = net.now();
        TraceResult r = new TraceEngine(net, TraceEngine.Options.defaults(ProbeMethod.TCP))
                .run("server", ip("198.18.10.10"), h -> { });
        long took = net.now() - start;
        assertFalse(r.reached());
        assertEquals(30, r.hops().size());
        assertEquals(90, net.sent.size());
        // traceroute -N 16 waits 5 s per window of 16 silent probes (about 25 s here); we wait about one 5 s period.
        assertTrue(took < 6_000_000_000L, "took " + took / 1e6 + " ms");
    }

    @Test
    void atMostParallelProbesHoldTheWindowAtOnce() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
        TraceEngine.Options d = TraceEngine.Options.defaults(ProbeMethod.ICMP);
        TraceEngine.Options o = new TraceEngine.Options(d.method(), d.port(), 3, 1, 30, d.waitNanos(), d.here(),
                d.near(), 4, d.size(), d.pmtu());
        new TraceEngine(net, o).run("server", ip("198.18.10.10"), h -> { });
        // the first four probes leave together, the fifth only after an answer came back
        assertTrue(net.sendTimes.get(4) >= net.sendTimes.get(0) + 60_000, "fifth probe did not wait for the window");
        assertTrue(net.sendTimes.get(3) < net.sendTimes.get(0) + 60_000, "the first four did not leave together");
    }

    @Test
    void allProbesKeepTheSameFlow() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
        new TraceEngine(net, TraceEngine.Options.defaults(ProbeMethod.UDP)).run("server", ip("198.18.10.10"), h -> { });
        assertEquals(1, net.sent.stream().map(p -> p.port() + "/" + p.size()).distinct().count());
        assertEquals(net.sent.size(), net.sent.stream().map(p -> p.token()).distinct().count());
    }

    @Test
    void flowsAreTracedAtOnceAndEachKeepsItsOwnBranch() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
        List<SimulatedNetwork.Router> a = net.path;
        List<SimulatedNetwork.Router> b = new ArrayList<>(a);
        b.set(1, new SimulatedNetwork.Router(ip("198.18.2.6"), 95, false));
        net.flowPaths = flow -> flow % 2 == 0 ? a : b;
        List<Integer> done = new ArrayList<>();
        long start = net.now();
        List<TraceResult> results = new TraceEngine(net, TraceEngine.Options.defaults(ProbeMethod.TCP))
                .run("server", ip("198.18.10.10"), 4, new TraceEngine.FlowListener() {
                    @Override
                    public void hop(int flow, TraceHop hop) {
                    }

                    @Override
                    public void done(TraceResult r) {
                        done.add(r.flow());
                    }
                });
        assertEquals(4, results.size());
        assertEquals(4, done.size());
        for (TraceResult r : results) {
            assertTrue(r.reached());
            assertEquals(List.of("198.18.1.1", r.flow() % 2 == 0 ? "198.18.2.2" : "198.18.2.6", "*", "198.18.10.10"),
                    hops(r), "flow " + r.flow());
        }
        // every probe names its flow, and all four flows went out
        assertEquals(java.util.Set.of(0, 1, 2, 3), net.sent.stream().map(p -> p.flow()).collect(
                java.util.stream.Collectors.toSet()));
        // at once: four flows take about as long as one (the silent hop waits 10 x the last hop's round trip)
        assertTrue(net.now() - start < 10_000_000, "took " + (net.now() - start) / 1e6 + " ms");
    }

    @Test
    void icmpChecksumStaysConstantWithinAFlowAndDiffersBetweenFlows() {
        java.util.Set<Integer> flow0 = new java.util.HashSet<>();
        java.util.Set<Integer> flow1 = new java.util.HashSet<>();
        for (int token = 0; token < 65536; token += 997) {
            flow0.add(echoChecksum(token, TraceEngine.parisPayload(ProbeMethod.ICMP, ip("198.18.10.10"), token, 0, 32)));
            flow1.add(echoChecksum(token, TraceEngine.parisPayload(ProbeMethod.ICMP, ip("198.18.10.10"), token, 1, 32)));
        }
        assertEquals(1, flow0.size());
        assertEquals(1, flow1.size());
        assertFalse(flow0.equals(flow1));
        // IPv6 UDP: the token is the first payload word, the fill after it compensates
        java.util.Set<Long> udp6 = new java.util.HashSet<>();
        for (int token = 0; token < 65536; token += 1009) {
            byte[] fill = TraceEngine.parisPayload(ProbeMethod.UDP, ip("2001:db8:10::10"), token, 0, 32);
            byte[] payload = new byte[2 + fill.length];
            payload[0] = (byte) (token >> 8);
            payload[1] = (byte) token;
            System.arraycopy(fill, 0, payload, 2, fill.length);
            udp6.add((long) dev.netkit.packet.Checksum.fold(dev.netkit.packet.Checksum.sum(payload, 0, payload.length)));
        }
        assertEquals(1, udp6.size());
    }

    /** The checksum of an ICMP echo request as the channel builds it: id 0x1234, sequence = token. */
    private static int echoChecksum(int token, byte[] payload) {
        byte[] b = new byte[8 + payload.length];
        b[0] = 8;
        b[4] = 0x12;
        b[5] = 0x34;
        b[6] = (byte) (token >> 8);
        b[7] = (byte) token;
        System.arraycopy(payload, 0, b, 8, payload.length);
        return dev.netkit.packet.Checksum.of(b, 0, b.length);
    }

    @Test
    void everyResponderOfAHopIsKept() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
        InetAddress other = ip("198.18.2.6");
        // a load balancer: the second probe at TTL 2 is answered by another router
        net.extra = p -> p.ttl() == 2 && p.token() % 3 == 1 ? List.of(new Reply(other, ReplyKind.TIME_EXCEEDED,
                p.method(), p.destination(), p.token(), 11, 0, 0, 63, 36, 70_000)) : List.of();
        TraceResult r = new TraceEngine(net, TraceEngine.Options.defaults(ProbeMethod.ICMP))
                .run("server", ip("198.18.10.10"), h -> { });
        assertTrue(r.hops().get(1).responders().contains(other), r.hops().get(1).toString());
    }

    @Test
    void hostUnreachableAtAHopEndsTheTrace() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork().router("198.18.1.1", 60).router("198.18.2.2", 90)
                .router("198.18.3.2", 120).destination("198.18.10.99", 0, SimulatedNetwork.Destination.DROP);
        net.extra = p -> p.ttl() >= 4 ? List.of(new Reply(ip("198.18.3.2"), ReplyKind.UNREACHABLE, p.method(),
                p.destination(), p.token(), 3, 1, 0, 62, 36, 3_000_000)) : List.of();
        TraceResult r = new TraceEngine(net, TraceEngine.Options.defaults(ProbeMethod.ICMP))
                .run("x", ip("198.18.10.99"), h -> { });
        assertEquals(4, r.hops().size());
        assertEquals(1, r.hops().get(3).probes().get(0).icmpCode());
    }

    @Test
    void pathMtuFindsTheSmallerLink() throws Exception {
        SimulatedNetwork net = lab(SimulatedNetwork.Destination.ANSWER);
        // r1 cannot forward more than 1400 bytes to r2
        net.extra = p -> p.ttl() >= 2 && p.size() + 28 > 1400 ? List.of(new Reply(ip("198.18.1.1"),
                ReplyKind.PACKET_TOO_BIG, p.method(), p.destination(), p.token(), 3, 4, 1400, 64, 36, 40_000))
                : List.of();
        List<PathMtuEngine.MtuHop> hops = new PathMtuEngine(net, ProbeMethod.UDP, 33434, 30, 1_000_000_000L)
                .run(ip("198.18.10.10"), 1500, h -> { });
        assertEquals(1500, hops.get(0).pmtu());
        assertEquals(1400, hops.get(1).pmtu());
        assertEquals("198.18.2.2", IpLiteral.format(hops.get(1).probe().from()));
        assertEquals(4, hops.size());
        assertEquals(1400, hops.get(3).pmtu());
    }
}
