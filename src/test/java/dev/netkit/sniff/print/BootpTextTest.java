package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BOOTP/DHCP at tcpdump's -vv and -vvv (print-bootp.c), each text tcpdump 4.99's for the same payload. */
class BootpTextTest {
    /** dhcp-option-33.pcap packet 1: a DHCP offer with a static route, then END and two pad octets. */
    private static final String OFFER = "0201060012345678" + "0000000000000000" + "c0a80164c0a80101" + "00000000"
            + "001122334455" + "00".repeat(202) + "638253633501023604c0a8010133040001518021080a0000010a000002ff";
    /** The fixed part up to the magic cookie, then the options given. */
    private static final String REPLY = OFFER.substring(0, 2 * 236) + "63825363";

    private static String bootp(String hex, int verbose) {
        byte[] d = HexFormat.of().parseHex(hex);
        StringBuilder b = new StringBuilder();
        BootpText.print(b, d, 0, d.length, d.length, verbose);
        return b.toString();
    }

    @Test
    void veryVerboseShowsTheFlagsValueAndEnd() {
        String head = "BOOTP/DHCP, Reply, length 266, xid 0x12345678, Flags [none]";
        String body = "\n\t  Your-IP 192.168.1.100\n\t  Server-IP 192.168.1.1\n"
                + "\t  Client-Ethernet-Address 00:11:22:33:44:55\n\t  Vendor-rfc1048 Extensions\n"
                + "\t    Magic Cookie 0x63825363\n\t    DHCP-Message (53), length 1: Offer\n"
                + "\t    Server-ID (54), length 4: 192.168.1.1\n\t    Lease-Time (51), length 4: 86400\n"
                + "\t    Static-Route (33), length 8: (10.0.0.1:10.0.0.2)";
        assertEquals(head + body, bootp(OFFER, 1));
        assertEquals(head + " (0x0000)" + body, bootp(OFFER, 2));
        assertEquals(head + " (0x0000)" + body + "\n\t    END (255), length 0", bootp(OFFER, 3));
    }

    @Test
    void padRunsAreCountedAtThreeVs() {
        String text = bootp(REPLY + "000000ff", 3);
        assertEquals("\t    PAD (0), length 0, occurs 3\n\t    END (255), length 0",
                text.substring(text.indexOf("\t    PAD")));
    }

    @Test
    void sztpRedirectListsItsUris() {
        // RFC 8572 section 8.3: two URIs, each after its 16-bit length
        String option = "8f" + "0e" + "0005" + "6874747073" + "0005" + "612f622f63";
        String text = bootp(REPLY + option + "ff", 1);
        assertEquals("\t    SZTP-Redirect (143), length 14: \n\t\t    length 5: \"https\"\n\t\t    length 5: \"a/b/c\"",
                text.substring(text.indexOf("\t    SZTP")));
    }
}
