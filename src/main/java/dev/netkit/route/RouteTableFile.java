package dev.netkit.route;

import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;
import dev.netkit.address.Cidr;
import dev.netkit.system.RouteEntry;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A routing table written by hand for exercises: one route per line,
 * {@code PREFIX [via GW] [dev IF] [metric N] [src ADDR]}, {@code #} comments. PREFIX is ADDR/LEN, ADDR/NETMASK,
 * a bare address (a host route) or {@code default} (with {@code -6}/an IPv6 gateway: ::/0).
 */
public final class RouteTableFile {
    private RouteTableFile() {
    }

    public static List<RouteEntry> parse(String text, String fileName) {
        List<RouteEntry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            String l = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (l.isEmpty()) {
                continue;
            }
            String where = fileName + " line " + (n + 1) + ": ";
            String[] f = l.split("\\s+");
            InetAddress gw = null;
            String dev = null;
            long metric = 0;
            InetAddress src = null;
            for (int i = 1; i < f.length; i += 2) {
                if (i + 1 >= f.length) {
                    throw NetkitException.usage(where + "'" + f[i] + "' needs a value");
                }
                String v = f[i + 1];
                switch (f[i]) {
                    case "via" -> gw = addr(v, where, "gateway");
                    case "dev" -> dev = v;
                    case "metric" -> {
                        try {
                            metric = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            metric = -1;
                        }
                        if (metric < 0 || metric > 0xffffffffL) {
                            throw NetkitException.usage(where + "metric '" + v + "' is not a number in 0..4294967295");
                        }
                    }
                    case "src" -> src = addr(v, where, "source");
                    default -> throw NetkitException.usage(where + "unknown word '" + f[i]
                            + "': a line is PREFIX [via GW] [dev IF] [metric N] [src ADDR]");
                }
            }
            boolean v6 = (gw != null && gw.getAddress().length == 16) || f[0].contains(":");
            Cidr prefix;
            try {
                prefix = Cidr.parseRoute(f[0], v6).normalized();
            } catch (NetkitException e) {
                throw NetkitException.usage(where + e.getMessage());
            }
            if (gw != null && gw.getAddress().length * 8 != prefix.address().bits()) {
                throw NetkitException.usage(where + "gateway " + IpLiteral.format(gw) + " is not of the prefix's family");
            }
            if (gw == null && dev == null) {
                throw NetkitException.usage(where + "a route needs 'via GATEWAY' or 'dev INTERFACE'");
            }
            out.add(new RouteEntry("unicast", prefix, gw, dev, metric, src, "main", null,
                    gw == null ? "link" : "global", List.of()));
        }
        if (out.isEmpty()) {
            throw NetkitException.usage(fileName + " has no routes");
        }
        return out;
    }

    private static InetAddress addr(String v, String where, String what) {
        InetAddress a = IpLiteral.parseOrNull(v);
        if (a == null) {
            throw NetkitException.usage(where + what + " '" + v + "' is not an IP address");
        }
        return a;
    }
}
