package dev.netkit.cli;

import dev.netkit.dns.DnsChannel;
import dev.netkit.dns.ScriptedDnsChannel;
import dev.netkit.dns.ScriptedDnsChannel.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.netkitWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * netkit host and nslookup against a scripted server ({@link ScriptedDnsChannel}: the test zones, no socket):
 * BIND's layouts for answers, aliases, NXDOMAIN, failed tries and no answer. HostNslookupIT compares the same
 * with BIND's host and nslookup against NSD.
 */
class HostNslookupCommandTest {
    static final String SERVER_ADDRESS = "198.18.10.53";
    static final InetSocketAddress SERVER = new InetSocketAddress(SERVER_ADDRESS, 53);
    static final String SERVER_BLOCK = "Using domain server:\nName: 198.18.10.53\nAddress: 198.18.10.53#53\n"
            + "Aliases: \n\n";
    ScriptedDnsChannel wire;

    @BeforeEach
    void script() {
        wire = new ScriptedDnsChannel();
        Host.channel = wire;
        Nslookup.channel = wire;
    }

    @AfterEach
    void restore() {
        Host.channel = DnsChannel.KERNEL;
        Nslookup.channel = DnsChannel.KERNEL;
    }

    @Test
    void hostFollowsAliasesAndAsksForAddressesAndMail() {
        DnsTestSupport.Result r = netkit("host", "www.netkit.test", SERVER_ADDRESS);
        assertEquals(0, r.code(), r.err());
        assertEquals(SERVER_BLOCK + "www.netkit.test is an alias for web.netkit.test.\n"
                + "web.netkit.test is an alias for server.netkit.test.\n"
                + "server.netkit.test has address 198.18.10.10\n"
                + "server.netkit.test has IPv6 address 2001:db8:10::10\n", r.out());
        // after the first answer, host asks the canonical name directly
        assertEquals(List.of("UDP 198.18.10.53#53 www.netkit.test./A", "UDP 198.18.10.53#53 server.netkit.test./AAAA",
                "UDP 198.18.10.53#53 server.netkit.test./MX"), wire.asked());
    }

    @Test
    void hostOfAnExplicitTypeAndOfAnAddress() {
        assertEquals(SERVER_BLOCK + "netkit.test mail is handled by 10 mail.netkit.test.\n"
                + "netkit.test mail is handled by 20 mail2.netkit.test.\n",
                netkit("host", "-t", "MX", "netkit.test", SERVER_ADDRESS).out());
        assertEquals(SERVER_BLOCK + "server.netkit.test has no MX record\n",
                netkit("host", "-t", "MX", "server.netkit.test", SERVER_ADDRESS).out());
        assertEquals(SERVER_BLOCK + "10.10.18.198.in-addr.arpa domain name pointer server.netkit.test.\n",
                netkit("host", "198.18.10.10", SERVER_ADDRESS).out());
    }

    @Test
    void hostOfAMissingNameIsNxdomainExit1() {
        DnsTestSupport.Result r = netkit("host", "nope.netkit.test", SERVER_ADDRESS);
        assertEquals(1, r.code());
        assertEquals(SERVER_BLOCK + "Host nope.netkit.test not found: 3(NXDOMAIN)\n", r.out());
    }

    /** -R N: N retries, at least 2 tries; each failed try, then BIND 9.18's verdict, no server block. */
    @Test
    void hostWithoutAnAnswerPrintsEachTryAndTheVerdict() {
        wire.always(SERVER, Behaviour.SILENT);
        DnsTestSupport.Result r = netkit("host", "-W", "1", "-R", "2", "server.netkit.test", SERVER_ADDRESS);
        assertEquals(1, r.code());
        assertEquals(";; communications error to 198.18.10.53#53: timed out\n".repeat(3)
                + ";; no servers could be reached\n", r.out());
    }

    @Test
    void aLostTryIsPrintedBeforeTheServerAndTheAnswer() {
        wire.script(SERVER, Behaviour.SILENT);
        DnsTestSupport.Result host = netkit("host", "-W", "1", "-t", "A", "server.netkit.test", SERVER_ADDRESS);
        assertEquals(";; communications error to 198.18.10.53#53: timed out\n" + SERVER_BLOCK
                + "server.netkit.test has address 198.18.10.10\n", host.out());
        wire.script(SERVER, Behaviour.SILENT);
        DnsTestSupport.Result ns = netkit("nslookup", "-timeout=1", "-type=A", "server.netkit.test", SERVER_ADDRESS);
        assertEquals(";; communications error to 198.18.10.53#53: timed out\nServer:\t\t198.18.10.53\n"
                + "Address:\t198.18.10.53#53\n\nName:\tserver.netkit.test\nAddress: 198.18.10.10\n\n", ns.out());
    }

    @Test
    void nslookupPrintsAddressesOfBothFamilies() {
        DnsTestSupport.Result r = netkit("nslookup", "server.netkit.test", SERVER_ADDRESS);
        assertEquals(0, r.code(), r.err());
        assertEquals("Server:\t\t198.18.10.53\nAddress:\t198.18.10.53#53\n\n"
                + "Name:\tserver.netkit.test\nAddress: 198.18.10.10\n"
                + "Name:\tserver.netkit.test\nAddress: 2001:db8:10::10\n\n", r.out());
    }

    @Test
    void nslookupOfAMissingNameAndOfAnAddress() {
        DnsTestSupport.Result r = netkit("nslookup", "nope.netkit.test", SERVER_ADDRESS);
        assertEquals(1, r.code());
        assertEquals("Server:\t\t198.18.10.53\nAddress:\t198.18.10.53#53\n\n"
                + "** server can't find nope.netkit.test: NXDOMAIN\n\n", r.out());
        assertEquals("10.10.18.198.in-addr.arpa\tname = server.netkit.test.\n\n",
                netkit("nslookup", "198.18.10.10", SERVER_ADDRESS).out());
    }

    @Test
    void nslookupWithoutAnAnswerPrintsEachTryAndTheVerdict() {
        wire.always(SERVER, Behaviour.REFUSED);
        DnsTestSupport.Result r = netkit("nslookup", "-retry=1", "server.netkit.test", SERVER_ADDRESS);
        assertEquals(1, r.code());
        assertEquals(";; communications error to 198.18.10.53#53: connection refused\n"
                + ";; no servers could be reached\n\n", r.out());
    }

    @Test
    void nslookupInteractiveModeReadsCommands() {
        String script = "set type=mx\nnetkit.test\nset type=a\nnope.netkit.test\nexit\n";
        DnsTestSupport.Result r = netkitWithInput(script, "nslookup", "-", SERVER_ADDRESS);
        assertEquals("Server:\t\t198.18.10.53\nAddress:\t198.18.10.53#53\n\n"
                + "netkit.test\tmail exchanger = 10 mail.netkit.test.\n"
                + "netkit.test\tmail exchanger = 20 mail2.netkit.test.\n"
                + "Server:\t\t198.18.10.53\nAddress:\t198.18.10.53#53\n\n"
                + "** server can't find nope.netkit.test: NXDOMAIN\n\n", r.out());
    }

    /**
     * nslookup takes its tries from resolv.conf's attempts unless -retry is given (3 without either); host takes
     * only the timeout and keeps its two tries (HostNslookupResolvConfIT: the time per try on a silent socket).
     */
    @Test
    void triesComeFromResolvConfAsInBind(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        wire.always(SERVER, Behaviour.REFUSED);
        java.nio.file.Path four = java.nio.file.Files.writeString(dir.resolve("four.conf"),
                "nameserver 198.18.10.53\noptions attempts:4\n");
        java.nio.file.Path none = java.nio.file.Files.writeString(dir.resolve("none.conf"), "nameserver 198.18.10.53\n");
        List<Integer> tries = new java.util.ArrayList<>();
        for (String[] args : List.of(new String[] {"nslookup", "--resolv-conf", four.toString(), "server.netkit.test"},
                new String[] {"nslookup", "--resolv-conf", four.toString(), "-retry=1", "server.netkit.test"},
                new String[] {"nslookup", "--resolv-conf", none.toString(), "server.netkit.test"},
                new String[] {"host", "--resolv-conf", four.toString(), "-t", "A", "server.netkit.test"})) {
            int before = wire.asked().size();
            DnsTestSupport.Result r = netkit(args);
            assertEquals(1, r.code(), r.err());
            tries.add(wire.asked().size() - before);
        }
        assertEquals(List.of(4, 1, 3, 2), tries);
    }

    /** host and nslookup print dig's JSON (RFC 8427's members): one response per query. */
    @Test
    void jsonIsOneResponsePerQuery() {
        List<java.util.Map<String, Object>> host = DnsTestSupport.parseLines(
                netkit("host", "--json", "www.netkit.test", SERVER_ADDRESS).out());
        assertEquals(List.of("A", "AAAA", "MX"), host.stream().map(m -> m.get("QTYPEname")).toList());
        assertEquals(List.of("www.netkit.test.", "server.netkit.test.", "server.netkit.test."),
                host.stream().map(m -> m.get("QNAME")).toList());
        List<java.util.Map<String, Object>> ns = DnsTestSupport.parseLines(
                netkit("nslookup", "--json", "server.netkit.test", SERVER_ADDRESS).out());
        assertEquals(List.of("A", "AAAA"), ns.stream().map(m -> m.get("QTYPEname")).toList());
        assertEquals(List.of("2001:db8:10::10"), DnsTestSupport.presented(ns.get(1).get("answerRRs")).stream()
                .map(m -> m.get("rdataAAAA")).toList());
        // no server answered: dig's error object
        wire.always(SERVER, Behaviour.SILENT);
        java.util.Map<String, Object> expected = java.util.Map.of("type", "error", "error", "timeout", "message",
                "connection timed out; no servers could be reached", "servers", List.of("198.18.10.53#53"));
        assertEquals(expected, DnsTestSupport.parseObject(netkit("host", "--json", "-W", "1", "server.netkit.test",
                SERVER_ADDRESS).out()));
        assertEquals(expected, DnsTestSupport.parseObject(netkit("nslookup", "--json", "server.netkit.test",
                SERVER_ADDRESS).out()));
    }
}
