package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;

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
}
