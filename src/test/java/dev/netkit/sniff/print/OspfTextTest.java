package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OSPFv2 as tcpdump 4.99.6 prints it (tests/ospf-ack.out and ospf-nssa-bitnt.out). */
class OspfTextTest {
    /** ospf-ack.pcap's OSPF packet: an LS-Ack of a router LSA and a summary LSA. */
    private static final byte[] ACK = HexFormat.of().parseHex("0205004002020202000000018" + "8e8"
            + "00000000000000000000" + "002e22010101010101010101800000026" + "2ba0024"
            + "002b220301000000010101018000000" + "1c26b001c");

    private static String print(byte[] d, int end, int verbose) {
        StringBuilder b = new StringBuilder();
        OspfText.print(b, d, 0, end, d.length, verbose);
        return b.toString();
    }

    @Test
    void plainNamesVersionTypeAndLength() {
        assertEquals("OSPFv2, LS-Ack, length 64", print(ACK, ACK.length, 0));
    }

    @Test
    void verboseListsTheAcknowledgedHeaders() {
        assertEquals("OSPFv2, LS-Ack, length 64\n"
                + "\tRouter-ID 2.2.2.2, Area 0.0.0.1, Authentication Type: none (0)\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000002, age 46s, length 16\n"
                + "\t    Router LSA (1), LSA-ID: 1.1.1.1\n"
                + "\t    Options: [External, Demand Circuit]\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 43s, length 8\n"
                + "\t    Summary LSA (3), LSA-ID: 1.0.0.0\n"
                + "\t    Options: [External, Demand Circuit]", print(ACK, ACK.length, 1));
    }

    @Test
    void cutHeaderEndsWithTheProtocol() {
        assertEquals("OSPFv2, LS-Ack, length 64\n"
                + "\tRouter-ID 2.2.2.2, Area 0.0.0.1, Authentication Type: none (0) [|ospf2]", print(ACK, 30, 1));
    }

    @Test
    void routerLsaLinksAndMetrics() {
        // ospf-nssa-bitnt: an update with one router LSA, flags ABR, ASBR, Nt, one stub link
        byte[] d = HexFormat.of().parseHex("020400400a0022030000000100000000000000000000000000000001"
                + "000128010a0022030a0022038000000400000024130000010a002200ffffff0003000001");
        assertEquals("OSPFv2, LS-Update, length 64\n"
                + "\tRouter-ID 10.0.34.3, Area 0.0.0.1, Authentication Type: none (0), 1 LSA\n"
                + "\t  LSA #1\n"
                + "\t  Advertising Router 10.0.34.3, seq 0x80000004, age 1s, length 16\n"
                + "\t    Router LSA (1), LSA-ID: 10.0.34.3\n"
                + "\t    Options: [NSSA, Demand Circuit]\n"
                + "\t    Router LSA Options: [ABR, ASBR, Nt]\n"
                + "\t      Stub Network: 10.0.34.0, Mask: 255.255.255.0\n"
                + "\t\ttopology default (0), metric 1", print(d, d.length, 1));
    }
}
