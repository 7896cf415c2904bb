package dev.netkit.lab;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAT edge ({@code lab up --with nat}) as data: where it hangs, its addresses, routes and rules. */
class NatEdgeTest {
    private final Topology t = LabPart.with(Topologies.internet(), List.of(LabPart.NAT));

    @Test
    void homeLanBehindNatOnTheClientLan() {
        assertEquals("internet+nat", t.name());
        assertEquals(Topologies.named("internet+nat").orElseThrow(), t);
        assertEquals(List.of("198.18.100.1", "198.18.1.20"), t.addresses("nat"));
        assertEquals(List.of("198.18.100.10"), t.addresses("home"));
        assertEquals(List.of(new Topology.Route("default", "198.18.1.1")), t.host("nat").orElseThrow().routes());
        assertEquals(List.of(new Topology.Route("default", "198.18.100.1")), t.host("home").orElseThrow().routes());
        assertEquals(Topology.Role.ROUTER, t.host("nat").orElseThrow().role());
        // nat's public side is a port of r1's client LAN bridge, named after it
        assertTrue(t.links().stream().anyMatch(l -> l.a().host().equals("nat") && l.a().ifname().equals("outside")
                && l.b().host().equals("r1") && l.b().ifname().equals("nat") && l.b().bridge().equals("lan")));
        assertEquals(List.of(Topology.Service.HOME_WEB), t.host("home").orElseThrow().services());
        assertTrue(Topologies.allHostNames().containsAll(List.of("nat", "home")), "down finds them without a marker");
    }

    @Test
    void noRouterOfTheLabRoutesTheHomeLan() {
        for (Topology.Host h : t.hosts()) {
            for (Topology.Route r : h.routes()) {
                assertTrue(!r.destination().startsWith("198.18.100."), h.name() + " " + r);
            }
        }
    }

    @Test
    void natMasqueradesAndForwardsOnePort() {
        String rules = t.host("nat").orElseThrow().nftRules();
        assertTrue(rules.contains("oifname \"outside\" masquerade"), rules);
        assertTrue(rules.contains("iifname \"outside\" tcp dport 8080 dnat to 198.18.100.10:80"), rules);
        assertTrue(rules.contains("iifname \"outside\" oifname \"inside\" drop"), rules);
    }

    @Test
    void itNeedsAnAddressedClientLan() {
        assertEquals("lan+nat", LabPart.with(Topologies.lan(), List.of(LabPart.NAT)).name());
        NetkitException e = assertThrows(NetkitException.class,
                () -> LabPart.with(BlankTopologies.threeRouters(), List.of(LabPart.NAT)));
        assertEquals(2, e.exitCode());
        assertEquals("the lab part 'nat' does not fit topology three-routers: it needs a router r1 with an addressed"
                + " LAN bridge", e.getMessage());
        // nor DHCP: its server needs r1's address on the LAN
        assertEquals(2, assertThrows(NetkitException.class,
                () -> LabPart.with(BlankTopologies.threeRouters(), List.of(LabPart.DHCP))).exitCode());
    }
}
