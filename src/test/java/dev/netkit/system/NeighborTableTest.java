package dev.netkit.system;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ip -j neigh parsing and the OUI registry's two file forms. */
class NeighborTableTest {
    @Test
    void parsesIpNeighJson() {
        List<Neighbor> l = RecordedIp.neighbors(IpJson.parseArray("""
                [{"dst":"198.18.1.11","dev":"eth0","lladdr":"02:00:00:00:00:0b","state":["REACHABLE"]},
                 {"dst":"198.18.1.99","dev":"eth0","state":["FAILED"]},
                 {"dst":"2001:db8:1::1","dev":"eth0","lladdr":"02:00:00:00:00:01","router":null,"state":["STALE"]},
                 {"dst":"198.18.1.1","dev":"eth0","lladdr":"02:00:00:00:00:01","state":["DELAY","PROBE"]}]
                """));
        assertEquals(4, l.size());
        assertEquals(new Neighbor("198.18.1.11", "02:00:00:00:00:0b", "eth0", List.of("REACHABLE"), false), l.get(0));
        assertNull(l.get(1).mac());
        assertEquals("FAILED", l.get(1).state());
        assertTrue(l.get(2).router());
        assertTrue(l.get(2).isV6());
        assertFalse(l.get(0).isV6());
        assertEquals("DELAY,PROBE", l.get(3).state());
        assertEquals("02:00:00:00:00:01", NeighborTable.macOf(l, "198.18.1.1"));
        assertNull(NeighborTable.macOf(l, "198.18.1.99"), "FAILED: no MAC");
        assertNull(NeighborTable.macOf(l, "198.18.1.12"), "not in the table");
    }

    @Test
    void aFailedEntryKeepingAnOldMacIsNotResolved() {
        List<Neighbor> l = RecordedIp.neighbors(IpJson.parseArray("""
                [{"dst":"198.18.1.11","dev":"eth0","lladdr":"02:00:00:00:00:0b","state":["FAILED"]}]"""));
        assertNull(NeighborTable.macOf(l, "198.18.1.11"));
    }

    @Test
    void ouiFromTxtAndCsv() throws IOException {
        String txt = """
                OUI/MA-L                                                    Organization
                company_id                                                  Organization
                                                                            Address

                52-54-00   (hex)\t\tQEMU Virtual NIC
                525400     (base 16)\t\tQEMU Virtual NIC

                00-0C-29   (hex)\t\tVMware, Inc.
                """;
        OuiRegistry r = new OuiRegistry(OuiRegistry.parse(new BufferedReader(new StringReader(txt)), false));
        assertEquals("VMware, Inc.", r.vendor(new byte[] {0, 0x0c, 0x29, 1, 2, 3}));
        assertEquals(OuiRegistry.UNKNOWN, r.vendor(new byte[] {0, 0x11, 0x22, 1, 2, 3}));
        // 52 has the locally administered bit set: no vendor, whatever the registry says
        assertEquals(OuiRegistry.LOCAL, r.vendor(new byte[] {0x52, 0x54, 0, 1, 2, 3}));
        String csv = """
                Registry,Assignment,Organization Name,Organization Address
                MA-L,000C29,"VMware, Inc.",3401 Hillview Avenue PALO ALTO CA US 94304
                MA-L,001122,CIMSYS Inc,#301 Sinsung-clean Bldg Korea KR
                """;
        OuiRegistry c = new OuiRegistry(OuiRegistry.parse(new BufferedReader(new StringReader(csv)), true));
        assertEquals("VMware, Inc.", c.vendor(new byte[] {0, 0x0c, 0x29, 1, 2, 3}));
        assertEquals("CIMSYS Inc", c.vendor(new byte[] {0, 0x11, 0x22, 1, 2, 3}));
    }

    @Test
    void installedRegistryKnowsVmwareWhenIeeeDataIsInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(
                java.nio.file.Path.of("/usr/share/ieee-data/oui.txt")));
        assertTrue(OuiRegistry.system().size() > 10000);
        assertTrue(OuiRegistry.system().vendor(new byte[] {0, 0x0c, 0x29, 1, 2, 3}).startsWith("VMware"));
    }
}
