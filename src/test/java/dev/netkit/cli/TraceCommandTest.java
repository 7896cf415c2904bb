package dev.netkit.cli;

import dev.netkit.cli.render.IcmpRenderer;
import dev.netkit.cli.render.TraceDotRenderer;
import dev.netkit.cli.render.TraceRenderer;
import dev.netkit.ExitCode;
import dev.netkit.probe.SimulatedNetwork;
import dev.netkit.registry.Asn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netkit trace end to end against a scripted network; -n so nothing is looked up. */
class TraceCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(SimulatedNetwork network, String... args) {
        Trace.channels = () -> network;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @AfterEach
    void restore() {
        Trace.channels = null;
    }

    static SimulatedNetwork lab() {
        return new SimulatedNetwork().router("198.18.1.1", 60).router("198.18.2.2", 90).silentRouter("198.18.3.2")
                .destination("198.18.10.10", 150, SimulatedNetwork.Destination.ANSWER);
    }

    @Test
    void tracerouteText() {
        Result r = run(lab(), "trace", "-n", "198.18.10.10");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("""
                traceroute to 198.18.10.10 (198.18.10.10), 30 hops max, 60 byte packets
                 1  198.18.1.1  0.060 ms  0.060 ms  0.060 ms
                 2  198.18.2.2  0.090 ms  0.090 ms  0.090 ms
                 3  * * *
                 4  198.18.10.10  0.150 ms  0.150 ms  0.150 ms
                """, r.out());
    }

    @Test
    void unreachedDestinationExitsOne() {
        SimulatedNetwork n = lab();
        n.behaviour = SimulatedNetwork.Destination.DROP;
        Result r = run(n, "trace", "-n", "-T", "-p", "9999", "-m", "5", "198.18.10.10");
        assertEquals(ExitCode.NEGATIVE, r.code());
        assertTrue(r.out().endsWith(" 5  * * *\n"), r.out());
        assertTrue(r.out().contains("40 byte packets"), r.out());
    }

    @Test
    void jsonHopsAndSummary() {
        Result r = run(lab(), "trace", "-n", "-I", "-q", "1", "--json", "198.18.10.10");
        String[] lines = r.out().split("\n");
        assertEquals(5, lines.length, r.out());
        assertEquals("{\"type\":\"hop\",\"destination\":\"198.18.10.10\",\"ttl\":1,\"probes\":[{\"from\":\"198.18.1.1\","
                + "\"rtt_ms\":0.06,\"icmp_type\":11,\"icmp_code\":0}]}", lines[0]);
        assertEquals("{\"type\":\"hop\",\"destination\":\"198.18.10.10\",\"ttl\":3,\"probes\":[{\"timeout\":true}]}",
                lines[2]);
        assertTrue(lines[4].startsWith("{\"type\":\"summary\",\"destination\":\"198.18.10.10\",\"address\":\"198.18.10.10\","
                + "\"reached\":true,\"hops\":4,\"time_ms\":"), lines[4]);
    }

    /** A load balancer after r1: even flows go by 198.18.2.2, odd flows by 198.18.2.6. */
    static SimulatedNetwork ecmp() {
        SimulatedNetwork n = lab();
        var a = n.path;
        var b = new java.util.ArrayList<>(a);
        b.set(1, new SimulatedNetwork.Router(SimulatedNetwork.ip("198.18.2.6"), 95, false));
        n.flowPaths = flow -> flow % 2 == 0 ? a : b;
        return n;
    }

    @Test
    void flowsShowEachPathOfALoadBalancer() {
        Result r = run(ecmp(), "trace", "-n", "-q", "1", "--flows", "3", "198.18.10.10");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("""
                traceroute to 198.18.10.10 (198.18.10.10), 30 hops max, 60 byte packets, 3 flows
                flow 1
                 1  198.18.1.1  0.060 ms
                 2  198.18.2.2  0.090 ms
                 3  *
                 4  198.18.10.10  0.150 ms
                flow 2
                 1  198.18.1.1  0.060 ms
                 2  198.18.2.6  0.095 ms
                 3  *
                 4  198.18.10.10  0.150 ms
                flow 3
                 1  198.18.1.1  0.060 ms
                 2  198.18.2.2  0.090 ms
                 3  *
                 4  198.18.10.10  0.150 ms
                3 flows, 2 distinct paths:
                  path 1 (flows 1,3): 198.18.1.1 198.18.2.2 * 198.18.10.10
                  path 2 (flow 2): 198.18.1.1 198.18.2.6 * 198.18.10.10
                """, r.out());
    }

    @Test
    void flowsInJsonAndCsv() {
        Result r = run(ecmp(), "trace", "-n", "-q", "1", "--flows", "2", "--json", "198.18.10.10");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("{\"type\":\"hop\",\"destination\":\"198.18.10.10\",\"flow\":2,\"ttl\":2,"
                + "\"probes\":[{\"from\":\"198.18.2.6\""), r.out());
        assertTrue(r.out().contains("{\"type\":\"summary\",\"destination\":\"198.18.10.10\",\"flow\":1,"), r.out());
        String last = r.out().strip().substring(r.out().strip().lastIndexOf('\n') + 1);
        assertEquals("{\"type\":\"paths\",\"destination\":\"198.18.10.10\",\"address\":\"198.18.10.10\",\"flows\":2,"
                + "\"distinct\":2,\"paths\":[{\"flows\":[1],"
                + "\"hops\":[[\"198.18.1.1\"],[\"198.18.2.2\"],[],[\"198.18.10.10\"]]},"
                + "{\"flows\":[2],\"hops\":[[\"198.18.1.1\"],[\"198.18.2.6\"],[],[\"198.18.10.10\"]]}]}", last);
        Result csv = run(ecmp(), "trace", "-n", "-q", "1", "--flows", "2", "--format", "csv", "198.18.10.10");
        assertTrue(csv.out().startsWith("destination,ttl,probe,from,name,rtt_ms,icmp_type,icmp_code,annotation,asn,flow\n"),
                csv.out());
        assertTrue(csv.out().contains("198.18.10.10,2,1,198.18.2.6,,0.095,11,0,,,2\n"), csv.out());
        Result dot = run(ecmp(), "trace", "-n", "-q", "1", "--flows", "2", "--format", "dot", "198.18.10.10");
        assertTrue(dot.out().contains("198.18.2.2") && dot.out().contains("198.18.2.6"), dot.out());
    }

    @Test
    void flowsOutOfRangeOrWithMtuAreUsageErrors() {
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "--flows", "0", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "--flows", "65", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "--flows", "2", "--mtu", "198.18.10.10").code());
    }

    /**
     * The one parser (issue 17 retired Trace.quick, which took only one option a word) takes every spelling of the
     * same trace alike: clustered flags, attached values, options after the host.
     */
    @Test
    void everySpellingOfATracePrintsTheSame() {
        String[][][] cases = {
                {{"trace", "-n", "198.18.10.10"}, {"trace", "198.18.10.10", "-n"}},
                {{"trace", "-n", "-I", "-q", "1", "--json", "198.18.10.10"}, {"trace", "-nIq1", "--json", "198.18.10.10"}},
                {{"trace", "-T", "-p", "9999", "-n", "-m", "5", "-w", "0.5", "-N", "4", "198.18.10.10"},
                        {"trace", "-Tn", "-p=9999", "-m5", "-w=0.5", "-N", "4", "198.18.10.10"}},
                {{"trace", "-n", "-m", "0", "198.18.10.10"}, {"trace", "-nm0", "198.18.10.10"}},
        };
        for (String[][] pair : cases) {
            String[] args = pair[0];
            SimulatedNetwork n = lab();
            if (List.of(args).contains("9999")) {
                n.behaviour = SimulatedNetwork.Destination.DROP;
            }
            Result full = run(n, args);
            SimulatedNetwork n2 = lab();
            n2.behaviour = n.behaviour;
            Result other = run(n2, pair[1]);
            String label = String.join(" ", pair[1]);
            assertEquals(full.code(), other.code(), label);
            assertEquals(full.out().replaceAll("\"time_ms\":[0-9.]+", ""),
                    other.out().replaceAll("\"time_ms\":[0-9.]+", ""), label);
            assertEquals(full.err(), other.err(), label);
        }
        // what the retired fast path left to picocli: help, clustered flags, --format, a missing host, a bad number
        String[][] others = {{"trace", "--help"}, {"trace", "-nI", "198.18.10.10"},
                {"trace", "--format", "csv", "198.18.10.10"}, {"trace", "-n"}, {"trace", "-q", "x", "198.18.10.10"},
                {"trace", "-n", "--flows", "2", "198.18.10.10"}};
        int[] codes = {ExitCode.OK, ExitCode.OK, ExitCode.OK, ExitCode.USAGE, ExitCode.USAGE, ExitCode.OK};
        for (int i = 0; i < others.length; i++) {
            Result r = run(lab(), others[i]);
            assertEquals(codes[i], r.code(), String.join(" ", others[i]) + ": " + r.err());
        }
    }

    @Test
    void waitTakesTracerouteHereAndNearFactors() {
        // default factors: the silent r3 waits 10 x the server's round trip; "2,0,0": only the 2 s maximum
        SimulatedNetwork fast = lab();
        long t0 = fast.now();
        assertEquals(ExitCode.OK, run(fast, "trace", "-n", "-q", "1", "-w", "2", "198.18.10.10").code());
        assertTrue(fast.now() - t0 < 100_000_000L, "took " + (fast.now() - t0) / 1e6 + " ms");
        SimulatedNetwork slow = lab();
        long t1 = slow.now();
        Result r = run(slow, "trace", "-n", "-q", "1", "-w", "2,0,0", "198.18.10.10");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(slow.now() - t1 >= 2_000_000_000L, "took " + (slow.now() - t1) / 1e6 + " ms");
        assertTrue(r.out().contains(" 3  *\n"), r.out());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "-w", "5,x", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "-w", "5,3,10,1", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "-w", "0", "198.18.10.10").code());
    }

    @Test
    void csvOneRowPerProbe() {
        Result r = run(lab(), "trace", "-n", "--format", "csv", "198.18.10.10");
        String[] lines = r.out().split("\n");
        assertEquals(1 + 12, lines.length, r.out());
        assertEquals("destination,ttl,probe,from,name,rtt_ms,icmp_type,icmp_code,annotation,asn", lines[0]);
        assertEquals("198.18.10.10,1,1,198.18.1.1,,0.060,11,0,,", lines[1]);
        assertEquals("198.18.10.10,3,2,,,,,,,", lines[8]);
    }

    @Test
    void dotGraphMergesPaths() {
        SimulatedNetwork n = lab();
        Result r = run(n, "trace", "-n", "--format", "dot", "198.18.10.10", "198.18.10.10");
        assertTrue(r.out().startsWith("digraph trace {"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.contains("\"198.18.1.1\" [label=")).count(), r.out());
        assertTrue(r.out().contains("\"198.18.1.1\" -> \"198.18.2.2\";"), r.out());
        assertTrue(r.out().trim().endsWith("}"));
    }

    @Test
    void dotQuotesHostileNames() {
        assertEquals("\"a\\\"b\\\\c\\nd\"", TraceDotRenderer.quote("a\"b\\c\\nd\u001b"));
    }

    @Test
    void reportCycles() {
        SimulatedNetwork n = lab();
        n.lost.add(3); // the first probe to the destination in cycle 1 is lost
        Result r = run(n, "trace", "-n", "--report", "-c", "2", "-i", "0.01", "198.18.10.10");
        assertTrue(r.out().contains("HOST: "), r.out());
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
        assertTrue(r.out().matches("(?s).*  1\\.\\|-- 198\\.18\\.1\\.1 +0\\.0% +2 .*"), r.out());
        assertTrue(r.out().matches("(?s).*  3\\.\\|-- \\?\\?\\? +100\\.0% +2 .*"), r.out());
        assertTrue(r.out().matches("(?s).*  4\\.\\|-- 198\\.18\\.10\\.10 +50\\.0% +2 .*"), r.out());
    }

    @Test
    void reportJsonSummarySaysThePath() {
        SimulatedNetwork n = lab();
        n.pathName = "helper-raw";
        Result r = run(n, "trace", "-n", "-T", "--report", "--json", "-c", "1", "-i", "0.01", "198.18.10.10");
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("{\"type\":\"report_hop\""), r.out());
        assertEquals("{\"type\":\"summary\",\"destination\":\"198.18.10.10\",\"address\":\"198.18.10.10\","
                + "\"reached\":true,\"hops\":4,\"path\":\"helper-raw\"}", lines[lines.length - 1]);
    }

    @Test
    void annotations() {
        assertEquals("!H", IcmpRenderer.annotation(false, dev.netkit.probe.ReplyKind.UNREACHABLE, 3, 1, 0));
        assertEquals("!F-1400", IcmpRenderer.annotation(false, dev.netkit.probe.ReplyKind.PACKET_TOO_BIG, 3, 4, 1400));
        assertEquals("", IcmpRenderer.annotation(false, dev.netkit.probe.ReplyKind.UNREACHABLE, 3, 3, 0));
        assertEquals("!X", IcmpRenderer.annotation(true, dev.netkit.probe.ReplyKind.UNREACHABLE, 1, 1, 0));
        assertEquals("AS64501", new Asn(64501, "R1", null).label());
        assertEquals("Frag needed and DF set (mtu = 1400)",
                IcmpRenderer.message(false, dev.netkit.probe.ReplyKind.PACKET_TOO_BIG, 3, 4, 1400));
    }

    /** "asn" is a number wherever it appears; an address without an AS gets "as_note" instead (issue 21). */
    @Test
    void asnIsAlwaysANumberInJson() throws Exception {
        StringWriter w = new StringWriter();
        java.net.InetAddress lan = java.net.InetAddress.getByName("198.18.1.1");
        java.net.InetAddress home = java.net.InetAddress.getByName("127.0.0.1");
        TraceRenderer.Json json = new TraceRenderer.Json(new PrintWriter(w), null,
                a -> a.equals(lan) ? new Asn(64501, "R1", null) : Asn.none("private"));
        dev.netkit.probe.ReplyKind te = dev.netkit.probe.ReplyKind.TIME_EXCEEDED;
        json.hop("x", lan, new dev.netkit.trace.TraceHop(1, java.util.List.of(
                new dev.netkit.trace.TraceProbe(1, 0, lan, 1000, te, 11, 0, 0),
                new dev.netkit.trace.TraceProbe(1, 1, home, 1000, te, 11, 0, 0))));
        assertEquals("{\"type\":\"hop\",\"destination\":\"x\",\"ttl\":1,\"probes\":["
                + "{\"from\":\"198.18.1.1\",\"rtt_ms\":1.0,\"icmp_type\":11,\"icmp_code\":0,\"asn\":64501,"
                + "\"as_name\":\"R1\"},{\"from\":\"127.0.0.1\",\"rtt_ms\":1.0,\"icmp_type\":11,\"icmp_code\":0,"
                + "\"as_note\":\"private\"}]}\n", w.toString());
    }

    @Test
    void badOptions() {
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "-I", "-T", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "--format", "xml", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(lab(), "trace", "-m", "0", "198.18.10.10").code());
    }

    /** -p 70000 probed port 4464 (the value wrapped); every numeric option is checked against its range. */
    @Test
    void numericOptionsOutOfRangeAreRefusedInOneLine() {
        String[][] refused = {{"-T", "-p", "70000"}, {"-U", "-p", "0"}, {"-T", "-p", "-1"}, {"-q", "0"}, {"-q", "11"},
                {"-f", "0"}, {"-f", "256"}, {"-m", "256"}, {"-m", "0"}, {"-N", "0"}, {"-w", "0"}, {"--flows", "65"},
                {"--report", "-c", "0"}, {"--report", "-i", "-1"}};
        for (String[] o : refused) {
            List<String> args = new java.util.ArrayList<>(List.of("trace", "-n"));
            args.addAll(List.of(o));
            args.add("198.18.10.10");
            Result r = run(lab(), args.toArray(String[]::new));
            String label = String.join(" ", o);
            assertEquals(ExitCode.USAGE, r.code(), label);
            assertEquals("", r.out(), label);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("netkit trace: " + o[o.length - 2] + " "), r.err());
            assertTrue(r.err().contains(" is out of range: use "), r.err());
        }
        assertEquals("netkit trace: -p 70000 is out of range: use 1..65535\n",
                run(lab(), "trace", "-T", "-p", "70000", "198.18.10.10").err());
        Result first = run(lab(), "trace", "-n", "-f", "5", "-m", "4", "198.18.10.10");
        assertEquals(ExitCode.USAGE, first.code());
        assertEquals("netkit trace: -f 5 is beyond -m 4: use a first TTL <= the max\n", first.err());
        // with the value attached, as the retired fast path never took it, alike
        Result attached = run(lab(), "trace", "-T", "-p70000", "198.18.10.10");
        assertEquals(ExitCode.USAGE, attached.code());
        assertEquals("netkit trace: -p 70000 is out of range: use 1..65535\n", attached.err());
        assertEquals(ExitCode.OK, run(lab(), "trace", "-n", "-T", "-p", "65535", "-q", "10", "-m", "255",
                "198.18.10.10").code());
    }
}
