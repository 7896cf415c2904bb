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
        Result alive = run(server(), "ping", "-n", "-a", "198.18.10.10", "198.18.1.12");
        assertEquals("198.18.10.10 is alive\n", alive.out());
    }

    @Test
    void generateExpandsTheNetwork() {
        assertEquals(14, Ping.expand("198.18.1.0/28").size());
        assertEquals("198.18.1.1", Ping.expand("198.18.1.0/28").get(0).name());
        Result r = run(server(), "ping", "-n", "-u", "-g", "198.18.10.8/30");
        assertEquals("198.18.10.9 is unreachable\n", r.out());
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
}
