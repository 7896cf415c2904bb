package dev.netkit.cli;

import dev.netkit.cli.render.DigRenderer;
import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.netkit.cli.DnsTestSupport.bindDig;
import static dev.netkit.cli.DnsTestSupport.digRecords;
import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.parseObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit dig against BIND's dig, both asking a real NSD on loopback that serves the test zones (a copy
 * of the lab's shape). +short must be identical and the JSON sections equal to dig's.
 */
class DigIT {
    static NsdServer nsd;
    static String at;
    static String port;

    @BeforeAll
    static void startServer() {
        NsdServer.class.getName();
        nsd = NsdServer.start(false);
        at = "@127.0.0.1";
        port = String.valueOf(nsd.port());
    }

    @AfterAll
    static void stopServer() {
        if (nsd != null) {
            nsd.close();
        }
    }

    /** Every record type of the test zone, the CNAME chain, reverse names, escapes and the large TXT. */
    static final String[] QUERIES = {
            "netkit.test SOA", "netkit.test NS", "netkit.test MX", "netkit.test TXT", "server.netkit.test A",
            "server.netkit.test AAAA", "www.netkit.test A", "www.netkit.test CNAME", "_http._tcp.netkit.test SRV",
            "hinfo.netkit.test HINFO", "caa.netkit.test CAA", "weird.netkit.test TXT", "big.netkit.test TXT",
            "-x 198.18.10.10", "-x 2001:db8:10::10", "-x 198.18.1.1", "nope.netkit.test A", "lame.netkit.test A",
            "r1.netkit.test AAAA"};

    @ParameterizedTest
    @ValueSource(strings = {
            "netkit.test SOA", "netkit.test NS", "netkit.test MX", "netkit.test TXT", "server.netkit.test A",
            "server.netkit.test AAAA", "www.netkit.test A", "www.netkit.test CNAME", "_http._tcp.netkit.test SRV",
            "hinfo.netkit.test HINFO", "caa.netkit.test CAA", "weird.netkit.test TXT", "big.netkit.test TXT",
            "-x 198.18.10.10", "-x 2001:db8:10::10", "-x 198.18.1.1", "nope.netkit.test A", "r1.netkit.test AAAA"})
    void shortIsIdenticalToBindDig(String query) {
        List<String> args = new ArrayList<>(List.of(at, "-p", port, "+norec", "+short"));
        args.addAll(List.of(query.split(" ")));
        DnsTestSupport.Result bind = bindDig(args.toArray(String[]::new));
        List<String> mine = new ArrayList<>(List.of("dig"));
        mine.addAll(args);
        DnsTestSupport.Result ours = netkit(mine.toArray(String[]::new));
        assertEquals(0, bind.code(), bind.out());
        assertEquals(0, ours.code(), ours.err());
        assertEquals(bind.out(), ours.out(), query);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "netkit.test SOA", "netkit.test MX", "netkit.test TXT", "server.netkit.test AAAA", "www.netkit.test A",
            "_http._tcp.netkit.test SRV", "caa.netkit.test CAA", "weird.netkit.test TXT",
            "-x 2001:db8:10::10", "nope.netkit.test A", "lame.netkit.test A"})
    void jsonSectionsEqualBindDigSections(String query) {
        List<String> common = new ArrayList<>(List.of(at, "-p", port, "+norec"));
        common.addAll(List.of(query.split(" ")));
        List<String> mine = new ArrayList<>(List.of("dig", "--json"));
        mine.addAll(common);
        DnsTestSupport.Result ours = netkit(mine.toArray(String[]::new));
        assertEquals(0, ours.code(), ours.err());
        Map<String, Object> json = parseObject(ours.out());
        assertEquals("response", json.get("type"));
        for (String section : List.of("answer", "authority", "additional")) {
            List<String> a = new ArrayList<>(common);
            a.addAll(List.of("+noall", "+" + section));
            List<Map<String, Object>> expected = digRecords(bindDig(a.toArray(String[]::new)).out());
            assertEquals(expected, DnsTestSupport.presented(json.get(section + "RRs")), query + " " + section);
            // RDLENGTH and RDATAHEX against BIND's RFC 3597 form of the same records (\# LENGTH HEX)
            a.add("+unknownformat");
            assertEquals(DnsTestSupport.digRdata(bindDig(a.toArray(String[]::new)).out()),
                    DnsTestSupport.rdata(json.get(section + "RRs")), query + " " + section + " RDATA");
        }
        // the header: BIND's flags, counts, opcode and status
        List<String> a = new ArrayList<>(common);
        a.addAll(List.of("+noall", "+comments"));
        assertEquals(DnsTestSupport.digHeader(bindDig(a.toArray(String[]::new)).out()), DnsTestSupport.header(json),
                query + " header");
    }

    @Test
    void fullTextMatchesBindDigLineForLine() {
        DnsTestSupport.Result bind = bindDig(at, "-p", port, "+norec", "netkit.test", "MX");
        DnsTestSupport.Result ours = netkit("dig", at, "-p", port, "+norec", "netkit.test", "MX");
        // the lines that differ by nature: banner (program name), id, query time, date
        List<String> b = normalize(bind.out());
        List<String> o = normalize(ours.out());
        assertEquals(b, o);
    }

    /**
     * A batch through the one parser and the batch engine: line for line BIND's text, including a name whose
     * question line needs three tabs (dig counts the columns without the ';').
     */
    @Test
    void batchMatchesBindDigLineForLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("queries");
        Files.writeString(f, "r1.netkit.test A\nnetkit.test MX\nnope.netkit.test\n-x 198.18.10.10\n");
        DnsTestSupport.Result ours = netkit("dig", at, "-p", port, "+norec", "-f", f.toString());
        assertEquals(0, ours.code(), ours.err());
        DnsTestSupport.Result bind = bindDig(at, "-p", port, "+norec", "-f", f.toString());
        assertTrue(ours.out().contains("\n;r1.netkit.test.\t\t\tIN\tA\n"), ours.out());
        assertEquals(normalize(bind.out()), normalize(ours.out()));
    }

    /**
     * What the retired fast path (Dig.quick) left to picocli, picocli still answers before any lookup: help, and
     * one line with exit 2 for an option given twice, without its value or with a value it takes none.
     */
    @Test
    void picocliAnswersItsOwnOptionsBeforeAnyLookup() {
        for (String[] args : List.of(new String[] {"dig", "--help"}, new String[] {"dig", "-h"})) {
            DnsTestSupport.Result r = netkit(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: netkit dig "), r.out());
        }
        for (String[] args : List.of(new String[] {"dig", "--validate=yes", "x"},
                new String[] {"dig", "--json", "--json", "x"}, new String[] {"dig", "--root-hints"},
                new String[] {"dig", "--root-hints", "--json", "x"},
                new String[] {"dig", "--resolv-conf", "a", "--resolv-conf=b", "x"})) {
            DnsTestSupport.Result r = netkit(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals("", r.out(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    /**
     * netkit's options of dig, in both spellings (a separate value and --OPTION=VALUE), give the same answer, from
     * the server that --resolv-conf names (nothing else points the lookup at it).
     */
    @Test
    void digsOwnLongOptionsTakeBothSpellings(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "nameserver 127.0.0.1\n");
        for (String[][] pair : List.of(
                new String[][] {{"dig", "--resolv-conf", conf.toString(), "-p", port, "+short", "netkit.test", "MX"},
                        {"dig", "--no-color", "--resolv-conf=" + conf, "-p", port, "+short", "netkit.test", "MX"}},
                new String[][] {{"dig", "--json", "--resolv-conf", conf.toString(), "-p", port, "netkit.test", "MX"},
                        {"dig", "--resolv-conf=" + conf, "-p", port, "netkit.test", "MX", "--json"}})) {
            DnsTestSupport.Result one = netkit(pair[0]);
            assertEquals(0, one.code(), String.join(" ", pair[0]) + ": " + one.err());
            DnsTestSupport.Result other = netkit(pair[1]);
            assertEquals(0, other.code(), other.err());
            String first = one.out().replaceAll("\"(ID|query_time_ms|dateString)\":[^,]*,", "");
            String second = other.out().replaceAll("\"(ID|query_time_ms|dateString)\":[^,]*,", "");
            assertTrue(first.contains("10 mail.netkit.test."), first);
            assertEquals(first, second, String.join(" ", pair[1]));
        }
    }

    /** The WHEN line's UTC shortcut gives the formatter's text. */
    @Test
    void whenInUtcIsTheFormattersText() {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern(
                "EEE MMM dd HH:mm:ss zzz yyyy", java.util.Locale.ROOT);
        for (long t : new long[] {0, 951_782_400L, 1_700_000_000L, 1_795_000_123L, 4_102_444_799L}) {
            java.time.ZonedDateTime z = java.time.Instant.ofEpochSecond(t).atZone(java.time.ZoneId.of("Etc/UTC"));
            assertEquals(f.format(z), DigRenderer.when(z));
        }
    }

    static List<String> normalize(String text) {
        return text.lines()
                .filter(l -> !l.startsWith("; <<>>") && !l.startsWith(";; Query time") && !l.startsWith(";; WHEN"))
                .map(l -> l.replaceAll("id: \\d+", "id: N"))
                .toList();
    }

    @Test
    void headerShowsStatusFlagsAndCounts() {
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "nope.netkit.test");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: "), r.out());
        assertTrue(r.out().contains(";; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1"), r.out());
        assertTrue(r.out().contains(";; WARNING: recursion requested but not available"), r.out());
        assertTrue(r.out().contains(";; SERVER: 127.0.0.1#" + port + "(127.0.0.1) (UDP)"), r.out());
    }

    @Test
    void largeTxtArrivesOverTcpAfterTruncation() {
        // a 512-byte buffer makes the 700-byte TXT answer come back truncated over UDP
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "+norec", "+bufsize=512", "big.netkit.test", "TXT");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(";; Truncated, retrying in TCP mode."), r.out());
        assertTrue(r.out().contains("(TCP)"), r.out());
        assertTrue(r.out().contains("\"ccccc"), r.out());
        Map<String, Object> json = parseObject(netkit("dig", "--json", at, "-p", port, "+norec", "+noedns",
                "big.netkit.test", "TXT").out());
        assertEquals("TCP", json.get("transport"));
        assertEquals(true, json.get("truncated_retry"));
        assertEquals(1, ((List<?>) json.get("answerRRs")).size());
    }

    @Test
    void tcpOptionUsesTcpFromTheStart() {
        Map<String, Object> json = parseObject(netkit("dig", "--json", at, "-p", port, "+tcp", "server.netkit.test").out());
        assertEquals("TCP", json.get("transport"));
        assertFalse(json.containsKey("truncated_retry"));
    }

    @Test
    void severalQueriesOnOneLineRunInOrder() {
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "+short", "netkit.test", "MX", "server.netkit.test",
                "-x", "198.18.10.10");
        assertEquals("10 mail.netkit.test.\n20 mail2.netkit.test.\n198.18.10.10\nserver.netkit.test.\n", r.out());
    }

    @Test
    void batchFileAnswersInInputOrder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("queries");
        List<String> expected = DnsTestSupport.writeBatch(f);
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "+short", "-f", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out().lines().toList());
        DnsTestSupport.Result bind = bindDig(at, "-p", port, "+short", "-f", f.toString());
        assertEquals(bind.out(), r.out());
    }

    /** As BIND's dig: the lines before a bad one are looked up and printed, then the error; none after it. */
    @Test
    void aBadBatchLinePrintsTheLookupsBeforeItThenTheError(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("queries");
        Files.writeString(f, "server.netkit.test\n-x 198.18.10.10\n+nosuchoption\nr1.netkit.test\n");
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "+short", "-f", f.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("198.18.10.10\nserver.netkit.test.\n", r.out());
        assertTrue(r.err().contains("+nosuchoption"), r.err());
        assertEquals(bindDig(at, "-p", port, "+short", "-f", f.toString()).out(), r.out());
    }

    @Test
    void noNameAsksForTheRootNameServers() {
        Map<String, Object> json = parseObject(netkit("dig", "--json", at, "-p", port, "+norec").out());
        assertEquals(List.of(".", "NS", "IN"), DnsTestSupport.question(json));
        assertEquals("REFUSED", json.get("rcode_name"));
        assertEquals(5L, json.get("RCODE"));
    }

    @Test
    void nsidIsShownInThePseudosection() {
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "+nsid", "server.netkit.test");
        assertTrue(r.out().contains("; NSID: 6e 65 74 6b 69 74 2d 74 65 73 74 (\"netkit-test\")"), r.out());
    }

    @Test
    void silentServerTimesOutWithDigsMessageAndExit9() throws Exception {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            String p = String.valueOf(silent.getLocalPort());
            DnsTestSupport.Result r = netkit("dig", at, "-p", p, "+timeout=1", "+tries=2", "server.netkit.test");
            assertEquals(9, r.code(), r.err());
            assertTrue(r.out().endsWith(";; connection timed out; no servers could be reached\n"), r.out());
            assertEquals(2, r.out().lines().filter(l -> l.equals(";; communications error to 127.0.0.1#" + p
                    + ": timed out")).count(), r.out());
            Map<String, Object> json = parseObject(netkit("dig", "--json", at, "-p", p, "+timeout=1", "+tries=1",
                    "server.netkit.test").out());
            assertEquals("error", json.get("type"));
            assertEquals("timeout", json.get("error"));
        }
    }

    /** A closed UDP port answers with ICMP port unreachable: dig says "connection refused" per try, exit 9. */
    @Test
    void closedPortIsConnectionRefusedAsDigSaysIt() throws Exception {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            closed = s.getLocalPort();
        }
        String p = String.valueOf(closed);
        long t0 = System.nanoTime();
        DnsTestSupport.Result r = netkit("dig", at, "-p", p, "server.netkit.test");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(9, r.code(), r.err());
        String refused = ";; communications error to 127.0.0.1#" + p + ": connection refused\n";
        assertEquals(refused.repeat(3) + "\n; <<>> netkit dig <<>> @127.0.0.1 -p " + p + " server.netkit.test\n"
                + "; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n", r.out());
        assertTrue(ms < 4000, "refused at once, not after a time-out: " + ms + " ms");
        DnsTestSupport.Result bind = bindDig(at, "-p", p, "server.netkit.test");
        assertEquals(bind.code(), r.code());
        assertEquals(bind.out().replaceAll("DiG [^ ]+", "netkit dig"), r.out());
        assertEquals(bindDig(at, "-p", p, "+short", "+tries=1", "server.netkit.test").out(),
                netkit("dig", at, "-p", p, "+short", "+tries=1", "server.netkit.test").out());
        Map<String, Object> json = parseObject(netkit("dig", "--json", at, "-p", p, "+tries=1",
                "server.netkit.test").out());
        assertEquals("unreachable", json.get("error"));
    }

    /** "; (N servers found)" counts the addresses of @SERVER, as BIND dig does (2 for a dual-stack localhost). */
    @Test
    void serversFoundCountsTheServersAddresses() throws Exception {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            closed = s.getLocalPort();
        }
        String p = String.valueOf(closed);
        int n = java.net.InetAddress.getAllByName("localhost").length;
        String line = "; (" + n + (n == 1 ? " server" : " servers") + " found)";
        DnsTestSupport.Result r = netkit("dig", "@localhost", "-p", p, "+tries=1", "server.netkit.test");
        assertTrue(r.out().lines().anyMatch(line::equals), r.out());
        DnsTestSupport.Result bind = bindDig("@localhost", "-p", p, "+tries=1", "server.netkit.test");
        assertTrue(bind.out().lines().anyMatch(line::equals), bind.out());
    }

    @Test
    void badTypeAndBadOptionAreUsageErrors() {
        DnsTestSupport.Result r = netkit("dig", at, "-p", port, "-t", "BOGUS", "server.netkit.test");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("netkit dig: "), r.err());
        r = netkit("dig", "+frobnicate", "server.netkit.test");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("+frobnicate"), r.err());
        r = netkit("dig", "-x", "not-an-address");
        assertEquals(2, r.code());
    }

    @Test
    void searchListIsUsedOnlyWithSearchAndNeverForAbsoluteNames(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "nameserver 127.0.0.1\nsearch netkit.test\n");
        DnsTestSupport.Result searched = netkit("dig", "--resolv-conf", conf.toString(), "-p", port, "+short",
                "+search", "server");
        assertEquals("198.18.10.10\n", searched.out());
        DnsTestSupport.Result absolute = netkit("dig", "--json", "--resolv-conf", conf.toString(), "-p", port,
                "+search", "server.");
        assertEquals("server.", parseObject(absolute.out()).get("QNAME"));
        DnsTestSupport.Result plain = netkit("dig", "--json", "--resolv-conf", conf.toString(), "-p", port, "server");
        assertEquals("server.", parseObject(plain.out()).get("QNAME"));
    }
}
