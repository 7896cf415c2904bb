package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.system.Neighbor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netkit arp through the command line: the table view of this host and the usage errors (no packet is sent). */
class ArpCommandTest {
    @Test
    void tableAsJsonHasOneNeighborObjectPerLine() {
        NetkitTest.Result r = NetkitTest.run("arp", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        r.out().lines().forEach(l -> assertTrue(l.startsWith("{\"type\":\"neighbor\",\"ip\":") && l.contains("\"state\":"), l));
        NetkitTest.Result show = NetkitTest.run("arp", "show", "-4");
        assertEquals(ExitCode.OK, show.code(), show.err());
        assertTrue(show.out().startsWith("ADDRESS"), show.out());
    }

    @Test
    void usageErrors() {
        assertEquals(ExitCode.USAGE, NetkitTest.run("arp", "-4", "-6").code());
        NetkitTest.Result r = NetkitTest.run("arp", "scan");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("--localnet"), r.err());
        assertEquals(ExitCode.USAGE, NetkitTest.run("arp", "ping", "-D", "-U", "198.18.1.11").code());
        assertEquals(ExitCode.USAGE, NetkitTest.run("arp", "ping", "198.18.1.0/24").code());
        assertEquals(ExitCode.USAGE, NetkitTest.run("arp", "scan", "--rate", "10", "--interval", "1", "198.18.1.1").code());
    }

    /** arp add and del check their words before they touch the table: exit 2 and one line (nothing is changed). */
    @Test
    void addAndDelUsageErrors() {
        String[][] bad = {{"arp", "add", "198.18.1.99", "02:00:00:00:99"}, {"arp", "add", "server", "02:00:00:00:00:99"},
                {"arp", "add", "198.18.1.99", "02:00:00:00:00:99", "eth0"},
                {"arp", "add", "198.18.1.99", "02:00:00:00:00:99", "via", "eth0"}, {"arp", "add", "198.18.1.99"},
                {"arp", "del", "198.18.1.99", "eth0"}, {"arp", "del", "300.1.1.1"}, {"arp", "del"}};
        String[] says = {"not a MAC address", "'server' is not an IPv4 or IPv6 address", "'eth0' is not 'dev IFACE'",
                "'via eth0' is not 'dev IFACE'", "requires at least", "'eth0' is not 'dev IFACE'",
                "'300.1.1.1' is not an IPv4 or IPv6 address", "Missing required parameter"};
        for (int i = 0; i < bad.length; i++) {
            NetkitTest.Result r = NetkitTest.run(bad[i]);
            assertEquals(ExitCode.USAGE, r.code(), String.join(" ", bad[i]) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(says[i]), r.err());
        }
    }

    @Test
    void theTableFiltersByAddressOrByMacInAnyOfItsForms() {
        List<Neighbor> table = List.of(
                new Neighbor("198.18.1.1", "02:6e:6b:01:00:01", "eth0", List.of("REACHABLE"), false),
                new Neighbor("2001:db8:1::1", "02:6e:6b:01:00:01", "eth0", List.of("STALE"), true),
                new Neighbor("198.18.1.11", "02:6e:6b:01:00:0b", "eth0", List.of("STALE"), false),
                new Neighbor("198.18.1.99", null, "eth0", List.of("FAILED"), false));
        for (String mac : List.of("02:6e:6b:01:00:01", "02-6E-6B-01-00-01", "026e.6b01.0001", "2:6e:6b:1:0:1")) {
            assertEquals(List.of("198.18.1.1", "2001:db8:1::1"),
                    Arp.matching(table, mac).stream().map(Neighbor::ip).toList(), mac);
        }
        assertEquals(List.of("2001:db8:1::1"), Arp.matching(table, "2001:DB8:1:0::1").stream().map(Neighbor::ip)
                .toList());
        assertEquals(table, Arp.matching(table, null));
        NetkitTest.Result bad = NetkitTest.run("arp", "show", "026e.6b01");
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().contains("not a MAC address"), bad.err());
    }
}
