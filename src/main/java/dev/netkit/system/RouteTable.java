package dev.netkit.system;

import dev.netkit.address.Cidr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing tables and rules of this namespace, read with {@code ip -j route show table all} and
 * {@code ip -j rule}; {@link #parseRoutes} and {@link #parseRules} take that JSON so tests can feed recorded output.
 */
public final class RouteTable {
    private RouteTable() {
    }

    /** Every route of every table, IPv4 then IPv6 (as asked). */
    public static List<RouteEntry> read(boolean v4, boolean v6) {
        List<RouteEntry> out = new ArrayList<>();
        if (v4) {
            out.addAll(parseRoutes(IpJson.run("-4", "route", "show", "table", "all"), false));
        }
        if (v6) {
            out.addAll(parseRoutes(IpJson.run("-6", "route", "show", "table", "all"), true));
        }
        return out;
    }

    /** The tables in rule order for one family (plain "lookup TABLE" rules; rules with selectors are skipped). */
    public static List<String> readRuleTables(boolean v6) {
        try {
            return parseRules(IpJson.run(v6 ? "-6" : "-4", "rule", "show"));
        } catch (dev.netkit.NetkitException e) {
            return List.of("local", "main", "default");
        }
    }

    public static List<String> parseRules(List<Map<String, Object>> json) {
        List<String> tables = new ArrayList<>();
        for (Map<String, Object> r : json) {
            boolean plain = "all".equals(IpJson.str(r, "src")) && r.get("dst") == null && r.get("iif") == null
                    && r.get("oif") == null && r.get("fwmark") == null && r.get("action") == null
                    && r.get("not") == null && r.get("tos") == null && r.get("ipproto") == null
                    && r.get("sport") == null && r.get("dport") == null && r.get("uidrange") == null;
            String table = IpJson.str(r, "table");
            if (plain && table != null && !tables.contains(table)) {
                tables.add(table);
            }
        }
        return tables.isEmpty() ? List.of("local", "main", "default") : tables;
    }

    public static List<RouteEntry> parseRoutes(List<Map<String, Object>> json, boolean v6) {
        List<RouteEntry> out = new ArrayList<>();
        for (Map<String, Object> r : json) {
            String dst = IpJson.str(r, "dst");
            if (dst == null) {
                continue;
            }
            Cidr prefix;
            try {
                prefix = Cidr.parseRoute(dst, v6);
            } catch (RuntimeException e) {
                continue; // a family ip should not have printed here
            }
            String type = r.containsKey("type") ? IpJson.str(r, "type") : "unicast";
            InetAddress gw = addr(IpJson.str(r, "gateway"));
            String dev = IpJson.str(r, "dev");
            if (gw == null && dev == null && !IpJson.list(r, "nexthops").isEmpty()
                    && IpJson.list(r, "nexthops").get(0) instanceof Map<?, ?> nh) {
                // multipath: the first next hop stands for the route
                gw = addr(nh.get("gateway") == null ? null : nh.get("gateway").toString());
                dev = nh.get("dev") == null ? null : nh.get("dev").toString();
            }
            long metric = IpJson.num(r, "metric", 0);
            String table = r.containsKey("table") ? IpJson.str(r, "table") : "main";
            String scope = r.containsKey("scope") ? IpJson.str(r, "scope") : "global";
            List<String> flags = IpJson.list(r, "flags").stream().map(Object::toString).toList();
            out.add(new RouteEntry(type, prefix, gw, dev, metric, addr(IpJson.str(r, "prefsrc")), table,
                    IpJson.str(r, "protocol"), scope, flags));
        }
        return out;
    }

    private static InetAddress addr(String s) {
        return s == null ? null : IpLiteral.parseOrNull(s);
    }
}
