package dev.netkit.lab;

import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts ra, resolver2, ospf and delay as topologies and daemon configurations (no root, nothing started). */
class CourseLabPartsTest {
    private final Topology internet = Topologies.internet();

    @TempDir
    Path state;

    private Topology with(LabPart... parts) {
        return LabPart.with(internet, List.of(parts));
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }

    @Test
    void raPutsRadvdOnR1AndASlaacHostOnItsLan() throws Exception {
        Topology t = with(LabPart.RA);
        assertEquals("internet+ra", t.name());
        Host slaac = t.host(Slaac.HOST).orElseThrow();
        assertEquals(List.of(Service.SLAAC), slaac.services());
        assertEquals(List.of("198.18.1.20"), t.addresses(Slaac.HOST), "its IPv6 address comes from the advertisements");
        assertTrue(t.host("r1").orElseThrow().services().contains(Service.RADVD));
        Daemons d = new Daemons(t, state);
        Daemons.Launch radvd = d.prepare(t.host("r1").orElseThrow()).stream()
                .filter(l -> l.service() == Service.RADVD).findFirst().orElseThrow();
        assertTrue(radvd.command().containsAll(List.of("-n", "-m", "stderr")), radvd.command().toString());
        String conf = read(state.resolve("r1/radvd/radvd.conf"));
        assertTrue(conf.contains("interface lan {"), conf);
        assertTrue(conf.contains("  prefix 2001:db8:1::/64 {\n    AdvOnLink on;\n    AdvAutonomous on;\n  };"), conf);
        assertTrue(conf.contains("  RDNSS 2001:db8:10::53 { };"), conf);
        Daemons.Launch host = d.prepare(slaac).get(0);
        assertEquals(Slaac.learned(d), host.readyFile());
        assertEquals(List.of(new Daemons.Socket("raw6", 58)), d.readiness(Service.RADVD));
    }

    @Test
    void resolver2IsASecondUnboundWithoutValidation() throws Exception {
        Topology t = with(LabPart.RESOLVER2);
        assertEquals(List.of("198.18.10.54", "2001:db8:10::54"), t.addresses(SecondResolver.HOST));
        Daemons d = new Daemons(t, state);
        d.prepare(t.host(SecondResolver.HOST).orElseThrow());
        d.prepare(t.host("resolver").orElseThrow());
        String second = read(state.resolve("resolver2/unbound/unbound.conf"));
        assertTrue(second.contains("  interface: 198.18.10.54\n  interface: 2001:db8:10::54\n"), second);
        assertTrue(second.contains("  identity: \"resolver2.netkit.test\""), second);
        assertTrue(second.contains("  module-config: \"iterator\"\n  # answers age fast"), second);
        assertTrue(second.contains("  cache-max-ttl: 20\n  serve-expired: yes\n"), second);
        assertFalse(second.contains("trust-anchor"), second);
        String first = read(state.resolve("resolver/unbound/unbound.conf"));
        assertTrue(first.contains("  identity: \"resolver.netkit.test\""), first);
        assertTrue(first.contains("  serve-expired: no\n  module-config: \"validator iterator\"\n"), first);
        // no host is sent to it unless asked: resolv.conf and DHCP name the resolvers only
        assertEquals(List.of("resolver"), t.hostsRunning(Service.RESOLVER).stream().map(Host::name).toList());
    }

    @Test
    void ospfAddsR4AndReplacesTheStaticIpv4RoutesOfEveryRouter() throws Exception {
        Topology t = with(LabPart.OSPF);
        Host r4 = t.host(Ospf.BRANCH).orElseThrow();
        assertEquals(List.of("198.18.4.2", "198.18.5.1", "2001:db8:4::2", "2001:db8:5::1"), t.addresses("r4"));
        for (String r : List.of("r1", "r2", "r3", "r4")) {
            Host h = t.host(r).orElseThrow();
            assertTrue(h.services().containsAll(List.of(Service.ZEBRA, Service.OSPF, Service.OSPF6)), r);
            assertTrue(h.routes().isEmpty(), r + " has no static route left");
        }
        assertFalse(internet.host("r2").orElseThrow().routes().isEmpty());
        assertEquals(Set.of("198.18.3.0/30", "198.18.5.0/30", "198.18.10.0/24"), Ospf.remoteNetworks(t, "r1", false));
        assertEquals(Set.of("2001:db8:3::/64", "2001:db8:5::/64", "2001:db8:10::/64"), Ospf.remoteNetworks(t, "r1", true));
        Daemons d = new Daemons(t, state);
        List<Daemons.Launch> r1 = d.prepare(t.host("r1").orElseThrow());
        String conf = read(state.resolve("r1/frr/ospfd.conf"));
        assertTrue(conf.contains("interface lan\n ip ospf passive\n"), conf);
        assertTrue(conf.contains("interface r2\n ip ospf network point-to-point\n ip ospf hello-interval 1\n"
                + " ip ospf dead-interval 4\n"), conf);
        assertTrue(conf.contains("router ospf\n ospf router-id 198.18.1.1\n"), conf);
        assertTrue(conf.contains(" network 198.18.0.0/16 area 0\n"), conf);
        String conf6 = read(state.resolve("r1/frr/ospf6d.conf"));
        assertTrue(conf6.contains("interface r4\n ipv6 ospf6 area 0\n ipv6 ospf6 network point-to-point\n"), conf6);
        assertTrue(conf6.contains("interface lan\n ipv6 ospf6 area 0\n ipv6 ospf6 passive\n"), conf6);
        assertTrue(conf6.contains("router ospf6\n ospf6 router-id 198.18.1.1\n"), conf6);
        Daemons.Launch ospfd = r1.stream().filter(l -> l.service() == Service.OSPF).findFirst().orElseThrow();
        // "3": the networks r1 waits to have OSPF routes to before up returns
        assertTrue(ospfd.command().containsAll(List.of("3", Ospf.OSPFD, "-u", "frr", "--vty_socket")),
                ospfd.command().toString());
        assertTrue(r4.description().contains("same cost"));
    }

    @Test
    void delayPutsTheOceanBetweenR1AndR2() {
        Topology t = with(LabPart.DELAY);
        assertTrue(t.addresses(DelayLine.HOST).isEmpty(), "the ocean is no hop");
        assertTrue(t.links().stream().noneMatch(l -> l.a().host().equals("r1") && l.b().host().equals("r2")));
        Topology.Link near = t.links().stream().filter(l -> l.b().host().equals(DelayLine.HOST)).findFirst().orElseThrow();
        assertEquals("r1", near.a().host());
        assertEquals(List.of("198.18.2.1/30", "2001:db8:2::1/64"), near.a().addresses());
        assertEquals(1400, near.b().mtu(), "the line keeps the link's MTU");
        Daemons.Launch line = new Daemons(t, state.resolve("nkx")).prepare(t.host(DelayLine.HOST).orElseThrow()).get(0);
        assertTrue(line.command().containsAll(List.of(DelayLine.class.getName(), "r1", "r2", "80")),
                line.command().toString());
        String script = line.command().get(2);
        assertTrue(script.contains("netns exec nkx-r1 \"$ethtool\" -K r2 tx off tso off gso off"), script);
        assertTrue(script.contains("netns exec nkx-r2 \"$ethtool\" -K r1 tx off tso off gso off"), script);
    }

    @Test
    void thePartsNameTheirPackagesAndPlanWithoutRoot() {
        Topology all = with(LabPart.RA, LabPart.RESOLVER2, LabPart.OSPF, LabPart.DELAY);
        assertEquals("internet+ra+resolver2+ospf+delay", all.name());
        assertEquals(all, Topologies.named(all.name()).orElseThrow());
        List<String> missing = LabPackages.missing(all, f -> false);
        assertTrue(missing.containsAll(List.of("radvd", "frr", "ethtool", "unbound")), missing.toString());
        assertTrue(Topologies.allHostNames().containsAll(List.of("slaac", "resolver2", "r4", "ocean")));
        String plan = Lab.dryRun(all, "x");
        assertTrue(plan.contains("radvd -n -m stderr"), plan);
        assertTrue(plan.contains(Ospf.ZEBRA + " -u frr -g frr"), plan);
    }
}
