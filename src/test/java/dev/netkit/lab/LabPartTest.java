package dev.netkit.lab;

import dev.netkit.NetkitException;
import dev.netkit.lab.Topology.Service;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional parts: what --with adds, the names they give a topology, and names that are no part. */
class LabPartTest {
    private final Topology internet = Topologies.internet();

    @Test
    void dhcpAddsAHostOnR1sLanAndDnsmasqOnR1() {
        Topology t = LabPart.with(internet, List.of(LabPart.DHCP));
        assertEquals("internet+dhcp", t.name());
        assertEquals(internet.hosts().size() + 1, t.hosts().size());
        Topology.Host dhcp = t.host("dhcp").orElseThrow();
        assertEquals(List.of(Service.DHCP_CLIENT), dhcp.services());
        assertTrue(dhcp.routes().isEmpty(), "its default route comes from the lease");
        assertTrue(t.addresses("dhcp").isEmpty(), "its address comes from the lease");
        assertTrue(t.host("r1").orElseThrow().services().contains(Service.DHCP_SERVER));
        Topology.Link link = t.links().get(t.links().size() - 1);
        assertEquals("02:6e:6b:01:00:64", link.a().mac());
        assertEquals("lan", link.b().bridge());
        assertEquals("r1", link.b().host());
    }

    @Test
    void sshPutsSshdOnTheWebServer() {
        Topology t = LabPart.with(internet, List.of(LabPart.SSH));
        assertEquals(List.of("server"), t.hostsRunning(Service.SSH).stream().map(Topology.Host::name).toList());
        assertEquals(internet.hosts().size(), t.hosts().size());
        // port 22 is then sshd's: nginx's readiness no longer waits for its banner there
        assertFalse(new Daemons(t, java.nio.file.Path.of("/tmp/x")).readiness(Service.WEB)
                .contains(new Daemons.Socket("tcp", 22)));
        assertTrue(new Daemons(internet, java.nio.file.Path.of("/tmp/x")).readiness(Service.WEB)
                .contains(new Daemons.Socket("tcp", 22)));
    }

    @Test
    void namesWithPartsRebuildTheSameTopology() {
        Topology both = LabPart.with(internet, List.of(LabPart.SSH, LabPart.DHCP));
        assertEquals("internet+dhcp+ssh", both.name());
        assertEquals(both, Topologies.named("internet+dhcp+ssh").orElseThrow());
        assertEquals("internet", LabPart.baseName("internet+dhcp+ssh"));
        assertEquals("lan", LabPart.baseName("lan"));
        assertTrue(Topologies.named("internet+nothing").isEmpty());
        assertTrue(Topologies.allHostNames().contains("dhcp"), "down finds nk<LAB>-dhcp without a marker");
    }

    @Test
    void unknownOrUnfitPartsAreUsageErrors() {
        NetkitException e = assertThrows(NetkitException.class, () -> LabPart.named("mesh"));
        assertEquals(2, e.exitCode());
        assertEquals("unknown lab part 'mesh': the parts are dhcp, ssh, nat, ra, resolver2, ospf, delay",
                e.getMessage());
        NetkitException unfit = assertThrows(NetkitException.class,
                () -> LabPart.with(Topologies.lan(), List.of(LabPart.SSH)));
        assertEquals(2, unfit.exitCode());
        assertEquals("lan+dhcp", LabPart.with(Topologies.lan(), List.of(LabPart.DHCP)).name());
    }

    @Test
    void packagesOfThePartsAreInstalledOnFirstUse() {
        Topology both = LabPart.with(internet, List.of(LabPart.DHCP, LabPart.SSH));
        List<String> missing = LabPackages.missing(both, f -> false);
        assertTrue(missing.containsAll(List.of("dnsmasq-base", "busybox", "openssh-server", "openssh-client", "xinetd")),
                missing.toString());
        assertFalse(LabPackages.missing(internet, f -> false).contains("dnsmasq-base"));
    }

    @Test
    void theNatEdgeAndOspfAreRefusedTogether() {
        NetkitException e = assertThrows(NetkitException.class,
                () -> LabPart.checkTogether(List.of(LabPart.NAT, LabPart.OSPF)));
        assertEquals(2, e.exitCode());
        assertEquals("the lab parts 'nat' and 'ospf' do not go together: bring up one of them", e.getMessage());
    }
}
