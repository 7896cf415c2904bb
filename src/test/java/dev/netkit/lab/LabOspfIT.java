package dev.netkit.lab;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab part {@code ospf}: FRR's OSPF on r1-r4 with neighbours Full, routes of protocol ospf in netkit route as in
 * ip route, two equal-cost paths that {@code trace --flows 8} finds (r2 and r4 at hop 2), and the traffic moving to r4
 * when r1's link to r2 goes down.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabOspfIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension(LabPart.with(Topologies.internet(), List.of(LabPart.OSPF)));

    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final Pattern HOP2 = Pattern.compile("(?m)^ 2  (198\\.18\\.\\d+\\.\\d+) ");
    private static final Set<String> BOTH = Set.of("198.18.2.2", "198.18.4.2");

    private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(200);
        }
    }

    private static String vtysh(String router, String command) {
        String dir = LabState.ROOT.resolve("nk" + lab.name()).resolve(router).resolve("frr").toString();
        return lab.exec(router, SHORT, "vtysh", "--vty_socket", dir, "-c", command).stdout();
    }

    private static long full(String router) {
        return vtysh(router, "show ip ospf neighbor").lines().filter(l -> l.contains(" Full/")).count();
    }

    /** r1's route to the server LAN has both nexthops (ECMP). */
    private static boolean equalCost() {
        String r = lab.exec("r1", SHORT, "ip", "route", "show", "198.18.10.0/24").stdout();
        return r.contains("nexthop via 198.18.2.2 ") && r.contains("nexthop via 198.18.4.2 ");
    }

    /** The hop-2 routers that {@code trace --flows 8} finds. */
    private static Set<String> hop2OfFlows() {
        LabExtension.Result r = lab.netkit("client", "trace", "-n", "--flows", "8", "-q", "1", "-m", "2",
                "198.18.10.10");
        assertEquals(0, r.exitCode() & ~1, r.output());
        Set<String> found = new TreeSet<>();
        Matcher m = HOP2.matcher(r.stdout());
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    @Order(1)
    void neighboursAreFullAndRoutesComeFromOspf() throws Exception {
        await("r1 Full with r2 and r4, r3 Full with r2 and r4", Duration.ofSeconds(30),
                () -> full("r1") == 2 && full("r3") == 2 && full("r2") == 2 && full("r4") == 2);
        await("r1's equal-cost route", Duration.ofSeconds(30), LabOspfIT::equalCost);
        LabExtension.Result ip = lab.exec("r2", SHORT, "ip", "-4", "route", "show", "proto", "ospf");
        Set<String> ospf = new TreeSet<>(ip.stdout().lines().filter(l -> !l.startsWith("\t") && !l.startsWith(" "))
                .map(l -> l.split(" ")[0]).toList());
        assertEquals(Set.of("198.18.1.0/24", "198.18.4.0/30", "198.18.5.0/30", "198.18.10.0/24"), ospf, ip.output());
        LabExtension.Result netkit = lab.netkit("r2", "route", "-4");
        assertEquals(0, netkit.exitCode(), netkit.output());
        Set<String> netkitOspf = new TreeSet<>(netkit.stdout().lines().filter(l -> l.matches(".*\\sospf\\s*$"))
                .map(l -> l.split("\\s+")[0]).toList());
        assertEquals(ospf, netkitOspf, netkit.stdout());
        // IPv6 through ospf6d the same way
        await("r2's IPv6 routes from OSPFv3", Duration.ofSeconds(30), () -> Set.of("2001:db8:1::/64", "2001:db8:4::/64",
                "2001:db8:5::/64", "2001:db8:10::/64").equals(new TreeSet<>(lab.exec("r2", SHORT, "ip", "-6", "-o",
                "route", "show", "proto", "ospf").stdout().lines().map(l -> l.split(" ")[0]).toList())));
        LabExtension.Result ping6 = lab.exec("client", SHORT, "ping", "-6", "-c", "1", "-W", "2", "2001:db8:10::10");
        assertEquals(0, ping6.exitCode(), ping6.output());
    }

    @Test
    @Order(2)
    void traceFlowsFindsTwoRoutersAtHopTwo() throws Exception {
        await("r1's equal-cost route", Duration.ofSeconds(30), LabOspfIT::equalCost);
        // flows hash to a branch by their ports: 8 flows all take one branch with probability 1/128; three tries
        Set<String> found = hop2OfFlows();
        for (int i = 0; i < 2 && !found.equals(BOTH); i++) {
            found = hop2OfFlows();
        }
        assertEquals(BOTH, found);
    }

    @Test
    @Order(3)
    void trafficMovesToR4WhenTheLinkToR2GoesDown() throws Exception {
        await("r1's equal-cost route", Duration.ofSeconds(30), LabOspfIT::equalCost);
        try {
            LabExtension.Result down = lab.exec("r1", SHORT, "ip", "link", "set", "dev", "r2", "down");
            assertEquals(0, down.exitCode(), down.output());
            await("r1's route through r4 only", Duration.ofSeconds(15), () -> {
                String r = lab.exec("r1", SHORT, "ip", "route", "show", "198.18.10.0/24").stdout();
                return r.contains("via 198.18.4.2 ") && !r.contains("198.18.2.2");
            });
            assertEquals(Set.of("198.18.4.2"), hop2OfFlows());
            LabExtension.Result traceroute = lab.exec("client", SHORT, "traceroute", "-n", "-q", "3", "-f", "2", "-m",
                    "2", "198.18.10.10");
            assertTrue(traceroute.stdout().contains(" 2  198.18.4.2 "), traceroute.output());
            assertTrue(!traceroute.stdout().contains("198.18.2.2"), traceroute.output());
            LabExtension.Result ping = lab.exec("client", SHORT, "ping", "-c", "1", "-W", "2", "198.18.10.10");
            assertEquals(0, ping.exitCode(), ping.output());
        } finally {
            lab.exec("r1", SHORT, "ip", "link", "set", "dev", "r2", "up");
        }
        await("both paths back", Duration.ofSeconds(30), LabOspfIT::equalCost);
    }
}
