package dev.netkit.lab;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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
    void aptGetsStatusLinesAreReportedAsSteps(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // a stand-in apt-get that writes what apt-get writes on APT::Status-Fd=1, and other noise
        Path apt = dir.resolve("apt-get");
        Files.writeString(apt, "#!/bin/sh\necho 'dlstatus:1:0:Retrieving file 1 of 1'\n"
                + "echo 'pmstatus:socat:20.0000:Unpacking socat (armhf)'\necho 'Reading package lists...'\n"
                + "echo 'pmstatus:socat:66.6667:Setting up socat (1.8)'\n");
        apt.toFile().setExecutable(true);
        List<String> steps = new ArrayList<>();
        assertEquals(List.of("socat"), LabPackages.ensure(List.of("socat"), apt.toString(), List::of, steps::add));
        assertEquals(List.of("Unpacking socat (armhf) (20%)", "Setting up socat (1.8) (67%)"), steps);
        assertEquals(null, LabPackages.step("pmstatus:socat:x:Unpacking"));
        assertEquals(null, LabPackages.step("pmerror:socat:10:failed"));
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

    @Test
    void aMissingSigningToolIsExit5NamingLdnsutils() {
        List<String> missing = LabPackages.missing(Topologies.internet(), f -> !f.equals("ldns-signzone"));
        assertEquals(List.of("ldnsutils"), missing);
        assertEquals(List.of("ldnsutils"), LabPackages.missing(Topologies.internet(), f -> !f.equals("ldns-keygen")));
        NetkitException e = assertThrows(NetkitException.class,
                () -> LabPackages.ensure(missing, "/bin/false", () -> missing));
        assertEquals(ExitCode.MISSING_COMPONENT, e.exitCode());
        assertTrue(e.getMessage().startsWith("could not install ldnsutils "), e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install ldnsutils"), e.getMessage());
    }

    /** Every program lab up runs (daemons, the signing and certificate commands) is checked for by its package. */
    @Test
    void everyProgramLabUpRunsHasItsPackage(@org.junit.jupiter.api.io.TempDir Path state) {
        Topology t = Topologies.internet();
        Daemons daemons = new Daemons(t, state);
        List<List<String>> commands = new ArrayList<>();
        for (Topology.Host h : t.hosts()) {
            daemons.prepare(h).forEach(l -> commands.add(l.command()));
            if (h.services().contains(Topology.Service.WEB)) {
                commands.add(daemons.certificateCommand(h));
            }
        }
        commands.add(daemons.signingCommand());
        // Lab itself; unshare and nsenter give each host its UTS namespace (HostNamespaces)
        Set<String> programs = new TreeSet<>(List.of("ip", "setsid", "nft", "unshare", "nsenter"));
        for (List<String> c : commands) {
            programs.add(Path.of(c.get(0)).getFileName().toString());
            c.stream().filter(a -> a.matches("(/usr)?/s?bin/[a-z0-9.-]+"))
                    .forEach(a -> programs.add(Path.of(a).getFileName().toString()));
        }
        assertTrue(programs.containsAll(List.of("nsd", "unbound", "nginx", "socat", "openssl", "sh")), programs.toString());
        Set<String> checked = LabPackages.required(t).keySet();
        for (String p : programs) {
            // sh is Debian's essential dash: always there
            assertTrue(p.equals("sh") || checked.contains(p), p + " is run at lab up but no package is checked for it");
        }
    }

    /** scripts/netkit installs the runtime packages of scripts/packages/*.list, scripts/test also the test ones. */
    @Test
    void everyPackageTheLabNeedsIsARuntimePackageOfTheScripts() throws IOException {
        Path lists = Path.of(System.getProperty("netkit.root", "."), "scripts", "packages");
        Set<String> runtime = new TreeSet<>();
        try (Stream<Path> files = Files.list(lists)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".list")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] w = line.replaceAll("#.*", "").trim().split("\\s+");
                    if (w.length >= 2 && w[0].equals("runtime")) {
                        runtime.add(w[1]);
                    }
                }
            }
        }
        for (Topology t : Topologies.all()) {
            for (String p : LabPackages.required(t).values()) {
                assertTrue(runtime.contains(p), p + " (topology " + t.name() + ") is not a runtime package in " + lists);
            }
        }
        assertTrue(runtime.contains("ldnsutils"), runtime.toString());
    }
}
