package dev.netkit.cli.render;

import dev.netkit.JsonTree;
import dev.netkit.TerminalText;
import dev.netkit.registry.RdapClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code netkit rdap}'s output. Text: one "key: value" line per fact of an RDAP object (RFC 9083): handle, name,
 * status, events, entities with roles, vCard names and e-mails (the abuse contact first), name servers, DS records,
 * a network's start and end, an AS range, remarks; every string escaped. JSON: one {@code "rdap"} object with the
 * server and the RDAP object unchanged under {@code "object"}.
 */
public final class RdapRenderer {
    private final PrintWriter out;
    private final JsonLines json;

    public RdapRenderer(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json ? new JsonLines(out) : null;
    }

    /** One RDAP error object (RFC 9083 section 6) as one line: "404 Not Found: description". */
    public static String error(Map<String, Object> o) {
        StringBuilder s = new StringBuilder(String.valueOf(o.get("errorCode")));
        if (o.get("title") != null) {
            s.append(' ').append(o.get("title"));
        }
        List<String> d = strings(o.get("description"));
        if (!d.isEmpty()) {
            s.append(": ").append(String.join(" ", d));
        }
        return TerminalText.escape(s.toString());
    }

    public void answer(RdapClient.Answer a) {
        if (json != null) {
            json.begin("rdap").field("server", a.server().toString()).field("status", a.status());
            try {
                json.generator().writeFieldName("object");
                JsonTree.writeValue(json.generator(), a.object());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.end();
            return;
        }
        out.println("Using server " + TerminalText.escape(a.server().toString()));
        object(a.object(), "");
        out.flush();
    }

    private void object(Map<String, Object> o, String indent) {
        line(indent, "class", o.get("objectClassName"));
        line(indent, "handle", o.get("handle"));
        line(indent, "name", o.get("ldhName") != null ? o.get("ldhName") : o.get("name"));
        if (o.get("unicodeName") != null) {
            line(indent, "unicode name", o.get("unicodeName"));
        }
        if (o.get("startAddress") != null) {
            line(indent, "network", o.get("startAddress") + " - " + o.get("endAddress")
                    + (o.get("ipVersion") != null ? " (" + o.get("ipVersion") + ")" : ""));
        }
        if (o.get("startAutnum") != null) {
            line(indent, "autnum", o.get("startAutnum") + " - " + o.get("endAutnum"));
        }
        line(indent, "type", o.get("type"));
        line(indent, "country", o.get("country"));
        line(indent, "status", strings(o.get("status")).isEmpty() ? null : String.join(", ", strings(o.get("status"))));
        for (Map<String, Object> e : maps(o.get("events"))) {
            line(indent, "event", e.get("eventAction") + " " + e.get("eventDate"));
        }
        for (Map<String, Object> ns : maps(o.get("nameservers"))) {
            List<String> ips = new ArrayList<>();
            if (ns.get("ipAddresses") instanceof Map<?, ?> ip) {
                ips.addAll(strings(ip.get("v4")));
                ips.addAll(strings(ip.get("v6")));
            }
            line(indent, "nameserver", ns.get("ldhName") + (ips.isEmpty() ? "" : " " + String.join(" ", ips)));
        }
        if (o.get("secureDNS") instanceof Map<?, ?> sec) {
            line(indent, "signed", "zone " + sec.get("zoneSigned") + ", delegation " + sec.get("delegationSigned"));
            for (Map<String, Object> ds : maps(sec.get("dsData"))) {
                line(indent, "ds", ds.get("keyTag") + " " + ds.get("algorithm") + " " + ds.get("digestType") + " "
                        + ds.get("digest"));
            }
        }
        List<Map<String, Object>> entities = new ArrayList<>(maps(o.get("entities")));
        entities.sort(java.util.Comparator.comparing(e -> !strings(e.get("roles")).contains("abuse")));
        for (Map<String, Object> e : entities) {
            line(indent, "entity", entity(e));
        }
        for (Map<String, Object> r : maps(o.get("remarks"))) {
            String title = r.get("title") == null ? "" : r.get("title") + ": ";
            line(indent, "remarks", title + String.join(" / ", strings(r.get("description"))));
        }
        line(indent, "port43", o.get("port43"));
    }

    /** "NKA1-LAB [abuse] netkit lab abuse <abuse@netkit.test>" */
    static String entity(Map<String, Object> e) {
        StringBuilder s = new StringBuilder(e.get("handle") == null ? "-" : e.get("handle").toString());
        s.append(" [").append(String.join(", ", strings(e.get("roles")))).append(']');
        if (e.get("vcardArray") instanceof List<?> v && v.size() > 1 && v.get(1) instanceof List<?> props) {
            for (Object p : props) {
                if (p instanceof List<?> prop && prop.size() >= 4) {
                    if ("fn".equals(prop.get(0))) {
                        s.append(' ').append(prop.get(3));
                    } else if ("email".equals(prop.get(0))) {
                        s.append(" <").append(prop.get(3)).append('>');
                    }
                }
            }
        }
        return s.toString();
    }

    private void line(String indent, String key, Object value) {
        if (value != null) {
            out.printf("%s%-13s %s%n", indent, key + ":", TerminalText.escape(value.toString()));
        }
    }

    static List<String> strings(Object v) {
        List<String> l = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    l.add(o.toString());
                }
            }
        } else if (v != null) {
            l.add(v.toString());
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object v) {
        List<Map<String, Object>> l = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    l.add((Map<String, Object>) m);
                }
            }
        }
        return l;
    }
}
