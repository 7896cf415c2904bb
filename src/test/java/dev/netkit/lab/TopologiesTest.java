package dev.netkit.lab;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologiesTest {
    private final Topology internet = Topologies.internet();

    @Test
    void fixedAddressesOfTheInternetTopology() {
        assertEquals(List.of("198.18.1.10", "2001:db8:1::10"), internet.addresses("client"));
        assertEquals(List.of("198.18.1.11", "2001:db8:1::11"), internet.addresses("pc2"));
        assertEquals(List.of("198.18.1.12", "2001:db8:1::12"), internet.addresses("pc3"));
        assertEquals(List.of("198.18.1.1", "198.18.2.1", "2001:db8:1::1", "2001:db8:2::1"), internet.addresses("r1"));
        assertEquals(List.of("198.18.2.2", "198.18.3.1", "2001:db8:2::2", "2001:db8:3::1"), internet.addresses("r2"));
        assertEquals(List.of("198.18.10.1", "198.18.3.2", "2001:db8:10::1", "2001:db8:3::2"), internet.addresses("r3"));
        assertEquals(List.of("198.18.10.10", "2001:db8:10::10"), internet.addresses("server"));
        assertEquals(List.of("198.18.10.53", "2001:db8:10::53"), internet.addresses("resolver"));
        assertEquals(List.of("198.18.10.2", "2001:db8:10::2"), internet.addresses("root"));
        assertEquals(List.of("198.18.10.3", "2001:db8:10::3"), internet.addresses("tld"));
        assertEquals(List.of("198.18.10.4", "2001:db8:10::4"), internet.addresses("auth"));
        assertEquals(List.of("198.18.10.30", "2001:db8:10::30"), internet.addresses("lossy"));
    }

    @Test
    void onlyLabPrefixes() {
        for (Topology t : Topologies.all()) {
            for (Topology.Host h : t.hosts()) {
                for (String a : t.addresses(h.name())) {
                    assertTrue(a.startsWith("198.18.") || a.startsWith("2001:db8:"), h.name() + " " + a);
                }
                for (Topology.Route r : h.routes()) {
                    assertTrue(r.gateway().startsWith("198.18.") || r.gateway().startsWith("2001:db8:"), r.toString());
                }
            }
        }
    }

    @Test
    void macsAreDistinctAndLocallyAdministered() {
        for (Topology t : Topologies.all()) {
            Set<String> seen = new HashSet<>();
            List<String> macs = new java.util.ArrayList<>();
            t.links().forEach(l -> {
                macs.add(l.a().mac());
                macs.add(l.b().mac());
            });
            t.bridges().forEach(b -> macs.add(b.mac()));
            for (String mac : macs) {
                assertTrue(seen.add(mac), "duplicate MAC " + mac);
                int first = Integer.parseInt(mac.substring(0, 2), 16);
                assertEquals(2, first & 3, mac + " must be locally administered unicast");
            }
        }
        assertEquals("02:6e:6b:0a:00:0a", Topologies.mac(10, 10, false));
    }

    @Test
    void interfaceNamesFitTheKernelLimit() {
        for (Topology t : Topologies.all()) {
            t.links().forEach(l -> {
                assertTrue(l.a().ifname().length() <= 15, l.a().ifname());
                assertTrue(l.b().ifname().length() <= 15, l.b().ifname());
            });
            // host names become interface names of bridge ports and DNS labels
            t.hosts().forEach(h -> assertTrue(h.name().matches("[a-z][a-z0-9]{0,14}"), h.name()));
        }
    }

    @Test
    void mtu1400OnBothEndsOfR1R2() {
        Topology.Link l = internet.links().stream()
                .filter(x -> x.a().host().equals("r1") && x.b().host().equals("r2")).findFirst().orElseThrow();
        assertEquals(1400, l.a().mtu());
        assertEquals(1400, l.b().mtu());
    }

    @Test
    void r3DropsTimeExceededAndPc3DropsEcho() {
        String r3 = internet.host("r3").orElseThrow().nftRules();
        assertTrue(r3.contains("icmp type time-exceeded drop"));
        assertTrue(r3.contains("icmpv6 type time-exceeded drop"));
        assertTrue(r3.contains("numgen random mod 100 < 20"));
        assertTrue(internet.host("pc3").orElseThrow().nftRules().contains("icmp type echo-request drop"));
        assertFalse(internet.host("server").orElseThrow().nftRules().contains("9998"));
    }

    @Test
    void namedIgnoresCase() {
        assertEquals("internet", Topologies.named("Internet").orElseThrow().name());
        assertTrue(Topologies.named("nope").isEmpty());
    }
}
