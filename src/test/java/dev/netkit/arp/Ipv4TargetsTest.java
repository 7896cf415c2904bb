package dev.netkit.arp;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Ipv4TargetsTest {
    static List<String> expand(String... specs) {
        return Ipv4Targets.expand(List.of(specs)).stream().map(Inet4Address::getHostAddress).toList();
    }

    @Test
    void cidrLeavesOutNetworkAndBroadcast() {
        List<String> l = expand("198.18.1.0/24");
        assertEquals(254, l.size());
        assertEquals("198.18.1.1", l.get(0));
        assertEquals("198.18.1.254", l.get(253));
        assertEquals(List.of("198.18.2.1", "198.18.2.2"), expand("198.18.2.0/30"));
        assertEquals(List.of("198.18.2.0", "198.18.2.1"), expand("198.18.2.0/31"));
    }

    @Test
    void rangesAndAddressesOnceEach() {
        assertEquals(List.of("198.18.1.10", "198.18.1.11", "198.18.1.12"), expand("198.18.1.10-12", "198.18.1.11"));
        assertEquals(List.of("198.18.1.254", "198.18.1.255", "198.18.2.0"), expand("198.18.1.254-198.18.2.0"));
    }

    @Test
    void badSpecsAreUsageErrors() {
        assertEquals(2, assertThrows(NetkitException.class, () -> expand("198.18.1.20-10")).exitCode());
        assertEquals(2, assertThrows(NetkitException.class, () -> expand("2001:db8::/64")).exitCode());
        assertEquals(2, assertThrows(NetkitException.class, () -> expand("198.18.1.1-300")).exitCode());
        assertEquals(2, assertThrows(NetkitException.class, () -> expand("10.0.0.0/8")).exitCode());
    }
}
