package dev.netkit.route;

import dev.netkit.JsonTree;
import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;
import dev.netkit.address.Cidr;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routers and their connections read from the JSON graph format of docs/route.md:
 * <pre>
 * {"routers": [{"name": "R1", "networks": ["198.18.1.0/24"]}, {"name": "R2"}],
 *  "connections": [{"from": "R1", "to": "R2", "network": "198.18.2.0", "netmask": "255.255.255.252", "ad": 10}]}
 * </pre>
 * Connections are two-way; {@code "ad"} is the link's weight (default 110); network and netmask are optional.
 */
public record RouterGraph(Map<String, List<Cidr>> routers, List<Link> links) {

    /** The default weight of a connection, OSPF's administrative distance. */
    public static final long DEFAULT_AD = 110;

    /** A two-way connection between routers {@code a} and {@code b}. */
    public record Link(String a, String b, Cidr network, long ad) {
        public String other(String r) {
            return r.equals(a) ? b : a;
        }
    }

    @SuppressWarnings("unchecked")
    public static RouterGraph parse(String json, String fileName) {
        Object root;
        try {
            root = JsonTree.parseValue(json);
        } catch (IOException e) {
            throw NetkitException.usage(fileName + ":" + JsonTree.describe(e) + " (not valid JSON)");
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw NetkitException.usage(fileName + ": the top level must be an object with \"routers\" and \"connections\"");
        }
        Map<String, List<Cidr>> routers = new LinkedHashMap<>();
        Object rs = top.get("routers");
        if (!(rs instanceof List<?> rl)) {
            throw NetkitException.usage(fileName + ": \"routers\" must be an array");
        }
        for (int i = 0; i < rl.size(); i++) {
            String where = fileName + ": routers[" + i + "]";
            String name;
            List<Cidr> nets = new ArrayList<>();
            if (rl.get(i) instanceof String s) {
                name = s;
            } else if (rl.get(i) instanceof Map<?, ?> m) {
                if (!(m.get("name") instanceof String s)) {
                    throw NetkitException.usage(where + " needs a \"name\" string");
                }
                name = s;
                Object nl = m.get("networks");
                if (nl != null && !(nl instanceof List<?>)) {
                    throw NetkitException.usage(where + ": \"networks\" must be an array");
                }
                for (Object n : nl == null ? List.of() : (List<Object>) nl) {
                    nets.add(network(n, where));
                }
            } else {
                throw NetkitException.usage(where + " must be a name or an object");
            }
            if (routers.put(name, nets) != null) {
                throw NetkitException.usage(where + ": router '" + name + "' is listed twice");
            }
        }
        List<Link> links = new ArrayList<>();
        Object cs = top.get("connections");
        if (!(cs instanceof List<?> cl)) {
            throw NetkitException.usage(fileName + ": \"connections\" must be an array");
        }
        for (int i = 0; i < cl.size(); i++) {
            String where = fileName + ": connections[" + i + "]";
            if (!(cl.get(i) instanceof Map<?, ?> m)) {
                throw NetkitException.usage(where + " must be an object");
            }
            String from = routerName(m.get("from"), routers, where, "from");
            String to = routerName(m.get("to"), routers, where, "to");
            long ad = DEFAULT_AD;
            if (m.get("ad") != null) {
                if (!(m.get("ad") instanceof Long l) || l < 0) {
                    throw NetkitException.usage(where + ": \"ad\" must be a whole number >= 0");
                }
                ad = l;
            }
            Cidr net = null;
            if (m.get("network") instanceof String n) {
                String mask = m.get("netmask") instanceof String s ? s : null;
                net = network(mask == null ? n : n + "/" + mask, where);
            }
            links.add(new Link(from, to, net, ad));
        }
        return new RouterGraph(routers, links);
    }

    private static String routerName(Object v, Map<String, List<Cidr>> routers, String where, String key) {
        if (!(v instanceof String s)) {
            throw NetkitException.usage(where + " needs a \"" + key + "\" router name");
        }
        if (!routers.containsKey(s)) {
            throw NetkitException.usage(where + ": \"" + key + "\" names '" + s + "', which is not in \"routers\"");
        }
        return s;
    }

    private static Cidr network(Object n, String where) {
        String text;
        if (n instanceof String s) {
            text = s;
        } else if (n instanceof Map<?, ?> m && m.get("network") instanceof String s) {
            text = m.get("netmask") instanceof String mask ? s + "/" + mask : s;
        } else {
            throw NetkitException.usage(where + ": a network is \"ADDR/LEN\" or {\"network\": ..., \"netmask\": ...}");
        }
        try {
            return Cidr.parseRoute(text, text.contains(":")).normalized();
        } catch (NetkitException e) {
            throw NetkitException.usage(where + ": " + e.getMessage());
        }
    }

    /** A router named {@code nameOrAddress}, or the router with the longest network containing that address. */
    public String resolve(String nameOrAddress) {
        if (routers.containsKey(nameOrAddress)) {
            return nameOrAddress;
        }
        InetAddress a = IpLiteral.parseOrNull(nameOrAddress);
        if (a == null) {
            throw NetkitException.usage("'" + nameOrAddress + "' is neither a router of the graph nor an IP address");
        }
        String best = null;
        int bestLen = -1;
        for (Map.Entry<String, List<Cidr>> e : routers.entrySet()) {
            for (Cidr p : e.getValue()) {
                if (p.contains(a) && p.prefix() > bestLen) {
                    best = e.getKey();
                    bestLen = p.prefix();
                }
            }
        }
        if (best == null) {
            throw NetkitException.usage("no router of the graph has a network containing " + nameOrAddress);
        }
        return best;
    }
}
