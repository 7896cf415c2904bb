package dev.netkit.sniff.print;

/**
 * Text from the wire as tcpdump prints it (util-print.c's nd_printn and nd_printztn): a byte with the high bit
 * set as {@code M-} and the byte without it, a control character as {@code ^} and its letter, so nothing raw
 * reaches the terminal and the output is byte for byte tcpdump's.
 */
final class WireString {
    private WireString() {
    }

    static void character(StringBuilder b, int c) {
        c &= 0xff;
        if (c >= 0x80) {
            b.append("M-");
            c &= 0x7f;
        }
        if (c < 0x20 || c == 0x7f) {
            b.append('^');
            c ^= 0x40;
        }
        b.append((char) c);
    }

    /** {@code n} bytes from {@code from}, stopping at {@code end}; true when the capture ended first. */
    static boolean append(StringBuilder b, byte[] d, int from, int n, int end) {
        end = Math.min(end, d.length);
        for (int i = 0; i < n; i++) {
            if (from + i >= end) {
                return true;
            }
            character(b, d[from + i]);
        }
        return false;
    }

    /**
     * Up to {@code n} bytes from {@code from}, ending at the first NUL; false when the capture ended before a NUL
     * or came after {@code n} bytes without one (nd_printztn's 0).
     */
    static boolean appendUntilNul(StringBuilder b, byte[] d, int from, int n, int end) {
        end = Math.min(end, d.length);
        for (int i = 0; i < n; i++) {
            if (from + i >= end) {
                return false;
            }
            if (d[from + i] == 0) {
                return true;
            }
            character(b, d[from + i]);
        }
        return false;
    }
}
