package dev.netkit.system;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel's neighbour table of this namespace, read from {@code ip -j neigh show}: the whole table (arp) or
 * the MAC of one neighbour (send's and scan's next hop).
 */
public final class NeighborTable {
    private NeighborTable() {
    }

    /** Every neighbour entry, IPv4 and/or IPv6, optionally of one interface only. */
    public static List<Neighbor> read(boolean v4, boolean v6, String iface) {
        List<Neighbor> out = new ArrayList<>();
        if (v4) {
            out.addAll(parse(IpJson.run(args("-4", iface))));
        }
        if (v6) {
            out.addAll(parse(IpJson.run(args("-6", iface))));
        }
        return out;
    }

    /** The MAC the table holds for {@code address} on {@code device} (null: any device), or null when none. */
    public static String mac(InetAddress address, String device) {
        List<String> args = new ArrayList<>(List.of("neigh", "show", "to", IpLiteral.format(address)));
        if (device != null) {
            args.addAll(List.of("dev", device));
        }
        return macOf(parse(IpJson.run(args.toArray(String[]::new))), IpLiteral.format(address));
    }

    /** The first resolved MAC of {@code ip} among the entries (a FAILED entry may still show an old one). */
    static String macOf(List<Neighbor> entries, String ip) {
        for (Neighbor n : entries) {
            if (n.ip().equals(ip) && n.mac() != null && !n.states().contains("FAILED")) {
                return n.mac();
            }
        }
        return null;
    }

    private static String[] args(String family, String iface) {
        return iface == null ? new String[] {family, "neigh", "show"}
                : new String[] {family, "neigh", "show", "dev", iface};
    }

    /** Parses {@code ip -j neigh show}; entries without an address are skipped. */
    public static List<Neighbor> parse(List<Map<String, Object>> json) {
        List<Neighbor> out = new ArrayList<>();
        for (Map<String, Object> m : json) {
            String dst = IpJson.str(m, "dst");
            if (dst == null) {
                continue;
            }
            List<String> states = IpJson.list(m, "state").stream().map(Object::toString).toList();
            out.add(new Neighbor(dst, IpJson.str(m, "lladdr"), IpJson.str(m, "dev"), states,
                    m.containsKey("router")));
        }
        return out;
    }
}
