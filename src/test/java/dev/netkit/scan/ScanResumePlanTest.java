package dev.netkit.scan;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What --resume scans again, from the report an interrupted scan left (no network). */
class ScanResumePlanTest {
    static InetAddress a(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static ScanReport report(Map<InetAddress, List<Integer>> done, Set<InetAddress> timedOut) {
        Map<InetAddress, HostDiscovery.Up> up = new LinkedHashMap<>();
        done.keySet().forEach(h -> up.put(h, new HostDiscovery.Up(h, 1, null, "echo-reply")));
        return new ScanReport(done.keySet().stream().map(h -> new ScanTarget(h, null)).toList(), 5, up,
                h -> done.get(h).stream().map(p -> new PortResult(h, p, p == 7 ? "udp" : "tcp", PortState.CLOSED,
                        "reset", -1)).toList(), timedOut::contains,
                List.of(new ScanReport.ScanInfo("syn", "tcp", List.of(22, 80, 443)),
                        new ScanReport.ScanInfo("udp", "udp", List.of(7))), Instant.EPOCH, 1, "netkit scan");
    }

    @Test
    void hostsAreGroupedByThePortsTheyLack() throws Exception {
        Map<InetAddress, List<Integer>> done = new LinkedHashMap<>();
        done.put(a("198.18.10.1"), List.of(22, 80, 443, 7)); // finished
        done.put(a("198.18.10.2"), List.of(22)); // lacks 80, 443, 7
        done.put(a("198.18.10.3"), List.of()); // found up, nothing scanned yet
        done.put(a("198.18.10.4"), List.of(22, 7)); // lacks 80, 443
        done.put(a("198.18.10.5"), List.of(22)); // as .2
        done.put(a("198.18.10.6"), List.of()); // gave up at --host-timeout: done
        ScanResumePlan plan = ScanResumePlan.of(report(done, Set.of(a("198.18.10.6"))));
        assertEquals(List.copyOf(done.keySet()), plan.known());
        assertEquals(List.of(
                new ScanResumePlan.Part(List.of(a("198.18.10.2"), a("198.18.10.5")), List.of(80, 443), List.of(7)),
                new ScanResumePlan.Part(List.of(a("198.18.10.3")), List.of(22, 80, 443), List.of(7)),
                new ScanResumePlan.Part(List.of(a("198.18.10.4")), List.of(80, 443), List.of())), plan.parts());
    }

    @Test
    void aVerdictOnAPortTheScanDidNotListIsRefused() throws Exception {
        Map<InetAddress, List<Integer>> done = Map.of(a("198.18.10.1"), List.of(22, 8080));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScanResumePlan.of(report(done, Set.of())));
        assertEquals("8080/tcp of 198.18.10.1 is not among the ports the report says were scanned", e.getMessage());
    }
}
