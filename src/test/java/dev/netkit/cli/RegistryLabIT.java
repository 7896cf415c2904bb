package dev.netkit.cli;

import dev.netkit.JsonTree;
import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab registry asked by netkit whois and asn, each compared with its peer on the same query in the same test:
 * Debian's whois -h (one server at a time, so the referral chain is compared server by server) and dig TXT against
 * the lab's origin zone; and whois servers that stall, flood and loop, run with socat on the server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegistryLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final String ROOT = "iana.netkit.test";
    private static final String REGISTRY = "whois.netkit.test";

    private static String debianWhois(String server, String query) {
        LabExtension.Result r = lab.exec("client", SHORT, "whois", "-h", server, query);
        assertEquals(0, r.exitCode(), r.output());
        assertFalse(r.stdout().isBlank(), "whois -h " + server + " " + query + " answered nothing");
        return r.stdout();
    }

    @Test
    void whoisFollowsTheRootsReferralAndPrintsWhatDebiansWhoisPrintsFromEachServer() {
        for (String q : List.of("198.18.10.10", "2001:db8:10::/64", "AS64510", "netkit.test")) {
            String root = debianWhois(ROOT, q);
            String registry = debianWhois(REGISTRY, q);
            assertTrue(root.contains("refer:        " + REGISTRY), root);
            LabExtension.Result r = lab.netkit("client", "whois", "-h", ROOT, q);
            assertEquals(0, r.exitCode(), r.output());
            String referral = "Found a referral to " + REGISTRY + ".";
            int at = r.stdout().indexOf(referral);
            assertTrue(at > 0, r.stdout());
            assertEquals(("Using server " + ROOT + " (query \"" + q + "\").\n\n" + root).strip(),
                    r.stdout().substring(0, at).strip(), q);
            assertEquals(registry.strip(), r.stdout().substring(at + referral.length()).strip(), q);
        }
    }

    @Test
    void noReferralStopsAtTheRootAndJsonHasThePairs() {
        LabExtension.Result r = lab.netkit("client", "whois", "--no-referral", "-h", ROOT, "AS64510");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(("Using server " + ROOT + " (query \"AS64510\").\n\n" + debianWhois(ROOT, "AS64510")).strip(),
                r.stdout().strip());
        LabExtension.Result j = lab.netkit("client", "whois", "--json", "-h", REGISTRY, "AS64510");
        assertEquals(0, j.exitCode(), j.output());
        assertTrue(j.stdout().contains("\"aut-num\":\"AS64510\""), j.stdout());
        assertTrue(j.stdout().contains("\"source\":[\"NETKIT-LAB\""), j.stdout());
    }

    @Test
    void unknownObjectIsTheRegistrysNoEntriesAnswer() {
        String peer = debianWhois(REGISTRY, "AS64999");
        LabExtension.Result r = lab.netkit("client", "whois", "-h", REGISTRY, "AS64999");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(peer.contains("%ERROR:101: no entries found"), peer);
        assertEquals(("Using server " + REGISTRY + " (query \"AS64999\").\n\n" + peer).strip(), r.stdout().strip());
    }

    @Test
    void asnAgreesWithDigTxtOnTheOriginZone() {
        for (String[] q : List.of(new String[] {"198.18.10.10", "10.10.18.198.origin.asn.netkit.test"},
                new String[] {"198.18.1.10", "10.1.18.198.origin.asn.netkit.test"},
                new String[] {"2001:db8:10::10", "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.8.b.d.0.1.0.0.2"
                        + ".origin6.asn.netkit.test"})) {
            String origin = digTxt(q[1]);
            String[] f = origin.split(" \\| ");
            assertEquals(5, f.length, origin);
            String name = digTxt("AS" + f[0] + ".asn.netkit.test").split(" \\| ")[4];
            LabExtension.Result r = lab.netkit("client", "asn", "--json", "--zone", "origin.asn.netkit.test", q[0]);
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("{\"type\":\"asn\",\"query\":\"" + q[0] + "\",\"asn\":" + f[0] + ",\"prefix\":\"" + f[1]
                    + "\",\"country\":\"" + f[2] + "\",\"registry\":\"" + f[3] + "\",\"allocated\":\"" + f[4]
                    + "\",\"as_name\":\"" + name + "\"}", r.stdout().strip());
        }
    }

    private static String digTxt(String name) {
        LabExtension.Result r = lab.exec("client", SHORT, "dig", "+short", "TXT", name);
        assertEquals(0, r.exitCode(), r.output());
        String s = r.stdout().strip();
        assertTrue(s.startsWith("\"") && s.endsWith("\""), name + ": " + s);
        return s.substring(1, s.length() - 1);
    }

    /**
     * Runs {@code script} under socat on the server's tcp {@code port}, bounded by timeout(1). The script goes in a
     * file (the lab shares this file system): socat's address syntax would take its colons as separators.
     */
    private static CompletableFuture<LabExtension.Result> serve(int port, String script)
            throws InterruptedException, IOException {
        Path file = Files.createTempFile("registry-lab-it", ".sh");
        file.toFile().deleteOnExit();
        // the query is read before the answer: a script that answered and exited before the query came made socat's
        // write of the query fail (EPIPE), and socat then closed the connection without the answer (seen under load)
        Files.writeString(file, "read -r query\n" + script + "\n");
        // a thread of its own: the common pool may have one thread, busy with the previous server
        CompletableFuture<LabExtension.Result> f = CompletableFuture.supplyAsync(() -> lab.exec("server",
                Duration.ofSeconds(60), "timeout", "45", "socat", "TCP6-LISTEN:" + port + ",fork,reuseaddr,ipv6only=0",
                "SYSTEM:sh " + file), r -> Thread.ofVirtual().start(r));
        for (int i = 0; i < 100; i++) {
            if (!lab.exec("server", SHORT, "ss", "-Hltn", "sport = :" + port).stdout().isBlank()) {
                return f;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("socat does not listen on " + port + ": " + (f.isDone() ? f.join().output() : ""));
    }

    @Test
    void aStallingServerIsOneLineAndExitNine() throws InterruptedException, IOException {
        serve(4300, "sleep 30");
        long t = System.nanoTime();
        LabExtension.Result r = lab.netkit("client", "whois", "-w", "2", "-h", "server.netkit.test:4300", "AS64510");
        assertTrue((System.nanoTime() - t) / 1_000_000_000 < 20, "took too long");
        assertEquals(9, r.exitCode(), r.output());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("read timed out after 2 s"), r.stderr());
    }

    @Test
    void aFloodingServerIsCutAtOneMebibyteWithNoRawControlBytes() throws InterruptedException, IOException {
        serve(4301, "head -c 3000000 /dev/urandom");
        LabExtension.Result r = lab.netkit("client", "whois", "--no-referral", "-h", "server.netkit.test:4301", "x.test");
        assertEquals(3, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("answer over 1048576 bytes (1 MiB): cut off there"), r.stderr());
        assertTrue(r.stdout().chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0),
                "raw control characters in the output");
    }

    @Test
    void twoServersReferringToEachOtherStopAtTheLoop() throws InterruptedException, IOException {
        serve(4302, "echo 'refer: server.netkit.test:4303'");
        serve(4303, "echo 'refer: server.netkit.test:4302'");
        LabExtension.Result r = lab.netkit("client", "whois", "-h", "server.netkit.test:4302", "AS64510");
        assertEquals(3, r.exitCode(), r.output());
        assertEquals(2, r.stdout().lines().filter(l -> l.startsWith("refer:")).count(), r.stdout());
        assertTrue(r.stderr().contains("referral loop: server.netkit.test:4302 was asked already"), r.stderr());
    }

    /** The lab's certificate: rdap.netkit.test is a name in it, and netkit rdap trusts it with --ca. */
    private static String labCertificate() {
        return dev.netkit.lab.LabState.ROOT.resolve("nk" + lab.name()).resolve("server/nginx/cert.pem").toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rdapOfADomainANetworkAndAnAsMatchTheJsonNginxServes() throws IOException {
        String ca = labCertificate();
        for (String[] q : List.of(new String[] {"netkit.test", "domain/netkit.test"},
                new String[] {"198.18.10.10", "ip/198.18.10.10"}, new String[] {"2001:db8:10::/64", "ip/2001:db8:10::/64"},
                new String[] {"AS64510", "autnum/64510"})) {
            String url = "https://rdap.netkit.test/rdap/" + q[1];
            LabExtension.Result curl = lab.exec("client", SHORT, "curl", "-sS", "--cacert", ca, url);
            assertEquals(0, curl.exitCode(), curl.output());
            Map<String, Object> served = (Map<String, Object>) JsonTree.parseValue(curl.stdout());
            LabExtension.Result j = lab.netkit("client", "rdap", "--json", "--ca", ca, q[0]);
            assertEquals(0, j.exitCode(), j.output());
            Map<String, Object> line = (Map<String, Object>) JsonTree.parseValue(j.stdout().strip());
            assertEquals(url, line.get("server"), "the shipped bootstrap chose the lab's server");
            assertEquals(served, line.get("object"), q[0]);

            LabExtension.Result t = lab.netkit("client", "rdap", "--ca", ca, q[0]);
            assertEquals(0, t.exitCode(), t.output());
            List<String> lines = t.stdout().lines().toList();
            assertEquals("Using server " + url, lines.get(0));
            assertTrue(lines.contains(field("handle", served.get("handle"))), t.stdout());
            assertTrue(lines.contains(field("status", String.join(", ", (List<String>) served.get("status")))),
                    t.stdout());
            for (Map<String, Object> e : (List<Map<String, Object>>) served.get("events")) {
                assertTrue(lines.contains(field("event", e.get("eventAction") + " " + e.get("eventDate"))), t.stdout());
            }
            List<String> entities = lines.stream().filter(l -> l.startsWith("entity:")).toList();
            assertEquals(((List<?>) served.get("entities")).size(), entities.size(), t.stdout());
            assertTrue(entities.get(0).contains("[abuse]") && entities.get(0).contains("<abuse@netkit.test>"),
                    t.stdout());
            if (served.containsKey("startAddress")) {
                assertTrue(lines.contains(field("network", served.get("startAddress") + " - "
                        + served.get("endAddress") + " (" + served.get("ipVersion") + ")")), t.stdout());
            }
            if (served.containsKey("startAutnum")) {
                assertTrue(lines.contains(field("autnum", served.get("startAutnum") + " - "
                        + served.get("endAutnum"))), t.stdout());
            }
            for (Map<String, Object> ns : (List<Map<String, Object>>) served.getOrDefault("nameservers", List.of())) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(field("nameserver", ns.get("ldhName")))),
                        t.stdout());
            }
        }
    }

    @Test
    void rdapOfAnUnknownObjectIsTheServersErrorObjectAndExitOne() {
        String ca = labCertificate();
        LabExtension.Result curl = lab.exec("client", SHORT, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--cacert", ca, "https://rdap.netkit.test/rdap/autnum/64511");
        assertEquals("404", curl.stdout().strip(), curl.output());
        LabExtension.Result r = lab.netkit("client", "rdap", "--ca", ca, "AS64511");
        assertEquals(1, r.exitCode(), r.output());
        assertEquals("netkit rdap: https://rdap.netkit.test/rdap/autnum/64511: 404 Not Found: "
                + "The netkit lab registry holds no such object.", r.stderr().strip());
    }

    private static String field(String key, Object value) {
        return String.format("%-13s %s", key + ":", value);
    }
}
