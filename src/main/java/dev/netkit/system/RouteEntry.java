package dev.netkit.system;

import dev.netkit.address.Cidr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One route of a routing table.
 *
 * @param type     unicast, local, broadcast, unreachable, blackhole, prohibit, multicast, anycast
 * @param gateway  next hop router, null for a directly attached destination
 * @param metric   priority: lower wins among routes of equal prefix length (IPv4 default 0, IPv6 1024)
 * @param prefsrc  the source address the route prefers, or null
 * @param table    main, local, default or a number
 * @param protocol who made it: kernel, boot, static, dhcp, ...
 * @param scope    global, link, host
 * @param nexthops a multipath (ECMP) route's next hops as RTA_MULTIPATH lists them, empty for a single path; the
 *                 route's own gateway and dev are then its first next hop's, which route get reports
 */
public record RouteEntry(String type, Cidr dst, InetAddress gateway, String dev, long metric, InetAddress prefsrc,
                         String table, String protocol, String scope, List<String> flags, List<NextHop> nexthops) {

    /**
     * One next hop of a multipath route.
     *
     * @param gateway the router, or null for a directly attached next hop
     * @param weight  its share of the flows (rtnh_hops + 1, as ip prints it)
     * @param flags   ip's words for its rtnh_flags (dead, onlink, linkdown, ...)
     */
    public record NextHop(InetAddress gateway, String dev, int weight, List<String> flags) {
    }

    /** A single-path route. */
    public RouteEntry(String type, Cidr dst, InetAddress gateway, String dev, long metric, InetAddress prefsrc,
                      String table, String protocol, String scope, List<String> flags) {
        this(type, dst, gateway, dev, metric, prefsrc, table, protocol, scope, flags, List.of());
    }

    public boolean isMultipath() {
        return !nexthops.isEmpty();
    }

    public boolean isV6() {
        return dst.version() == 6;
    }

    /** route(8)'s flags: U up, G gateway, H host, ! reject. */
    public String routeFlags() {
        StringBuilder b = new StringBuilder();
        if (!type.equals("unreachable") && !type.equals("blackhole") && !type.equals("prohibit")
                && !flags.contains("linkdown")) {
            b.append('U');
        }
        if (gateway != null) {
            b.append('G');
        }
        if (dst.prefix() == dst.address().bits()) {
            b.append('H');
        }
        if (type.equals("unreachable") || type.equals("blackhole") || type.equals("prohibit")) {
            b.append('!');
        }
        return b.toString();
    }

    /** True for routes that send nowhere: unreachable, blackhole, prohibit, throw. */
    public boolean rejects() {
        return type.equals("unreachable") || type.equals("blackhole") || type.equals("prohibit") || type.equals("throw");
    }

    /** The ip route line: "198.18.1.0/24 dev eth0 proto kernel scope link src 198.18.1.10". */
    public String ipText() {
        List<String> p = new ArrayList<>();
        if (!type.equals("unicast")) {
            p.add(type);
        }
        p.add(dst.routeText());
        if (gateway != null) {
            p.add("via " + IpLiteral.format(gateway));
        }
        if (dev != null) {
            p.add("dev " + dev);
        }
        if (!table.equals("main")) {
            p.add("table " + table);
        }
        if (protocol != null) {
            p.add("proto " + protocol);
        }
        if (scope != null && !scope.equals("global")) {
            p.add("scope " + scope);
        }
        if (prefsrc != null) {
            p.add("src " + IpLiteral.format(prefsrc));
        }
        if (metric != 0 || isV6()) {
            p.add("metric " + metric);
        }
        return String.join(" ", p);
    }
}
