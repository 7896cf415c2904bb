package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RIP and RIPng as tcpdump 4.99.6 prints them (tests/ripv1v2.out, ripv2_auth.out, hoobr_ripng_print.out). */
class RipTextTest {
    /** ripv1v2.pcap packet 2's UDP payload: a RIPv1 response for 10.70.178.0, metric 1. */
    private static final byte[] V1 = HexFormat.of().parseHex("02010000" + "000200000a46b200000000000000000000000001");

    private static String rip(byte[] d, int end, int verbose) {
        StringBuilder b = new StringBuilder();
        RipText.print(b, d, 0, end, d.length, verbose);
        return b.toString();
    }

    private static String ripng(byte[] d, int verbose) {
        StringBuilder b = new StringBuilder();
        RipText.printNg(b, d, 0, d.length, d.length, verbose);
        return b.toString();
    }

    @Test
    void plainNamesVersionAndCommand() {
        assertEquals("RIPv1, Response, length: 24", rip(V1, V1.length, 0));
    }

    @Test
    void verboseListsTheRoutes() {
        assertEquals("\n\tRIPv1, Response, length: 24, routes: 1\n\t  10.70.178.0, metric: 1", rip(V1, V1.length, 1));
    }

    @Test
    void version2PrintsPrefixTagAndNextHop() {
        byte[] d = HexFormat.of().parseHex("02020000" + "000200000a46b200ffffff000000000000000001");
        // "AFI IPv4,     10.70.178.0/24, tag 0x0000, metric: 1, next-hop: self"
        assertEquals("\n\tRIPv2, Response, length: 24, routes: 1 or less\n"
                + "\t  AFI IPv4,     10.70.178.0/24, tag 0x0000, metric: 1, next-hop: self", rip(d, d.length, 1));
    }

    @Test
    void cutEntryEndsWithTheProtocol() {
        assertEquals("\n\tRIPv1, Response, length: 24, routes: 1 [|rip]", rip(V1, 20, 1));
    }

    @Test
    void ripngResponseOnOneLine() {
        byte[] d = HexFormat.of().parseHex("02010000" + "20010db8000000000000000000000000" + "00002001");
        assertEquals(" ripng-resp 1: 2001:db8::/32 (1)", ripng(d, 1));
    }

    @Test
    void ripngWrongVersionIsInvalid() {
        byte[] d = HexFormat.of().parseHex("3030303030303030");
        assertEquals("ripng [version 48, must be 1] (invalid)", ripng(d, 0));
    }
}
