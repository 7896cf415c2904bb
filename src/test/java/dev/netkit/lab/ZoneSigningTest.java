package dev.netkit.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signing step of {@code lab up}, run for real with ldns in a temporary state dir (no network, no root):
 * the three zones are signed, and netkit.test.'s tampered record is served with another address than the one
 * its signature covers, which ldns-verify-zone (offline, the zone's own keys) rejects.
 */
class ZoneSigningTest {
    private final Topology internet = Topologies.internet();

    @Test
    void zoneHasTheTamperedRecordWithServersAddress() {
        String z = new DnsZones(internet).netkit();
        assertTrue(z.contains("\ntampered IN A 198.18.10.10\n"), z);
        assertEquals("tampered.netkit.test.\t300\tIN\tA\t198.18.10.99", Daemons.tamperedLine(DnsZones.TAMPERED_SERVED));
    }

    @Test
    void signedZonesVerifyExceptTheTamperedRecord(@TempDir Path state) {
        for (String tool : List.of("ldns-keygen", "ldns-signzone", "ldns-verify-zone")) {
            requireTool(tool);
        }
        Daemons daemons = new Daemons(internet, state);
        for (String host : List.of("root", "tld", "auth")) {
            daemons.prepare(internet.host(host).orElseThrow());
        }
        ExternalCommand.check(daemons.signingCommand(), null, Duration.ofSeconds(60), "signing");
        Path auth = state.resolve("auth").resolve("nsd").resolve("netkit.test.zone.signed");
        String signed = read(auth);
        assertTrue(signed.lines().anyMatch(l -> l.equals("tampered.netkit.test.\t300\tIN\tA\t198.18.10.99")), signed);
        assertFalse(signed.lines().anyMatch(l -> l.equals(Daemons.tamperedLine(DnsZones.TAMPERED_SIGNED))), signed);
        assertTrue(signed.lines().anyMatch(l -> l.matches("tampered\\.netkit\\.test\\.\\t300\\tIN\\tRRSIG\\tA 13 3 .+")),
                signed);

        ExternalCommand.Result bad = verify(auth);
        assertNotEquals(0, bad.exitCode(), bad.stdout() + bad.stderr());
        assertTrue((bad.stdout() + bad.stderr()).contains("tampered.netkit.test."), bad.stdout() + bad.stderr());
        // the other signed records, and the other two zones, are intact
        ExternalCommand.Result root = verify(state.resolve("root").resolve("nsd").resolve("root.zone.signed"));
        assertEquals(0, root.exitCode(), root.stdout() + root.stderr());
        ExternalCommand.Result tld = verify(state.resolve("tld").resolve("nsd").resolve("test.zone.signed"));
        assertEquals(0, tld.exitCode(), tld.stdout() + tld.stderr());
        long errors = (bad.stdout() + bad.stderr()).lines().filter(l -> l.startsWith("Error:")).count();
        assertEquals(1, errors, bad.stdout() + bad.stderr());
        assertTrue(Files.exists(state.resolve("dnssec").resolve("root.anchor")));
    }

    private static ExternalCommand.Result verify(Path zone) {
        return ExternalCommand.run(List.of(LabPackages.binary("ldns-verify-zone"), zone.toString()), null,
                Duration.ofSeconds(30));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void requireTool(String tool) {
        boolean present = LabPackages.binary(tool).startsWith("/");
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError(tool + " is missing: scripts/packages/lab.list installs ldnsutils");
        }
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install ldnsutils)");
    }
}
