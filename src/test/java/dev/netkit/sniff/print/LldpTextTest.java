package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LLDP as tcpdump 4.99.6 prints it; each vector's tcpdump text is the expected value (tests/*.out). */
class LldpTextTest {
    /** lldp_8021_linkagg.pcap packet 1, after the Ethernet header: one 802.1 link aggregation TLV. */
    private static final byte[] LINKAGG = HexFormat.of().parseHex("fe090080c20703000000" + "64");

    private static String print(byte[] d, int length, int verbose) {
        StringBuilder b = new StringBuilder();
        LldpText.print(b, d, 0, length, verbose);
        return b.toString();
    }

    @Test
    void plainPrintsTheLengthOnly() {
        // LLDP, length 11
        assertEquals("LLDP, length 11", print(LINKAGG, 11, 0));
    }

    @Test
    void verboseDecodesTheOrganizationTlv() {
        assertEquals("LLDP, length 11\n"
                + "\tOrganization specific TLV (127), length 9: OUI Ethernet bridged (0x0080c2)\n"
                + "\t  Link aggregation Subtype (7)\n"
                + "\t    aggregation status [supported, enabled], aggregation port ID 100", print(LINKAGG, 11, 1));
    }

    @Test
    void veryVerboseAlsoDumpsEachTlv() {
        // tcpdump -vv: the same, then "\t  0x0000:  0080 c207 0300 0000 64"
        assertEquals(print(LINKAGG, 11, 1) + "\n\t  0x0000:  0080 c207 0300 0000 64", print(LINKAGG, 11, 2));
    }

    @Test
    void truncatedCaptureEndsWithTheProtocol() {
        // lldp_8023_mtu-oobr: the max frame size TLV is too short to decode, then the capture ends
        byte[] d = HexFormat.of().parseHex("fe0400120f04");
        assertEquals("LLDP, length 262130\n"
                + "\tOrganization specific TLV (127), length 4: OUI IEEE 802.3 Private (0x00120f)\n"
                + "\t  Max frame size Subtype (4) [|lldp]", print(d, 262130, 1));
    }

    @Test
    void systemNameIsPrintedWithoutVerbose() {
        // "System Name TLV (5), length 6: leaf0b" at -v; its value alone without -v, as tcpdump does
        byte[] d = HexFormat.of().parseHex("0a066c65616630620000");
        assertEquals("LLDP, length 10: leaf0b", print(d, 10, 0));
    }
}
