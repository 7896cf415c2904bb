package dev.netkit.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build-it-yourself topologies (exercises 001-36, 001-39, 001-40): each comes up with its links up, no IPv4
 * address and no route; the learner's {@code ip addr} and {@code ip route} then make ping and trace work, compared
 * with iputils ping and traceroute. {@code lab status} reports them healthy and {@code lab down} leaves no namespace.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LabTopologyIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension(BlankTopologies.threeRouters());

    private static final Duration SHORT = Duration.ofSeconds(30);

    /** Runs each step, {@code "HOST IP-ARGUMENTS"} ({@code "r1 addr add 198.18.1.1/24 dev lan"}), as the learner does. */
    private static void ip(LabExtension l, String... steps) {
        for (String step : steps) {
            String[] w = step.split(" ");
            List<String> cmd = new ArrayList<>(List.of("ip"));
            cmd.addAll(List.of(w).subList(1, w.length));
            LabExtension.Result r = l.exec(w[0], SHORT, cmd.toArray(String[]::new));
            assertEquals(0, r.exitCode(), step + ": " + r.output());
        }
    }

    /** Every host: interfaces up, no IPv4 address but loopback's, no IPv4 route; routers forward. */
    private static void assertBlank(LabExtension l, Topology t) {
        for (Topology.Host h : t.hosts()) {
            String addrs = l.exec(h.name(), SHORT, "ip", "-4", "-o", "addr").stdout();
            assertEquals(List.of("lo"), addrs.lines().map(s -> s.split("\\s+")[1]).toList(), h.name() + ": " + addrs);
            assertEquals("", l.exec(h.name(), SHORT, "ip", "-4", "route").stdout(), h.name());
            String links = l.exec(h.name(), SHORT, "ip", "-o", "link").stdout();
            assertTrue(links.lines().filter(s -> !s.contains(": lo:")).allMatch(s -> s.contains("state UP")), links);
            String forward = l.exec(h.name(), SHORT, "cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip();
            assertEquals(h.role() == Topology.Role.ROUTER ? "1" : "0", forward, h.name());
        }
    }

    /** The status command on the lab: exit 0 (every namespace there, nothing to listen) and every host named. */
    private static void assertStatusHealthy(LabExtension l, Topology t) {
        LabStatus s = LabStatus.of(l.name());
        assertTrue(s.healthy(), s.toString());
        assertEquals(t.name(), s.topology());
        assertEquals(t.hosts().stream().map(Topology.Host::name).toList(),
                s.hosts().stream().map(LabStatus.HostStatus::host).toList());
    }

    /** Checks that none of the namespaces of {@code l}, taken down, is left, nor its state. */
    private static void assertGone(LabExtension l, Topology t) {
        for (Topology.Host h : t.hosts()) {
            assertFalse(Files.exists(Path.of("/run/netns", Lab.namespace(l.name(), h.name()))), h.name());
        }
        assertFalse(Files.exists(LabState.dirOf(l.name())));
    }

    /** Hop addresses of a trace listing ({@code " 1  198.18.1.1  0.1 ms ..."}), in order. */
    private static List<String> hops(String listing) {
        List<String> hops = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\d+\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s").matcher(listing);
        while (m.find()) {
            hops.add(m.group(1));
        }
        return hops;
    }

    @Test
    void threeRoutersBuiltByHandRouteEveryLanToEveryOther() {
        Topology t = BlankTopologies.threeRouters();
        assertBlank(lab, t);
        assertStatusHealthy(lab, t);
        // the five subnets of the suggested plan
        ip(lab, "r1 addr add 198.18.1.1/24 dev lan", "r1 addr add 198.18.12.1/30 dev r2",
                "r2 addr add 198.18.2.1/24 dev lan", "r2 addr add 198.18.12.2/30 dev r1", "r2 addr add 198.18.23.1/30 dev r3",
                "r3 addr add 198.18.3.1/24 dev lan", "r3 addr add 198.18.23.2/30 dev r2",
                "pc1 addr add 198.18.1.10/24 dev eth0", "pc2 addr add 198.18.2.10/24 dev eth0",
                "pc3 addr add 198.18.3.10/24 dev eth0");
        // a PC reaches its own router, not yet the far LAN: it has no gateway (exercise 001-39)
        LabExtension.Result near = lab.netkit("pc1", "ping", "-c", "1", "-W", "2", "198.18.1.1");
        assertEquals(0, near.exitCode(), near.output());
        LabExtension.Result far = lab.netkit("pc1", "ping", "-c", "1", "-W", "2", "198.18.3.10");
        assertNotEquals(0, far.exitCode(), far.output());
        assertTrue(far.output().toLowerCase(java.util.Locale.ROOT).contains("unreachable"), far.output());
        // every PC's gateway, two static routes per end router, and the middle one's to each end LAN
        ip(lab, "pc1 route add default via 198.18.1.1", "pc2 route add default via 198.18.2.1",
                "pc3 route add default via 198.18.3.1",
                "r1 route add 198.18.2.0/24 via 198.18.12.2", "r1 route add 198.18.3.0/24 via 198.18.12.2",
                "r3 route add 198.18.1.0/24 via 198.18.23.1", "r3 route add 198.18.2.0/24 via 198.18.23.1",
                "r2 route add 198.18.1.0/24 via 198.18.12.1", "r2 route add 198.18.3.0/24 via 198.18.23.2");
        for (String[] p : new String[][] {{"pc1", "198.18.3.10"}, {"pc3", "198.18.1.10"}, {"pc2", "198.18.1.10"},
                {"pc2", "198.18.3.10"}}) {
            LabExtension.Result ping = lab.netkit(p[0], "ping", "-c", "1", "-W", "2", p[1]);
            assertEquals(0, ping.exitCode(), p[0] + " -> " + p[1] + ": " + ping.output());
            LabExtension.Result peer = lab.exec(p[0], SHORT, "ping", "-c", "1", "-W", "2", p[1]);
            assertEquals(0, peer.exitCode(), peer.output());
        }
        LabExtension.Result trace = lab.netkit("pc1", "trace", "-n", "198.18.3.10");
        assertEquals(0, trace.exitCode(), trace.output());
        List<String> path = List.of("198.18.1.1", "198.18.12.2", "198.18.23.2", "198.18.3.10");
        assertEquals(path, hops(trace.stdout()), trace.stdout());
        LabExtension.Result traceroute = lab.exec("pc1", SHORT, "traceroute", "-n", "-q", "1", "198.18.3.10");
        assertEquals(path, hops(traceroute.stdout()), traceroute.output());
    }

    @Test
    void pairAndOneRouterComeUpBlankAndGoAway() {
        Topology pair = BlankTopologies.pair();
        LabExtension p = new LabExtension(pair);
        p.beforeAll(null);
        try {
            assertBlank(p, pair);
            assertStatusHealthy(p, pair);
            // exercise 001-36: two PCs, one subnet, a ping (its first echo waits for ARP)
            ip(p, "pc1 addr add 198.18.1.1/24 dev eth0", "pc2 addr add 198.18.1.2/24 dev eth0");
            LabExtension.Result ping = p.netkit("pc1", "ping", "-c", "2", "-i", "0.2", "198.18.1.2");
            assertEquals(0, ping.exitCode(), ping.output());
            assertTrue(ping.stdout().contains("2 packets transmitted, 2 received"), ping.stdout());
        } finally {
            p.afterAll(null);
        }
        assertGone(p, pair);
        Topology one = BlankTopologies.oneRouter();
        LabExtension o = new LabExtension(one);
        o.beforeAll(null);
        try {
            assertBlank(o, one);
            ip(o, "r1 addr add 198.18.1.1/24 dev lan1", "r1 addr add 198.18.2.1/24 dev lan2",
                    "pc1 addr add 198.18.1.10/24 dev eth0", "pc4 addr add 198.18.2.11/24 dev eth0",
                    "pc1 route add default via 198.18.1.1");
            LabExtension.Result oneWay = o.exec("pc1", SHORT, "ping", "-c", "1", "-W", "1", "198.18.2.11");
            assertNotEquals(0, oneWay.exitCode(), "pc4 has no way back yet: " + oneWay.output());
            ip(o, "pc4 route add default via 198.18.2.1");
            LabExtension.Result ping = o.netkit("pc1", "ping", "-c", "1", "-W", "2", "198.18.2.11");
            assertEquals(0, ping.exitCode(), ping.output());
            assertTrue(ping.stdout().contains("ttl=63"), "one router between: " + ping.stdout());
        } finally {
            o.afterAll(null);
        }
        assertGone(o, one);
    }
}
