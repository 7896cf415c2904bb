package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SNMP as tcpdump prints it with -n (print-snmp.c); each expected text is tcpdump 4.99's for the same UDP payload
 * to port 161, after "src > dst: ".
 */
class SnmpTextTest {
    /** SNMPv1 GetRequest for sysDescr.0 (1.3.6.1.2.1.1.1.0), community "public", request id 1234. */
    private static final String GET_V1 = "302702010004067075626c6963a01a020204d2020100020100300e300c06082b060102010101"
            + "000500";
    /** SNMPv2c GetResponse, community "private": noSuchName at index 1, sysUpTime.0 and sysName.0. */
    private static final String RESPONSE_V2C = "303e020101040770726976617465a2300201070201020201013025300f06082b0601"
            + "0201010300430301e240301206082b060102010105000406726f75746572";
    /** SNMPv1 Trap, community "trap", enterprise 1.3.6.1.4.1.3830.1, enterpriseSpecific 52. */
    private static final String TRAP_V1 = "3039020100040474726170a42e06082b060104019d76014004c6120001020106020134430403"
            + "aa64793010300e06092b060104019d760101020103";
    /** SNMPv3 with USM user "user", flags auth and reportable, scoped GetRequest. */
    private static final String V3 = "3060020103300e02012a020300ffe304010502010304263024040580001f8804020103020204d204"
            + "0475736572040c00000000000000000000000004003023040480001f880400a019020105020100020100300e300c06082b0601"
            + "02010101000500";

    private static String snmp(String hex, int captured, int verbose) {
        return snmp(hex, captured, HexFormat.of().parseHex(hex).length, verbose);
    }

    /** The text for a payload of which {@code captured} bytes were captured of the UDP {@code length}. */
    private static String snmp(String hex, int captured, int length, int verbose) {
        byte[] d = HexFormat.of().parseHex(hex);
        StringBuilder b = new StringBuilder();
        SnmpText.print(b, d, 0, captured, length, verbose, true);
        return b.toString();
    }

    @Test
    void getRequestWithTheDefaultCommunity() {
        assertEquals(" GetRequest(26)  .1.3.6.1.2.1.1.1.0", snmp(GET_V1, 41, 0));
        assertEquals(" { SNMPv1 { GetRequest(26) R=1234  .1.3.6.1.2.1.1.1.0 } } ", snmp(GET_V1, 41, 1));
    }

    @Test
    void responseWithErrorStatusAndValues() {
        assertEquals(" C=\"private\" GetResponse(48)  noSuchName@1 .1.3.6.1.2.1.1.3.0=123456"
                + " .1.3.6.1.2.1.1.5.0=\"router\"", snmp(RESPONSE_V2C, 64, 0));
        assertEquals(" { SNMPv2c C=\"private\" { GetResponse(48) R=7  noSuchName@1 .1.3.6.1.2.1.1.3.0=123456"
                + " .1.3.6.1.2.1.1.5.0=\"router\" } } ", snmp(RESPONSE_V2C, 64, 1));
    }

    @Test
    void trap() {
        assertEquals(" C=\"trap\" Trap(46)  .1.3.6.1.4.1.3830.1 198.18.0.1 enterpriseSpecific s=52 61498489"
                + " .1.3.6.1.4.1.3830.1.1=3", snmp(TRAP_V1, 59, 0));
    }

    @Test
    void v3WithUserBasedSecurity() {
        assertEquals(" F=ar U=\"user\" E=_80_00_1f_88 C=\"\" GetRequest(25)  .1.3.6.1.2.1.1.1.0", snmp(V3, 98, 0));
        assertEquals(" { SNMPv3 { F=ar } { USM B=3 T=1234 U=\"user\" } { ScopedPDU E=_80_00_1f_88 C=\"\""
                + " { GetRequest(25) R=5  .1.3.6.1.2.1.1.1.0 } } } ", snmp(V3, 98, 1));
    }

    @Test
    void cutByTheCaptureInsideAnElement() {
        // snmp-heapoverflow-2.out: "48.48.48.48.12336 > 48.48.48.48.162:   [|snmp]"
        assertEquals("  [|snmp]", snmp("3030303030", 5, 92, 0));
        // tcpdump checks each sequence's whole content first, so a cut anywhere ends the message at its start
        assertEquals("  [|snmp]", snmp(GET_V1, 30, 1));
    }

    @Test
    void notASequenceAtTheStart() {
        // ip-snmp-leftshift-unsigned.out: "[!init SEQ]-1"
        assertEquals(" [!init SEQ]-1", snmp("0201ff", 3, 0));
    }

    @Test
    void unknownVersion() {
        assertEquals(" SNMP [version = 2]", snmp("3003020102", 5, 0));
    }

    @Test
    void elementLongerThanItsSequence() {
        assertEquals(" [len3<asnlen5]", snmp("3005020100", 5, 0));
    }

    @Test
    void nonPrintableCommunityInHexAndAWrongField() {
        assertEquals(" C=ff_01 GetRequest(2) [reqId!=INT]", snmp("300b0201000402ff01a0020500", 13, 0));
    }

    @Test
    void extraBytesAfterTheMessageAndACutHighTag() {
        // the sequence holds 11 of the 12 bytes; the last element's tag (ff a0 00) runs past it
        assertEquals(" [1 extra after iSEQ]C=02_01 [Xtagfield?]", snmp("300902010004020201ffa000", 12, 0));
    }

    /**
     * Without -n object identifiers are named from tcpdump's compiled-in MIB, as Debian's tcpdump 4.99.3 (built
     * without libsmi) printed these GetRequests with {@code tcpdump -t -r}, run in a network namespace of its own.
     */
    @Test
    void withoutNumericObjectIdentifiersAreNamedAsTcpdumpNamesThem() {
        assertEquals(" GetRequest(42)  system.sysDescr.0 interfaces.ifTable.ifEntry.ifInOctets.3", named(
                "303702010004067075626c6963a02a020204d2020100020100301e300c06082b060102010101000500300e060a2b0601020102"
                + "02010a030500"));
        assertEquals(" GetRequest(41)  E:cisco.2.1 S:1.1.5.1", named("303602010004067075626c6963a029020204d20201000201"
                + "00301d300c06082b060104010902010500300d06092b06010603010105010500"));
        assertEquals(" GetRequest(35)  X:1 .iso.org.dod.internet.security.5.2", named("303002010004067075626c6963a023"
                + "020204d20201000201003017300906052b060103010500300a06062b06010505020500"));
        assertEquals(" GetRequest(27)  .2.5.1 .iso.org", named("302802010004067075626c6963a01b020204d20201000201003"
                + "00f3006060255010500300506012b0500"));
        assertEquals(" GetRequest(45)  99.1 ip.ipAddrTable.ipAddrEntry.ipAdEntAddr.198.18.0.1", named("303a020100040670"
                + "75626c6963a02d020204d20201000201003021300b06072b06010201630105003012060e2b0601020104140101814612000"
                + "10500"));
        assertEquals(" GetRequest(34)  .0.0 E:3830.1.1", named("302f02010004067075626c6963a022020204d20201000201003016"
                + "30050601000500300d06092b060104019d7601010500"));
    }

    private static String named(String hex) {
        byte[] d = HexFormat.of().parseHex(hex);
        StringBuilder b = new StringBuilder();
        SnmpText.print(b, d, 0, d.length, d.length, 0, false);
        return b.toString();
    }
}
