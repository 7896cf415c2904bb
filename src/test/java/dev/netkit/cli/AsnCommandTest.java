package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import dev.netkit.lab.DnsZones;
import dev.netkit.lab.Topologies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netkit asn} against the lab's own netkit.test. zone (with its origin.asn.netkit.test. data) served by NSD on
 * loopback, field by field against BIND's dig TXT of the same names.
 */
class AsnCommandTest {
    private static final String ZONE = "origin.asn.netkit.test";
    private static NsdServer nsd;
    private static String port;

    @BeforeAll
    static void serve() throws Exception {
        int p;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            p = s.getLocalPort();
        }
        nsd = NsdServer.serve(InetAddress.getLoopbackAddress(), p,
                Map.of("netkit.test", new DnsZones(Topologies.internet()).netkit()));
        port = String.valueOf(p);
    }

    @AfterAll
    static void stop() {
        if (nsd != null) {
            nsd.close();
        }
    }

    private static String digTxt(String name) {
        DnsTestSupport.Result r = DnsTestSupport.bindDig("@127.0.0.1", "-p", port, "+short", "TXT", name);
        assertEquals(0, r.code(), r.err());
        return r.out().strip().replace("\"", "");
    }

    private static String[] fields(String txt) {
        String[] f = txt.split("\\|");
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    @Test
    void everyKindOfQueryMatchesDigTxtOfTheOriginZone() {
        DnsTestSupport.Result r = DnsTestSupport.netkit("asn", "-s", "127.0.0.1", "-p", port, "--zone", ZONE,
                "198.18.10.10", "AS64501", "2001:db8:3::2", "198.18.2.0/30", "64503");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(6, lines.length, r.out());
        assertTrue(lines[0].startsWith("AS      | IP "), lines[0]);
        List<String[]> expected = new ArrayList<>();
        // address: the origin TXT and the AS name TXT, as dig shows them
        String[] o = fields(digTxt("10.10.10.18.198.origin.asn.netkit.test"));
        String[] n = fields(digTxt("AS" + o[0] + ".asn.netkit.test"));
        expected.add(new String[] {o[0], "198.18.10.10", o[1], o[2], o[3], o[4], n[4]});
        String[] a1 = fields(digTxt("AS64501.asn.netkit.test"));
        expected.add(new String[] {a1[0], "AS64501", "NA", a1[1], a1[2], a1[3], a1[4]});
        String v6 = "2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.0.8.b.d.0.1.0.0.2.origin6.asn.netkit.test";
        String[] o6 = fields(digTxt(v6));
        String[] n6 = fields(digTxt("AS" + o6[0] + ".asn.netkit.test"));
        expected.add(new String[] {o6[0], "2001:db8:3::2", o6[1], o6[2], o6[3], o6[4], n6[4]});
        String[] op = fields(digTxt("0.2.18.198.origin.asn.netkit.test"));
        String[] np = fields(digTxt("AS" + op[0] + ".asn.netkit.test"));
        expected.add(new String[] {op[0], "198.18.2.0/30", op[1], op[2], op[3], op[4], np[4]});
        String[] a3 = fields(digTxt("AS64503.asn.netkit.test"));
        expected.add(new String[] {a3[0], "AS64503", "NA", a3[1], a3[2], a3[3], a3[4]});
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(List.of(expected.get(i)), List.of(fields(lines[i + 1])), lines[i + 1]);
        }
        assertEquals("64510", expected.get(0)[0]);
    }

    @Test
    void jsonAndStandardInputInTheOrderGiven() {
        DnsTestSupport.Result r = DnsTestSupport.netkitWithInput("# lab\nbegin\n198.18.1.10\nAS64510\nend\n",
                "asn", "--json", "-s", "127.0.0.1", "-p", port, "--zone", ZONE, "198.18.3.2", "-");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        Map<String, Object> first = DnsTestSupport.parseObject(lines.get(0));
        assertEquals("asn", first.get("type"));
        assertEquals("198.18.3.2", first.get("query"));
        assertEquals(64503L, first.get("asn"));
        assertEquals("198.18.3.0/30", first.get("prefix"));
        assertEquals("ZZ", first.get("country"));
        assertEquals("lab", first.get("registry"));
        assertEquals("2026-01-01", first.get("allocated"));
        assertEquals(fields(digTxt("AS64503.asn.netkit.test"))[4], first.get("as_name"));
        assertEquals("198.18.1.10", DnsTestSupport.parseObject(lines.get(1)).get("query"));
        Map<String, Object> as = DnsTestSupport.parseObject(lines.get(2));
        assertEquals(64510L, as.get("asn"));
        assertFalse(as.containsKey("prefix"));
    }

    @Test
    void nothingFoundIsExitOneAndPartlyIsThree() {
        DnsTestSupport.Result none = DnsTestSupport.netkit("asn", "-s", "127.0.0.1", "-p", port, "--zone", ZONE,
                "192.0.2.1");
        assertEquals(1, none.code(), none.out() + none.err());
        assertTrue(none.out().contains("NA      | 192.0.2.1"), none.out());
        DnsTestSupport.Result some = DnsTestSupport.netkit("asn", "-s", "127.0.0.1", "-p", port, "--zone", ZONE,
                "192.0.2.1", "198.18.10.53", "AS1");
        assertEquals(3, some.code(), some.out() + some.err());
    }

    @Test
    void badQueriesAreUsageErrors() {
        for (String bad : new String[] {"server.netkit.test", "300.1.1.1", "198.18.0.0/33", "AS99999999999", "a;b",
                "x\u001b[31m"}) {
            DnsTestSupport.Result r = DnsTestSupport.netkit("asn", "-s", "127.0.0.1", "-p", port, bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("\u001b"), r.err());
        }
    }

    @Test
    void aServerThatNeverAnswersIsExitNine() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsTestSupport.Result r = DnsTestSupport.netkit("asn", "-s", "127.0.0.1", "-p",
                    String.valueOf(silent.getLocalPort()), "-w", "1", "--zone", ZONE, "198.18.10.10");
            assertEquals(9, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith("netkit asn: no answer from the DNS server"), r.err());
        }
    }
}
