package dev.netkit.dns;

import dev.netkit.system.IpLiteral;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolver configuration of resolv.conf(5): nameservers, search list, ndots, attempts and timeout (0
 * when not set). Inside a lab host, {@code ip netns exec} bind-mounts {@code /etc/netns/NS/resolv.conf} over
 * {@code /etc/resolv.conf}, so reading the usual path gives the namespace's own resolver.
 */
public record ResolvConf(List<InetAddress> nameservers, List<Name> search, int ndots, int attempts, int timeout) {

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

    public static ResolvConf parse(List<String> lines) {
        List<InetAddress> servers = new ArrayList<>();
        List<Name> search = new ArrayList<>();
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
                    for (int i = 1; i < w.length; i++) {
                        try {
                            search.add(Name.fromString(w[i], Name.root));
                        } catch (TextParseException e) {
                            // not a name: skipped
                        }
                    }
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

    /** As BIND's dig: {@code options attempts:N timeout:N} set the tries and the seconds per try (0 = not set). */
    public QueryOptions defaults(QueryOptions o) {
        QueryOptions d = attempts > 0 ? o.withTries(attempts) : o;
        return timeout > 0 ? d.withTimeout(java.time.Duration.ofSeconds(timeout)) : d;
    }

    public List<InetSocketAddress> serverAddresses(int port) {
        return nameservers.stream().map(a -> new InetSocketAddress(a, port)).toList();
    }

    /**
     * The names to try for what the user typed, in order: an absolute name (trailing dot) as it is; a name
     * with at least ndots dots as it is first, then with each search domain; a shorter one with the search
     * domains first.
     */
    public List<Name> candidates(String typed) throws TextParseException {
        Name asIs = Name.fromString(typed, Name.root);
        if (typed.endsWith(".") || search.isEmpty()) {
            return List.of(asIs);
        }
        Name relative = Name.fromString(typed);
        List<Name> out = new ArrayList<>();
        long dots = typed.chars().filter(c -> c == '.').count();
        if (dots >= ndots) {
            out.add(asIs);
        }
        for (Name domain : search) {
            try {
                Name n = Name.concatenate(relative, domain);
                if (!out.contains(n)) {
                    out.add(n);
                }
            } catch (org.xbill.DNS.NameTooLongException e) {
                // too long with this domain: skipped
            }
        }
        if (!out.contains(asIs)) {
            out.add(asIs);
        }
        return out;
    }
}
