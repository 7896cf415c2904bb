package dev.netkit.cli.render;

import dev.netkit.system.HostNames;
import dev.netkit.system.IpLiteral;
import dev.netkit.registry.Asn;
import dev.netkit.trace.TraceHop;
import dev.netkit.trace.TraceProbe;
import dev.netkit.trace.TraceResult;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A Graphviz graph of one or more traces: one node per router (name, address, best RTT, AS), routers of one AS
 * in one box, one edge per hop-to-hop step. Several targets share the nodes they have in common, so the graph
 * shows where their paths run together and where they split; silent hops are "*" nodes of their own path.
 */
public final class TraceDotRenderer {
    private final HostNames names;
    private final Function<InetAddress, Asn> asn;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> cluster = new LinkedHashMap<>();
    private final Set<String> edges = new LinkedHashSet<>();
    private final List<String> targets = new ArrayList<>();

    public TraceDotRenderer(HostNames names, Function<InetAddress, Asn> asn) {
        this.names = names;
        this.asn = asn;
    }

    public void add(String source, TraceResult r) {
        String prev = "source";
        labels.putIfAbsent("source", source);
        String target = r.name();
        targets.add(target);
        for (TraceHop hop : r.hops()) {
            List<InetAddress> who = hop.responders();
            List<String> ids = new ArrayList<>();
            if (who.isEmpty()) {
                // keyed by the hop before it, so paths that share a silent router share its node
                String id = "* " + hop.ttl() + " after " + prev;
                labels.putIfAbsent(id, "*");
                ids.add(id);
            }
            for (InetAddress a : who) {
                String addr = IpLiteral.format(a);
                long best = Long.MAX_VALUE;
                for (TraceProbe p : hop.probes()) {
                    if (a.equals(p.from())) {
                        best = Math.min(best, p.rttMicros());
                    }
                }
                String name = names == null ? addr : names.name(a);
                StringBuilder l = new StringBuilder();
                if (!name.equals(addr)) {
                    l.append(name).append("\\n");
                }
                l.append(addr).append("\\n").append(TraceRenderer.ms(best)).append(" ms");
                if (asn != null) {
                    Asn as = asn.apply(a);
                    l.append("\\n").append(as.label());
                    cluster.putIfAbsent(addr, as.number() > 0
                            ? as.label() + (as.name() == null ? "" : " " + as.name()) : as.label());
                }
                labels.putIfAbsent(addr, l.toString());
                ids.add(addr);
            }
            for (String id : ids) {
                edges.add(quote(prev) + " -> " + quote(id));
            }
            prev = ids.get(0);
        }
    }

    public void print(PrintWriter out) {
        out.println("digraph trace {");
        out.println("  rankdir=TB;");
        out.println("  label=" + quote("trace to " + String.join(", ", targets)) + ";");
        out.println("  node [shape=box, style=rounded, fontname=\"Helvetica\"];");
        out.println("  " + quote("source") + " [label=" + quote(labels.get("source")) + ", shape=ellipse];");
        Map<String, List<String>> boxes = new LinkedHashMap<>();
        for (var e : labels.entrySet()) {
            if (e.getKey().equals("source")) {
                continue;
            }
            String c = cluster.get(e.getKey());
            if (c != null) {
                boxes.computeIfAbsent(c, k -> new ArrayList<>()).add(e.getKey());
            } else {
                out.println("  " + quote(e.getKey()) + " [label=" + quote(e.getValue())
                        + (e.getValue().equals("*") ? ", shape=plaintext" : "") + "];");
            }
        }
        int n = 0;
        for (var box : boxes.entrySet()) {
            out.println("  subgraph " + quote("cluster_" + n++) + " {");
            out.println("    label=" + quote(box.getKey()) + "; style=dashed;");
            for (String id : box.getValue()) {
                out.println("    " + quote(id) + " [label=" + quote(labels.get(id)) + "];");
            }
            out.println("  }");
        }
        for (String e : edges) {
            out.println("  " + e + ";");
        }
        out.println("}");
        out.flush();
    }

    /** A DOT string: quotes and backslashes other than our "\n" line breaks escaped, control characters removed. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                b.append("\\\"");
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'n') {
                b.append("\\n");
                i++;
            } else if (c == '\\') {
                b.append("\\\\");
            } else if (c >= 0x20 && c != 0x7f) {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
