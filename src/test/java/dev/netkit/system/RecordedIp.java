package dev.netkit.system;

import dev.netkit.address.Cidr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recorded {@code ip -j} output (src/test/resources/iproute/record.sh) read into netkit's types, for the unit tests
 * that feed recorded tables: netkit itself reads the kernel's rtnetlink dumps.
 */
final class RecordedIp {
    private RecordedIp() {
    }

    /** Parses {@code ip -j [-s] addr show} (or {@code link show}) output. */
    @SuppressWarnings("unchecked")
    static List<NetInterface> interfaces(List<Map<String, Object>> json) {
        List<NetInterface> out = new ArrayList<>();
        for (Map<String, Object> m : json) {
            List<String> flags = list(m, "flags").stream().map(Object::toString).toList();
            List<NetInterface.Address> addrs = new ArrayList<>();
            for (Object o : list(m, "addr_info")) {
                if (!(o instanceof Map<?, ?> a0)) {
                    continue;
                }
                Map<String, Object> a = (Map<String, Object>) a0;
                String family = str(a, "family");
                if (!"inet".equals(family) && !"inet6".equals(family)) {
                    continue;
                }
                List<String> aflags = new ArrayList<>();
                for (String f : List.of("secondary", "tentative", "deprecated", "dadfailed", "temporary", "dynamic",
                        "noprefixroute", "nodad")) {
                    if (Boolean.TRUE.equals(a.get(f))) {
                        aflags.add(f);
                    }
                }
                addrs.add(new NetInterface.Address(family, str(a, "local"), (int) num(a, "prefixlen", 0),
                        str(a, "broadcast"), str(a, "scope"), aflags));
            }
            NetInterface.Counters c = NetInterface.Counters.ZERO;
            if (m.get("stats64") instanceof Map<?, ?> s0) {
                Map<String, Object> s = (Map<String, Object>) s0;
                Map<String, Object> rx = s.get("rx") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
                Map<String, Object> tx = s.get("tx") instanceof Map<?, ?> t ? (Map<String, Object>) t : Map.of();
                c = new NetInterface.Counters(num(rx, "bytes", 0), num(tx, "bytes", 0),
                        num(rx, "packets", 0), num(tx, "packets", 0), num(rx, "errors", 0),
                        num(tx, "errors", 0), num(rx, "dropped", 0), num(tx, "dropped", 0));
            }
            String linkType = str(m, "link_type");
            String mac = str(m, "address");
            if ("loopback".equals(linkType) || "none".equals(linkType)) {
                mac = "loopback".equals(linkType) ? mac : null;
            }
            out.add(new NetInterface((int) num(m, "ifindex", 0), str(m, "ifname"),
                    str(m, "operstate"), flags, (int) num(m, "mtu", 0), mac, linkType,
                    str(m, "master"), addrs, c));
        }
        return out;
    }

    static List<String> rules(List<Map<String, Object>> json) {
        List<String> tables = new ArrayList<>();
        for (Map<String, Object> r : json) {
            boolean plain = "all".equals(str(r, "src")) && r.get("dst") == null && r.get("iif") == null
                    && r.get("oif") == null && r.get("fwmark") == null && r.get("action") == null
                    && r.get("not") == null && r.get("tos") == null && r.get("ipproto") == null
                    && r.get("sport") == null && r.get("dport") == null && r.get("uidrange") == null;
            String table = str(r, "table");
            if (plain && table != null && !tables.contains(table)) {
                tables.add(table);
            }
        }
        return tables.isEmpty() ? List.of("local", "main", "default") : tables;
    }

    static List<RouteEntry> routes(List<Map<String, Object>> json, boolean v6) {
        List<RouteEntry> out = new ArrayList<>();
        for (Map<String, Object> r : json) {
            String dst = str(r, "dst");
            if (dst == null) {
                continue;
            }
            Cidr prefix;
            try {
                prefix = Cidr.parseRoute(dst, v6);
            } catch (RuntimeException e) {
                continue; // a family ip should not have printed here
            }
            String type = r.containsKey("type") ? str(r, "type") : "unicast";
            InetAddress gw = addr(str(r, "gateway"));
            String dev = str(r, "dev");
            if (gw == null && dev == null && !list(r, "nexthops").isEmpty()
                    && list(r, "nexthops").get(0) instanceof Map<?, ?> nh) {
                // multipath: the first next hop stands for the route
                gw = addr(nh.get("gateway") == null ? null : nh.get("gateway").toString());
                dev = nh.get("dev") == null ? null : nh.get("dev").toString();
            }
            long metric = num(r, "metric", 0);
            String table = r.containsKey("table") ? str(r, "table") : "main";
            String scope = r.containsKey("scope") ? str(r, "scope") : "global";
            List<String> flags = list(r, "flags").stream().map(Object::toString).toList();
            out.add(new RouteEntry(type, prefix, gw, dev, metric, addr(str(r, "prefsrc")), table,
                    str(r, "protocol"), scope, flags));
        }
        return out;
    }

    private static InetAddress addr(String s) {
        return s == null ? null : IpLiteral.parseOrNull(s);
    }

    /** Parses {@code ip -j neigh show}; entries without an address are skipped. */
    static List<Neighbor> neighbors(List<Map<String, Object>> json) {
        List<Neighbor> out = new ArrayList<>();
        for (Map<String, Object> m : json) {
            String dst = str(m, "dst");
            if (dst == null) {
                continue;
            }
            List<String> states = list(m, "state").stream().map(Object::toString).toList();
            out.add(new Neighbor(dst, str(m, "lladdr"), str(m, "dev"), states,
                    m.containsKey("router")));
        }
        return out;
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    static long num(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : dflt;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
