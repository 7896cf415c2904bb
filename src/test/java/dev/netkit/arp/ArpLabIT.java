package dev.netkit.arp;

import dev.netkit.lab.LabExtension;
import dev.netkit.system.IpJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * arp, arp scan and arp ping on the lab's client LAN (198.18.1.0/24): who answers with which MAC, the kernel's
 * table as ip shows it, and duplicate addresses that the test adds to pc3 (and removes) inside the lab only.
 */
class ArpLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final Duration T = Duration.ofSeconds(30);

    static String sh(String host, String cmd) {
        LabExtension.Result r = lab.exec(host, T, "sh", "-c", cmd);
        assertEquals(0, r.exitCode(), cmd + " in " + host + ": " + r.stderr());
        return r.stdout().strip();
    }

    /** The MAC of the host's interface on the client LAN. */
    static String lanMac(String host) {
        return sh(host, "cat /sys/class/net/$(ip -o -4 addr show to 198.18.1.0/24 | cut -d' ' -f2 | head -1)/address");
    }

    static Map<String, String> answers(String ndjson) {
        Map<String, String> m = new HashMap<>();
        for (Map<String, Object> o : IpJson.parseArray("[" + String.join(",", ndjson.lines().toList()) + "]")) {
            assertEquals("neighbor", o.get("type"));
            assertEquals("(locally administered)", o.get("vendor"));
            assertTrue(((Number) o.get("rtt_ms")).doubleValue() >= 0);
            m.merge((String) o.get("ip"), (String) o.get("mac"), (a, b) -> a + "," + b);
        }
        return m;
    }

    @Test
    void scanOfTheLanFindsPc2Pc3AndR1WithTheirMacs() {
        LabExtension.Result r = lab.netkit("client", "arp", "scan", "--localnet", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(Map.of("198.18.1.1", lanMac("r1"), "198.18.1.11", lanMac("pc2"), "198.18.1.12", lanMac("pc3")),
                answers(r.stdout()));
        LabExtension.Result text = lab.netkit("client", "arp", "scan", "198.18.1.10-12");
        assertTrue(text.stdout().contains("198.18.1.12  " + lanMac("pc3") + "  (locally administered)"), text.stdout());
        assertTrue(text.stdout().contains("2 responded"), text.stdout());
        assertEquals("", text.stderr(), "no progress line when stderr is not a terminal");
    }

    @Test
    void tableShowsWhatIpNeighShows() {
        sh("client", "ping -c 1 -W 2 198.18.1.1 >/dev/null");
        LabExtension.Result r = lab.netkit("client", "arp", "--json", "-4");
        assertEquals(0, r.exitCode(), r.stderr());
        List<Map<String, Object>> ip = IpJson.parseArray(sh("client", "ip -j -4 neigh show"));
        List<Map<String, Object>> nk = IpJson.parseArray("[" + String.join(",", r.stdout().lines().toList()) + "]");
        assertEquals(ip.size(), nk.size(), r.stdout());
        Map<String, Object> r1 = nk.stream().filter(o -> o.get("ip").equals("198.18.1.1")).findFirst().orElseThrow();
        assertEquals(lanMac("r1"), r1.get("mac"));
        assertEquals("eth0", r1.get("iface"));
    }

    /**
     * Every entry of both families, whole and of one interface, field by field as ip neigh prints it (netkit reads
     * the kernel's dump itself). A state may move (REACHABLE to STALE) between the two reads: three tries.
     */
    @Test
    void everyEntryAndFieldEqualsIpNeigh() {
        sh("client", "ping -c 1 -W 2 198.18.1.1 >/dev/null; ping -c 1 -W 2 2001:db8:1::1 >/dev/null; true");
        for (String dev : List.of("", "eth0")) {
            List<String> want = List.of();
            List<String> got = List.of();
            for (int attempt = 0; attempt < 3 && (got.isEmpty() || !got.equals(want)); attempt++) {
                want = new ArrayList<>();
                for (String family : List.of("-4", "-6")) {
                    for (Map<String, Object> e : IpJson.parseArray(sh("client", "ip -j " + family + " neigh show"
                            + (dev.isEmpty() ? "" : " dev " + dev)))) {
                        want.add(e.get("dst") + " " + e.get("lladdr") + " " + e.getOrDefault("dev", dev) + " "
                                + String.join(",", ((List<?>) e.getOrDefault("state", List.of("NONE"))).stream()
                                .map(Object::toString).toList()));
                    }
                }
                LabExtension.Result r = dev.isEmpty() ? lab.netkit("client", "arp", "--json")
                        : lab.netkit("client", "arp", "--json", "-i", dev);
                assertEquals(0, r.exitCode(), r.stderr());
                got = new ArrayList<>();
                for (Map<String, Object> o : IpJson.parseArray("[" + String.join(",", r.stdout().lines().toList()) + "]")) {
                    got.add(o.get("ip") + " " + o.get("mac") + " " + o.get("iface") + " " + o.get("state"));
                }
            }
            assertEquals(want, got, "arp " + dev);
            assertTrue(got.stream().anyMatch(s -> s.startsWith("198.18.1.1 ")), got.toString());
        }
    }

    @Test
    void duplicateDetectionAndConflictsWithAnAddressAddedToPc3() {
        String pc2 = lanMac("pc2");
        String pc3 = lanMac("pc3");
        try {
            sh("pc3", "ip addr add 198.18.1.77/24 dev $(ip -o -4 addr show to 198.18.1.0/24 | cut -d' ' -f2 | head -1)"
                    + " && ip addr add 198.18.1.11/24 dev $(ip -o -4 addr show to 198.18.1.12/32 | cut -d' ' -f2)");
            LabExtension.Result dad = lab.netkit("client", "arp", "ping", "-D", "-c", "2", "198.18.1.77");
            assertEquals(1, dad.exitCode(), dad.stdout() + dad.stderr());
            assertTrue(dad.stdout().contains("reply from 198.18.1.77 [" + pc3 + "]"), dad.stdout());
            LabExtension.Result scan = lab.netkit("client", "arp", "scan", "--json", "198.18.1.11");
            String macs = answers(scan.stdout()).get("198.18.1.11");
            assertTrue(macs.contains(pc2) && macs.contains(pc3), scan.stdout());
            assertTrue(scan.stdout().contains("\"conflict\":true"), scan.stdout());
            LabExtension.Result ping = lab.netkit("client", "arp", "ping", "-c", "2", "-w", "3", "198.18.1.11");
            assertTrue(ping.stdout().contains("Conflict: 198.18.1.11 answered from 2 MACs"), ping.stdout());
        } finally {
            lab.exec("pc3", T, "sh", "-c", "for a in 198.18.1.77 198.18.1.11; do "
                    + "ip addr del $a/24 dev $(ip -o -4 addr show to $a/32 | cut -d' ' -f2) 2>/dev/null; done; true");
        }
        LabExtension.Result free = lab.netkit("client", "arp", "ping", "-D", "-c", "2", "198.18.1.77");
        assertEquals(0, free.exitCode(), free.stdout() + free.stderr());
        assertTrue(free.stdout().contains("Received 0 response(s)"), free.stdout());
    }

    /**
     * arp add and arp del change the kernel's table as ip neigh shows it, IPv4 and IPv6, with and without 'dev'; a
     * second add replaces; without CAP_NET_ADMIN they exit 4 and change nothing. On pc2: the other tests read client's.
     */
    @Test
    void addAndDelOfStaticEntriesAsIpNeighShowsThem() {
        List<String> added = List.of("198.18.1.99", "2001:db8:1::99", "198.18.1.98");
        try {
            assertEquals(0, lab.netkit("pc2", "arp", "add", "198.18.1.99", "02:00:00:00:00:99", "dev", "eth0").exitCode());
            assertEquals("198.18.1.99 dev eth0 lladdr 02:00:00:00:00:99 PERMANENT", sh("pc2", "ip neigh show 198.18.1.99"));
            assertEquals(0, lab.netkit("pc2", "arp", "add", "2001:db8:1::99", "02-00-00-00-00-98").exitCode());
            assertEquals("2001:db8:1::99 dev eth0 lladdr 02:00:00:00:00:98 PERMANENT",
                    sh("pc2", "ip neigh show 2001:db8:1::99"));
            LabExtension.Result r = lab.netkit("pc2", "arp", "add", "198.18.1.99", "0200.0000.0097");
            assertEquals("198.18.1.99 at 02:00:00:00:00:97 on eth0: PERMANENT\n", r.stdout(), r.stderr());
            assertEquals("198.18.1.99 dev eth0 lladdr 02:00:00:00:00:97 PERMANENT", sh("pc2", "ip neigh show 198.18.1.99"));
            assertEquals(0, lab.netkit("pc2", "arp", "add", "198.18.1.98", "02:00:00:00:00:98").exitCode());
            // netkit's own table view agrees with ip's
            assertTrue(lab.netkit("pc2", "arp", "198.18.1.98").stdout()
                    .contains("198.18.1.98  02:00:00:00:00:98  eth0   PERMANENT"));

            List<String> unprivileged = new ArrayList<>(List.of("setpriv", "--reuid", "65534", "--regid", "65534",
                    "--clear-groups"));
            unprivileged.addAll(LabExtension.netkitCommand());
            unprivileged.addAll(List.of("arp", "del", "198.18.1.98"));
            LabExtension.Result denied = lab.exec("pc2", T, unprivileged.toArray(String[]::new));
            assertEquals(4, denied.exitCode(), denied.output());
            assertTrue(denied.stderr().contains("CAP_NET_ADMIN") && denied.stderr().contains("sudo"), denied.stderr());
            assertEquals("198.18.1.98 dev eth0 lladdr 02:00:00:00:00:98 PERMANENT", sh("pc2", "ip neigh show 198.18.1.98"));

            for (String ip : added) {
                LabExtension.Result d = lab.netkit("pc2", "arp", "del", ip, "dev", "eth0");
                assertEquals(ip + " on eth0: deleted\n", d.stdout(), d.stderr());
                assertEquals("", sh("pc2", "ip neigh show " + ip));
            }
            LabExtension.Result again = lab.netkit("pc2", "arp", "del", "198.18.1.99");
            assertEquals(1, again.exitCode(), again.output());
            assertTrue(again.stderr().contains("no entry for 198.18.1.99"), again.stderr());
        } finally {
            for (String ip : added) {
                lab.exec("pc2", T, "ip", "neigh", "del", ip, "dev", "eth0");
            }
        }
    }

    @Test
    void pingOfPc2CountsItsReplies() {
        LabExtension.Result r = lab.netkit("client", "arp", "ping", "-c", "2", "--interval", "0.2", "198.18.1.11");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("ARPING 198.18.1.11 from 198.18.1.10 eth0"), r.stdout());
        assertTrue(r.stdout().contains("Unicast reply from 198.18.1.11 [" + lanMac("pc2") + "]"), r.stdout());
        assertTrue(r.stdout().contains("Received 2 response(s)"), r.stdout());
    }

    @Test
    void ndpScanFindsTheLanHostsWithTheMacsNdisc6AndIpNeighReport() {
        Map<String, String> expected = new HashMap<>();
        for (String a : List.of("2001:db8:1::1", "2001:db8:1::11", "2001:db8:1::12")) {
            // ndisc6 (Debian's reference NDP tool) solicits each one; ping -6 makes the kernel resolve it too
            expected.put(a, sh("client", "ndisc6 -q -n -r 3 " + a + " eth0").toLowerCase(java.util.Locale.ROOT));
            lab.exec("client", T, "ping", "-6", "-c", "1", "-W", "1", a); // pc3 drops echo: only the NDP matters
        }
        Map<String, String> kernel = new HashMap<>();
        for (Map<String, Object> e : IpJson.parseArray(sh("client", "ip -j -6 neigh show dev eth0"))) {
            if (expected.containsKey(e.get("dst")) && e.get("lladdr") != null) {
                kernel.put((String) e.get("dst"), (String) e.get("lladdr"));
            }
        }
        assertEquals(expected, kernel, "ip -6 neigh agrees with ndisc6");

        // the whole link at once: pc3 drops echo requests and is found by the unknown-option probe
        LabExtension.Result sweep = lab.netkit("client", "arp", "scan", "--ndp", "--localnet", "--json");
        assertEquals(0, sweep.exitCode(), sweep.stderr());
        assertEquals(expected, answers(sweep.stdout()));

        // address by address: neighbour solicitations
        LabExtension.Result ns = lab.netkit("client", "arp", "scan", "--ndp", "2001:db8:1::1-20");
        assertEquals(0, ns.exitCode(), ns.stderr());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(ns.stdout().contains(e.getKey() + "  " + e.getValue() + "  (locally administered)\n"),
                    ns.stdout());
        }
        assertTrue(ns.stdout().contains("31 hosts scanned in") && ns.stdout().contains("3 responded"), ns.stdout());
    }
}
