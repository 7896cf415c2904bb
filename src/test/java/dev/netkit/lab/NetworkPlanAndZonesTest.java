package dev.netkit.lab;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkPlanAndZonesTest {
    private final Topology internet = Topologies.internet();
    private final NetworkPlan plan = new NetworkPlan(internet, "nkq-");
    private final DnsZones zones = new DnsZones(internet);

    @Test
    void vethEndsAreBornInsideTheirNamespaces() {
        String links = plan.linksBatch();
        assertTrue(links.contains("link add eth0 index 10 address 02:6e:6b:01:00:0a netns nkq-client type veth peer name client"
                + " index 11 address 02:6e:6b:01:01:0a netns nkq-r1\n"), links);
        links.lines().forEach(l -> assertTrue(l.matches("link add .* netns nkq-\\S+ type veth peer .* netns nkq-\\S+"), l));
        assertEquals(12, plan.namespacesBatch().lines().count());
    }

    @Test
    void r1HasTheBridgeAndTheSmallMtu() {
        String r1 = plan.hostBatch("r1");
        assertTrue(r1.contains("link add lan address 02:6e:6b:01:00:01 type bridge\n"), r1);
        assertTrue(r1.contains("link set client master lan\n"), r1);
        assertTrue(r1.contains("link set r2 mtu 1400 up\n"), r1);
        assertTrue(r1.contains("addr add 2001:db8:2::1/64 nodad dev r2\n"), r1);
        assertTrue(r1.contains("route add 0.0.0.0/0 via 198.18.2.2\n"), r1);
        assertTrue(r1.contains("route add ::/0 via 2001:db8:2::2\n"), r1);
        String script = plan.hostScript("r1", "ip", "nft", "/x/ip.batch", "/x/rules.nft");
        assertTrue(script.contains("echo 1 > /proc/sys/net/ipv4/ip_forward"), script);
        assertTrue(script.contains("echo 1 > /proc/sys/net/ipv6/conf/all/forwarding"), script);
        assertFalse(script.contains("nft -f"), "r1 has no rules: " + script);
        String client = plan.hostScript("client", "ip", "nft", "/x/ip.batch", "/x/rules.nft");
        assertFalse(client.contains("ip_forward"), client);
        assertTrue(plan.hostScript("r3", "ip", "nft", "/x/ip.batch", "/x/rules.nft").contains("nft -f /x/rules.nft"));
    }

    @Test
    void delegationChainRootTldAuth() {
        String root = zones.root();
        assertTrue(root.contains(". IN NS root.netkit.test.\n"), root);
        assertTrue(root.contains("test. IN NS tld.netkit.test.\n"), root);
        assertTrue(root.contains("tld.netkit.test. IN A 198.18.10.3\n"), root);
        assertTrue(root.contains("18.198.in-addr.arpa. IN NS auth.netkit.test.\n"), root);
        String test = zones.test();
        assertTrue(test.contains("netkit.test. IN NS auth.netkit.test.\n"), test);
        assertTrue(test.contains("auth.netkit.test. IN AAAA 2001:db8:10::4\n"), test);
        assertEquals(". 3600000 IN NS root.netkit.test.\nroot.netkit.test. 3600000 IN A 198.18.10.2\n"
                + "root.netkit.test. 3600000 IN AAAA 2001:db8:10::2\n", zones.rootHints());
    }

    @Test
    void netkitZoneHasTheTeachingRecords() {
        String z = zones.netkit();
        assertTrue(z.contains("server IN A 198.18.10.10\n"), z);
        assertTrue(z.contains("server IN AAAA 2001:db8:10::10\n"), z);
        assertTrue(z.contains("www IN CNAME web\n"), z);
        assertTrue(z.contains("web IN CNAME server\n"), z);
        assertTrue(z.contains("@ IN MX 10 server\n"), z);
        assertTrue(z.contains("_http._tcp IN SRV 10 60 80 server\n"), z);
        assertTrue(z.contains("lame IN NS tld\n"), z);
        assertTrue(z.contains("*.10.18.198.origin.asn IN TXT \"64510 | 198.18.10.0/24 | ZZ | lab | 2026-01-01\"\n"), z);
        assertTrue(z.contains("3.2.18.198.origin.asn IN TXT \"64502 | 198.18.2.0/30 | ZZ | lab | 2026-01-01\"\n"), z);
        assertTrue(z.contains("*.0.0.0.0.0.1.0.0.8.b.d.0.1.0.0.2.origin6.asn IN TXT \"64510 | 2001:db8:10::/64"), z);
    }

    @Test
    void bigTxtExceeds512Bytes() {
        String txt = DnsZones.bigTxt();
        assertTrue(txt.getBytes(StandardCharsets.US_ASCII).length > 512, txt);
        for (String part : txt.split("\" \"")) {
            assertTrue(part.replace("\"", "").length() <= 255, "a TXT string holds at most 255 bytes");
        }
    }

    @Test
    void reverseZonesCoverEveryAddress() {
        String r4 = zones.reverse4();
        String r6 = zones.reverse6();
        for (Topology.Host h : internet.hosts()) {
            for (String a : internet.addresses(h.name())) {
                String owner = a.contains(":") ? DnsZones.reverseNibbles(a) + ".ip6.arpa." : reverse4(a);
                assertTrue((a.contains(":") ? r6 : r4).contains(owner + " IN PTR " + h.name() + ".netkit.test.\n"),
                        a + " -> " + h.name());
            }
        }
    }

    private static String reverse4(String a) {
        String[] o = a.split("\\.");
        return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa.";
    }

    @Test
    void nibblesAndNetworks() {
        assertEquals("0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.8.b.d.0.1.0.0.2",
                DnsZones.reverseNibbles("2001:db8:10::10"));
        assertEquals("198.18.2.0/30", DnsZones.networkOf("198.18.2.2/30"));
        assertEquals("2001:db8:10::/64", DnsZones.networkOf("2001:db8:10::53/64"));
        assertEquals(List.of("0.2.18.198.origin.asn", "1.2.18.198.origin.asn", "2.2.18.198.origin.asn",
                "3.2.18.198.origin.asn"), DnsZones.originOwners(new DnsZones.Network("198.18.2.0/30", 2)));
    }

    @Test
    void labNames() {
        assertEquals("", Lab.checkName(""));
        assertEquals("b", Lab.checkName("b"));
        assertEquals("nkb-client", Lab.namespace("b", "client"));
        assertEquals("nk-client", Lab.namespace("", "client"));
        assertThrows(dev.netkit.NetkitException.class, () -> Lab.checkName("B"));
        assertThrows(dev.netkit.NetkitException.class, () -> Lab.checkName("a-b"));
        assertThrows(dev.netkit.NetkitException.class, () -> Lab.checkName("abcdefghijklm"));
    }

    @Test
    void linksReadyNeedsCarrierAndForwardingPorts() {
        String lo = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT\\    link/loopback\n";
        String up = "3: pc2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master lan state UP mode DEFAULT\\"
                + "    link/ether 02:6e:6b:01:01:0b bridge_slave state forwarding priority 32\n";
        String noCarrier = "2: client@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master lan state DOWN"
                + " mode DEFAULT\\    link/ether 02:6e:6b:01:01:0a bridge_slave state disabled priority 32\n";
        String learning = up.replace("forwarding", "learning");
        assertTrue(Lab.linksReady(lo + up));
        assertFalse(Lab.linksReady(lo + up + noCarrier));
        assertFalse(Lab.linksReady(lo + learning));
    }

    @Test
    void listeningReadsProcNetTables() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("udp", "");
        try {
            java.nio.file.Files.writeString(f, """
                      sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                     1: 350A12C6:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1 2 0
                    """);
            assertTrue(Lab.listening(f, 53, "07"));
            assertFalse(Lab.listening(f, 7, "07"));
            assertFalse(Lab.listening(f, 53, "0A"));
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
