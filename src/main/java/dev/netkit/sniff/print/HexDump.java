package dev.netkit.sniff.print;

/** tcpdump's -x (hex), -X (hex and ASCII) and -A (ASCII) dumps, appended after a packet's line. */
final class HexDump {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    /** {@code \n\t0x0000:  4500 0054 ...}, 16 bytes a line. */
    static void hex(StringBuilder b, byte[] d, int off, int len) {
        hex(b, "\n\t", d, off, len);
    }

    /** The same with another line prefix (tcpdump indents nested dumps). */
    static void hex(StringBuilder b, String indent, byte[] d, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (i % 16 == 0) {
                offset(b, indent, i);
            }
            if (i % 2 == 0) {
                b.append(' ');
            }
            byte x = d[off + i];
            b.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
        }
    }

    /** Like {@link #hex} with the printable characters on the right (others, space included, as '.'). */
    static void hexAscii(StringBuilder b, byte[] d, int off, int len) {
        for (int line = 0; line < len; line += 16) {
            offset(b, "\n\t", line);
            int n = Math.min(16, len - line);
            int start = b.length();
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                    b.append(' ');
                }
                byte x = d[off + line + i];
                b.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
            }
            while (b.length() - start < 40) {
                b.append(' ');
            }
            b.append("  ");
            for (int i = 0; i < n; i++) {
                int c = d[off + line + i] & 0xff;
                b.append(c > 0x20 && c < 0x7f ? (char) c : '.');
            }
        }
    }

    /** -A: the bytes as text; line feeds and tabs are kept (as tcpdump), every other non-printable becomes '.'. */
    static void ascii(StringBuilder b, byte[] d, int off, int len) {
        b.append('\n');
        for (int i = 0; i < len; i++) {
            int c = d[off + i] & 0xff;
            if (c == '\r') {
                if (i + 1 == len || d[off + i + 1] != '\n') {
                    b.append('.');
                }
            } else if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
                b.append((char) c);
            } else {
                b.append('.');
            }
        }
    }

    private static void offset(StringBuilder b, String indent, int o) {
        b.append(indent).append("0x");
        String h = Integer.toHexString(o);
        for (int i = h.length(); i < 4; i++) {
            b.append('0');
        }
        b.append(h).append(": ");
    }
}
