package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** route get --table, route path and ifaces through the command line (files only, or reading this host's tables). */
class RouteCommandTest {
    @Test
    void routeGetFromTableFile() {
        NetkitTest.Result r = NetkitTest.run("route", "get", "198.18.10.20", "--table", "docs/examples/routes.txt");
        assertEquals(ExitCode.OK, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("198.18.10.20 via 198.18.1.254 dev eth0 src 198.18.1.10", lines.get(0));
        assertTrue(r.out().contains("same prefix /24, higher metric 20 > 10"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +\\* +198\\.18\\.10\\.0/24 via 198\\.18\\.1\\.254 dev eth0 +/24 +10 +main +longest prefix /24, metric 10")), r.out());
        assertTrue(r.out().contains("Next hop: 198.18.1.254 (gateway) on eth0"), r.out());
    }

    @Test
    void routeGetJsonHasNoGatewayWhenAttached() {
        NetkitTest.Result r = NetkitTest.run("route", "get", "198.18.1.99", "--table", "docs/examples/routes.txt", "--json");
        assertTrue(r.out().startsWith("{\"type\":\"route\",\"dst\":\"198.18.1.99\",\"dev\":\"eth0\",\"src\":\"198.18.1.10\","
                + "\"next_hop\":\"198.18.1.99\",\"prefix\":24,\"metric\":0,"), r.out());
    }

    @Test
    void noRouteIsExitOne(@TempDir Path dir) throws IOException {
        Path t = Files.writeString(dir.resolve("t.txt"), "198.18.1.0/24 dev eth0\n");
        NetkitTest.Result r = NetkitTest.run("route", "get", "198.18.2.1", "--table", t.toString());
        assertEquals(ExitCode.NEGATIVE, r.code());
        assertEquals("netkit route get: no route to 198.18.2.1", r.err().strip());
    }

    @Test
    void badInputsAreUsageErrors() {
        NetkitTest.Result r = NetkitTest.run("route", "get", "server.netkit.test", "--table", "docs/examples/routes.txt");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("netkit route get: 'server.netkit.test' is not an IPv4 or IPv6 address"), r.err());
        r = NetkitTest.run("route", "path", "--graph", "docs/examples/routers.json", "R1", "R9");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("'R9' is neither a router of the graph nor an IP address"), r.err());
        r = NetkitTest.run("route", "path", "--graph", "no-such.json", "R1", "R2");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit route path: no such file: no-such.json", r.err().strip());
    }

    @Test
    void pathTextAndJson() {
        NetkitTest.Result r = NetkitTest.run("route", "path", "--graph", "docs/examples/routers.json", "R5", "198.18.1.1");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("R5 -> R4 -> R3 -> R2 -> R1   cost 145\n"), r.out());
        NetkitTest.Result j = NetkitTest.run("route", "path", "--graph", "docs/examples/routers.json", "R1", "R3",
                "--json", "--table-all");
        List<String> lines = j.out().lines().toList();
        assertEquals("{\"type\":\"path\",\"src\":\"R1\",\"dst\":\"R3\",\"reachable\":true,\"cost\":15,\"routers\":[\"R1\",\"R2\",\"R3\"],"
                + "\"hops\":[{\"from\":\"R1\",\"to\":\"R2\",\"network\":\"198.18.2.0/30\",\"ad\":10},"
                + "{\"from\":\"R2\",\"to\":\"R3\",\"network\":\"198.18.6.0/30\",\"ad\":5}]}", lines.get(0));
        assertEquals(6, lines.size());
        assertEquals("{\"type\":\"distance\",\"router\":\"R5\",\"cost\":145,\"routers\":[\"R1\",\"R2\",\"R3\",\"R4\",\"R5\"]}", lines.get(5));
    }

    /** A broken graph file is named with the line and column of the fault and what was expected there. */
    @Test
    void brokenGraphSaysWhereAndWhat(@TempDir Path dir) throws IOException {
        Path g = Files.writeString(dir.resolve("broken.json"), "{\"routers\": [\n  {\"name\": \"a\",, }");
        NetkitTest.Result r = NetkitTest.run("route", "path", "--graph", g.toString(), "A", "B");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit route path: " + g + ":2:16: Unexpected character (',' (code 44)): was expecting"
                + " double-quote to start field name (not valid JSON)", r.err().strip());
        Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"routers\":[],\"connections\":[]}\n[1]");
        r = NetkitTest.run("route", "path", "--graph", trailing.toString(), "A", "B");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit route path: " + trailing + ":2:1: text after the JSON value (not valid JSON)", r.err().strip());
    }

    @Test
    void unreachableRouterIsExitOne(@TempDir Path dir) throws IOException {
        Path g = Files.writeString(dir.resolve("g.json"), "{\"routers\":[\"A\",\"B\"],\"connections\":[]}");
        NetkitTest.Result r = NetkitTest.run("route", "path", "--graph", g.toString(), "A", "B");
        assertEquals(ExitCode.NEGATIVE, r.code());
        assertTrue(r.out().startsWith("no path from A to B"), r.out());
    }

    @Test
    void ifacesUnknownNameIsExitOne() {
        NetkitTest.Result r = NetkitTest.run("ifaces", "nk-no-such-if");
        assertEquals(ExitCode.NEGATIVE, r.code(), r.err());
        assertEquals("netkit ifaces: no interface named 'nk-no-such-if'", r.err().strip());
    }

    @Test
    void ifacesLoopbackJson() {
        NetkitTest.Result r = NetkitTest.run("ifaces", "lo", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"type\":\"interface\",\"index\":1,\"name\":\"lo\","), r.out());
        assertTrue(r.out().contains("\"mtu\":65536") && r.out().contains("\"127.0.0.1/8\""), r.out());
        assertEquals(1, r.out().lines().count());
    }
}
