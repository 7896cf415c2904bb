package dev.netkit.system;

import dev.netkit.address.Cidr;
import dev.netkit.packet.MacAddress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's route choice, spelled out: the tables are consulted in rule order; within a table the route with the
 * longest matching prefix wins, and among equal prefixes the lowest metric (then the first listed). The source is
 * the route's preferred source, else an address of the outgoing interface (IPv4: a primary one in the next hop's
 * subnet; IPv6: same scope, longest common prefix with the destination, RFC 6724 rules 2 and 8 only).
 */
public final class RouteLookup {
    private final List<RouteEntry> routes;
    private final List<String> tables;
    private final List<NetInterface> interfaces;

    /**
     * @param routes     every route of every table
     * @param tables     the tables in rule order (local, main, default for a plain system)
     * @param interfaces the interfaces with their addresses, for the source address; empty in teaching mode
     */
    public RouteLookup(List<RouteEntry> routes, List<String> tables, List<NetInterface> interfaces) {
        this.routes = routes;
        this.tables = tables;
        this.interfaces = interfaces;
    }

    /** The kernel's own tables and this namespace's interfaces, for {@code dst}'s family (read now, once). */
    public static RouteLookup system(InetAddress dst) {
        boolean v6 = dst instanceof java.net.Inet6Address;
        return new RouteLookup(RouteTable.read(!v6, v6), RouteTable.readRuleTables(v6), InterfaceTable.inProcess());
    }

    /**
     * The decision when the packet must leave through {@code device} (null: any), as {@code ip route get DST oif
     * DEV}: only that device's routes count, and when none matches the destination is taken as on the link (the
     * kernel's assumption too); the winner is null then.
     */
    public RouteDecision lookup(InetAddress dst, String device) {
        if (device == null) {
            return lookup(dst);
        }
        List<RouteEntry> mine = routes.stream().filter(r -> device.equals(r.dev())).toList();
        RouteDecision d = new RouteLookup(mine, tables, interfaces).lookup(dst);
        if (d.winner() != null) {
            return d;
        }
        InetAddress src = dst.getAddress().length == 16 ? sourceV6(device, dst) : sourceV4(device, dst);
        return new RouteDecision(dst, d.candidates(), null, src, dst, device, "an address of " + device);
    }

    /** Our MAC on {@code device} when it is an Ethernet link, else {@link MacAddress#ZERO} (loopback, tun, tunnels). */
    public MacAddress ethernetMac(String device) {
        NetInterface i = iface(device);
        return i != null && "ether".equals(i.linkType()) && i.mac() != null ? MacAddress.parse(i.mac()) : MacAddress.ZERO;
    }

    /** The MTU of {@code device} (1500 when it is not known). */
    public int mtu(String device) {
        NetInterface i = iface(device);
        return i == null || i.mtu() <= 0 ? 1500 : i.mtu();
    }

    private NetInterface iface(String device) {
        return interfaces.stream().filter(i -> i.name().equals(device)).findFirst().orElse(null);
    }

    public RouteDecision lookup(InetAddress dst) {
        boolean v6 = dst.getAddress().length == 16;
        List<RouteDecision.Candidate> candidates = new ArrayList<>();
        RouteEntry winner = null;
        for (String table : tables) {
            List<RouteEntry> matches = new ArrayList<>();
            for (RouteEntry r : routes) {
                if (r.table().equals(table) && r.isV6() == v6 && r.dst().contains(dst)) {
                    matches.add(r);
                }
            }
            if (matches.isEmpty()) {
                continue;
            }
            RouteEntry best = matches.get(0);
            for (RouteEntry r : matches) {
                if (better(r, best)) {
                    best = r;
                }
            }
            for (RouteEntry r : matches) {
                candidates.add(new RouteDecision.Candidate(r, r == best && !best.type().equals("throw"), why(r, best)));
            }
            if (!best.type().equals("throw")) {
                winner = best;
                break;
            }
        }
        if (winner == null) {
            return new RouteDecision(dst, candidates, null, null, null, null, null);
        }
        if (winner.rejects()) {
            return new RouteDecision(dst, candidates, winner, null, null, winner.dev(), null);
        }
        String dev = winner.type().equals("local") ? "lo" : winner.dev();
        InetAddress nextHop = winner.gateway() != null ? winner.gateway() : dst;
        InetAddress src = winner.prefsrc();
        String srcWhy = "the route's preferred source";
        if (src == null && winner.type().equals("local")) {
            src = dst;
            srcWhy = "the local address itself";
        }
        if (src == null) {
            src = v6 ? sourceV6(winner.dev(), dst) : sourceV4(winner.dev(), nextHop);
            srcWhy = "an address of " + winner.dev();
        }
        if (src == null) {
            src = connectedSource(winner.dev(), nextHop);
            srcWhy = "the src of the directly attached route that reaches the next hop";
        }
        return new RouteDecision(dst, candidates, winner, src, nextHop, dev, src == null ? null : srcWhy);
    }

    /** Longest prefix first, then lowest metric; the earlier route keeps a full tie. */
    static boolean better(RouteEntry a, RouteEntry b) {
        if (a.dst().prefix() != b.dst().prefix()) {
            return a.dst().prefix() > b.dst().prefix();
        }
        return a.metric() < b.metric();
    }

    private static String why(RouteEntry r, RouteEntry best) {
        if (r == best) {
            String base = "longest prefix /" + r.dst().prefix();
            if (r.type().equals("throw")) {
                return "throw: the lookup goes on in the next table";
            }
            return r.metric() != 0 || r.isV6() ? base + ", metric " + r.metric() : base;
        }
        if (r.dst().prefix() < best.dst().prefix()) {
            return "shorter prefix /" + r.dst().prefix() + " < /" + best.dst().prefix();
        }
        if (r.metric() > best.metric()) {
            return "same prefix /" + r.dst().prefix() + ", higher metric " + r.metric() + " > " + best.metric();
        }
        return "same prefix and metric, listed after the winner";
    }

    private InetAddress sourceV4(String dev, InetAddress nextHop) {
        NetInterface.Address first = null;
        for (NetInterface i : interfaces) {
            if (!i.name().equals(dev)) {
                continue;
            }
            for (NetInterface.Address a : i.addresses()) {
                if (a.isV6() || a.flags().contains("secondary")) {
                    continue;
                }
                if (first == null) {
                    first = a;
                }
                if (dev.equals("lo") || prefixContains(a, nextHop)) {
                    return IpLiteral.parseOrNull(a.address());
                }
            }
        }
        if (first != null) {
            return IpLiteral.parseOrNull(first.address());
        }
        // no address on the outgoing interface: the kernel takes a global one from another interface
        for (NetInterface i : interfaces) {
            for (NetInterface.Address a : i.addresses()) {
                if (!a.isV6() && "global".equals(a.scope())) {
                    return IpLiteral.parseOrNull(a.address());
                }
            }
        }
        return null;
    }

    private InetAddress sourceV6(String dev, InetAddress dst) {
        String wantScope = dst.isLoopbackAddress() ? "host" : dst.isLinkLocalAddress() ? "link" : "global";
        InetAddress best = null;
        int bestCommon = -1;
        for (int pass = 0; pass < 2 && best == null; pass++) {
            for (NetInterface i : interfaces) {
                if (pass == 0 && !i.name().equals(dev)) {
                    continue;
                }
                for (NetInterface.Address a : i.addresses()) {
                    if (!a.isV6() || !wantScope.equals(a.scope()) || a.flags().contains("tentative")
                            || a.flags().contains("dadfailed")) {
                        continue;
                    }
                    InetAddress x = IpLiteral.parseOrNull(a.address());
                    int common = commonPrefix(x, dst);
                    if (x != null && common > bestCommon) {
                        best = x;
                        bestCommon = common;
                    }
                }
            }
        }
        return best;
    }

    /** The preferred source of the directly attached route that reaches the next hop (what a table file says). */
    private InetAddress connectedSource(String dev, InetAddress nextHop) {
        RouteEntry best = null;
        for (RouteEntry r : routes) {
            if (r.gateway() == null && r.prefsrc() != null && r.dst().contains(nextHop)
                    && (dev == null || dev.equals(r.dev())) && (best == null || r.dst().prefix() > best.dst().prefix())) {
                best = r;
            }
        }
        return best == null ? null : best.prefsrc();
    }

    private static boolean prefixContains(NetInterface.Address a, InetAddress x) {
        InetAddress base = IpLiteral.parseOrNull(a.address());
        return base != null && Cidr.of(base, a.prefixLength()).contains(x);
    }

    static int commonPrefix(InetAddress a, InetAddress b) {
        if (a == null) {
            return -1;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] ^ y[i]) & 0xff;
            if (d == 0) {
                n += 8;
                continue;
            }
            return n + Integer.numberOfLeadingZeros(d) - 24;
        }
        return n;
    }
}
