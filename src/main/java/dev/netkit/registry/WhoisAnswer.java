package dev.netkit.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one whois server said: the text (at most {@link WhoisLookup#MAX_BYTES}), or why there is none.
 *
 * @param server    the server asked
 * @param query     the line sent (without CR LF)
 * @param text      the answer as received, decoded as UTF-8; empty when the server did not answer
 * @param bytes     how many bytes were kept
 * @param truncated true when the server sent more than the cap and was cut off
 * @param error     null, or what went wrong: "connect timed out after 10 s", "connection refused", ...
 * @param reached   true when the connection was made (a timeout after that is not "unreachable")
 * @param millis    time from connect to close
 */
public record WhoisAnswer(WhoisServer server, String query, String text, long bytes, boolean truncated, String error,
                          boolean reached, long millis) {
    /** "key: value": a key of letters, digits, spaces, dashes, dots, slashes, up to 60 characters. */
    private static final Pattern PAIR = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9 ._/()-]{0,59}?)\\s*:\\s*(.*?)\\s*$");

    /**
     * The key/value pairs of the answer's {@code key: value} lines, in order; comment lines ({@code %}, {@code #})
     * and empty values left out. Repeated keys keep every value.
     */
    public Map<String, List<String>> pairs() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("%") || line.startsWith("#")) {
                continue;
            }
            Matcher m = PAIR.matcher(line);
            if (m.matches() && !m.group(2).isEmpty() && !m.group(2).startsWith("//")) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            }
        }
        return out;
    }
}
