package dev.netkit.lab;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabPackagesTest {
    @Test
    void aFailingInstallIsExit5NamingThePackages() {
        // /bin/false stands in for an apt-get that cannot reach the mirror
        NetkitException e = assertThrows(NetkitException.class, () -> LabPackages.ensure(
                List.of("nsd", "unbound"), "/bin/false", () -> List.of("nsd", "unbound")));
        assertEquals(ExitCode.MISSING_COMPONENT, e.exitCode());
        assertTrue(e.getMessage().startsWith("could not install nsd unbound"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install nsd unbound"), e.getMessage());
    }

    @Test
    void noAptGetIsExit5Too() {
        NetkitException e = assertThrows(NetkitException.class, () -> LabPackages.ensure(
                List.of("socat"), "apt-get", List::of));
        assertEquals(ExitCode.MISSING_COMPONENT, e.exitCode());
        assertTrue(e.getMessage().contains("socat"), e.getMessage());
    }

    @Test
    void nothingMissingRunsNothing() {
        assertEquals(List.of(), LabPackages.ensure(List.of(), "/nonexistent/apt-get", List::of));
    }

    @Test
    void theInternetTopologyNeedsTheDaemonsPackages() {
        var need = LabPackages.required(Topologies.internet()).values();
        for (String p : List.of("iproute2", "nftables", "nsd", "unbound", "nginx", "libnginx-mod-stream", "socat")) {
            assertTrue(need.contains(p), p);
        }
        var lan = LabPackages.required(Topologies.lan()).values();
        assertTrue(!lan.contains("nsd") && lan.contains("nftables"), lan.toString());
    }
}
