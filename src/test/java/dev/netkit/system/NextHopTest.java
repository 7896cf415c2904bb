package dev.netkit.system;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which interfaces count as Ethernet links for frame injection (sysfs type and address). */
class NextHopTest {
    private static final String ZERO = "00:00:00:00:00:00";

    @Test
    void ethernetKeepsItsMac() {
        assertEquals("02:00:c6:12:01:0a", NextHop.ethernetMac("1", "02:00:c6:12:01:0a"));
    }

    @Test
    void tunAndWireguardHaveNoAddress() {
        assertEquals(ZERO, NextHop.ethernetMac("65534", ""));
    }

    @Test
    void ipipGreAndSitHaveAFourOctetAddress() {
        assertEquals(ZERO, NextHop.ethernetMac("768", "c6:12:01:0a"));
        assertEquals(ZERO, NextHop.ethernetMac("778", "c6:12:01:0a"));
        assertEquals(ZERO, NextHop.ethernetMac("776", "00:00:00:00"));
    }

    @Test
    void ethernetTypeWithAnUnparsableAddressIsNoEthernetLink() {
        assertEquals(ZERO, NextHop.ethernetMac("1", ""));
        assertEquals(ZERO, NextHop.ethernetMac("1", "c6:12:01:0a"));
    }

    @Test
    void loopbackIsNoEthernetLink() {
        assertEquals(ZERO, NextHop.ethernetMac("772", "00:00:00:00:00:00"));
    }
}
