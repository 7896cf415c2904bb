package dev.netkit.address;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one target expander: blocks, ranges, hosts of a block, the limit. */
class AddressRangeTest {
    static List<String> hosts(boolean anycastToo, String... specs) {
        return AddressRange.expand(List.of(specs), anycastToo, 1 << 16, "too many", (s, r) -> { }).stream()
                .map(InetAddress::getHostAddress).toList();
    }

    @Test
    void parse() {
        assertEquals("198.18.1.0-198.18.1.255", AddressRange.parse("198.18.1.77/24").toString());
        assertEquals(24, AddressRange.parse("198.18.1.0/255.255.255.0").block());
        assertEquals("198.18.1.10-198.18.1.20", AddressRange.parse("198.18.1.10-20").toString());
        assertEquals("2001:db8::1-2001:db8::20", AddressRange.parse("2001:db8::1-20").toString());
        assertEquals(-1, AddressRange.parse("2001:db8::1").block());
        assertEquals(1L << 32, AddressRange.parse("0.0.0.0/0").size());
        assertEquals(Long.MAX_VALUE, AddressRange.parse("::/0").size());
    }

    @Test
    void hostsOfABlock() {
        assertEquals(List.of("198.18.2.1", "198.18.2.2"), hosts(true, "198.18.2.0/30"));
        assertEquals(List.of("198.18.2.0", "198.18.2.1"), hosts(true, "198.18.2.0/31"));
        assertEquals(List.of("198.18.2.0", "198.18.2.1", "198.18.2.2"), hosts(true, "198.18.2.0-2"));
        assertEquals(4, hosts(true, "2001:db8::/126").size());
        assertEquals(List.of("2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2", "2001:db8:0:0:0:0:0:3"),
                hosts(false, "2001:db8::/126"));
        assertEquals(List.of("255.255.255.254", "255.255.255.255"), hosts(true, "255.255.255.254-255"));
    }

    @Test
    void badSpecs() {
        assertEquals("range '198.18.1.20-10' ends before it starts",
                assertThrows(NetkitException.class, () -> AddressRange.parse("198.18.1.20-10")).getMessage());
        assertEquals("range '198.18.1.1-300' must end in an address or a last octet 0-255",
                assertThrows(NetkitException.class, () -> AddressRange.parse("198.18.1.1-300")).getMessage());
        assertEquals("'198.18.1.1-::ffff:198.18.1.9' is not an IPv4 range",
                assertThrows(NetkitException.class, () -> AddressRange.parse("198.18.1.1-::ffff:198.18.1.9")).getMessage());
        assertEquals("too many", assertThrows(NetkitException.class, () -> hosts(true, "198.18.0.0/15")).getMessage());
        assertEquals(2, assertThrows(NetkitException.class, () -> hosts(true, "198.18.0.0/15")).exitCode());
    }
}
