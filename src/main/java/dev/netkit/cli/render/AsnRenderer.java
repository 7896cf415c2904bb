package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.registry.AsnAnswer;

import java.io.PrintWriter;

/**
 * {@code netkit asn}'s rows: a table as Team Cymru's bulk whois prints it with {@code -v} (AS, IP, BGP prefix, CC,
 * registry, allocated, AS name; "NA" where there is nothing), or one NDJSON object per row.
 */
public final class AsnRenderer {
    private final PrintWriter out;
    private final JsonLines json;
    private boolean header;

    public AsnRenderer(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json ? new JsonLines(out) : null;
    }

    public void row(AsnAnswer a) {
        if (json != null) {
            json.begin("asn").field("query", a.query());
            if (a.found()) {
                json.field("asn", a.asn());
            }
            json.optional("prefix", a.prefix()).optional("country", a.country()).optional("registry", a.registry())
                    .optional("allocated", a.allocated()).optional("as_name", a.name());
            if (!a.found()) {
                json.field(a.answered() ? "note" : "error", a.note());
            }
            json.end();
            return;
        }
        if (!header) {
            out.println(line("AS", "IP", "BGP Prefix", "CC", "Registry", "Allocated", "AS Name"));
            header = true;
        }
        out.println(line(a.found() ? String.valueOf(a.asn()) : "NA", a.query(), na(a.prefix()), na(a.country()),
                na(a.registry()), na(a.allocated()), a.found() ? na(a.name()) : "NA (" + a.note() + ")"));
        out.flush();
    }

    private static String line(String as, String ip, String prefix, String cc, String registry, String date,
                               String name) {
        return String.format("%-7s | %-16s | %-19s | %-2s | %-8s | %-10s | %s", TerminalText.escape(as),
                TerminalText.escape(ip), TerminalText.escape(prefix), TerminalText.escape(cc),
                TerminalText.escape(registry), TerminalText.escape(date), TerminalText.escape(name));
    }

    private static String na(String s) {
        return s == null ? "NA" : s;
    }
}
