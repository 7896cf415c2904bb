package dev.netkit.lab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build-it-yourself topologies: hosts and cables only, no address, no route, routers that forward. */
class BlankTopologiesTest {
    @Test
    void theyAreBuiltInAndNamedAsTheCourseNeedsThem() {
        assertEquals(List.of("pc1", "pc2"), hosts("pair"));
        assertEquals(List.of("r1", "pc1", "pc2", "pc3", "pc4"), hosts("one-router"));
        assertEquals(List.of("r1", "pc1", "r2", "pc2", "r3", "pc3"), hosts("three-routers"));
        assertTrue(Topologies.allHostNames().containsAll(List.of("pc1", "pc4")), "down finds their namespaces");
    }

    private static List<String> hosts(String topology) {
        return Topologies.named(topology).orElseThrow().hosts().stream().map(Topology.Host::name).toList();
    }

    @Test
    void nothingIsAddressedOrRoutedButRoutersForward() {
        for (Topology t : BlankTopologies.all()) {
            NetworkPlan plan = new NetworkPlan(t, "nkx-");
            for (Topology.Host h : t.hosts()) {
                assertEquals(List.of(), t.addresses(h.name()), t.name() + " " + h.name());
                assertEquals(List.of(), h.routes(), t.name() + " " + h.name());
                String batch = plan.hostBatch(h.name());
                assertTrue(!batch.contains("addr add") && !batch.contains("route add"), batch);
                boolean forwards = plan.hostScript(h.name(), "ip", "nft", "b", "n")
                        .contains("echo 1 > /proc/sys/net/ipv4/ip_forward\n");
                assertEquals(h.role() == Topology.Role.ROUTER, forwards, t.name() + " " + h.name());
            }
        }
    }

    @Test
    void cablesAndSwitchesFollowTheSuggestedPlan() {
        Topology pair = BlankTopologies.pair();
        assertEquals(1, pair.links().size());
        assertEquals("02:6e:6b:01:00:01", pair.links().get(0).a().mac());
        Topology one = BlankTopologies.oneRouter();
        assertEquals(List.of("lan1", "lan2"), one.bridges().stream().map(Topology.Bridge::ifname).toList());
        assertEquals(List.of("lan2", "lan2"), one.links().stream().filter(l -> l.a().host().matches("pc[34]"))
                .map(l -> l.b().bridge()).toList());
        Topology three = BlankTopologies.threeRouters();
        // five subnets: three LAN bridges and two router links named after the neighbour
        assertEquals(3, three.bridges().size());
        assertTrue(three.links().stream().anyMatch(l -> l.a().host().equals("r1") && l.a().ifname().equals("r2")
                && l.b().ifname().equals("r1")));
        assertTrue(three.links().stream().anyMatch(l -> l.a().host().equals("r2") && l.a().ifname().equals("r3")));
    }
}
