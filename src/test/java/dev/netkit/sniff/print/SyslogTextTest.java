package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** syslog as tcpdump 4.99 prints it (print-syslog.c): syslog_udp.pcap packet 1, an RFC 3164 kernel notice. */
class SyslogTextTest {
    private static final byte[] NOTICE = HexFormat.of().parseHex("3c353e5365702031322031393a31363a3132207468726f7567"
            + "68206c6f676765723a2074657374206d65737361676520323100");

    private static String syslog(int verbose) {
        StringBuilder b = new StringBuilder();
        SyslogText.print(b, NOTICE, 0, NOTICE.length, NOTICE.length, verbose);
        return b.toString();
    }

    @Test
    void plainIsFacilityAndSeverity() {
        assertEquals("SYSLOG kernel.notice, length: 51", syslog(0));
    }

    @Test
    void verboseShowsTheMessageWithItsNulEscaped() {
        assertEquals("SYSLOG, length: 51\n\tFacility kernel (0), Severity notice (5)\n"
                + "\tMsg: Sep 12 19:16:12 through logger: test message 21^@", syslog(1));
    }

    @Test
    void veryVerboseAddsTheMessageInHex() {
        assertEquals(syslog(1) + "\n\t0x0000:  3c35 3e53 6570 2031 3220 3139 3a31 363a"
                + "\n\t0x0010:  3132 2074 6872 6f75 6768 206c 6f67 6765"
                + "\n\t0x0020:  723a 2074 6573 7420 6d65 7373 6167 6520"
                + "\n\t0x0030:  3231 00", syslog(2));
    }
}
