package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.netkit.cli.DnsTestSupport.digRecords;
import static dev.netkit.cli.DnsTestSupport.parseLines;
import static dev.netkit.cli.DnsTestSupport.parseObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit dig, host and nslookup inside the lab's client, compared with BIND's dig and host run in the same
 * namespace: against the lab's authoritative server (198.18.10.4, exact order) and its Unbound resolver
 * (198.18.10.53, the default from the namespace's resolv.conf). Only lab addresses are ever asked.
 */
class DnsLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final String AUTH = "198.18.10.4";
    static final Duration T = Duration.ofSeconds(60);
    static Path dir;

    /** Every record type of the lab's netkit.test. zone, the CNAME chain, the ASN zone and a reverse name. */
    static final List<String> QUERIES = List.of(
            "netkit.test SOA", "netkit.test NS", "netkit.test MX", "netkit.test TXT", "server.netkit.test A",
            "server.netkit.test AAAA", "www.netkit.test A", "www.netkit.test CNAME", "mail.netkit.test CNAME",
            "info.netkit.test TXT", "big.netkit.test TXT", "_http._tcp.netkit.test SRV", "_dns._udp.netkit.test SRV",
            "10.10.18.198.origin.asn.netkit.test TXT", "AS64510.asn.netkit.test TXT", "nope.netkit.test A",
            "lame.netkit.test NS", "tampered.netkit.test A", "-x 198.18.10.10", "-x 2001:db8:10::10");

    /** Every address of every lab host, for -x. */
    static final List<String> ADDRESSES = List.of(
            "198.18.1.1", "198.18.1.10", "198.18.1.11", "198.18.1.12", "198.18.2.1", "198.18.2.2", "198.18.3.1",
            "198.18.3.2", "198.18.10.1", "198.18.10.2", "198.18.10.3", "198.18.10.4", "198.18.10.10",
            "198.18.10.30", "198.18.10.53", "2001:db8:1::1", "2001:db8:1::10", "2001:db8:1::11", "2001:db8:1::12",
            "2001:db8:2::1", "2001:db8:2::2", "2001:db8:3::1", "2001:db8:3::2", "2001:db8:10::1", "2001:db8:10::2",
            "2001:db8:10::3", "2001:db8:10::4", "2001:db8:10::10", "2001:db8:10::30", "2001:db8:10::53");

    @BeforeAll
    static void files() throws IOException {
        dir = Files.createTempDirectory("nk-dns-lab");
        Files.writeString(dir.resolve("root.hints"), ". 3600000 IN NS root.netkit.test.\n"
                + "root.netkit.test. 3600000 IN A 198.18.10.2\nroot.netkit.test. 3600000 IN AAAA 2001:db8:10::2\n");
        Files.writeString(dir.resolve("queries"), String.join("\n", QUERIES) + "\n");
        List<String> reverse = new ArrayList<>();
        ADDRESSES.forEach(a -> reverse.add("-x " + a));
        Files.writeString(dir.resolve("reverse"), String.join("\n", reverse) + "\n");
    }

    @AfterAll
    static void clean() throws IOException {
        if (dir != null) {
            for (String f : List.of("root.hints", "queries", "reverse")) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    static LabExtension.Result bind(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dig"));
        cmd.addAll(List.of(args));
        return lab.exec("client", T, cmd.toArray(String[]::new));
    }

    @Test
    void shortIsIdenticalToBindDigForEveryRecordTypeAtTheAuthoritativeServer() {
        String f = dir.resolve("queries").toString();
        LabExtension.Result ours = lab.netkit("client", "dig", "@" + AUTH, "+norec", "+short", "-f", f);
        LabExtension.Result theirs = bind("@" + AUTH, "+norec", "+short", "-f", f);
        assertEquals(0, ours.exitCode(), ours.output());
        assertEquals(theirs.stdout(), ours.stdout());
        assertTrue(ours.stdout().contains("198.18.10.10\n"), ours.stdout());
    }

    @Test
    void shortMatchesBindDigThroughTheResolver() {
        // Unbound may rotate the order within an RRset, so the lines are compared as sorted lists
        String f = dir.resolve("queries").toString();
        LabExtension.Result ours = lab.netkit("client", "dig", "+short", "-f", f);
        LabExtension.Result theirs = bind("+short", "-f", f);
        assertEquals(0, ours.exitCode(), ours.output());
        assertEquals(theirs.stdout().lines().sorted().toList(), ours.stdout().lines().sorted().toList());
    }

    @Test
    void jsonSectionsEqualBindDigSections() {
        for (String q : QUERIES) {
            List<String> common = new ArrayList<>(List.of("@" + AUTH, "+norec"));
            common.addAll(List.of(q.split(" ")));
            List<String> mine = new ArrayList<>(List.of("dig", "--json"));
            mine.addAll(common);
            Map<String, Object> json = parseObject(lab.netkit("client", mine.toArray(String[]::new)).stdout());
            for (String section : List.of("answer", "authority", "additional")) {
                List<String> a = new ArrayList<>(common);
                a.addAll(List.of("+noall", "+" + section));
                assertEquals(digRecords(bind(a.toArray(String[]::new)).stdout()),
                        DnsTestSupport.presented(json.get(section + "RRs")), q + " " + section);
            }
        }
    }

    @Test
    void reverseOfEveryLabAddressMatchesBindDig() {
        String f = dir.resolve("reverse").toString();
        LabExtension.Result ours = lab.netkit("client", "dig", "+short", "-f", f);
        LabExtension.Result theirs = bind("+short", "-f", f);
        assertEquals(theirs.stdout(), ours.stdout());
        assertEquals(ADDRESSES.size(), ours.stdout().lines().count(), ours.stdout());
        assertTrue(ours.stdout().contains("server.netkit.test.\n"), ours.stdout());
    }

    @Test
    void statusesNxdomainAndServfailFromTheResolver() {
        Map<String, Object> nx = parseObject(lab.netkit("client", "dig", "--json", "nope.netkit.test").stdout());
        assertEquals("NXDOMAIN", nx.get("rcode_name"));
        assertEquals("198.18.10.53", nx.get("server"));
        LabExtension.Result lame = lab.netkit("client", "dig", "lame.netkit.test");
        assertEquals(0, lame.exitCode(), lame.output());
        assertTrue(lame.stdout().contains("status: SERVFAIL"), lame.stdout());
        assertTrue(bind("lame.netkit.test").stdout().contains("status: SERVFAIL"));
    }

    @Test
    void largeTxtComesOverTcpAfterATruncatedUdpAnswer() {
        LabExtension.Result r = lab.netkit("client", "dig", "+noedns", "big.netkit.test", "TXT");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(";; Truncated, retrying in TCP mode."), r.stdout());
        assertTrue(r.stdout().contains(";; SERVER: 198.18.10.53#53(198.18.10.53) (TCP)"), r.stdout());
        assertEquals(bind("+noedns", "+short", "big.netkit.test", "TXT").stdout(),
                lab.netkit("client", "dig", "+noedns", "+short", "big.netkit.test", "TXT").stdout());
    }

    @Test
    void traceGoesRootThenTestThenNetkitTest() {
        LabExtension.Result r = lab.netkit("client", "dig", "--root-hints", dir.resolve("root.hints").toString(),
                "+trace", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        List<String> received = r.stdout().lines().filter(l -> l.startsWith(";; Received")).toList();
        assertEquals(4, received.size(), r.stdout());
        assertTrue(received.get(1).contains("from 198.18.10.2#53(root.netkit.test)"), received.get(1));
        assertTrue(received.get(2).contains("from 198.18.10.3#53(tld.netkit.test)"), received.get(2));
        assertTrue(received.get(3).contains("from 198.18.10.4#53(auth.netkit.test)"), received.get(3));
        assertTrue(r.stdout().contains("server.netkit.test.\t300\tIN\tA\t198.18.10.10"), r.stdout());
        List<Map<String, Object>> steps = parseLines(lab.netkit("client", "dig", "--json", "--root-hints",
                dir.resolve("root.hints").toString(), "+trace", "-6", "server.netkit.test", "AAAA").stdout());
        assertEquals(List.of("2001:db8:10::2", "2001:db8:10::2", "2001:db8:10::3", "2001:db8:10::4"),
                steps.stream().map(s -> s.get("server")).toList());
    }

    @Test
    void silentServerTimesOutWithExit9() {
        // 198.18.10.99 is unused: nothing answers there
        LabExtension.Result r = lab.netkit("client", "dig", "@198.18.10.99", "+timeout=1", "+tries=1",
                "server.netkit.test");
        assertEquals(9, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(";; connection timed out; no servers could be reached")
                || r.stdout().contains(";; no servers could be reached"), r.stdout());
    }

    /** The lab's zones are signed at up: the validating resolver sets AD and +dnssec shows the signatures. */
    @Test
    void dnssecShowsSignaturesAndTheResolverValidates() {
        LabExtension.Result ours = lab.netkit("client", "dig", "+dnssec", "server.netkit.test");
        LabExtension.Result theirs = bind("+dnssec", "server.netkit.test");
        for (LabExtension.Result r : List.of(ours, theirs)) {
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.stdout().contains(";; flags: qr rd ra ad;"), r.stdout());
            assertTrue(r.stdout().contains("; EDNS: version: 0, flags: do; udp: 1232"), r.stdout());
            assertTrue(r.stdout().lines().anyMatch(l -> l.matches(
                    "server\\.netkit\\.test\\.\\t\\d+\\tIN\\tRRSIG\\tA 13 3 300 \\d{14} \\d{14} \\d+ netkit\\.test\\. .+")),
                    r.stdout());
        }
        // the chain: the root's DS for test., test.'s DS for netkit.test., netkit.test.'s key, all signed
        assertEquals(bind("+short", "+norec", "@198.18.10.2", "test.", "DS").stdout(),
                lab.netkit("client", "dig", "+short", "+norec", "@198.18.10.2", "test.", "DS").stdout());
        LabExtension.Result ds = lab.netkit("client", "dig", "+short", "+norec", "@198.18.10.3", "netkit.test.", "DS");
        assertTrue(ds.stdout().matches("\\d+ 13 2 [0-9A-F ]{65}\\n"), ds.stdout());
        assertEquals(bind("+short", "+norec", "@198.18.10.3", "netkit.test.", "DS").stdout(), ds.stdout());
        assertTrue(lab.netkit("client", "dig", "+short", "@" + AUTH, "+norec", "netkit.test", "DNSKEY").stdout()
                .startsWith("257 3 13 "));
        // without +dnssec the answer has no signatures, but the resolver still says it validated (AD)
        LabExtension.Result plain = lab.netkit("client", "dig", "server.netkit.test");
        assertTrue(plain.stdout().contains(";; flags: qr rd ra ad;") && !plain.stdout().contains("RRSIG"),
                plain.stdout());
    }

    /** The lab root's DS record, written at up: the trust anchor of the lab's signed zones. */
    static String anchor() {
        String ns = lab.ns("client");
        return "/run/netkit/labs/" + ns.substring(0, ns.length() - "-client".length()) + "/dnssec/root.anchor";
    }

    /** --validate with the lab root's key as trust anchor: netkit validates the chain itself. */
    @Test
    void validateIsSecureFromTheLabRootAnchor() {
        String anchor = anchor();
        LabExtension.Result r = lab.netkit("client", "dig", "--validate", "--trust-anchor", anchor, "www.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(";; VALIDATION: secure"), r.stdout());
        assertTrue(r.stdout().contains("server.netkit.test.\t"), r.stdout());
        // the reverse zones are delegated without DS: provably insecure, not bogus
        LabExtension.Result rev = lab.netkit("client", "dig", "--validate", "--trust-anchor", anchor, "-x",
                "198.18.10.10");
        assertTrue(rev.stdout().contains(";; VALIDATION: insecure"), rev.stdout());
        Map<String, Object> json = parseObject(lab.netkit("client", "dig", "--json", "--validate", "--trust-anchor",
                anchor, "netkit.test", "MX").stdout());
        assertEquals("secure", ((Map<?, ?>) json.get("validation")).get("status"));
    }

    /**
     * tampered.netkit.test. A is served as 198.18.10.99 under the signature of 198.18.10.10 (lab up changes it
     * after signing): netkit's validator, asking the resolver (it sets CD on its queries, so Unbound hands over
     * the data it found bogus), says bogus with the failed RRset and exits 1; Unbound itself answers SERVFAIL
     * without +cd, exactly as BIND's dig shows it, and the tampered data with +cd.
     */
    @Test
    void tamperedRecordIsBogusAndTheValidatingResolverRefusesIt() {
        LabExtension.Result r = lab.netkit("client", "dig", "--validate", "--trust-anchor", anchor(),
                "tampered.netkit.test");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("status: SERVFAIL"), r.stdout());
        String verdict = r.stdout().lines().filter(l -> l.startsWith(";; VALIDATION: ")).findFirst().orElse("");
        assertTrue(verdict.startsWith(";; VALIDATION: bogus (") && verdict.contains("failed ANSWER rrset")
                && verdict.contains("tampered.netkit.test.") && verdict.contains("198.18.10.99"), r.stdout());
        Map<?, ?> v = (Map<?, ?>) parseObject(lab.netkit("client", "dig", "--json", "--validate", "--trust-anchor",
                anchor(), "tampered.netkit.test").stdout()).get("validation");
        assertEquals("bogus", v.get("status"));
        assertTrue(String.valueOf(v.get("reason")).contains("tampered.netkit.test."), v.toString());
        // +cd asks the resolver not to check; netkit's validator still does
        LabExtension.Result cdValidated = lab.netkit("client", "dig", "--validate", "--trust-anchor", anchor(), "+cd",
                "tampered.netkit.test");
        assertEquals(1, cdValidated.exitCode(), cdValidated.output());
        assertTrue(cdValidated.stdout().contains(";; VALIDATION: bogus ("), cdValidated.stdout());
        // the record next to it, signed and served alike, is secure
        assertTrue(lab.netkit("client", "dig", "--validate", "--trust-anchor", anchor(), "server.netkit.test")
                .stdout().contains(";; VALIDATION: secure"));

        // Unbound validates: SERVFAIL, and netkit's text is BIND dig's but for the id, time and date
        LabExtension.Result ours = lab.netkit("client", "dig", "tampered.netkit.test");
        LabExtension.Result theirs = bind("tampered.netkit.test");
        assertEquals(0, ours.exitCode(), ours.output());
        assertEquals(theirs.exitCode(), ours.exitCode());
        assertTrue(ours.stdout().contains(";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: "), ours.stdout());
        assertTrue(ours.stdout().contains(";; flags: qr rd ra; QUERY: 1, ANSWER: 0,"), ours.stdout());
        assertEquals(withoutVariableFields(theirs.stdout()), withoutVariableFields(ours.stdout()));
        // with +cd it hands over what it found, unchecked: the tampered address
        LabExtension.Result cd = lab.netkit("client", "dig", "+cd", "+short", "tampered.netkit.test");
        assertEquals("198.18.10.99\n", cd.stdout());
        assertEquals(bind("+cd", "+short", "tampered.netkit.test").stdout(), cd.stdout());
    }

    /** dig's text without what changes from run to run: the banner's program, the id, query time and date. */
    static String withoutVariableFields(String digText) {
        return digText.replaceAll("DiG [^ ]+ <<>>", "netkit dig <<>>").replaceAll("id: \\d+", "id: ID")
                .replaceAll(";; Query time: \\d+ msec", ";; Query time: T").replaceAll(";; WHEN: .*", ";; WHEN: W");
    }

    /**
     * A forger on the lab's server answers netkit's query four times wrongly (wrong id; right id from another
     * port; right id from another address; right id for another question) before the genuine answer: all four
     * are dropped and counted, the genuine answer is shown.
     */
    @Test
    void forgedResponsesInTheLabAreDroppedAndCounted() throws Exception {
        Path script = dir.resolve("forger.py");
        try (var in = DnsLabIT.class.getResourceAsStream("forger.py")) {
            Files.write(script, in.readAllBytes());
        }
        String port = "5353";
        java.util.concurrent.CompletableFuture<LabExtension.Result> forger = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> lab.exec("server", Duration.ofSeconds(30), "timeout", "25", "python3",
                        script.toString(), port));
        try {
            boolean listening = false;
            for (int i = 0; i < 100 && !listening && !forger.isDone(); i++) {
                listening = lab.exec("server", T, "ss", "-Hlun", "sport = :" + port).stdout().contains(":" + port);
                if (!listening) {
                    Thread.sleep(100);
                }
            }
            assertTrue(listening, "the forger did not start: " + (forger.isDone() ? forger.join().output() : ""));
            LabExtension.Result r = lab.netkit("client", "dig", "@198.18.10.10", "-p", port, "+tries=1",
                    "+timeout=5", "server.netkit.test");
            LabExtension.Result f = forger.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, f.exitCode(), f.output());
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.stdout().contains("server.netkit.test.\t300\tIN\tA\t198.18.10.10\n"), r.stdout());
            assertTrue(!r.stdout().contains("6.6.6."), r.stdout());
            assertTrue(r.stdout().contains(";; DROPPED: 4 response(s) that did not match the query's server, id or"
                    + " question"), r.stdout());
        } finally {
            forger.cancel(true);
            Files.deleteIfExists(script);
        }
    }

    /** UDP 9997 on server is closed: dig's "connection refused" at once (ICMP port unreachable), exit 9. */
    @Test
    void closedUdpPortIsConnectionRefusedLikeBindDig() {
        LabExtension.Result ours = lab.netkit("client", "dig", "@198.18.10.10", "-p", "9997", "+tries=2",
                "server.netkit.test");
        LabExtension.Result theirs = bind("@198.18.10.10", "-p", "9997", "+tries=2", "server.netkit.test");
        assertEquals(9, ours.exitCode(), ours.output());
        assertEquals(theirs.exitCode(), ours.exitCode());
        assertEquals(theirs.stdout().replaceAll("DiG [^ ]+ <<>>", "netkit dig <<>>"), ours.stdout());
        assertTrue(ours.stdout().startsWith(";; communications error to 198.18.10.10#9997: connection refused\n"),
                ours.stdout());
    }

    /**
     * TCP 9998 on server is closed (RST): BIND's dig prints each refused connection with its own "no servers
     * could be reached" and no banner, once per try (the lab's resolv.conf says attempts:2), exit 9.
     */
    @Test
    void closedTcpPortPrintsWhatBindDigPrints() {
        String[] q = {"+tcp", "@198.18.10.10", "-p", "9998", "server.netkit.test"};
        List<String> mine = new ArrayList<>(List.of("dig"));
        mine.addAll(List.of(q));
        LabExtension.Result ours = lab.netkit("client", mine.toArray(String[]::new));
        LabExtension.Result theirs = bind(q);
        String pair = ";; Connection to 198.18.10.10#9998(198.18.10.10) for server.netkit.test failed: connection"
                + " refused.\n;; no servers could be reached\n";
        assertEquals(pair.repeat(2), theirs.stdout());
        assertEquals(theirs.stdout(), ours.stdout());
        assertEquals(9, ours.exitCode(), ours.output());
        assertEquals(theirs.exitCode(), ours.exitCode());
    }

    @Test
    void hostAndNslookupMatchBindInTheLab() {
        for (String[] q : new String[][] {{"server.netkit.test"}, {"www.netkit.test"}, {"198.18.10.10"},
                {"-t", "MX", "netkit.test"}, {"nope.netkit.test"}}) {
            List<String> args = new ArrayList<>(List.of(q));
            args.add(AUTH);
            List<String> hostCmd = new ArrayList<>(List.of("host"));
            hostCmd.addAll(args);
            List<String> mine = new ArrayList<>(List.of("host"));
            mine.addAll(args);
            LabExtension.Result theirs = lab.exec("client", T, hostCmd.toArray(String[]::new));
            LabExtension.Result ours = lab.netkit("client", mine.toArray(String[]::new));
            assertEquals(theirs.stdout(), ours.stdout(), String.join(" ", q));
            assertEquals(theirs.exitCode(), ours.exitCode(), String.join(" ", q));
        }
        LabExtension.Result ns = lab.netkit("client", "nslookup", "server.netkit.test");
        assertEquals(lab.exec("client", T, "nslookup", "server.netkit.test").stdout(), ns.stdout());
        assertTrue(ns.stdout().contains("Non-authoritative answer:"), ns.stdout());
        for (String[] q : new String[][] {{"-type=ns", "netkit.test"}, {"-type=mx", "netkit.test"},
                {"-type=soa", "netkit.test"}, {"198.18.10.10"}, {"-type=ptr", "198.18.10.10"}}) {
            List<String> mine = new ArrayList<>(List.of("nslookup"));
            mine.addAll(List.of(q));
            assertEquals(lab.exec("client", T, mine.toArray(String[]::new)).stdout(),
                    lab.netkit("client", mine.toArray(String[]::new)).stdout(), String.join(" ", q));
        }
    }
}
