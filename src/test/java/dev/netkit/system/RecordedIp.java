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
            List<String> flags = IpJson.list(m, "flags").stream().map(Object::toString).toList();
            List<NetInterface.Address> addrs = new ArrayList<>();
            for (Object o : IpJson.list(m, "addr_info")) {
                if (!(o instanceof Map<?, ?> a0)) {
                    continue;
                }
                Map<String, Object> a = (Map<String, Object>) a0;
                String family = IpJson.str(a, "family");
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
                addrs.add(new NetInterface.Address(family, IpJson.str(a, "local"), (int) IpJson.num(a, "prefixlen", 0),
                        IpJson.str(a, "broadcast"), IpJson.str(a, "scope"), aflags));
            }
            NetInterface.Counters c = NetInterface.Counters.ZERO;
            if (m.get("stats64") instanceof Map<?, ?> s0) {
                Map<String, Object> s = (Map<String, Object>) s0;
                Map<String, Object> rx = s.get("rx") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
                Map<String, Object> tx = s.get("tx") instanceof Map<?, ?> t ? (Map<String, Object>) t : Map.of();
                c = new NetInterface.Counters(IpJson.num(rx, "bytes", 0), IpJson.num(tx, "bytes", 0),
                        IpJson.num(rx, "packets", 0), IpJson.num(tx, "packets", 0), IpJson.num(rx, "errors", 0),
                        IpJson.num(tx, "errors", 0), IpJson.num(rx, "dropped", 0), IpJson.num(tx, "dropped", 0));
            }
            String linkType = IpJson.str(m, "link_type");
            String mac = IpJson.str(m, "address");
            if ("loopback".equals(linkType) || "none".equals(linkType)) {
                mac = "loopback".equals(linkType) ? mac : null;
            }
            out.add(new NetInterface((int) IpJson.num(m, "ifindex", 0), IpJson.str(m, "ifname"),
                    IpJson.str(m, "operstate"), flags, (int) IpJson.num(m, "mtu", 0), mac, linkType,
                    IpJson.str(m, "master"), addrs, c));
        }
        return out;
    }

    static List<String> rules(List<Map<String, Object>> json) {
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

    static List<RouteEntry> routes(List<Map<String, Object>> json, boolean v6) {
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
