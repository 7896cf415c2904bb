package dev.netkit;

/** Makes untrusted text (payloads, DNS names, error messages) safe to print on a terminal. */
public final class TerminalText {
    private TerminalText() {
    }

    /**
     * Replaces control characters (C0, DEL, C1) with visible escapes ({@code \n}, {@code \x1b}, {@code \u009b}),
     * so bytes from the wire can never move the cursor, change colours or retitle the terminal.
     */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** Escapes a byte sequence read as ISO-8859-1, as tcpdump -A prints payloads (non-printables as '.'). */
    public static String printableAscii(byte[] data, int offset, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int c = data[i] & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return b.toString();
    }

    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
