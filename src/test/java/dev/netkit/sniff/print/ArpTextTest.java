package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ARP of any hardware type as tcpdump 4.99 prints it (print-arp.c), each line tcpdump's for the same frame. */
class ArpTextTest {
    private static final String ETHERNET = "ffffffffffff" + "020000000001" + "0806";
    /** Frame relay InARP request (RFC 2390): sender DLCI 100 (0x1841), target address 00 00 cut short. */
    private static final String FRAME_RELAY = ETHERNET + "000f08000204" + "0008" + "1841c6120001" + "000000000000";
    /** ATMARP request (RFC 2225): a 20-byte source ATM number, no target number. */
    private static final String ATM = ETHERNET + "0013080014000001040000" + "04"
            + "393a3b3c3d3e3f404142434445464748494a4b4c" + "c6120001c6120002";
    /** Ethernet/IPv4 with operation 0x7501, which tcpdump does not know: dumped in hex. */
    private static final String UNKNOWN_OPERATION = ETHERNET + "0001080006047501" + "001f29daf8fbc6120001"
            + "000000000000c6120002";
    /** InfiniBand (RFC 4391) hardware with IPv6 protocol addresses. */
    private static final String INFINIBAND = ETHERNET + "002086dd14100001" + "00".repeat(72);

    private static String print(String hex, int verbose, boolean link) {
        byte[] frame = HexFormat.of().parseHex(hex);
        byte[] padded = java.util.Arrays.copyOf(frame, Math.max(60, frame.length));
        return print(padded, padded.length, verbose, link);
    }

    private static String print(byte[] frame, int wire, int verbose, boolean link) {
        return RenderedText.ethernet(frame, wire, verbose, link);
    }

    @Test
    void frameRelayAddressesAreDlcis() {
        assertEquals("ARP, Inverse Request who-is <Truncated> tell DLCI 100, length 46", print(FRAME_RELAY, 0, false));
        assertEquals("ARP, FrameRelay (len 2), IPv4 (len 4), Inverse Request who-is <Truncated> tell DLCI 100, "
                + "length 46", print(FRAME_RELAY, 1, false));
    }

    @Test
    void atmArpHasLengthsPerSide() {
        assertEquals("ARP, Request who-has 198.18.0.2 tell 198.18.0.1, length 46", print(ATM, 0, false));
        assertEquals("ARP, ATM, IPv4 (len 4/4), Request who-has 198.18.0.2 tell 198.18.0.1, length 46",
                print(ATM, 1, false));
    }

    @Test
    void unknownOperationIsDumped() {
        assertEquals("ARP, Unknown (29953) \n"
                + "\t0x0000:  0001 0800 0604 7501 001f 29da f8fb c612  ......u...).....\n"
                + "\t0x0010:  0001 0000 0000 0000 c612 0002 0000 0000  ................\n"
                + "\t0x0020:  0000 0000 0000 0000 0000 0000 0000       ..............",
                print(UNKNOWN_OPERATION, 0, false));
    }

    @Test
    void otherTypesPrintOnlyTypesAndLengths() {
        assertEquals("ARP, InfiniBand (len 20), IPv6 (len 16), length 80", print(INFINIBAND, 0, false));
    }

    @Test
    void cutAddressesEndTheLine() {
        byte[] cut = HexFormat.of().parseHex(ETHERNET + "000108000604000100000000000000000000");
        assertEquals("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 60:  [|arp]",
                print(cut, 60, 0, true));
    }
}
