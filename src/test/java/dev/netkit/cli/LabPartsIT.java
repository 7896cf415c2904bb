package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import dev.netkit.lab.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's lab parts in the default topology (docs/lab.md, issue 22), each seen by netkit inside the lab and
 * compared with Debian's own client on the same path: the web server's files, 404 and 301; r2's firewall (!X); the
 * RFC 868 time service.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LabPartsIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final Duration SHORT = Duration.ofSeconds(30);

    /** What {@code netkit nc} shows of an HTTP/1.0 GET of {@code path} typed by hand to the server's port 80. */
    private static String get(String path) {
        LabExtension.Result r = lab.exec("client", SHORT, "sh", "-c", "printf 'GET " + path
                + " HTTP/1.0\\nHost: server.netkit.test\\n\\n' | " + NcLabIT.netkit("nc -C -w 5 server.netkit.test 80"));
        assertEquals(0, r.exitCode(), r.output());
        return r.stdout();
    }

    /** curl's status code and redirect URL for the same request, the peer netkit's view is compared with. */
    private static String curl(String path) {
        LabExtension.Result r = lab.exec("client", SHORT, "curl", "-s", "-o", "/dev/null", "-w",
                "%{http_code} %{redirect_url}", "http://server.netkit.test" + path);
        assertEquals(0, r.exitCode(), r.output());
        return r.stdout().strip();
    }

    @Test
    void webServerHasFilesA404AndA301() {
        String text = get("/hello.txt");
        assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
        assertTrue(text.contains("\r\nContent-Type: text/plain\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\nHello from server.netkit.test, a text file served by nginx.\n"), text);
        assertEquals("200", curl("/hello.txt"));

        String html = get("/index.html");
        assertTrue(html.startsWith("HTTP/1.1 200 OK\r\n"), html);
        assertTrue(html.contains("\r\nContent-Type: text/html\r\n"), html);
        assertTrue(html.contains("<h1>server.netkit.test</h1>"), html);
        assertEquals("200", curl("/index.html"));

        String missing = get("/no-such-page.html");
        assertTrue(missing.startsWith("HTTP/1.1 404 Not Found\r\n"), missing);
        assertEquals("404", curl("/no-such-page.html"));

        String moved = get("/old.html");
        assertTrue(moved.startsWith("HTTP/1.1 301 Moved Permanently\r\n"), moved);
        assertTrue(moved.contains("\r\nLocation: http://server.netkit.test/index.html\r\n"), moved);
        assertEquals("301 http://server.netkit.test/index.html", curl("/old.html"));
        // the old answer at / stays, for the exercises and the tour that show it
        assertTrue(get("/").endsWith("\r\n\r\nnetkit lab: server.netkit.test on port 80\n"), get("/"));
    }

    /** Each hop of a traceroute-style listing as "TTL ADDRESS [!X]", the round-trip times left out. */
    static List<String> hops(String listing) {
        return listing.lines().skip(1).map(l -> {
            String[] f = l.trim().split("\\s+");
            StringBuilder hop = new StringBuilder(f[0]).append(' ').append(f[1]);
            for (String x : f) {
                if (x.startsWith("!")) {
                    hop.append(' ').append(x);
                }
            }
            return hop.toString();
        }).toList();
    }

    @ParameterizedTest(name = "-{0}")
    @CsvSource({"4, " + Topologies.BLOCKED + ", 198.18.1.1, 198.18.2.2", "6, " + Topologies.BLOCKED6
            + ", 2001:db8:1::1, 2001:db8:2::2"})
    void r2RejectsTheBlockedAddressAdministrativelyProhibited(String family, String blocked, String r1, String r2) {
        LabExtension.Result peer = lab.exec("client", SHORT, "traceroute", "-" + family, "-n", "-q", "1", "-w", "2",
                "-m", "6", blocked);
        assertEquals(0, peer.exitCode(), peer.output());
        List<String> expected = List.of("1 " + r1, "2 " + r2, "3 " + r2 + " !X");
        assertEquals(expected, hops(peer.stdout()), peer.stdout());
        LabExtension.Result ours = lab.netkit("client", "trace", "-" + family, "-n", "-q", "1", "-w", "2", "-m", "6",
                blocked);
        assertEquals(0, ours.exitCode(), ours.output());
        assertEquals(expected, hops(ours.stdout()), ours.stdout());
    }

    /** RFC 868: the time is the number of seconds since 1900-01-01 00:00 UTC; the Unix epoch is 2208988800 of them. */
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    /** The 4 bytes a client read from the server's port 37, as an unsigned number (od prints them in hex). */
    private static long rfc868(String client) {
        LabExtension.Result r = lab.exec("client", SHORT, "sh", "-c", client + " | od -An -tx1 -v");
        assertEquals(0, r.exitCode(), r.output());
        String hex = r.stdout().replaceAll("\\s", "");
        assertEquals(8, hex.length(), "4 bytes: " + r.output());
        return Long.parseLong(hex, 16);
    }

    /** docs/lab.md promises the time service on IPv4 and IPv6 (xinetd once listened on [::]:37 with v6only set). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"server.netkit.test", "198.18.10.10", "2001:db8:10::10"})
    void timeServiceOnPort37TellsTheClock(String server) {
        long ours = rfc868(NcLabIT.netkit("nc -w 3 " + server + " 37"));
        long now = System.currentTimeMillis() / 1000 + SECONDS_1900_TO_1970;
        assertTrue(Math.abs(now - ours) <= 2, "RFC 868 said " + ours + ", the clock " + now);
        long peer = rfc868("nc -w 3 " + server + " 37");
        assertTrue(Math.abs(peer - ours) <= 2, "netkit nc read " + ours + ", OpenBSD nc " + peer);
    }

    @Test
    void pingOfTheBlockedAddressIsPacketFiltered() {
        LabExtension.Result r = lab.exec("client", SHORT, "ping", "-c", "1", "-W", "2", Topologies.BLOCKED);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("From 198.18.2.2 icmp_seq=1 Packet filtered"), r.output());
    }
}
