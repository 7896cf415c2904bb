package dev.netkit.trace;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netkit ping and trace inside the lab: the evidence, each against the real network. */
class PingTraceLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static LabExtension.Result netkit(String host, String... args) {
        return lab.netkit(host, args);
    }

    @ParameterizedTest(name = "trace {0} -{1}")
    @CsvSource({"-U,4", "-I,4", "-T,4", "-U,6", "-I,6", "-T,6"})
    void hopListForEachMethodAndFamily(String method, String family) {
        List<String> args = new ArrayList<>(List.of("trace", "-n", method, "-" + family));
        if (method.equals("-T")) {
            args.addAll(List.of("-p", "80"));
        }
        args.add("server.netkit.test");
        assertHops(netkit("client", args.toArray(String[]::new)), family.equals("6"));
    }

    @ParameterizedTest(name = "trace --inject {0} -{1}, neighbour table flushed")
    @CsvSource({"-U,4", "-I,4", "-T,4", "-U,6", "-I,6", "-T,6"})
    void injectedProbesFindTheSameHops(String method, String family) {
        // An empty neighbour table: r1's MAC comes from our own ARP request or neighbour solicitation. --inject fails
        // (exit 2) instead of falling back to the kernel's sockets, so a trace that works was injected. A literal
        // target: a name lookup would send the resolver's query through r1 and make the kernel resolve r1 first.
        boolean v6 = family.equals("6");
        String r1 = v6 ? "2001:db8:1::1" : "198.18.1.1";
        String target = v6 ? "2001:db8:10::10" : "198.18.10.10";
        LabExtension.Result flush = lab.exec("client", Duration.ofSeconds(10), "ip", "-" + family, "neigh", "flush",
                "all");
        assertEquals(0, flush.exitCode(), flush.output());
        List<String> args = new ArrayList<>(List.of("trace", "--inject", "-n", method, "-" + family));
        if (method.equals("-T")) {
            args.addAll(List.of("-p", "80"));
        }
        args.add(target);
        LabExtension.Result r = netkit("client", args.toArray(String[]::new));
        assertHops(r, target, v6);
        if (!method.equals("-T")) {
            // The kernel never needed r1 (ICMP and UDP answers get no reply from it; a SYN-ACK does, an RST, so -T
            // is left out): the kernel's table has no entry it resolved itself. One learnt from r1's own ARP
            // request or neighbour solicitation would be STALE, never REACHABLE/DELAY/PROBE/INCOMPLETE.
            LabExtension.Result neigh = lab.exec("client", Duration.ofSeconds(10), "ip", "-" + family, "neigh",
                    "show", r1);
            assertEquals(0, neigh.exitCode(), neigh.output());
            assertTrue(neigh.stdout().isBlank() || neigh.stdout().strip().endsWith("STALE"),
                    "the kernel resolved r1 itself:\n" + neigh.stdout() + "\n" + r.stdout());
        }
    }

    @Test
    void tunDeviceHasNoEthernetLinkSoInjectionIsRefusedAndPingUsesTheKernel() throws Exception {
        // A namespace of our own with a tun device nobody reads: probes sent there go nowhere.
        String ns = "nktf" + ProcessHandle.current().pid();
        try {
            for (String[] cmd : new String[][] {{"ip", "netns", "add", ns}, {"ip", "-n", ns, "tuntap", "add", "dev",
                    "nktun0", "mode", "tun"}, {"ip", "-n", ns, "addr", "add", "198.18.99.1/24", "dev", "nktun0"},
                    {"ip", "-n", ns, "link", "set", "nktun0", "up"}}) {
                LabExtension.Result setup = run(List.of(cmd));
                assertEquals(0, setup.exitCode(), String.join(" ", cmd) + ": " + setup.output());
            }
            LabExtension.Result t = netkitIn(ns, "trace", "--inject", "-n", "-m", "1", "-q", "1", "-w", "0.2",
                    "198.18.99.2");
            assertEquals(2, t.exitCode(), t.output());
            assertTrue(t.stderr().contains("cannot inject probes: nktun0 has no Ethernet link"), t.output());
            LabExtension.Result p = netkitIn(ns, "ping", "-v", "-n", "-c", "1", "-W", "1", "198.18.99.2");
            assertEquals(1, p.exitCode(), p.output());
            assertTrue(p.stderr().contains("kernel sockets"), p.output());
            assertTrue(p.stdout().contains("1 packets transmitted, 0 received"), p.output());
        } finally {
            run(List.of("ip", "netns", "del", ns));
        }
    }

    private static LabExtension.Result netkitIn(String ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, JAVA, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("netkit.jar")));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static LabExtension.Result run(List<String> cmd) throws Exception {
        Path out = Files.createTempFile("nktf", ".out");
        Path err = Files.createTempFile("nktf", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return new LabExtension.Result(p.isAlive() ? -1 : p.exitValue(), Files.readString(out),
                    Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void injectionOnLoopbackIsRefusedNamingTheReason() {
        LabExtension.Result r = netkit("client", "trace", "--inject", "-n", "-m", "2", "127.0.0.1");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.stderr().contains("cannot inject probes: lo has no Ethernet link"), r.output());
        LabExtension.Result k = netkit("client", "trace", "-n", "-m", "2", "127.0.0.1");
        assertEquals(0, k.exitCode(), k.output());
        assertTrue(k.stdout().contains(" 1  127.0.0.1  "), k.output());
    }

    /** client -> r1 -> r2 -> (r3 silent) -> server, in traceroute's text. */
    private static void assertHops(LabExtension.Result r, boolean v6) {
        assertHops(r, "server.netkit.test", v6);
    }

    private static void assertHops(LabExtension.Result r, String target, boolean v6) {
        assertEquals(0, r.exitCode(), r.output());
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("traceroute to " + target + " (" + (v6 ? "2001:db8:10::10" : "198.18.10.10")
                + "), 30 hops max"), r.stdout());
        assertEquals(5, lines.length, r.stdout());
        assertTrue(lines[1].startsWith(" 1  " + (v6 ? "2001:db8:1::1 " : "198.18.1.1 ")), r.stdout());
        assertTrue(lines[2].startsWith(" 2  " + (v6 ? "2001:db8:2::2 " : "198.18.2.2 ")), r.stdout());
        assertEquals(" 3  * * *", lines[3], r.stdout());
        assertTrue(lines[4].startsWith(" 4  " + (v6 ? "2001:db8:10::10 " : "198.18.10.10 ")), r.stdout());
        assertTrue(lines[4].matches(" 4  \\S+( +\\d+\\.\\d{3} ms){3}"), r.stdout());
    }

    @Test
    void namesFromTheLabsReverseZones() {
        LabExtension.Result r = netkit("client", "trace", "-I", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(" 1  r1.netkit.test (198.18.1.1)  "), r.stdout());
        assertTrue(r.stdout().contains(" 4  server.netkit.test (198.18.10.10)  "), r.stdout());
    }

    @Test
    void pingServerLikeIputils() {
        LabExtension.Result r = netkit("client", "ping", "-c", "3", "-i", "0.2", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().startsWith("PING server.netkit.test (198.18.10.10) 56(84) bytes of data.\n"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*64 bytes from server\\.netkit\\.test \\(198\\.18\\.10\\.10\\): icmp_seq=1 "
                + "ttl=61 time=\\d+\\.\\d+ ms\n.*"), r.stdout());
        assertTrue(r.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*rtt min/avg/max/mdev = [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms\n"), r.stdout());
        LabExtension.Result r6 = netkit("client", "ping", "-6", "-c", "1", "server.netkit.test");
        assertEquals(0, r6.exitCode(), r6.output());
        assertTrue(r6.stdout().startsWith("PING server.netkit.test(2001:db8:10::10) 56 data bytes\n"), r6.stdout());
    }

    @Test
    void pc3DropsEchoSoPingLosesAllAndExitsOne() {
        LabExtension.Result r = netkit("client", "ping", "-c", "2", "-i", "0.2", "-W", "1", "pc3.netkit.test");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("2 packets transmitted, 0 received, 100% packet loss"), r.stdout());
    }

    @Test
    void unusedAddressIsHostUnreachableFromR3() {
        LabExtension.Result r = netkit("client", "ping", "-c", "1", "198.18.10.99");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("From 198.18.3.2 icmp_seq=1 Destination Host Unreachable"), r.stdout());
        assertTrue(r.stdout().contains("+1 errors, 100% packet loss"), r.stdout());
        LabExtension.Result j = netkit("client", "ping", "-c", "1", "--json", "198.18.10.99");
        assertTrue(j.stdout().contains("{\"type\":\"error\",\"host\":\"198.18.10.99\",\"from\":\"198.18.3.2\","
                + "\"seq\":1,\"icmp_type\":3,\"icmp_code\":1,\"message\":\"Destination Host Unreachable\"}"), j.stdout());
    }

    @Test
    void dontFragmentOverTheSmallLinkGivesFragNeededFromR1() {
        // pc2, not client: the client's kernel learns the path MTU from the --mtu test.
        LabExtension.Result r = netkit("pc2", "ping", "-c", "1", "-M", "do", "-s", "1472", "server.netkit.test");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("From r1.netkit.test (198.18.1.1) icmp_seq=1 Frag needed and DF set (mtu = 1400)"),
                r.stdout());
    }

    @Test
    void tracepathFindsMtu1400() {
        LabExtension.Result r = netkit("client", "trace", "--mtu", "-n", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(" 2  198.18.2.2  "), r.stdout());
        assertTrue(r.stdout().contains("pmtu 1400"), r.stdout());
        assertTrue(r.stdout().contains("Resume: pmtu 1400 hops 4"), r.stdout());
    }

    @Test
    void lossOnTheLossyPathShowsInPingAndReport() {
        LabExtension.Result r = netkit("client", "ping", "-c", "40", "-i", "0.05", "-W", "1", "-q", "lossy.netkit.test");
        Matcher m = Pattern.compile("40 packets transmitted, (\\d+) received").matcher(r.stdout());
        assertTrue(m.find(), r.output());
        int received = Integer.parseInt(m.group(1));
        assertTrue(received > 10 && received < 38, "about 36% loss expected: " + r.stdout());
        LabExtension.Result rep = netkit("client", "trace", "-I", "-n", "--report", "-c", "20", "-i", "0.1",
                "lossy.netkit.test");
        Matcher h = Pattern.compile(" 4\\.\\|-- 198\\.18\\.10\\.30 +([\\d.]+)% +20 ").matcher(rep.stdout());
        assertTrue(h.find(), rep.output());
        double loss = Double.parseDouble(h.group(1));
        assertTrue(loss > 0 && loss < 100, rep.stdout());
    }

    @Test
    void asnNamesTheLabsAutonomousSystems() {
        LabExtension.Result r = netkit("client", "trace", "-I", "-n", "--asn", "--asn-zone", "origin.asn.netkit.test",
                "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        Matcher m = Pattern.compile(" 1  198\\.18\\.1\\.1 \\[AS(\\d+)]").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        Matcher s = Pattern.compile(" 4  198\\.18\\.10\\.10 \\[AS(\\d+)]").matcher(r.stdout());
        assertTrue(s.find(), r.stdout());
        LabExtension.Result j = netkit("client", "trace", "-I", "-n", "--json", "--asn", "--asn-zone",
                "origin.asn.netkit.test", "server.netkit.test");
        assertTrue(j.stdout().contains("\"asn\":" + s.group(1)), j.stdout());
    }

    @Test
    void dotOutputIsAcceptedByGraphviz() throws Exception {
        LabExtension.Result r = netkit("client", "trace", "-I", "--asn", "--asn-zone", "origin.asn.netkit.test",
                "--format", "dot", "server.netkit.test", "lossy.netkit.test");
        assertEquals(0, r.exitCode() == 1 ? 0 : r.exitCode(), r.output());
        Path dot = Files.createTempFile("netkit-trace", ".dot");
        try {
            Files.writeString(dot, r.stdout());
            Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "dot hung");
            assertEquals(0, p.exitValue(), out + "\n" + r.stdout());
            assertTrue(out.contains("<svg"), out);
            assertTrue(r.stdout().contains("subgraph \"cluster_"), r.stdout());
            assertEquals(1, Collections.frequency(List.of(r.stdout().split("\n")).stream()
                    .map(l -> l.contains("\"198.18.1.1\" [label=")).toList(), true), r.stdout());
        } finally {
            Files.deleteIfExists(dot);
        }
    }

    @Test
    void tcpConnectFallbackWithoutPrivileges() {
        // setpriv drops every capability: trace -T and ping --tcp must still work through connect().
        LabExtension.Result r = lab.exec("client", Duration.ofSeconds(60), "setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", JAVA, "--enable-native-access=ALL-UNNAMED",
                "-jar", System.getProperty("netkit.jar"), "ping", "-n", "--tcp", "80", "-c", "1", "198.18.10.10");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("open time="), r.stdout());
        // (trace -U without privileges works since issue 18, UnprivilegedLabIT; so do ping and trace -I there.)
    }
}
