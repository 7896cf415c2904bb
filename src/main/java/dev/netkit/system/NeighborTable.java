package dev.netkit.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The kernel's neighbour table of this namespace, read from {@code ip -j neigh show}. */
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
