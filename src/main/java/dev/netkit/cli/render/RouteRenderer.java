package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.system.RouteDecision;
import dev.netkit.route.RouterGraph;
import dev.netkit.route.ShortestPath;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.RouteEntry;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text and JSON of {@code netkit route}, {@code route get} and {@code route path}. */
public final class RouteRenderer {
    private final boolean color;

    public RouteRenderer(boolean color) {
        this.color = color;
    }

    public void table(PrintWriter out, List<RouteEntry> routes, boolean showTable) {
        List<String[]> rows = new ArrayList<>();
        rows.add(showTable ? new String[] {"Destination", "Gateway", "Iface", "Metric", "Source", "Flags", "Proto", "Type", "Table"}
                : new String[] {"Destination", "Gateway", "Iface", "Metric", "Source", "Flags", "Proto"});
        for (RouteEntry r : routes) {
            // a multipath route has no gateway of its own: its next hops follow on rows of their own, as ip's
            // "nexthop via X dev Y weight N" lines under the route
            String[] row = {r.dst().routeText(),
                    r.gateway() == null || r.isMultipath() ? "-" : IpLiteral.format(r.gateway()),
                    r.dev() == null || r.isMultipath() ? "-" : r.dev(), Long.toString(r.metric()),
                    r.prefsrc() == null ? "-" : IpLiteral.format(r.prefsrc()), r.routeFlags(),
                    r.protocol() == null ? "-" : r.protocol(), r.type(), r.table()};
            rows.add(showTable ? row : java.util.Arrays.copyOf(row, 7));
            for (RouteEntry.NextHop nh : r.nexthops()) {
                String flags = String.join(",", nh.flags());
                rows.add(new String[] {"  nexthop", nh.gateway() == null ? "-" : IpLiteral.format(nh.gateway()),
                        nh.dev() == null ? "-" : nh.dev(), "weight " + nh.weight() + (flags.isEmpty() ? "" : " " + flags)});
            }
        }
        printColumns(out, rows);
    }

    private void printColumns(PrintWriter out, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            // a shorter row (a next hop) leaves the columns after its last cell to the others
            for (int i = 0; i < r.length && (i < r.length - 1 || r.length == w.length); i++) {
                w[i] = Math.max(w[i], TerminalText.escape(r[i]).length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder b = new StringBuilder();
            String[] r = rows.get(n);
            for (int i = 0; i < r.length; i++) {
                String cell = TerminalText.escape(r[i]);
                b.append(cell).append(i == r.length - 1 ? "" : " ".repeat(w[i] - cell.length() + 2));
            }
            String line = b.toString().stripTrailing();
            out.println(n == 0 ? bold(line) : line);
        }
    }

    public void decision(PrintWriter out, RouteDecision d) {
        RouteEntry w = d.winner();
        if (w == null) {
            out.println("no route to " + IpLiteral.format(d.dst()));
        } else if (w.rejects()) {
            out.println(w.type() + " " + IpLiteral.format(d.dst()));
        } else {
            StringBuilder b = new StringBuilder();
            if (!w.type().equals("unicast")) {
                b.append(w.type()).append(' ');
            }
            b.append(IpLiteral.format(d.dst()));
            if (w.gateway() != null) {
                b.append(" via ").append(IpLiteral.format(w.gateway()));
            }
            if (d.dev() != null) {
                b.append(" dev ").append(TerminalText.escape(d.dev()));
            }
            if (d.src() != null) {
                b.append(" src ").append(IpLiteral.format(d.src()));
            }
            out.println(bold(b.toString()));
        }
        if (d.candidates().isEmpty()) {
            out.println("  no route's prefix contains " + IpLiteral.format(d.dst()));
            return;
        }
        out.println();
        out.println("Matching routes (longest prefix wins, then the lowest metric):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "Route", "Prefix", "Metric", "Table", "Why"});
        for (RouteDecision.Candidate c : d.candidates()) {
            RouteEntry r = c.route();
            rows.add(new String[] {c.wins() ? "  *" : "   ", TerminalText.escape(shortText(r)), "/" + r.dst().prefix(),
                    Long.toString(r.metric()), r.table(), c.why()});
        }
        printColumns(out, rows);
        if (w != null && w.type().equals("local")) {
            out.println();
            out.println("Delivered locally: " + IpLiteral.format(d.dst()) + " is an address of this host (via lo)");
        } else if (w != null && !w.rejects()) {
            out.println();
            out.println("Next hop: " + IpLiteral.format(d.nextHop())
                    + (w.gateway() == null ? " (directly attached)" : " (gateway)")
                    + (d.dev() == null ? "" : " on " + TerminalText.escape(d.dev())));
            out.println("Source:   " + (d.src() == null ? "(not known: the table gives no src)"
                    : IpLiteral.format(d.src()) + " (" + d.srcWhy() + ")"));
        }
    }

    private static String shortText(RouteEntry r) {
        StringBuilder b = new StringBuilder();
        if (!r.type().equals("unicast")) {
            b.append(r.type()).append(' ');
        }
        b.append(r.dst().routeText());
        if (r.gateway() != null) {
            b.append(" via ").append(IpLiteral.format(r.gateway()));
        }
        if (r.dev() != null) {
            b.append(" dev ").append(r.dev());
        }
        return b.toString();
    }

    public static void tableJson(PrintWriter out, List<RouteEntry> routes) {
        JsonLines json = new JsonLines(out);
        for (RouteEntry r : routes) {
            json.begin("route_entry");
            routeFields(json, r);
            json.end();
        }
        json.close();
    }

    private static void routeFields(JsonLines json, RouteEntry r) {
        json.field("dst", r.dst().toString()).field("prefix", r.dst().prefix());
        if (!r.isMultipath()) {
            json.optional("gateway", r.gateway() == null ? null : IpLiteral.format(r.gateway()));
            json.optional("dev", r.dev());
        }
        json.field("metric", r.metric());
        json.optional("src", r.prefsrc() == null ? null : IpLiteral.format(r.prefsrc()));
        json.field("route_type", r.type()).field("table", r.table());
        json.optional("protocol", r.protocol());
        json.field("scope", r.scope()).field("flags", r.routeFlags());
        if (r.isMultipath()) {
            // as ip -j route: the route has no gateway or dev of its own, each next hop has them
            json.objectArray("nexthops", r.nexthops(), (g, nh) -> {
                if (nh.gateway() != null) {
                    g.writeStringField("gateway", IpLiteral.format(nh.gateway()));
                }
                if (nh.dev() != null) {
                    g.writeStringField("dev", nh.dev());
                }
                g.writeNumberField("weight", nh.weight());
                g.writeFieldName("flags");
                g.writeArray(nh.flags().toArray(String[]::new), 0, nh.flags().size());
            });
        }
    }

    public static void decisionJson(PrintWriter out, RouteDecision d) {
        JsonLines json = new JsonLines(out);
        json.begin("route").field("dst", IpLiteral.format(d.dst()));
        RouteEntry w = d.winner();
        if (w != null) {
            json.optional("gateway", w.gateway() == null ? null : IpLiteral.format(w.gateway()));
            json.optional("dev", d.dev());
            json.optional("src", d.src() == null ? null : IpLiteral.format(d.src()));
            json.optional("next_hop", d.nextHop() == null ? null : IpLiteral.format(d.nextHop()));
            json.field("prefix", w.dst().prefix()).field("metric", w.metric());
            json.field("route", w.dst().toString()).field("route_type", w.type()).field("table", w.table());
        }
        json.objectArray("candidates", d.candidates(), (g, c) -> {
            RouteEntry r = c.route();
            g.writeStringField("dst", r.dst().toString());
            g.writeNumberField("prefix", r.dst().prefix());
            if (r.gateway() != null) {
                g.writeStringField("gateway", IpLiteral.format(r.gateway()));
            }
            if (r.dev() != null) {
                g.writeStringField("dev", r.dev());
            }
            g.writeNumberField("metric", r.metric());
            g.writeStringField("table", r.table());
            g.writeStringField("route_type", r.type());
            g.writeBooleanField("chosen", c.wins());
            g.writeStringField("why", c.why());
        });
        json.end();
        json.close();
    }

    public void path(PrintWriter out, ShortestPath.Tree tree, String dst, boolean spfTable) {
        if (tree.reaches(dst)) {
            out.println(bold(String.join(" -> ", tree.routersTo(dst)) + "   cost " + tree.distance().get(dst)));
            long total = 0;
            List<String> routers = tree.routersTo(dst);
            List<RouterGraph.Link> links = tree.linksTo(dst);
            for (int i = 0; i < links.size(); i++) {
                RouterGraph.Link l = links.get(i);
                total += l.ad();
                out.println(String.format("  %-10s -> %-10s %-20s ad %-6d total %d", routers.get(i), routers.get(i + 1),
                        l.network() == null ? "" : l.network().toString(), l.ad(), total));
            }
        } else {
            out.println("no path from " + tree.source() + " to " + dst);
        }
        if (spfTable) {
            out.println();
            out.println(bold(String.format("%-12s %-8s %s", "Router", "Cost", "Path from " + tree.source())));
            for (String r : tree.settledOrder()) {
                out.println(String.format("%-12s %-8d %s", r, tree.distance().get(r), String.join(" -> ", tree.routersTo(r))));
            }
        }
    }

    public static void pathJson(PrintWriter out, ShortestPath.Tree tree, String dst, boolean spfTable) {
        JsonLines json = new JsonLines(out);
        json.begin("path").field("src", tree.source()).field("dst", dst).field("reachable", tree.reaches(dst));
        if (tree.reaches(dst)) {
            json.field("cost", tree.distance().get(dst)).stringArray("routers", tree.routersTo(dst));
            try {
                var g = json.generator();
                g.writeArrayFieldStart("hops");
                List<String> routers = tree.routersTo(dst);
                List<RouterGraph.Link> links = tree.linksTo(dst);
                for (int i = 0; i < links.size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("from", routers.get(i));
                    g.writeStringField("to", routers.get(i + 1));
                    if (links.get(i).network() != null) {
                        g.writeStringField("network", links.get(i).network().toString());
                    }
                    g.writeNumberField("ad", links.get(i).ad());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        json.end();
        if (spfTable) {
            for (Map.Entry<String, Long> e : tree.distance().entrySet()) {
                json.begin("distance").field("router", e.getKey()).field("cost", e.getValue())
                        .stringArray("routers", tree.routersTo(e.getKey())).end();
            }
        }
        json.close();
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }
}
