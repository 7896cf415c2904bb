package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.parseLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dig +trace through a three-level hierarchy on loopback: a root server, a test. server and a netkit.test.
 * server, each an NSD on its own 127.53.N.x address, all on one port; --root-hints points at the root.
 */
class DigTraceIT {
    static final List<NsdServer> servers = new ArrayList<>();
    static String prefix;
    static String port;
    static Path hints;

    @BeforeAll
    static void startHierarchy() throws IOException {
        prefix = "127.53." + ThreadLocalRandom.current().nextInt(1, 250) + ".";
        int p = freePortOn(prefix);
        port = String.valueOf(p);
        String root = "$TTL 86400\n. IN SOA a.root. hostmaster.root. 1 1800 900 604800 86400\n"
                + ". IN NS a.root.\na.root. IN A " + prefix + "2\n"
                + "test. IN NS ns.test.\nns.test. IN A " + prefix + "3\n";
        String test = "$ORIGIN test.\n$TTL 86400\n@ IN SOA ns.test. hostmaster.test. 1 1800 900 604800 86400\n"
                + "@ IN NS ns.test.\nns IN A " + prefix + "3\n"
                + "netkit IN NS ns.netkit.test.\nns.netkit IN A " + prefix + "4\n";
        String netkit;
        try (InputStream in = NsdServer.class.getResourceAsStream("netkit.test.zone")) {
            netkit = new String(in.readAllBytes());
        }
        servers.add(NsdServer.serve(InetAddress.getByName(prefix + "2"), p, Map.of(".", root)));
        servers.add(NsdServer.serve(InetAddress.getByName(prefix + "3"), p, Map.of("test", test)));
        servers.add(NsdServer.serve(InetAddress.getByName(prefix + "4"), p, Map.of("netkit.test", netkit)));
        hints = Files.createTempFile("nk-root-hints", ".zone");
        Files.writeString(hints, ". 3600000 NS a.root.\na.root. 3600000 A " + prefix + "2\n");
    }

    static int freePortOn(String prefix) throws IOException {
        for (int i = 0; i < 20; i++) {
            int p = ThreadLocalRandom.current().nextInt(20000, 30000);
            boolean free = true;
            for (String last : new String[] {"2", "3", "4"}) {
                try (java.net.DatagramSocket u = new java.net.DatagramSocket(
                        new java.net.InetSocketAddress(prefix + last, p));
                     java.net.ServerSocket t = new java.net.ServerSocket(p, 1, InetAddress.getByName(prefix + last))) {
                    u.getLocalPort();
                    t.getLocalPort();
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return p;
            }
        }
        throw new IOException("no free port on " + prefix + "x");
    }

    @AfterAll
    static void stop() throws IOException {
        servers.forEach(NsdServer::close);
        if (hints != null) {
            Files.deleteIfExists(hints);
        }
    }

    @Test
    void traceFollowsRootThenTestThenNetkitTest() {
        DnsTestSupport.Result r = netkit("dig", "--root-hints", hints.toString(), "-p", port, "+trace",
                "server.netkit.test");
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> received = r.out().lines().filter(l -> l.startsWith(";; Received")).toList();
        assertEquals(4, received.size(), r.out());
        assertTrue(received.get(0).contains("from " + prefix + "2#" + port + "(a.root)"), received.get(0));
        assertTrue(received.get(1).contains("from " + prefix + "2#" + port + "(a.root)"), received.get(1));
        assertTrue(received.get(2).contains("from " + prefix + "3#" + port + "(ns.test)"), received.get(2));
        assertTrue(received.get(3).contains("from " + prefix + "4#" + port + "(ns.netkit.test)"), received.get(3));
        assertTrue(r.out().contains(".\t\t\t86400\tIN\tNS\ta.root.\n"), r.out());
        assertTrue(r.out().contains("test.\t\t\t86400\tIN\tNS\tns.test.\n"), r.out());
        assertTrue(r.out().contains("netkit.test.\t\t86400\tIN\tNS\tns.netkit.test.\n"), r.out());
        assertTrue(r.out().contains("server.netkit.test.\t3600\tIN\tA\t198.18.10.10\n"), r.out());
    }

    @Test
    void traceJsonEmitsOneObjectPerStep() {
        List<Map<String, Object>> steps = parseLines(netkit("dig", "--json", "--root-hints", hints.toString(),
                "-p", port, "+trace", "www.netkit.test", "AAAA").out());
        assertEquals(4, steps.size());
        assertEquals(List.of("a.root.", "a.root.", "ns.test.", "ns.netkit.test."),
                steps.stream().map(s -> s.get("server_name")).toList());
        assertEquals(List.of(false, false, false, true), steps.stream().map(s -> s.get("final")).toList());
        assertTrue(steps.stream().allMatch(s -> s.get("type").equals("trace_step")));
        List<?> answer = (List<?>) steps.get(3).get("answerRRs");
        assertEquals(3, answer.size(), answer.toString());
    }

    @Test
    void traceOfMissingNameEndsWithNxdomainFromTheZone() {
        List<Map<String, Object>> steps = parseLines(netkit("dig", "--json", "--root-hints", hints.toString(),
                "-p", port, "+trace", "nope.netkit.test").out());
        assertEquals("NXDOMAIN", steps.get(steps.size() - 1).get("rcode_name"));
    }

    @Test
    void lameDelegationTimesOutWithExit9() {
        DnsTestSupport.Result r = netkit("dig", "--root-hints", hints.toString(), "-p", port, "+trace",
                "+timeout=1", "+tries=1", "www.lame.netkit.test");
        assertEquals(9, r.code(), r.out());
        assertTrue(r.out().contains(";; Received"), r.out());
        assertTrue(r.out().contains("lame.netkit.test.\t3600\tIN\tNS\tns.lame.netkit.test."), r.out());
        assertTrue(r.out().strip().endsWith("no servers could be reached"), r.out());
    }

    @Test
    void unreadableRootHintsIsUsageError() {
        DnsTestSupport.Result r = netkit("dig", "--root-hints", "/nonexistent/hints", "+trace", "server.netkit.test");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("root hints"), r.err());
    }
}
