package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.scan.ServiceDetail;
import dev.netkit.scan.TlsDetail;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What -sV found, as the nmap scripts that report the same things print it: banner, http-server-header,
 * http-title, ssl-cert, tls-alpn, and netkit's tls-session (the negotiated protocol and cipher, which no default
 * nmap script prints). Text is nmap's {@code |_} block under the port; {@link #data} is its XML elem/table tree.
 *
 * @param output the script's output, lines joined by newlines, already escaped for a terminal
 */
public record NmapScript(String id, String output, List<Node> data) {
    /** An XML elem (key may be null) or table of a script's structured output. */
    public sealed interface Node permits Elem, Table {
    }

    public record Elem(String key, String value) implements Node {
    }

    public record Table(String key, List<Node> children) implements Node {
    }

    /** nmap's names of the attributes its ssl-cert prints first, in its order; others follow by name. */
    static final List<String> FIRST = List.of("commonName", "organizationName", "stateOrProvinceName", "countryName");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The scripts of one port, ordered by id as nmap orders them. */
    public static List<NmapScript> of(ServiceDetail d) {
        List<NmapScript> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        if (d.greeting() != null) {
            out.add(new NmapScript("banner", esc(d.greeting()), List.of()));
        }
        if (d.httpServer() != null) {
            out.add(new NmapScript("http-server-header", esc(d.httpServer()),
                    List.of(new Elem(null, esc(d.httpServer())))));
        }
        if (d.http()) {
            String shown;
            if (d.httpTitle() != null && !d.httpTitle().isEmpty()) {
                String t = d.httpTitle();
                shown = t.length() > 65 ? t.substring(0, 62) + "..." : t; // nmap's http-title cuts so
            } else {
                shown = "Site doesn't have a title" + (d.contentType() == null || d.contentType().isEmpty() ? "."
                        : " (" + d.contentType() + ").");
            }
            out.add(new NmapScript("http-title", esc(shown), d.httpTitle() == null ? List.of()
                    : List.of(new Elem("title", esc(d.httpTitle())))));
        }
        TlsDetail t = d.tls();
        if (t != null) {
            if (t.subject() != null) {
                out.add(sslCert(t));
            }
            if (t.alpn() != null) {
                out.add(new NmapScript("tls-alpn", esc(t.alpn()), List.of(new Elem(null, esc(t.alpn())))));
            }
            out.add(new NmapScript("tls-session", esc(t.protocol() + " " + t.cipher()),
                    List.of(new Elem("protocol", esc(t.protocol())), new Elem("cipher", esc(t.cipher())))));
        }
        return out;
    }

    private static NmapScript sslCert(TlsDetail t) {
        List<String> lines = new ArrayList<>();
        lines.add("Subject: " + nmapName(t.subject()));
        if (!t.san().isEmpty()) {
            lines.add("Subject Alternative Name: " + String.join(", ", t.san()));
        }
        lines.add("Issuer: " + nmapName(t.issuer()));
        lines.add("Not valid before: " + DATE.format(t.notBefore()));
        lines.add("Not valid after:  " + DATE.format(t.notAfter()));
        List<Node> data = new ArrayList<>();
        data.add(nameTable("subject", t.subject()));
        data.add(nameTable("issuer", t.issuer()));
        if (!t.san().isEmpty()) {
            data.add(new Table("extensions", List.of(new Table(null, List.of(
                    new Elem("name", "X509v3 Subject Alternative Name"),
                    new Elem("value", esc(String.join(", ", t.san()))))))));
        }
        data.add(new Table("validity", List.of(new Elem("notBefore", DATE.format(t.notBefore())),
                new Elem("notAfter", DATE.format(t.notAfter())))));
        return new NmapScript("ssl-cert", String.join("\n", lines.stream().map(NmapScript::esc).toList()), data);
    }

    private static Table nameTable(String key, String rfc2253) {
        List<Node> l = new ArrayList<>();
        fields(rfc2253).forEach((k, v) -> l.add(new Elem(k, esc(v))));
        return new Table(key, l);
    }

    /** An RFC 2253 name in nmap's words: commonName=x/organizationName=y/... */
    static String nmapName(String rfc2253) {
        List<String> parts = new ArrayList<>();
        fields(rfc2253).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("/", parts);
    }

    /** The attributes of a name, nmap's four first and the rest by name (the last value of a repeated one). */
    static Map<String, String> fields(String rfc2253) {
        Map<String, String> all = new TreeMap<>();
        try {
            for (Rdn r : new LdapName(rfc2253).getRdns()) {
                String type = r.getType();
                all.put(TlsDetail.NMAP_NAMES.getOrDefault(type.toUpperCase(java.util.Locale.ROOT), type),
                        String.valueOf(r.getValue()));
            }
        } catch (InvalidNameException e) {
            all.put("name", rfc2253);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : FIRST) {
            if (all.containsKey(k)) {
                out.put(k, all.remove(k));
            }
        }
        out.putAll(all);
        return out;
    }

    private static String esc(String s) {
        return TerminalText.escape(s);
    }

    /** nmap's text block: "| id: first", "| more", "|_last" (one line: "|_id: text"). */
    public void print(PrintWriter out) {
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = i == 0 ? id + ": " + lines[0] : lines[i];
            out.println((i == lines.length - 1 ? "|_" : "| ") + text);
        }
    }
}
