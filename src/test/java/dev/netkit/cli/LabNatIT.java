package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import dev.netkit.lab.LabPart;
import dev.netkit.lab.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NAT edge ({@code lab up --with nat}, exercises 000-37 and 001-44): the what-is-my-address page seen from the home
 * LAN says nat's public address, the port forward reaches home and keeps the caller's address, the home LAN is
 * unreachable otherwise, and captures on both sides of nat show the rewritten addresses (netkit sniff beside
 * tcpdump). And the server's packet filter the learner edits (exercise 002-68): a default-deny rule set, then netkit
 * scan and nmap see only the admitted ports.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LabNatIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension(LabPart.with(Topologies.internet(), List.of(LabPart.NAT)));

    private static final Duration SHORT = Duration.ofSeconds(30);

    /** The body netkit nc receives for an HTTP/1.0 GET of {@code path} at {@code address:port}, typed in {@code host}. */
    private static String netkitGet(String host, String address, int port, String path) {
        LabExtension.Result r = lab.exec(host, SHORT, "sh", "-c", "printf 'GET " + path + " HTTP/1.0\\n\\n' | "
                + NcLabIT.netkit("nc -C -w 5 " + address + " " + port));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().startsWith("HTTP/1.1 200 OK\r\n"), r.stdout());
        return r.stdout().substring(r.stdout().indexOf("\r\n\r\n") + 4);
    }

    private static String curl(String host, String url) {
        LabExtension.Result r = lab.exec(host, SHORT, "curl", "-s", "-m", "10", url);
        assertEquals(0, r.exitCode(), r.output());
        return r.stdout();
    }

    @Test
    void whatIsMyAddressFromHomeIsNatsPublicAddress() {
        assertEquals("198.18.1.20\n", curl("home", "http://server.netkit.test/ip"));
        assertEquals("198.18.1.20\n", netkitGet("home", "server.netkit.test", 80, "/ip"));
        // home's own address is another: the server never sees it
        assertTrue(lab.exec("home", SHORT, "ip", "-4", "-o", "addr", "show", "eth0").stdout()
                .contains(" 198.18.100.10/24 "));
        // the client, not behind NAT, is seen as itself
        assertEquals("198.18.1.10\n", curl("client", "http://198.18.10.10/ip"));
    }

    @Test
    void portForwardReachesHomeAndKeepsTheCallersAddress() {
        String fromServer = netkitGet("server", "198.18.1.20", 8080, "/");
        assertTrue(fromServer.startsWith("netkit lab: home.netkit.test (198.18.100.10) behind nat; you are "
                + "198.18.10.10 port "), fromServer);
        assertEquals(fromServer.replaceAll("port \\d+", ""),
                curl("server", "http://198.18.1.20:8080/").replaceAll("port \\d+", ""));
        assertTrue(curl("client", "http://198.18.1.20:8080/").contains("you are 198.18.1.10 port "));
        // only 8080 is forwarded: nat itself listens on nothing
        LabExtension.Result other = lab.exec("server", SHORT, "curl", "-s", "-m", "5", "http://198.18.1.20:80/");
        assertEquals(7, other.exitCode(), "curl: connection refused: " + other.output());
    }

    @Test
    void theHomeLanIsReachableOnlyThroughTheForward() {
        // no lab router has a route to 198.18.100.0/24: r3 answers network unreachable
        LabExtension.Result noRoute = lab.exec("server", SHORT, "curl", "-s", "-m", "5", "http://198.18.100.10/");
        assertEquals(7, noRoute.exitCode(), noRoute.output());
        // pc2 routes it through nat by hand: nat's forward chain still lets nothing in but replies and the forward
        assertEquals(0, lab.exec("pc2", SHORT, "ip", "route", "add", "198.18.100.0/24", "via", "198.18.1.20")
                .exitCode());
        try {
            LabExtension.Result dropped = lab.exec("pc2", SHORT, "nc", "-z", "-w", "2", "198.18.100.10", "80");
            assertEquals(1, dropped.exitCode(), dropped.output());
            LabExtension.Result forwarded = lab.exec("pc2", SHORT, "nc", "-z", "-w", "2", "198.18.1.20", "8080");
            assertEquals(0, forwarded.exitCode(), forwarded.output());
        } finally {
            lab.exec("pc2", SHORT, "ip", "route", "del", "198.18.100.0/24");
        }
    }

    /** A capture running in a lab host until it has its packets: started, then awaited. */
    private static final class Capture {
        private final Process process;
        private final Path out;
        private final Path err;

        Capture(String host, List<String> command) throws IOException {
            out = Files.createTempFile("natit", ".out");
            err = Files.createTempFile("natit", ".err");
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.ns(host)));
            cmd.addAll(command);
            process = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
        }

        static Capture netkitSniff(String host, String ifname, String filter) throws IOException {
            List<String> cmd = new ArrayList<>(LabExtension.netkitCommand());
            cmd.addAll(List.of("sniff", "-n", "-c", "1", "-i", ifname, filter));
            return new Capture(host, cmd);
        }

        static Capture tcpdump(String host, String ifname, String filter) throws IOException {
            return new Capture(host, List.of("tcpdump", "-n", "-l", "--immediate-mode", "-c", "1", "-i", ifname,
                    filter));
        }

        void awaitListening() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!read(err).contains("listening on")) {
                assertTrue(process.isAlive() && System.nanoTime() < deadline, "capture not listening: " + read(err));
                Thread.sleep(50);
            }
        }

        /** The one packet's line, without its time stamp, once the capture has ended by itself. */
        String packet() throws InterruptedException {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "capture did not end: " + read(out) + read(err));
            String line = read(out).lines().filter(l -> l.contains(" IP ")).findFirst().orElse("");
            assertTrue(!line.isEmpty(), read(out) + read(err));
            return line.substring(line.indexOf(" IP ") + 1);
        }

        void stop() {
            process.destroyForcibly();
            for (Path f : List.of(out, err)) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }

        private static String read(Path f) {
            try {
                return Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Once every capture listens, makes the traffic, and returns each capture's packet line; stops them all. */
    private static Map<String, String> capture(Map<String, Capture> captures, Runnable traffic) throws Exception {
        try {
            for (Capture c : captures.values()) {
                c.awaitListening();
            }
            traffic.run();
            Map<String, String> lines = new LinkedHashMap<>();
            for (Map.Entry<String, Capture> c : captures.entrySet()) {
                lines.put(c.getKey(), c.getValue().packet());
            }
            return lines;
        } finally {
            captures.values().forEach(Capture::stop);
        }
    }

    @Test
    void sniffOnBothSidesOfNatShowsTheSourceRewrittenOnTheWayOut() throws Exception {
        String syn = "tcp dst port 80 and tcp[tcpflags] & tcp-syn != 0";
        Map<String, Capture> c = new LinkedHashMap<>();
        c.put("inside", Capture.netkitSniff("nat", "inside", syn));
        c.put("outside", Capture.netkitSniff("nat", "outside", syn));
        c.put("tcpdump", Capture.tcpdump("nat", "outside", syn));
        Map<String, String> seen = capture(c, () -> curl("home", "http://server.netkit.test/ip"));
        Matcher in = Pattern.compile("^IP 198\\.18\\.100\\.10\\.(\\d+) > 198\\.18\\.10\\.10\\.80: Flags \\[S\\], seq (\\d+),")
                .matcher(seen.get("inside"));
        assertTrue(in.find(), seen.toString());
        Matcher out = Pattern.compile("^IP 198\\.18\\.1\\.20\\.(\\d+) > 198\\.18\\.10\\.10\\.80: Flags \\[S\\], seq (\\d+),")
                .matcher(seen.get("outside"));
        assertTrue(out.find(), seen.toString());
        assertEquals(in.group(2), out.group(2), "the same SYN on both sides: " + seen);
        assertEquals(seen.get("tcpdump"), seen.get("outside"));
    }

    @Test
    void sniffOnBothSidesOfNatShowsTheDestinationRewrittenByTheForward() throws Exception {
        Map<String, Capture> c = new LinkedHashMap<>();
        c.put("outside", Capture.netkitSniff("nat", "outside", "tcp dst port 8080 and tcp[tcpflags] & tcp-syn != 0"));
        c.put("inside", Capture.netkitSniff("nat", "inside", "tcp dst port 80 and tcp[tcpflags] & tcp-syn != 0"));
        c.put("tcpdump", Capture.tcpdump("nat", "inside", "tcp dst port 80 and tcp[tcpflags] & tcp-syn != 0"));
        Map<String, String> seen = capture(c, () -> curl("client", "http://198.18.1.20:8080/"));
        Matcher out = Pattern.compile("^IP 198\\.18\\.1\\.10\\.(\\d+) > 198\\.18\\.1\\.20\\.8080: Flags \\[S\\]")
                .matcher(seen.get("outside"));
        assertTrue(out.find(), seen.toString());
        assertTrue(seen.get("inside").startsWith("IP 198.18.1.10." + out.group(1) + " > 198.18.100.10.80: Flags [S]"),
                seen.toString());
        assertEquals(seen.get("tcpdump"), seen.get("inside"));
    }

    /** Each port's state as {@code NN/tcp STATE} lines of netkit scan's or nmap's normal output. */
    private static Map<String, String> states(String output) {
        Map<String, String> s = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\d+)/tcp\\s+(\\w+)").matcher(output);
        while (m.find()) {
            s.put(m.group(1), m.group(2));
        }
        return s;
    }

    @Test
    void theLearnersFilterOnTheServerLetsOnlyItsServicePortsAnswer() {
        String ports = "22,80,443,8080,9998";
        LabExtension.Result empty = lab.exec("server", SHORT, "nft", "list", "table", "inet", "learner");
        assertEquals(0, empty.exitCode(), empty.output());
        assertTrue(empty.stdout().contains("type filter hook input priority filter; policy accept;"), empty.stdout());
        LabExtension.Result before = lab.netkit("client", "scan", "-p", ports, "198.18.10.10");
        assertEquals(Map.of("22", "open", "80", "open", "443", "open", "8080", "open", "9998", "closed"),
                states(before.stdout()), before.output());
        try {
            for (String rule : List.of("add rule inet learner input ct state established,related accept",
                    "add rule inet learner input iif lo accept",
                    "add rule inet learner input meta l4proto { icmp, ipv6-icmp } accept",
                    "add rule inet learner input tcp dport { 22, 80, 443 } accept",
                    "add chain inet learner input { policy drop; }")) {
                List<String> cmd = new ArrayList<>(List.of("nft"));
                cmd.addAll(List.of(rule.split(" ")));
                LabExtension.Result r = lab.exec("server", SHORT, cmd.toArray(String[]::new));
                assertEquals(0, r.exitCode(), rule + ": " + r.output());
            }
            LabExtension.Result after = lab.netkit("client", "scan", "-p", ports, "198.18.10.10");
            Map<String, String> expected = Map.of("22", "open", "80", "open", "443", "open",
                    "8080", "filtered", "9998", "filtered");
            assertEquals(expected, states(after.stdout()), after.output());
            LabExtension.Result nmap = lab.exec("client", Duration.ofSeconds(60), "nmap", "-n", "-Pn", "-p", ports,
                    "198.18.10.10");
            assertEquals(expected, states(nmap.stdout()), nmap.output());
        } finally {
            lab.exec("server", SHORT, "nft", "flush", "chain", "inet", "learner", "input");
            lab.exec("server", SHORT, "nft", "add", "chain", "inet", "learner", "input", "{", "policy", "accept;", "}");
        }
        LabExtension.Result restored = lab.netkit("client", "scan", "-p", "8080", "198.18.10.10");
        assertEquals("open", states(restored.stdout()).get("8080"), restored.output());
    }
}
