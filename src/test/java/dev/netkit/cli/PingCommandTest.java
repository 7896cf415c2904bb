package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.probe.SimulatedNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netkit ping end to end against a scripted network; -n everywhere so nothing is looked up. */
class PingCommandTest {
    record Result(int code, String out, String err) {
    }

    static SimulatedNetwork net;

    static Result run(SimulatedNetwork network, String... args) {
        net = network;
        Ping.channels = p -> network;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @AfterEach
    void restore() {
        Ping.channels = p -> p.openChannel();
    }

    static SimulatedNetwork server() {
        return new SimulatedNetwork().router("198.18.1.1", 50).router("198.18.2.2", 80).router("198.18.3.2", 100)
                .destination("198.18.10.10", 107, SimulatedNetwork.Destination.ANSWER);
    }

    @Test
    void iputilsText() {
        Result r = run(server(), "ping", "-n", "-c", "3", "198.18.10.10");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("""
                PING 198.18.10.10 (198.18.10.10) 56(84) bytes of data.
                64 bytes from 198.18.10.10: icmp_seq=1 ttl=61 time=0.107 ms
                64 bytes from 198.18.10.10: icmp_seq=2 ttl=61 time=0.107 ms
                64 bytes from 198.18.10.10: icmp_seq=3 ttl=61 time=0.107 ms

                --- 198.18.10.10 ping statistics ---
                3 packets transmitted, 3 received, 0% packet loss, time 2000ms
                rtt min/avg/max/mdev = 0.107/0.107/0.107/0.000 ms
                """, r.out());
        assertTrue(net.closed);
    }

    @Test
    void totalLossExitsOne() {
        SimulatedNetwork n = server();
        n.behaviour = SimulatedNetwork.Destination.DROP;
        Result r = run(n, "ping", "-n", "-c", "2", "-W", "1", "198.18.10.10");
        assertEquals(ExitCode.NEGATIVE, r.code());
        assertTrue(r.out().contains("2 packets transmitted, 0 received, 100% packet loss"), r.out());
        assertTrue(!r.out().contains("rtt min"), r.out());
    }

    @Test
    void partialLossPrintsLikePrintfG() {
        SimulatedNetwork n = server();
        n.lost.add(1);
        Result r = run(n, "ping", "-n", "-c", "3", "198.18.10.10");
        assertTrue(r.out().contains("3 packets transmitted, 2 received, 33.3333% packet loss"), r.out());
        assertEquals(ExitCode.OK, r.code());
    }

    @Test
    void outstandingAndTimestamps() {
        SimulatedNetwork n = server();
        n.lost.add(0);
        Result r = run(n, "ping", "-n", "-O", "-D", "-c", "2", "198.18.10.10");
        assertTrue(r.out().contains("no answer yet for icmp_seq=1\n"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\[\\d+\\.\\d{6}] 64 bytes from 198.18.10.10: icmp_seq=2 .*"), r.out());
    }

    @Test
    void json() {
        Result r = run(server(), "ping", "-n", "-c", "1", "--json", "198.18.10.10");
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertEquals("{\"type\":\"reply\",\"host\":\"198.18.10.10\",\"from\":\"198.18.10.10\",\"seq\":1,\"ttl\":61,"
                + "\"bytes\":64,\"rtt_ms\":0.107,\"dup\":false}", lines[0]);
        assertTrue(lines[1].startsWith("{\"type\":\"summary\",\"host\":\"198.18.10.10\""), lines[1]);
        assertTrue(lines[1].contains("\"loss_pct\":0.0") && lines[1].contains("\"rtt_mdev_ms\":0.0"), lines[1]);
    }

    @Test
    void severalHostsPrintLikeFping() {
        Result r = run(server(), "ping", "-n", "198.18.10.10", "198.18.1.12");
        assertEquals("198.18.10.10 is alive\n198.18.1.12 is unreachable\n", r.out());
        assertEquals(ExitCode.PARTIAL, r.code());
        // fping -a/-u print the names only
        Result alive = run(server(), "ping", "-n", "-a", "198.18.10.10", "198.18.1.12");
        assertEquals("198.18.10.10\n", alive.out());
    }

    @Test
    void generateExpandsTheNetwork() {
        assertEquals(14, Ping.expand("198.18.1.0/28").size());
        assertEquals("198.18.1.1", Ping.expand("198.18.1.0/28").get(0).name());
        Result r = run(server(), "ping", "-n", "-u", "-g", "198.18.10.8/30");
        assertEquals("198.18.10.9\n", r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-s", "70000", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-p", "zz", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "--tcp", "80", "--udp", "7", "198.18.10.10").code());
        assertEquals(ExitCode.USAGE, run(server(), "ping").code());
    }

    @Test
    void patternFillsPayload() {
        assertEquals(2, Ping.parsePattern("ff00").length);
        assertEquals((byte) 0x0f, Ping.parsePattern("f")[0]);
    }

    /** iputils refuses -c 0 and -c -1 (we pinged forever); every numeric option is checked against its range. */
    @Test
    void numericOptionsOutOfRangeAreRefusedInOneLine() {
        String[][] refused = {{"-c", "0"}, {"-c", "-1"}, {"-t", "0"}, {"-t", "256"}, {"-s", "-1"}, {"-s", "65508"},
                {"-i", "-1"}, {"-W", "0"}, {"-W", "-1"}, {"-w", "-1"}, {"--tcp", "0"}, {"--tcp", "65536"},
                {"--udp", "70000"}, {"-i", "NaN"}};
        for (String[] o : refused) {
            Result r = run(server(), "ping", "-n", o[0], o[1], "198.18.10.10");
            String label = String.join(" ", o);
            assertEquals(ExitCode.USAGE, r.code(), label);
            assertEquals("", r.out(), label);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("netkit ping: " + o[0] + " "), r.err());
            assertTrue(r.err().contains(" is out of range: use "), r.err());
        }
        assertEquals("netkit ping: -c 0 is out of range: use 1 or more\n",
                run(server(), "ping", "-c", "0", "198.18.10.10").err());
        assertEquals("netkit ping: -t 256 is out of range: use 1..255\n",
                run(server(), "ping", "-t", "256", "198.18.10.10").err());
        // -t 1 expires at the first router: accepted, the error is the network's
        assertTrue(run(server(), "ping", "-n", "-c", "1", "-t", "1", "198.18.10.10").out()
                .contains("From 198.18.1.1 icmp_seq=1 Time to live exceeded"));
        String[][] accepted = {{"-t", "64"}, {"-t", "255"}, {"-s", "0"}, {"-s", "65507"}, {"-i", "0"},
                {"-w", "0"}, {"-W", "0.5"}};
        for (String[] o : accepted) {
            Result r = run(server(), "ping", "-n", "-c", "1", o[0], o[1], "198.18.10.10");
            assertEquals(ExitCode.OK, r.code(), String.join(" ", o) + ": " + r.err());
        }
    }

    @Test
    void fpingCountModePrintsEachProbeThenTheSummaries() {
        Result r = run(server(), "ping", "-n", "-c", "3", "198.18.10.10", "198.18.1.12");
        assertEquals(ExitCode.PARTIAL, r.code(), r.err());
        assertEquals("""
                198.18.10.10 : [0], 64 bytes, 0.107 ms (0.107 avg, 0% loss)
                198.18.1.12  : [0], timed out (NaN avg, 100% loss)
                198.18.10.10 : [1], 64 bytes, 0.107 ms (0.107 avg, 0% loss)
                198.18.1.12  : [1], timed out (NaN avg, 100% loss)
                198.18.10.10 : [2], 64 bytes, 0.107 ms (0.107 avg, 0% loss)
                198.18.1.12  : [2], timed out (NaN avg, 100% loss)

                198.18.10.10 : xmt/rcv/%loss = 3/3/0%, min/avg/max = 0.107/0.107/0.107
                198.18.1.12  : xmt/rcv/%loss = 3/0/100%
                """, r.out());
        // -q (and -a, -u): only the summaries, without the blank line
        Result q = run(server(), "ping", "-n", "-q", "-c", "2", "198.18.10.10", "198.18.1.12");
        assertEquals("""
                198.18.10.10 : xmt/rcv/%loss = 2/2/0%, min/avg/max = 0.107/0.107/0.107
                198.18.1.12  : xmt/rcv/%loss = 2/0/100%
                """, q.out());
    }

    @Test
    void fpingLossAndAverageAsTheyGo() {
        SimulatedNetwork n = server();
        n.lost.add(1); // the first probe to the second target
        // the same host twice is two targets, each with its own figures (as fping)
        Result r = run(n, "ping", "-n", "-c", "2", "198.18.10.10", "198.18.10.10");
        assertEquals("""
                198.18.10.10 : [0], 64 bytes, 0.107 ms (0.107 avg, 0% loss)
                198.18.10.10 : [0], timed out (NaN avg, 100% loss)
                198.18.10.10 : [1], 64 bytes, 0.107 ms (0.107 avg, 0% loss)
                198.18.10.10 : [1], 64 bytes, 0.107 ms (0.107 avg, 50% loss)

                198.18.10.10 : xmt/rcv/%loss = 2/2/0%, min/avg/max = 0.107/0.107/0.107
                198.18.10.10 : xmt/rcv/%loss = 2/1/50%, min/avg/max = 0.107/0.107/0.107
                """, r.out());
    }

    @Test
    void fpingStatistics() {
        Result r = run(server(), "ping", "-n", "--stats", "198.18.10.10", "198.18.1.12");
        assertEquals("""
                198.18.10.10 is alive
                198.18.1.12 is unreachable

                       2 targets
                       1 alive
                       1 unreachable
                       0 unknown addresses

                       1 timeouts (waiting for response)
                       2 ICMP Echos sent
                       1 ICMP Echo Replies received
                       0 other ICMP received

                 0.107 ms (min round trip time)
                 0.107 ms (avg round trip time)
                 0.107 ms (max round trip time)
                """, r.out().substring(0, r.out().indexOf("        ", r.out().indexOf("(max round"))));
        assertTrue(r.out().matches("(?s).*\n +\\d+\\.\\d{3} sec \\(elapsed real time\\)\n\n"), r.out());
    }

    @Test
    void fpingFiguresInJson() {
        Result r = run(server(), "ping", "-n", "--json", "--stats", "-c", "2", "198.18.10.10", "198.18.1.12");
        String[] lines = r.out().split("\n");
        assertEquals("{\"type\":\"statistics\",\"targets\":2,\"alive\":1,\"unreachable\":1,\"timeouts\":2,\"sent\":4,"
                + "\"received\":2,\"other_icmp\":0,\"time_ms\":2000,\"rtt_min_ms\":0.107,\"rtt_avg_ms\":0.107,"
                + "\"rtt_max_ms\":0.107}", lines[lines.length - 1]);
        assertTrue(r.out().contains("{\"type\":\"summary\",\"host\":\"198.18.1.12\",\"address\":\"198.18.1.12\","
                + "\"transmitted\":2,\"received\":0,"), r.out());
        assertTrue(!r.out().contains("null"), r.out());
        // -a: only the summaries of the hosts alive; no statistics without --stats
        Result a = run(server(), "ping", "-n", "--json", "-a", "198.18.10.10", "198.18.1.12");
        assertEquals(1, a.out().lines().filter(l -> l.startsWith("{\"type\":\"summary\"")).count(), a.out());
        assertTrue(a.out().contains("\"host\":\"198.18.10.10\""), a.out());
        assertTrue(!a.out().contains("statistics"), a.out());
    }

    @Test
    void generateTakesARangeAsFpingDoes() {
        Result r = run(server(), "ping", "-n", "-g", "198.18.10.9", "198.18.10.11");
        assertEquals("198.18.10.9 is unreachable\n198.18.10.10 is alive\n198.18.10.11 is unreachable\n", r.out());
        assertEquals(3, Ping.expand("2001:db8::fe", "2001:db8::100").size());
        assertEquals(2, Ping.expand("198.18.1.0/31").size());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-g", "198.18.10.11", "198.18.10.9").code());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-g", "198.18.10.11", "2001:db8::1").code());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-g", "198.18.0.0", "198.19.0.0").code());
        assertEquals(65536, Ping.expand("198.18.0.0", "198.18.255.255").size());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-g", "198.18.0.0/15").code());
        assertEquals(ExitCode.USAGE, run(server(), "ping", "-a", "-u", "198.18.10.10", "198.18.1.12").code());
    }

    @Test
    void fpingRoundTripsHaveThreeSignificantDigits() {
        assertEquals("0.107", dev.netkit.cli.render.PingRenderer.Fping.millis(107));
        assertEquals("1.32", dev.netkit.cli.render.PingRenderer.Fping.millis(1317));
        assertEquals("12.5", dev.netkit.cli.render.PingRenderer.Fping.millis(12_460));
        assertEquals("105", dev.netkit.cli.render.PingRenderer.Fping.millis(105_200));
    }
}
