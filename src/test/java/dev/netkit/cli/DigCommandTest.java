package dev.netkit.cli;

import dev.netkit.dns.DnsChannel;
import dev.netkit.dns.ScriptedDnsChannel;
import dev.netkit.dns.ScriptedDnsChannel.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.netkit.cli.DnsTestSupport.netkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit dig against a scripted server ({@link ScriptedDnsChannel}: the test zones, no socket): the text,
 * +short, batches in input order, the failure lines of silent and refused servers, the servers' order, the TCP
 * retry of a truncated answer. DigIT compares the same with BIND's dig against NSD.
 */
class DigCommandTest {
    static final String AT = "@198.18.10.53";
    static final InetSocketAddress SERVER = new InetSocketAddress("198.18.10.53", 53);
    ScriptedDnsChannel wire;

    @BeforeEach
    void script() {
        wire = new ScriptedDnsChannel();
        Dig.channel = wire;
    }

    @AfterEach
    void restore() {
        Dig.channel = DnsChannel.KERNEL;
    }

    @Test
    void shortPrintsTheDataOfEachAnswer() {
        assertEquals("10 mail.netkit.test.\n20 mail2.netkit.test.\n",
                netkit("dig", AT, "+short", "netkit.test", "MX").out());
        assertEquals("web.netkit.test.\nserver.netkit.test.\n198.18.10.10\n",
                netkit("dig", AT, "+short", "www.netkit.test").out());
        assertEquals("server.netkit.test.\n", netkit("dig", AT, "+short", "-x", "198.18.10.10").out());
        assertEquals("server.netkit.test.\n", netkit("dig", AT, "+short", "-x", "2001:db8:10::10").out());
        assertEquals("\"tab\\009and \\\"quote\\\" and \\\\ and \\255 byte\"\n",
                netkit("dig", AT, "+short", "weird.netkit.test", "TXT").out());
        DnsTestSupport.Result none = netkit("dig", AT, "+short", "nope.netkit.test");
        assertEquals(0, none.code(), none.err());
        assertEquals("", none.out());
        assertEquals(List.of("UDP 198.18.10.53#53 netkit.test./MX", "UDP 198.18.10.53#53 www.netkit.test./A",
                "UDP 198.18.10.53#53 10.10.18.198.in-addr.arpa./PTR"), wire.asked().subList(0, 3));
    }

    @Test
    void fullTextHasDigsSectionsInDigsOrder() {
        DnsTestSupport.Result r = netkit("dig", AT, "nope.netkit.test");
        assertEquals(0, r.code(), r.err());
        List<String> lines = DigIT.normalize(r.out());
        assertEquals(List.of("", "; (1 server found)", ";; global options: +cmd", ";; Got answer:",
                ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: N",
                ";; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1",
                ";; WARNING: recursion requested but not available", "",
                ";; OPT PSEUDOSECTION:", "; EDNS: version: 0, flags:; udp: 1232", ";; QUESTION SECTION:",
                ";nope.netkit.test.\t\tIN\tA", "", ";; AUTHORITY SECTION:",
                "netkit.test.\t\t300\tIN\tSOA\tns.netkit.test. hostmaster.netkit.test. 2026112201 3600 900 604800 300",
                "", ";; SERVER: 198.18.10.53#53(198.18.10.53) (UDP)"), lines.subList(0, 17));
        assertTrue(r.out().startsWith("\n; <<>> netkit dig <<>> " + AT + " nope.netkit.test\n; (1 server found)\n"),
                r.out());
        assertTrue(lines.get(17).startsWith(";; MSG SIZE  rcvd: "), r.out());
    }

    @Test
    void severalLookupsOnOneLineAndInABatchFileAreShownInInputOrder(@TempDir Path dir) throws Exception {
        assertEquals("10 mail.netkit.test.\n20 mail2.netkit.test.\n198.18.10.10\nserver.netkit.test.\n",
                netkit("dig", AT, "+short", "netkit.test", "MX", "server.netkit.test", "-x", "198.18.10.10").out());
        Path f = dir.resolve("queries");
        List<String> expected = DnsTestSupport.writeBatch(f);
        DnsTestSupport.Result r = netkit("dig", AT, "+short", "-f", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out().lines().toList());
    }

    /** As BIND's dig: the lines before a bad one are looked up and printed, then the error; none after it. */
    @Test
    void aBadBatchLinePrintsTheLookupsBeforeItThenTheError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("queries");
        Files.writeString(f, "server.netkit.test\n-x 198.18.10.10\n+nosuchoption\nr1.netkit.test\n");
        DnsTestSupport.Result r = netkit("dig", AT, "+short", "-f", f.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("198.18.10.10\nserver.netkit.test.\n", r.out());
        assertTrue(r.err().contains("+nosuchoption"), r.err());
        assertEquals(2, wire.asked().size(), wire.asked().toString());
    }

    @Test
    void aSilentServerTimesOutEachTryThenExit9() {
        wire.always(new InetSocketAddress("198.18.10.99", 53), Behaviour.SILENT);
        DnsTestSupport.Result r = netkit("dig", "@198.18.10.99", "+timeout=1", "+tries=2", "server.netkit.test");
        assertEquals(9, r.code(), r.err());
        assertEquals(";; communications error to 198.18.10.99#53: timed out\n".repeat(2)
                + "\n; <<>> netkit dig <<>> @198.18.10.99 +timeout=1 +tries=2 server.netkit.test\n"
                + "; (1 server found)\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n",
                r.out());
    }

    @Test
    void aClosedPortIsRefusedPerTryThenExit9() {
        wire.always(SERVER, Behaviour.REFUSED);
        DnsTestSupport.Result r = netkit("dig", AT, "server.netkit.test");
        assertEquals(9, r.code(), r.err());
        assertEquals(";; communications error to 198.18.10.53#53: connection refused\n".repeat(3)
                + "\n; <<>> netkit dig <<>> @198.18.10.53 server.netkit.test\n"
                + "; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n", r.out());
        DnsTestSupport.Result tcp = netkit("dig", "+tcp", AT, "+tries=2", "server.netkit.test");
        String pair = ";; Connection to 198.18.10.53#53(198.18.10.53) for server.netkit.test failed: "
                + "connection refused.\n;; no servers could be reached\n";
        assertEquals(pair.repeat(2), tcp.out());
        assertEquals(9, tcp.code());
    }

    /** BIND dig 9.18's order over UDP: the first server all its tries, then each other server once. */
    @Test
    void severalServersAreTriedInBindDigsOrder() {
        InetSocketAddress second = new InetSocketAddress("198.18.10.54", 53);
        wire.always(SERVER, Behaviour.SILENT).always(second, Behaviour.REFUSED);
        DnsTestSupport.Result r = netkit("dig", AT, "@198.18.10.54", "+tries=2", "+short", "server.netkit.test");
        assertEquals(9, r.code());
        assertEquals(List.of("UDP 198.18.10.53#53 server.netkit.test./A", "UDP 198.18.10.53#53 server.netkit.test./A",
                "UDP 198.18.10.54#53 server.netkit.test./A"), wire.asked());
        assertEquals(List.of(";; communications error to 198.18.10.53#53: timed out",
                ";; communications error to 198.18.10.53#53: timed out",
                ";; communications error to 198.18.10.54#53: connection refused",
                ";; no servers could be reached"), r.out().lines().toList());
    }

    @Test
    void aLostTryIsPrintedBeforeTheAnswerOfTheNext() {
        wire.script(SERVER, Behaviour.SILENT);
        DnsTestSupport.Result r = netkit("dig", AT, "+short", "server.netkit.test");
        assertEquals(0, r.code(), r.err());
        assertEquals(";; communications error to 198.18.10.53#53: timed out\n198.18.10.10\n", r.out());
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() {
        DnsTestSupport.Result r = netkit("dig", AT, "+norec", "+bufsize=512", "big.netkit.test", "TXT");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(";; Truncated, retrying in TCP mode."), r.out());
        assertTrue(r.out().contains(";; SERVER: 198.18.10.53#53(198.18.10.53) (TCP)"), r.out());
        assertTrue(r.out().contains("\"ccccc"), r.out());
        assertEquals(List.of("UDP 198.18.10.53#53 big.netkit.test./TXT", "TCP 198.18.10.53#53 big.netkit.test./TXT"),
                wire.asked());
    }

    @Test
    void tcpAsksOverTcpFromTheStart() {
        DnsTestSupport.Result r = netkit("dig", AT, "+tcp", "server.netkit.test");
        assertTrue(r.out().contains("(TCP)"), r.out());
        assertEquals(List.of("TCP 198.18.10.53#53 server.netkit.test./A"), wire.asked());
    }

    @Test
    void aForgedDatagramIsDroppedAndCounted() {
        wire.script(SERVER, Behaviour.FORGED_FIRST);
        DnsTestSupport.Result r = netkit("dig", AT, "server.netkit.test");
        assertTrue(r.out().contains(
                ";; DROPPED: 1 response(s) that did not match the query's server, id or question\n"), r.out());
        assertTrue(r.out().contains("server.netkit.test.\t3600\tIN\tA\t198.18.10.10\n"), r.out());
    }

    @Test
    void searchListIsUsedOnlyWithSearch(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "nameserver 198.18.10.53\nsearch netkit.test\n");
        assertEquals("198.18.10.10\n",
                netkit("dig", "--resolv-conf", conf.toString(), "+short", "+search", "server").out());
        netkit("dig", "--resolv-conf", conf.toString(), "+short", "server");
        assertEquals("UDP 198.18.10.53#53 server./A", wire.asked().get(wire.asked().size() - 1));
    }

    /**
     * A batch runs through the batch engine whatever the order of its words (the retired Dig.quick took them in
     * main's path): the global option before or after -f FILE.
     */
    @Test
    void aBatchRunsTheSameWhateverTheOrderOfItsWords(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("queries");
        Files.writeString(f, "r1.netkit.test A\nnetkit.test MX\nnope.netkit.test\n-x 198.18.10.10\n");
        DnsTestSupport.Result r = netkit("dig", AT, "-f", f.toString(), "+norec");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\n;r1.netkit.test.\t\t\tIN\tA\n"), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("; <<>> netkit dig <<>> ")).count(), r.out());
        assertEquals(DigIT.normalize(netkit("dig", AT, "+norec", "-f", f.toString()).out()),
                DigIT.normalize(r.out()));
    }

    /** resolv.conf's attempts set dig's tries unless +tries is given (DigNoServerIT: the same against BIND's dig). */
    @Test
    void triesComeFromResolvConfUnlessGiven(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("resolv.conf"),
                "nameserver 198.18.10.53\noptions timeout:2 attempts:4 ndots:1\n");
        wire.always(SERVER, Behaviour.REFUSED);
        DnsTestSupport.Result r = netkit("dig", "--resolv-conf", conf.toString(), "+tcp", "server.netkit.test");
        assertEquals(9, r.code(), r.err());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith(";; Connection to 198.18.10.53#53")).count(), r.out());
        assertEquals(List.of("TCP 198.18.10.53#53 server.netkit.test./A"), wire.asked().stream().distinct().toList());
        assertEquals(4, wire.asked().size());
        netkit("dig", "--resolv-conf", conf.toString(), "+tcp", "+tries=1", "server.netkit.test");
        assertEquals(5, wire.asked().size());
    }

    /** RFC 8427's members for the header, the question and the records, in netkit's NDJSON envelope. */
    @Test
    void jsonUsesRfc8427MemberNames() {
        DnsTestSupport.Result r = netkit("dig", "--json", AT, "www.netkit.test");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> json = DnsTestSupport.parseObject(r.out());
        assertEquals(List.of("type", "server", "port", "transport", "ID", "QR", "Opcode", "AA", "TC", "RD", "RA", "AD",
                "CD", "RCODE", "QDCOUNT", "ANCOUNT", "NSCOUNT", "ARCOUNT", "QNAME", "QTYPE", "QTYPEname", "QCLASS",
                "QCLASSname", "questionRRs", "answerRRs", "authorityRRs", "additionalRRs", "rcode_name", "dateString", "edns",
                "query_time_ms", "msg_size"), new ArrayList<>(json.keySet()));
        assertEquals("response", json.get("type"));
        assertEquals("198.18.10.53", json.get("server"));
        assertEquals("UDP", json.get("transport"));
        Map<String, Object> header = new java.util.LinkedHashMap<>(json);
        header.keySet().retainAll(List.of("QR", "Opcode", "AA", "TC", "RD", "RA", "AD", "CD", "RCODE", "QDCOUNT",
                "ANCOUNT", "NSCOUNT", "ARCOUNT", "QNAME", "QTYPE", "QTYPEname", "QCLASS", "QCLASSname"));
        assertEquals(Map.ofEntries(Map.entry("QR", true), Map.entry("Opcode", 0L), Map.entry("AA", true),
                Map.entry("TC", false), Map.entry("RD", true), Map.entry("RA", false), Map.entry("AD", false),
                Map.entry("CD", false), Map.entry("RCODE", 0L), Map.entry("QDCOUNT", 1L), Map.entry("ANCOUNT", 3L),
                Map.entry("NSCOUNT", 0L), Map.entry("ARCOUNT", 1L), Map.entry("QNAME", "www.netkit.test."),
                Map.entry("QTYPE", 1L), Map.entry("QTYPEname", "A"), Map.entry("QCLASS", 1L),
                Map.entry("QCLASSname", "IN")), header);
        assertTrue(json.get("ID") instanceof Long id && id >= 0 && id <= 65535, json.toString());
        assertEquals(List.of(Map.of("NAME", "www.netkit.test.", "TYPE", 1L, "TYPEname", "A", "CLASS", 1L,
                "CLASSname", "IN")), json.get("questionRRs"));
        List<?> answers = (List<?>) json.get("answerRRs");
        assertEquals(Map.of("NAME", "server.netkit.test.", "TYPE", 1L, "TYPEname", "A", "CLASS", 1L, "CLASSname", "IN",
                "TTL", 3600L, "RDLENGTH", 4L, "RDATAHEX", "C6120A0A", "rdataA", "198.18.10.10"), answers.get(2));
        assertEquals(List.of(Map.of("NAME", "www.netkit.test.", "TYPEname", "CNAME", "CLASSname", "IN", "TTL", 3600L,
                        "rdataCNAME", "web.netkit.test."), Map.of("NAME", "web.netkit.test.", "TYPEname", "CNAME",
                        "CLASSname", "IN", "TTL", 3600L, "rdataCNAME", "server.netkit.test."),
                Map.of("NAME", "server.netkit.test.", "TYPEname", "A", "CLASSname", "IN", "TTL", 3600L, "rdataA",
                        "198.18.10.10")), DnsTestSupport.presented(answers));
        // the OPT pseudo-record is in its section as on the wire (ARCOUNT counts it), without a presentation form
        Map<?, ?> opt = (Map<?, ?>) ((List<?>) json.get("additionalRRs")).get(0);
        assertEquals(Map.of("NAME", ".", "TYPE", 41L, "TYPEname", "OPT", "CLASS", 1232L, "TTL", 0L, "RDLENGTH", 0L,
                "RDATAHEX", ""), opt);
        assertEquals(Map.of("version", 0L, "udp", 1232L, "flags", List.of()), json.get("edns"));
        assertTrue(json.values().stream().noneMatch(java.util.Objects::isNull), json.toString());
    }

    @Test
    void jsonOfNxdomainMxAndNoServer() {
        Map<String, Object> nx = DnsTestSupport.parseObject(netkit("dig", "--json", AT, "nope.netkit.test").out());
        assertEquals(3L, nx.get("RCODE"));
        assertEquals("NXDOMAIN", nx.get("rcode_name"));
        assertEquals(List.of(Map.of("NAME", "netkit.test.", "TYPEname", "SOA", "CLASSname", "IN", "TTL", 300L,
                "rdataSOA", "ns.netkit.test. hostmaster.netkit.test. 2026112201 3600 900 604800 300")),
                DnsTestSupport.presented(nx.get("authorityRRs")));
        Map<String, Object> mx = DnsTestSupport.parseObject(netkit("dig", "--json", AT, "netkit.test", "MX").out());
        assertEquals(List.of("10 mail.netkit.test.", "20 mail2.netkit.test."), ((List<?>) mx.get("answerRRs"))
                .stream().map(a -> ((Map<?, ?>) a).get("rdataMX")).toList());
        wire.always(SERVER, Behaviour.SILENT);
        Map<String, Object> error = DnsTestSupport.parseObject(
                netkit("dig", "--json", AT, "+tries=1", "server.netkit.test").out());
        assertEquals(Map.of("type", "error", "error", "timeout", "message",
                "connection timed out; no servers could be reached", "servers", List.of("198.18.10.53#53")), error);
    }
}
