package dev.netkit.system;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The resolver configuration of resolv.conf(5): nameservers, search list (the domains as written), ndots,
 * attempts and timeout (0 when not set). Inside a lab host, {@code ip netns exec} bind-mounts
 * {@code /etc/netns/NS/resolv.conf} over {@code /etc/resolv.conf}, so reading the usual path gives the
 * namespace's own resolver. The DNS commands read it (dev.netkit.dns.SearchList expands the search list), and
 * so does {@code ifaces --all}.
 */
public record ResolvConf(List<InetAddress> nameservers, List<String> search, int ndots, int attempts, int timeout) {

    public static final Path DEFAULT = Path.of("/etc/resolv.conf");

    public static ResolvConf load() {
        return load(DEFAULT);
    }

    /** Reads a resolv.conf; a missing file means no servers (as dig would then say) and no search list. */
    public static ResolvConf load(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            lines = List.of();
        }
        return parse(lines);
    }

    /**
     * The whitespace-separated words of a line. Plain code, not a regular expression: every DNS command reads
     * resolv.conf first (the regex engine's first use costs start-up), and dig -f splits thousands of lines.
     */
    public static List<String> words(String line) {
        List<String> w = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                w.add(line.substring(start, i));
            }
        }
        return w;
    }

    /** A resolv.conf line without its comment (from a '#' or ';' on). */
    static String uncommented(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' || line.charAt(i) == ';') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The text of a resolv.conf file. */
    public static ResolvConf parse(String text) {
        return parse(text.lines().toList());
    }

    public static ResolvConf parse(List<String> lines) {
        List<InetAddress> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        int ndots = 1;
        int attempts = 0;
        int timeout = 0;
        for (String raw : lines) {
            String[] w = words(uncommented(raw)).toArray(new String[0]);
            if (w.length < 2) {
                continue;
            }
            switch (w[0]) {
                case "nameserver" -> {
                    // literal addresses only (a name here would need DNS to find DNS), the zone of an IPv6 one
                    // dropped; anything else is skipped, as the C resolver does
                    int zone = w[1].indexOf('%');
                    InetAddress a = IpLiteral.parseOrNull(zone < 0 ? w[1] : w[1].substring(0, zone));
                    if (a != null) {
                        servers.add(a);
                    }
                }
                case "search", "domain" -> {
                    search.clear(); // the last of search/domain wins
                    search.addAll(Arrays.asList(w).subList(1, w.length));
                }
                case "options" -> {
                    for (int i = 1; i < w.length; i++) {
                        try {
                            if (w[i].startsWith("ndots:")) {
                                ndots = Math.min(15, Integer.parseInt(w[i].substring(6)));
                            } else if (w[i].startsWith("attempts:")) {
                                attempts = Math.min(5, Integer.parseInt(w[i].substring(9)));
                            } else if (w[i].startsWith("timeout:")) {
                                timeout = Math.min(30, Integer.parseInt(w[i].substring(8)));
                            }
                        } catch (NumberFormatException e) {
                            // ignored as the C resolver does
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new ResolvConf(List.copyOf(servers), List.copyOf(search), ndots, attempts, timeout);
    }

    /** The nameservers' addresses in their usual text form (RFC 5952 for IPv6). */
    public List<String> nameserverTexts() {
        return nameservers.stream().map(IpLiteral::format).toList();
    }
}
