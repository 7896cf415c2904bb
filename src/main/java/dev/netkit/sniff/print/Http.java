package dev.netkit.sniff.print;

/**
 * HTTP as tcpdump prints it after {@code HTTP} (print-http.c over util-print.c's txtproto_print): a payload whose
 * first word is a request method or whose second word is a 3-digit status is shown, its first line without -v,
 * its lines with -v until a line holds anything but printable ASCII and tabs (a NUL, a lone CR, binary data).
 * Reading past the captured bytes ends the text with {@code [|http]}.
 */
final class Http {
    /** tcpdump's httpcmds: the request methods it recognises, compared ignoring case. */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "PUT", "COPY", "HEAD", "LOCK",
            "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK",
            "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
            "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
            "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL");
    /** tcpdump's MAX_TOKEN: a longer word is no method. */
    private static final int MAX_TOKEN = 128;
    /** A line end that lies past the captured bytes: the text stops with [|http]. */
    private static final int CUT = -1;

    private Http() {
    }

    /**
     * Appends what tcpdump appends after {@code ": HTTP"} for a payload of {@code length} bytes on the wire, of
     * which {@code captured} start at {@code off} in {@code d}.
     */
    static void print(StringBuilder b, byte[] d, int off, int captured, int length, boolean verbose) {
        int end = off + Math.min(captured, length);
        if (!isHttp(d, off, end, off + length)) {
            return;
        }
        if (verbose) {
            b.append(", length: ").append(length);
            int at = off;
            while (at < off + length) {
                int next = line(b, "\n\t", d, at, end, off + length);
                if (next == CUT) {
                    b.append(" [|http]");
                    return;
                }
                if (next == 0) {
                    return;
                }
                at = next;
            }
        } else if (line(b, ": ", d, off, end, off + length) == CUT) {
            b.append(" [|http]");
        }
    }

    /** The first word a method, or the second a 3-digit status code (tcpdump's RESP_CODE_SECOND_TOKEN). */
    private static boolean isHttp(byte[] d, int off, int end, int limit) {
        StringBuilder token = new StringBuilder();
        int at = token(d, off, end, limit, token);
        if (at == 0) {
            return false;
        }
        if (METHODS.contains(token.toString().toUpperCase(java.util.Locale.ROOT))) {
            return true;
        }
        token.setLength(0);
        at = token(d, at, end, limit, token);
        return at != 0 && token.length() == 3 && token.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * One word from {@code at}, as tcpdump's fetch_token: printable ASCII up to a blank or line end, then the
     * blanks after it; the index after them, or 0 when there is no word (or binary data, or the capture ends).
     */
    private static int token(byte[] d, int at, int end, int limit, StringBuilder token) {
        int i = at;
        for (; i < limit; i++) {
            if (i >= end) {
                return 0;
            }
            int c = d[i] & 0xff;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            if (c < 0x20 || c > 0x7e || token.length() + 2 > MAX_TOKEN + 1) {
                return 0;
            }
            token.append((char) c);
        }
        if (token.isEmpty()) {
            return 0;
        }
        for (; i < limit && i < end; i++) {
            int c = d[i] & 0xff;
            if (c == '\r' || c == '\n' || c < 0x20 || c > 0x7e || c != ' ' && c != '\t') {
                break;
            }
        }
        return i;
    }

    /**
     * One line from {@code at}, as tcpdump's print_txt_line: printed after {@code prefix} when it ends in LF or
     * CR LF, or runs printable to the payload's end; the index after its end, 0 when the text stops here
     * (binary data, a CR without LF, the payload's end), {@link #CUT} when the capture ends first.
     */
    private static int line(StringBuilder b, String prefix, byte[] d, int at, int end, int limit) {
        int i = at;
        while (i < limit) {
            if (i >= end) {
                return CUT;
            }
            int c = d[i] & 0xff;
            if (c == '\n') {
                appendLine(b, prefix, d, at, i);
                return i + 1;
            }
            if (c == '\r') {
                if (i + 1 >= limit) {
                    return 0;
                }
                if (i + 1 >= end) {
                    return CUT;
                }
                if (d[i + 1] == '\n') {
                    appendLine(b, prefix, d, at, i);
                    return i + 2;
                }
                return 0;
            }
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return 0;
            }
            i++;
        }
        appendLine(b, prefix, d, at, i);
        return 0;
    }

    /** The line holds only printable ASCII and tabs (checked above), which reach a terminal as they are. */
    private static void appendLine(StringBuilder b, String prefix, byte[] d, int from, int to) {
        b.append(prefix);
        for (int i = from; i < to; i++) {
            b.append((char) (d[i] & 0xff));
        }
    }
}
