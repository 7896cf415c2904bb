package dev.netkit.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The words ip prints for rtnetlink's numbers: route types, scopes, protocols and tables. The usual ones are built in
 * (as in iproute2); any other comes from iproute2's files (/etc/iproute2/rt_scopes, rt_protos, rt_tables and their
 * .d directories, else /usr/share/iproute2), read only when such a number turns up; a number no file names is
 * printed as the number.
 */
final class RouteNames {
    private static final String[] TYPES = {"none", "unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"};
    private static final Map<String, Map<Long, String>> FILES = new HashMap<>();

    private RouteNames() {
    }

    /** rtm_type: unicast, local, broadcast, ... */
    static String type(int t) {
        return t < TYPES.length ? TYPES[t] : Integer.toString(t);
    }

    /** rtm_scope and ifa_scope: global, site, link, host, nowhere. */
    static String scope(int s) {
        return switch (s) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> fromFile("rt_scopes", s);
        };
    }

    /** rtm_protocol: kernel, boot, static, dhcp, ... */
    static String protocol(int p) {
        return switch (p) {
            case 0 -> "unspec";
            case 1 -> "redirect";
            case 2 -> "kernel";
            case 3 -> "boot";
            case 4 -> "static";
            case 8 -> "gated";
            case 9 -> "ra";
            case 10 -> "mrt";
            case 11 -> "zebra";
            case 12 -> "bird";
            case 13 -> "dnrouted";
            case 14 -> "xorp";
            case 15 -> "ntk";
            case 16 -> "dhcp";
            case 18 -> "keepalived";
            case 42 -> "babel";
            case 99 -> "openr";
            case 186 -> "bgp";
            case 187 -> "isis";
            case 188 -> "ospf";
            case 189 -> "rip";
            case 192 -> "eigrp";
            default -> fromFile("rt_protos", p);
        };
    }

    /** A routing table: local, main, default, or its name in rt_tables, or its number. */
    static String table(long t) {
        if (t == 255) {
            return "local";
        }
        if (t == 254) {
            return "main";
        }
        if (t == 253) {
            return "default";
        }
        return t == 0 ? "unspec" : fromFile("rt_tables", t);
    }

    private static synchronized String fromFile(String file, long id) {
        String name = FILES.computeIfAbsent(file, RouteNames::read).get(id);
        return name != null ? name : Long.toString(id);
    }

    /** "NUMBER NAME" lines (hex numbers with 0x) of FILE and FILE.d/*.conf; /etc/iproute2's win over /usr/share's. */
    private static Map<Long, String> read(String file) {
        Map<Long, String> names = new HashMap<>();
        for (String dir : new String[] {"/usr/share/iproute2", "/etc/iproute2"}) {
            Path main = Path.of(dir, file);
            parse(main, names);
            try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of(dir, file + ".d"), "*.conf")) {
                d.forEach(p -> parse(p, names));
            } catch (IOException | RuntimeException e) {
                // no .d directory
            }
        }
        return names;
    }

    private static void parse(Path p, Map<Long, String> names) {
        try {
            for (String line : Files.readAllLines(p)) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 2 || f[0].startsWith("#")) {
                    continue;
                }
                try {
                    long id = f[0].startsWith("0x") ? Long.parseLong(f[0].substring(2), 16) : Long.parseLong(f[0]);
                    names.put(id, f[1]);
                } catch (NumberFormatException e) {
                    // not a "NUMBER NAME" line
                }
            }
        } catch (IOException e) {
            // no such file: the numbers stay numbers
        }
    }
}
