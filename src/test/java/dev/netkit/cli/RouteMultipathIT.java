package dev.netkit.cli;

import dev.netkit.JsonTree;
import dev.netkit.lab.LabExtension;
import dev.netkit.system.IpJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.netkit.cli.SystemNamespaceIT.in;
import static dev.netkit.cli.SystemNamespaceIT.must;
import static dev.netkit.cli.SystemNamespaceIT.netkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipath (ECMP) route in a namespace this test builds (nktrace*, two veth pairs), IPv4 and IPv6: netkit route
 * lists every next hop, as {@code ip -j route} does in the same namespace. The namespace goes also on failure.
 */
class RouteMultipathIT {
    private static final String NS = "nktrace-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));

    /** Each multipath route as "DST: GATEWAY DEV WEIGHT, ...", from ip's or netkit's JSON objects. */
    @SuppressWarnings("unchecked")
    private static List<String> multipath(List<Map<String, Object>> routes) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : routes) {
            if (r.get("nexthops") instanceof List<?> hops) {
                List<String> h = new ArrayList<>();
                for (Object o : hops) {
                    Map<String, Object> nh = (Map<String, Object>) o;
                    h.add(nh.get("gateway") + " " + nh.get("dev") + " " + nh.get("weight") + " " + nh.get("flags"));
                }
                out.add(r.get("dst") + ": " + String.join(", ", h) + " gateway=" + r.get("gateway") + " dev=" + r.get("dev"));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyNextHopOfAMultipathRouteAsIpShowsIt() throws Exception {
        LabExtension.assumeRoot(); // skips without root, fails under CI
        must("ip", "netns", "add", NS);
        try {
            must("ip", "-n", NS, "link", "set", "lo", "up");
            for (int i = 1; i <= 2; i++) {
                must("ip", "-n", NS, "link", "add", "a" + i, "type", "veth", "peer", "name", "b" + i);
                must("ip", "-n", NS, "link", "set", "a" + i, "up");
                must("ip", "-n", NS, "link", "set", "b" + i, "up");
                must("ip", "-n", NS, "addr", "add", "198.18.9" + i + ".1/24", "dev", "a" + i);
                must("ip", "-n", NS, "addr", "add", "2001:db8:9" + i + "::1/64", "dev", "a" + i, "nodad");
            }
            must("ip", "-n", NS, "route", "add", "198.18.99.0/24", "nexthop", "via", "198.18.91.2", "dev", "a1",
                    "nexthop", "via", "198.18.92.2", "dev", "a2", "weight", "3");
            must("ip", "-n", NS, "-6", "route", "add", "2001:db8:99::/64", "nexthop", "via", "2001:db8:91::2", "dev",
                    "a1", "nexthop", "via", "2001:db8:92::2", "dev", "a2");

            List<Map<String, Object>> ip = new ArrayList<>(IpJson.parseArray(in(NS, "ip", "-j", "-4", "route").out()));
            ip.addAll(IpJson.parseArray(in(NS, "ip", "-j", "-6", "route").out()));
            List<String> want = multipath(ip);
            assertEquals(List.of("198.18.99.0/24: 198.18.91.2 a1 1 [], 198.18.92.2 a2 3 [] gateway=null dev=null",
                    "2001:db8:99::/64: 2001:db8:91::2 a1 1 [], 2001:db8:92::2 a2 1 [] gateway=null dev=null"), want);

            SystemNamespaceIT.Run nk = netkit(NS, "route", "--json");
            assertEquals(0, nk.code(), nk.err());
            List<Map<String, Object>> ours = new ArrayList<>();
            for (String line : nk.out().lines().toList()) {
                ours.add((Map<String, Object>) JsonTree.parseValue(line));
            }
            assertEquals(want, multipath(ours), nk.out());

            SystemNamespaceIT.Run text = netkit(NS, "route", "-4");
            assertEquals(0, text.code(), text.err());
            List<String> lines = text.out().lines().toList();
            int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("198.18.99.0/24 ")).findFirst().orElseThrow());
            assertTrue(lines.get(at).matches("198\\.18\\.99\\.0/24 +- +- +0 +- +UG +-"), text.out());
            assertTrue(lines.get(at + 1).matches(" +nexthop +198\\.18\\.91\\.2 +a1 +weight 1"), text.out());
            assertTrue(lines.get(at + 2).matches(" +nexthop +198\\.18\\.92\\.2 +a2 +weight 3"), text.out());
        } finally {
            SystemNamespaceIT.exec(20, "ip", "netns", "del", NS);
        }
    }
}
