package dev.netkit.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.TerminalText;
import dev.netkit.registry.WhoisAnswer;
import dev.netkit.registry.WhoisReferral;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code netkit whois}'s output. Text: each server's answer line by line with every control character escaped,
 * introduced by one line naming the server ("Using server ..." for the first, Debian's "Found a referral to ..."
 * for the next). JSON: one {@code "whois"} object per server with the raw text and its key/value pairs.
 */
public final class WhoisRenderer {
    private final PrintWriter out;
    private final JsonLines json;
    private int answers;

    public WhoisRenderer(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json ? new JsonLines(out) : null;
    }

    public void answer(WhoisAnswer a) {
        if (json != null) {
            json(a);
            return;
        }
        if (answers++ == 0) {
            out.println("Using server " + TerminalText.escape(a.server().toString()) + " (query \""
                    + TerminalText.escape(a.query()) + "\").");
        } else {
            out.println(); // Debian's "\n\nFound a referral to %s.\n\n"
            out.println();
            out.println("Found a referral to " + TerminalText.escape(a.server().toString()) + ".");
        }
        out.println();
        String[] lines = a.text().split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--; // the newline that ends the last line starts no line of its own
        }
        for (int i = 0; i < n; i++) {
            String l = lines[i];
            out.println(TerminalText.escape(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l));
        }
        out.flush();
    }

    private void json(WhoisAnswer a) {
        json.begin("whois").field("server", a.server().host()).field("port", a.server().port())
                .field("query", a.query()).field("bytes", a.bytes()).field("millis", a.millis());
        if (a.truncated()) {
            json.field("truncated", true);
        }
        json.optional("error", a.error());
        WhoisReferral.find(a.text()).ifPresent(r -> json.field("refers_to", r.toString()));
        json.field("text", a.text());
        try {
            JsonGenerator g = json.generator();
            g.writeObjectFieldStart("fields");
            for (Map.Entry<String, List<String>> e : a.pairs().entrySet()) {
                if (e.getValue().size() == 1) {
                    g.writeStringField(e.getKey(), e.getValue().get(0));
                } else {
                    g.writeArrayFieldStart(e.getKey());
                    for (String v : e.getValue()) {
                        g.writeString(v);
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.end();
    }

    /** Why the walk stopped early, as the last JSON object ({@code "note"}); text mode prints it on stderr. */
    public void note(String note) {
        if (json != null) {
            json.begin("note").field("note", note).end();
        }
    }
}
