package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.NtpMessage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * tcpdump's NTP text (print-ntp.c, ntp.c): version, mode and length; with -v the leap indicator, then for the
 * time modes stratum, poll, precision, root delay and dispersion, reference id and the four timestamps with the
 * origin's differences, and for control messages the header fields. A message shorter than its mode's fixed
 * part is {@code (invalid)}; one cut by the capture ends with {@code [|ntp]}.
 */
final class NtpText {
    private static final String[] MODES = {"unspecified", "symmetric active", "symmetric passive", "Client",
            "Server", "Broadcast", "Control Message", "Reserved"};
    private static final String[] LEAP = {"", "+1s", "-1s", "clock unsynchronized"};
    /** Seconds from 1900 (NTP's era 0) to 1970, and from 1970 to era 1's start in 2036 (RFC 5905 section 6). */
    private static final long FROM_1900 = 2_208_988_800L;
    private static final long TO_2036 = 2_085_978_496L;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private NtpText() {
    }

    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        NtpMessage m = new NtpMessage(d, Math.min(off, d.length), Math.max(0, Math.min(end, d.length) - off));
        try {
            body(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|ntp]");
        }
    }

    private static void body(StringBuilder b, NtpMessage m, int length, int verbose) {
        b.append("NTPv").append(m.version()).append(", ").append(MODES[m.mode()]).append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        int leap = m.leap();
        b.append("\n\tLeap indicator: ").append(LEAP[leap >> 6]).append(" (").append(leap).append(')');
        if (m.mode() < NtpMessage.MODE_CONTROL) {
            time(b, m, length);
        } else if (m.mode() == NtpMessage.MODE_CONTROL) {
            control(b, m, length);
        }
    }

    private static void time(StringBuilder b, NtpMessage m, int length) {
        if (length < NtpMessage.TIME_LENGTH) {
            b.append(" (invalid)");
            m.bytesAt(0, length);
            return;
        }
        int stratum = m.byteAt(1);
        b.append(", Stratum ").append(stratum).append(" (").append(stratum == 0 ? "unspecified" : stratum == 1
                ? "primary reference" : stratum <= 15 ? "secondary reference" : "reserved").append(')');
        int poll = m.signedByteAt(2);
        b.append(", poll ").append(poll);
        if (poll > -32 && poll < 32) {
            b.append(poll >= 0 ? " (" + (1L << poll) + "s)" : " (1/" + (1L << -poll) + "s)");
        }
        b.append(", precision ").append(m.signedByteAt(3));
        m.bytesAt(4, 4);
        shortFixed(b.append("\n\tRoot Delay: "), m, 4);
        m.bytesAt(8, 4);
        shortFixed(b.append(", Root dispersion: "), m, 8);
        m.u32At(12);
        b.append(", Reference-ID: ");
        switch (stratum) {
            case 0 -> b.append("(unspec)");
            case 1 -> WireString.append(b, m.buffer(), m.offset() + 12, 4, m.offset() + m.length());
            case 62, 63 -> {
                AddressText.ipv4(b, m.bytesAt(12, 4), 0).append(stratum == 62 ? " INFO_QUERY" : " INFO_REPLY");
                return;
            }
            default -> b.append(String.format(Locale.ROOT, "0x%08x", m.u32At(12)));
        }
        labelled(b, m, "\n\t  Reference Timestamp:  ", NtpMessage.REFERENCE);
        labelled(b, m, "\n\t  Origin Timestamp:     ", NtpMessage.ORIGIN);
        labelled(b, m, "\n\t  Receive Timestamp:    ", NtpMessage.RECEIVE);
        labelled(b, m, "\n\t  Transmit Timestamp:   ", NtpMessage.TRANSMIT);
        delta(b.append("\n\t    Originator - Receive Timestamp:  "), m, NtpMessage.ORIGIN, NtpMessage.RECEIVE);
        delta(b.append("\n\t    Originator - Transmit Timestamp: "), m, NtpMessage.ORIGIN, NtpMessage.TRANSMIT);
        int extra = length - NtpMessage.TIME_LENGTH;
        if (extra == 4 || extra == 20 || extra == 24) {
            long key = m.u32At(48);
            b.append("\n\tKey id: ").append(key);
            if (extra > 4) {
                b.append("\n\tAuthentication: ").append(java.util.HexFormat.of().formatHex(m.bytesAt(52, extra - 4)));
            }
        } else if (extra > 0) {
            b.append("\n\t(").append(extra).append(" more bytes after the header)");
        }
    }

    private static void control(StringBuilder b, NtpMessage m, int length) {
        if (length < NtpMessage.CONTROL_LENGTH) {
            b.append(" (invalid)");
            m.bytesAt(0, length);
            return;
        }
        int control = m.byteAt(1);
        b.append(", ").append((control & 0x80) != 0 ? "Response" : "Request").append(", ")
                .append((control & 0x40) != 0 ? "Error" : "OK").append(", ")
                .append((control & 0x20) != 0 ? "More" : "Last").append(", OpCode=").append(control & 0x1f);
        // each field is read before its label, so a cut capture ends after the last whole field as tcpdump's
        int sequence = m.u16At(2);
        b.append("\n\tSequence=").append(sequence);
        int status = m.u16At(4);
        b.append(", Status=").append(status == 0 ? "0" : "0x" + Integer.toHexString(status));
        int association = m.u16At(6);
        b.append(", Assoc.=").append(association);
        int offset = m.u16At(8);
        b.append(", Offset=").append(offset);
        int count = m.u16At(10);
        b.append(", Count=").append(count);
        if (NtpMessage.CONTROL_LENGTH + count > length) {
            b.append(" (invalid)");
            m.bytesAt(0, length);
        } else if (count != 0) {
            m.bytesAt(NtpMessage.CONTROL_LENGTH, count);
            b.append("\n\tTO-BE-DONE: data not interpreted");
        }
    }

    /** A 16.16 fixed-point value (root delay, dispersion) in seconds with six decimals. */
    private static void shortFixed(StringBuilder b, NtpMessage m, int at) {
        int fraction = (int) (m.u16At(at + 2) / 65536.0 * 1_000_000.0);
        b.append(m.u16At(at)).append('.').append(String.format(Locale.ROOT, "%06d", fraction));
    }

    private static void labelled(StringBuilder b, NtpMessage m, String label, int at) {
        m.bytesAt(at, 8);
        timestamp(b.append(label), m, at);
    }

    /** A 32.32 timestamp: seconds, nine decimals, and the UTC date unless it is zero. */
    private static void timestamp(StringBuilder b, NtpMessage m, int at) {
        long seconds = m.u32At(at);
        long fraction = (long) (m.u32At(at + 4) / 4294967296.0 * 1_000_000_000.0);
        b.append(seconds).append('.').append(String.format(Locale.ROOT, "%09d", fraction));
        if (seconds != 0) {
            // era 0 while the top bit is set (1968-2036), era 1 after
            long unix = (seconds & 0x8000_0000L) != 0 ? seconds - FROM_1900 : seconds + TO_2036;
            b.append(" (").append(ISO.format(Instant.ofEpochSecond(unix))).append(')');
        }
    }

    /** {@code to - from} as tcpdump prints it, signed, or the timestamp itself when {@code from} is zero. */
    private static void delta(StringBuilder b, NtpMessage m, int from, int to) {
        long ou = m.u32At(from);
        long ouf = m.u32At(from + 4);
        long u = m.u32At(to);
        long uf = m.u32At(to + 4);
        if (ou == 0 && ouf == 0) {
            timestamp(b, m, to);
            return;
        }
        boolean negative;
        long i;
        long f;
        if (u > ou) {
            negative = false;
            i = u - ou - (ouf > uf ? 1 : 0);
            f = (uf - ouf) & 0xffff_ffffL;
        } else if (u < ou) {
            negative = true;
            i = ou - u - (uf > ouf ? 1 : 0);
            f = (ouf - uf) & 0xffff_ffffL;
        } else {
            i = 0;
            negative = uf <= ouf;
            f = negative ? ouf - uf : uf - ouf;
        }
        long billionths = (long) (f / 4294967296.0 * 1_000_000_000.0);
        b.append(negative ? '-' : '+').append(i & 0xffff_ffffL).append('.')
                .append(String.format(Locale.ROOT, "%09d", billionths));
    }
}
