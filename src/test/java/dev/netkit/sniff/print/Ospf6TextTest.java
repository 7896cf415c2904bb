package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OSPFv3 as tcpdump 4.99.6 prints it (tests/ospf3_bc-vv.out, ospf3_auth-vv.out, ospf6_print_lshdr-oobr.out). */
class Ospf6TextTest {
    /** OSPFv3_broadcast_adjacency.pcap packet 1: a hello with no neighbour yet. */
    private static final byte[] HELLO = HexFormat.of().parseHex("030100240101010100000001fb86000000000005"
            + "01000013000a00280000000000000000");
    /** OSPFv3_broadcast_adjacency.pcap packet 15: an update of a router, four inter-area prefix, a link and an
     * intra-area prefix LSA. */
    private static final byte[] UPDATE = HexFormat.of().parseHex("030401200101010100000001e55600000000000700282001"
            + "000000000101010180000002d13a00180100003300292003000000030101010180000001625900240000004a40000000"
            + "20010db80000000300292003000000020101010180000001baf60024000000544000000020010db800000004002920030"
            + "00000010101010180000001eba000240000004a4000000020010db800000034002920030000000001010101800000010e"
            + "bd0024000000404000000020010db800000000002300080000000501010101800000023d08003801000033fe80000000"
            + "0000000000000000000001000000014000000020010db80000001200232009000000000101010180000001e8d2002c00"
            + "01200100000000010101014000000a20010db800000012");
    /** ospf3_auth.pcapng packet 1: a hello with an HMAC authentication trailer (RFC 7166). */
    private static final byte[] AUTHENTICATED = HexFormat.of().parseHex("030100280a0a0a020000000007d2000000000002"
            + "01000413000a00280a0a0a010a0a0a020a0a0a01000100300000000100000000"
            + "52da4e0eca4d7d5869a5da3c2a690edaa7329bee9d7f448c9f31fbe4a0e9b39c6da6cca1");

    private static String print(byte[] d, int end, int verbose) {
        StringBuilder b = new StringBuilder();
        Ospf6Text.print(b, d, 0, end, d.length, verbose);
        return b.toString();
    }

    @Test
    void plainNamesVersionTypeAndLength() {
        assertEquals("OSPFv3, Hello, length 36", print(HELLO, HELLO.length, 0));
    }

    @Test
    void verboseHelloHasOptionsAndTimersAndWithVvItsNeighbours() {
        String v = "OSPFv3, Hello, length 36\n"
                + "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n"
                + "\tOptions [V6, External, Router]\n"
                + "\t  Hello Timer 10s, Dead Timer 40s, Interface-ID 0.0.0.5, Priority 1";
        assertEquals(v, print(HELLO, HELLO.length, 1));
        assertEquals(v + "\n\t  Neighbor List:", print(HELLO, HELLO.length, 2));
    }

    @Test
    void updateListsEachLsaByType() {
        assertEquals("OSPFv3, LS-Update, length 288\n"
                + "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000002, age 40s, length 4\n"
                + "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0\n"
                + "\t      Options [V6, External, Router, Demand Circuit], RLA-Flags [ABR]\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 41s, length 16\n"
                + "\t    Inter-Area Prefix LSA (3), Area Local Scope, LSA-ID 0.0.0.3, metric 74\n"
                + "\t\t2001:db8:0:3::/64, metric 0\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 41s, length 16\n"
                + "\t    Inter-Area Prefix LSA (3), Area Local Scope, LSA-ID 0.0.0.2, metric 84\n"
                + "\t\t2001:db8:0:4::/64, metric 0\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 41s, length 16\n"
                + "\t    Inter-Area Prefix LSA (3), Area Local Scope, LSA-ID 0.0.0.1, metric 74\n"
                + "\t\t2001:db8:0:34::/64, metric 0\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 41s, length 16\n"
                + "\t    Inter-Area Prefix LSA (3), Area Local Scope, LSA-ID 0.0.0.0, metric 64\n"
                + "\t\t2001:db8::/64, metric 0\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000002, age 35s, length 36\n"
                + "\t    Link LSA (8), Link Local Scope, LSA-ID 0.0.0.5\n"
                + "\t      Options [V6, External, Router, Demand Circuit]\n"
                + "\t      Priority 1, Link-local address fe80::1, Prefixes 1:\n"
                + "\t\t2001:db8:0:12::/64, metric 0\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 35s, length 24\n"
                + "\t    Intra-Area Prefix LSA (9), Area Local Scope, LSA-ID 0.0.0.0\n"
                + "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0\n"
                + "\t      Prefixes 1:\n"
                + "\t\t2001:db8:0:12::/64, metric 10", print(UPDATE, UPDATE.length, 2));
        assertEquals("OSPFv3, LS-Update, length 288\n\tRouter-ID 1.1.1.1, Area 0.0.0.1",
                print(UPDATE, UPDATE.length, 1));
    }

    @Test
    void authenticationTrailerFollowsThePacket() {
        String v = "OSPFv3, Hello, length 88\n"
                + "\tRouter-ID 10.10.10.2, Backbone Area\n"
                + "\tOptions [V6, External, Router, Authentication Trailer]\n"
                + "\t  Hello Timer 10s, Dead Timer 40s, Interface-ID 0.0.0.2, Priority 1\n"
                + "\t  Designated Router 10.10.10.1, Backup Designated Router 10.10.10.2\n";
        String trailer = "\tAuthentication Type HMAC, Length 48, SAID 1, CSN 0x00000000:52da4e0e";
        assertEquals(v + trailer, print(AUTHENTICATED, AUTHENTICATED.length, 1));
        assertEquals(v + "\t  Neighbor List:\n\t    10.10.10.1\n" + trailer + "\n"
                + "\tAuthentication Data 0x0000:  ca4d 7d58 69a5 da3c 2a69 0eda a732 9bee\n"
                + "\tAuthentication Data 0x0010:  9d7f 448c 9f31 fbe4 a0e9 b39c 6da6 cca1",
                print(AUTHENTICATED, AUTHENTICATED.length, 2));
    }

    @Test
    void cutInsideAnLsaEndsTheText() {
        // as ospf6_print_lshdr-oobr's packet 12: the capture ends inside the first LSA's body
        assertEquals("OSPFv3, LS-Update, length 288\n"
                + "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000002, age 40s, length 4\n"
                + "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0 [|ospf3]", print(UPDATE, 42, 2));
    }

    @Test
    void bogusLsaLengthEndsTheText() {
        byte[] d = UPDATE.clone();
        d[20 + 18] = 0;
        d[20 + 19] = 0;
        assertEquals("OSPFv3, LS-Update, length 288\n"
                + "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n"
                + "\t\t  Bogus length 0 < header (20) [|ospf3]", print(d, d.length, 2));
    }

    /** A hand-built update with one grace LSA (RFC 3623 TLVs); Debian's tcpdump 4.99.3 prints it the same at -vv. */
    @Test
    void graceLsaTlvs() {
        byte[] d = HexFormat.of().parseHex("03040038010101010000000100000000000000010005000b00000000010101018000000100"
                + "00002400010004000000780002000101000000");
        String head = "OSPFv3, LS-Update, length 56\n"
                + "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n"
                + "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 5s, length 16\n"
                + "\t    Grace LSA (11), Link Local Scope, LSA-ID 0.0.0.0\n";
        assertEquals(head + "\t    Grace Period TLV (1), length 4, value: 120s\n"
                + "\t    Graceful restart Reason TLV (2), length 1, value: Software Restart (1)",
                print(d, d.length, 2));
        d[43] = 5; // the grace period's length: 5, not 4
        assertEquals(head + "\t    Grace Period TLV (1), length 5, value: \n"
                + "\t    Bogus length 5 != 4 [|ospf3]", print(d, d.length, 2));
    }
}
