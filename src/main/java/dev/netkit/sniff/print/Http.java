package dev.netkit.sniff.print;

import dev.netkit.TerminalText;

/** The first line of an HTTP request or response, as tcpdump shows it after {@code HTTP: }. */
final class Http {
    private static final String[] STARTS = {"GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ", "TRACE ",
            "CONNECT ", "PATCH ", "HTTP/"};

    private Http() {
    }

    /** The request or status line, escaped, or {@code null} when the payload does not start like HTTP. */
    static String firstLine(byte[] d, int off, int n) {
        boolean match = false;
        for (String s : STARTS) {
            if (n >= s.length() && startsWith(d, off, s)) {
                match = true;
                break;
            }
        }
        if (!match) {
            return null;
        }
        int end = off;
        int max = off + Math.min(n, 1024);
        while (end < max && d[end] != '\r' && d[end] != '\n') {
            end++;
        }
        return TerminalText.escape(new String(d, off, end - off, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * tcpdump -v: every line of the text, each on its own line after a tab, escaped; a last line without its
     * line end is marked {@code [|http]}. Every line, as tcpdump: they are bounded by the captured bytes.
     */
    static void lines(StringBuilder b, byte[] d, int off, int n, boolean cut) {
        if (firstLine(d, off, n) == null) {
            return;
        }
        int i = off;
        int end = off + n;
        while (i < end) {
            int e = i;
            while (e < end && d[e] != '\n') {
                e++;
            }
            int lineEnd = e > i && d[e - 1] == '\r' ? e - 1 : e;
            if (e == end && lineEnd == e && e > i && d[e - 1] != '\r') {
                b.append("\n\t").append(TerminalText.escape(
                        new String(d, i, lineEnd - i, java.nio.charset.StandardCharsets.ISO_8859_1))).append(" [|http]");
                return;
            }
            b.append("\n\t").append(TerminalText.escape(
                    new String(d, i, Math.max(0, lineEnd - i), java.nio.charset.StandardCharsets.ISO_8859_1)));
            i = e + 1;
        }
    }

    private static boolean startsWith(byte[] d, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (d[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
