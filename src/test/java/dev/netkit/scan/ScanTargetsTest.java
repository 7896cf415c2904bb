package dev.netkit.scan;

import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Target expansion: network and broadcast addresses, and which targets deserve a warning (parsing only). */
class ScanTargetsTest {
    static List<String> expand(String... specs) {
        return ScanTargets.expand(List.of(specs), Set.of(), Map.<String, InetAddress>of()::get).stream()
                .map(t -> IpLiteral.format(t.address())).toList();
    }

    @Test
    void aCidrLeavesOutItsNetworkAndBroadcastAddress() {
        assertEquals(List.of("198.18.1.1", "198.18.1.2"), expand("198.18.1.0/30"));
        List<String> lan = expand("198.18.1.0/24");
        assertEquals(254, lan.size());
        assertFalse(lan.contains("198.18.1.0") || lan.contains("198.18.1.255"));
        // /31 and /32 have no network or broadcast address (RFC 3021)
        assertEquals(List.of("198.18.2.0", "198.18.2.1"), expand("198.18.2.0/31"));
    }

    @Test
    void aBroadcastAddressIsProbedOnlyWhenAskedForByName() {
        assertEquals(List.of("198.18.1.255"), expand("198.18.1.255"));
        assertEquals(List.of("198.18.1.0"), expand("198.18.1.0"));
        assertEquals(List.of("198.18.1.254", "198.18.1.255"), expand("198.18.1.254-255"));
    }

    @Test
    void privateBenchmarkingAndDocumentationRangesNeedNoWarning() {
        for (String a : List.of("198.18.10.10", "198.19.255.1", "10.1.2.3", "172.31.0.1", "192.168.1.1", "127.0.0.1",
                "100.64.0.1", "169.254.1.1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "2001:db8:10::10", "::1",
                "fd00::1", "fe80::1", "2001:2::1", "3fff::1")) {
            assertTrue(ScanTargets.inLocalScope(IpLiteral.parseOrNull(a)), a);
        }
    }

    @Test
    void publicAddressesAreFlagged() {
        // parsing only: nothing is sent to these addresses
        for (String a : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "198.20.0.1", "192.0.3.1", "2a00:1450::1",
                "2001:db9::1", "11.0.0.1")) {
            assertFalse(ScanTargets.inLocalScope(IpLiteral.parseOrNull(a)), a);
        }
        List<ScanTarget> t = ScanTargets.expand(List.of("198.18.1.10", "9.9.9.9", "2606:4700::1111"), Set.of(),
                Map.<String, InetAddress>of()::get);
        assertEquals(List.of("9.9.9.9", "2606:4700::1111"),
                ScanTargets.outsideLocalScope(t).stream().map(x -> IpLiteral.format(x.address())).toList());
    }
}
