package dev.netkit.cli;

import dev.netkit.JsonTree;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netkit rdap} against a scripted RDAP server on loopback: the text view, the JSON view with the object
 * unchanged, an error object, redirects and their limit, a bootstrap file, and bodies that are garbage, huge or
 * endless.
 */
class RdapCommandTest {
    private static final String NETWORK = """
            {"rdapConformance": ["rdap_level_0"], "objectClassName": "ip network", "handle": "NET-1",
             "startAddress": "198.18.10.0", "endAddress": "198.18.10.255", "ipVersion": "v4", "name": "LAB\\u001b[31m",
             "type": "ASSIGNED", "status": ["active"],
             "events": [{"eventAction": "registration", "eventDate": "2026-01-01T00:00:00Z"}],
             "entities": [
               {"objectClassName": "entity", "handle": "ADM", "roles": ["registrant"],
                "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Admin"],
                                         ["email", {}, "text", "admin@lab.test"]]]},
               {"objectClassName": "entity", "handle": "ABU", "roles": ["abuse"],
                "vcardArray": ["vcard", [["fn", {}, "text", "Abuse desk"], ["email", {}, "text", "abuse@lab.test"]]]}],
             "remarks": [{"title": "description", "description": ["one", "two"]}],
             "cidr0_cidrs": [{"v4prefix": "198.18.10.0", "length": 24}], "ratio": 1.5, "nothing": null}""";

    private HttpServer server;
    private String base;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/rdap/";
        server.createContext("/rdap/ip/198.18.10.10", x -> send(x, 200, NETWORK));
        server.createContext("/rdap/autnum/1", x -> redirect(x, "/rdap/ip/198.18.10.10"));
        server.createContext("/rdap/autnum/9", x -> redirect(x, "/rdap/autnum/9"));
        server.createContext("/rdap/domain/none.test", x -> send(x, 404,
                "{\"errorCode\": 404, \"title\": \"Not Found\", \"description\": [\"no such\\u0007 domain\"]}"));
        server.createContext("/rdap/domain/garbage.test", x -> send(x, 200, "<html>\u0001\u0002 not json"));
        server.createContext("/rdap/domain/huge.test", x -> {
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 16];
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 1600; i++) { // 100 MiB, if it were all read
                    o.write(chunk);
                }
            } catch (IOException e) {
                // the client stopped reading: what the test wants
            }
        });
        server.createContext("/rdap/domain/endless.test", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                o.write("{\"a\":".getBytes(StandardCharsets.UTF_8));
                o.flush();
                Thread.sleep(20_000);
            } catch (IOException | InterruptedException e) {
                // the client gave up
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/rdap+json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private static void redirect(HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().add("Location", to);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    @Test
    void textViewListsTheFactsWithTheAbuseContactFirstAndEscaped() {
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "--server", base, "198.18.10.10");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                Using server %sip/198.18.10.10
                class:        ip network
                handle:       NET-1
                name:         LAB\\x1b[31m
                network:      198.18.10.0 - 198.18.10.255 (v4)
                type:         ASSIGNED
                status:       active
                event:        registration 2026-01-01T00:00:00Z
                entity:       ABU [abuse] Abuse desk <abuse@lab.test>
                entity:       ADM [registrant] Admin <admin@lab.test>
                remarks:      description: one / two
                """.formatted(base), r.out());
    }

    @Test
    void jsonHoldsTheObjectUnchanged() throws IOException {
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "--json", "--server", base, "198.18.10.10");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        Map<String, Object> line = DnsTestSupport.parseObject(r.out().strip());
        assertEquals("rdap", line.get("type"));
        assertEquals(base + "ip/198.18.10.10", line.get("server"));
        assertEquals(dev.netkit.JsonTree.parseValue(NETWORK), line.get("object"));
    }

    @Test
    void anErrorObjectIsOneLineAndExitOne() {
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "--server", base, "none.test");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals("netkit rdap: " + base + "domain/none.test: 404 Not Found: no such\\x07 domain\n", r.err());
    }

    @Test
    void redirectsAreFollowedUpToFive() {
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "--server", base, "AS1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Using server " + base + "ip/198.18.10.10\n"), r.out());
        DnsTestSupport.Result loop = DnsTestSupport.netkit("rdap", "--server", base, "AS9");
        assertEquals(1, loop.code(), loop.err());
        assertTrue(loop.err().contains("more than 5 redirects"), loop.err());
    }

    @Test
    void aBootstrapFileChoosesTheServer() throws IOException {
        Path file = dir.resolve("ipv4.json");
        Files.writeString(file, "{\"publication\": \"2026-12-01T00:00:00Z\", \"services\": [[[\"198.18.0.0/15\"], [\""
                + base + "\"]]]}");
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "--bootstrap", file.toString(), "198.18.10.10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("handle:       NET-1"), r.out());
        DnsTestSupport.Result none = DnsTestSupport.netkit("rdap", "--bootstrap", file.toString(), "AS64510");
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("no RDAP server is known for 'AS64510'"), none.err());
    }

    @Test
    void garbageHugeAndEndlessBodiesAreBounded() {
        DnsTestSupport.Result g = DnsTestSupport.netkit("rdap", "--server", base, "garbage.test");
        assertEquals(1, g.code());
        assertTrue(g.err().contains("not JSON"), g.err());
        assertEquals(1, g.err().lines().count(), g.err());
        long t = System.nanoTime();
        DnsTestSupport.Result h = DnsTestSupport.netkit("rdap", "--server", base, "huge.test");
        assertEquals(1, h.code());
        assertTrue(h.err().contains("body over 4194304 bytes"), h.err());
        DnsTestSupport.Result e = DnsTestSupport.netkit("rdap", "-w", "1", "--server", base, "endless.test");
        assertEquals(1, e.code(), e.err());
        assertTrue(e.err().contains("body not finished within 2 s"), e.err());
        assertTrue((System.nanoTime() - t) / 1_000_000_000 < 15, "took too long");
    }

    @Test
    void badInputAndAnUnreachableServer() throws IOException {
        assertEquals(2, DnsTestSupport.netkit("rdap", "--server", base, "not a query!").code());
        assertEquals(2, DnsTestSupport.netkit("rdap", "--server", "ftp://x/", "AS1").code());
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "-w", "2", "--server",
                "http://127.0.0.1:" + closed + "/", "AS1");
        assertEquals(9, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void versionNamesTheShippedBootstrapsDate() {
        DnsTestSupport.Result r = DnsTestSupport.netkit("rdap", "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("RDAP bootstrap (shipped): published 2026-07-27T02:51:56Z"), r.out());
        assertTrue(List.of(r.out().split("\n")).get(0).startsWith("netkit "), r.out());
    }
}
