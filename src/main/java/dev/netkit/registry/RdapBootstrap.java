package dev.netkit.registry;

import dev.netkit.JsonTree;
import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * IANA's RDAP bootstrap registries (RFC 9224): which RDAP server holds a domain's TLD, an address block or an AS
 * range. Each file is {@code {"publication": ..., "services": [[[entries...], [urls...]], ...]}}; an entry is a
 * label ("com"), a prefix ("198.18.0.0/15", "2001:db8::/32") or an AS range ("64496-64511"), told apart by its form,
 * so one file may mix kinds. The most specific entry wins: the most labels, the longest prefix, the narrowest range.
 */
public final class RdapBootstrap {
    /** The files in the jar, IANA's names. */
    private static final List<String> SHIPPED = List.of("dns.json", "ipv4.json", "ipv6.json", "asn.json");

    private record Entry(String text, List<URI> servers) {
    }

    private final List<Entry> entries;
    private final String publication;

    private RdapBootstrap(List<Entry> entries, String publication) {
        this.entries = entries;
        this.publication = publication;
    }

    /** The copy in the jar. */
    public static RdapBootstrap shipped() {
        List<String> texts = new ArrayList<>();
        for (String name : SHIPPED) {
            try (InputStream in = RdapBootstrap.class.getResourceAsStream("rdap/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("rdap/" + name + " is missing from the jar");
                }
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parse(texts, "the shipped bootstrap");
    }

    /** The publication date of the shipped copy ("2026-12-07T00:00:00Z"), for --version. */
    public static String shippedPublication() {
        return shipped().publication();
    }

    /** Reads bootstrap files (their texts); {@code origin} names them in errors. The newest publication is kept. */
    public static RdapBootstrap parse(List<String> texts, String origin) {
        List<Entry> entries = new ArrayList<>();
        String newest = null;
        for (String text : texts) {
            Object root;
            try {
                root = JsonTree.parseValue(text);
            } catch (IOException e) {
                throw NetkitException.usage(origin + ": not JSON: " + JsonTree.describe(e));
            }
            if (!(root instanceof Map<?, ?> m) || !(m.get("services") instanceof List<?> services)) {
                throw NetkitException.usage(origin + ": no \"services\" array (RFC 9224 section 3)");
            }
            if (m.get("publication") instanceof String p && (newest == null || p.compareTo(newest) > 0)) {
                newest = p;
            }
            for (Object s : services) {
                if (!(s instanceof List<?> pair) || pair.size() < 2 || !(pair.get(0) instanceof List<?> keys)
                        || !(pair.get(1) instanceof List<?> urls)) {
                    throw NetkitException.usage(origin + ": a service is not [[entries], [URLs]]");
                }
                List<URI> servers = new ArrayList<>();
                for (Object u : urls) {
                    servers.add(URI.create(u.toString().endsWith("/") ? u.toString() : u + "/"));
                }
                // RFC 9224 section 3: prefer an https URL when a service lists several
                servers.sort((a, b) -> Boolean.compare(!"https".equals(a.getScheme()), !"https".equals(b.getScheme())));
                for (Object k : keys) {
                    entries.add(new Entry(k.toString().toLowerCase(Locale.ROOT), List.copyOf(servers)));
                }
            }
        }
        return new RdapBootstrap(entries, newest == null ? "unknown" : newest);
    }

    /** The newest "publication" of the files read. */
    public String publication() {
        return publication;
    }

    /** The base URL of the server that holds {@code q}, if an entry covers it. */
    public Optional<URI> serverFor(RegistryQuery q) {
        Entry best = null;
        long bestScore = -1;
        for (Entry e : entries) {
            long score = switch (q.kind()) {
                case DOMAIN -> labels(e.text(), q.text());
                case ADDRESS, PREFIX -> prefixLength(e.text(), q);
                case AS -> narrowness(e.text(), q.asn());
                case HANDLE -> -1;
            };
            if (score > bestScore) {
                best = e;
                bestScore = score;
            }
        }
        return best == null || best.servers().isEmpty() ? Optional.empty() : Optional.of(best.servers().get(0));
    }

    /** The labels of {@code entry} when it is a suffix of {@code domain} ("test" of "netkit.test": 1), else -1. */
    static long labels(String entry, String domain) {
        if (entry.isEmpty() || entry.contains("/") || entry.matches("[0-9-]+")) {
            return -1;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (!d.equals(entry) && !d.endsWith("." + entry)) {
            return -1;
        }
        return entry.split("\\.").length;
    }

    /** The entry's prefix length when the prefix holds the whole query (same family), else -1. */
    static long prefixLength(String entry, RegistryQuery q) {
        int slash = entry.indexOf('/');
        if (slash < 0) {
            return -1;
        }
        InetAddress net = IpLiteral.parseOrNull(entry.substring(0, slash));
        int len;
        try {
            len = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
        if (net == null || net.getAddress().length != q.address().getAddress().length || len > q.length()
                || len < 0 || len > net.getAddress().length * 8) {
            return -1;
        }
        return RegistryQuery.network(q.address(), len).equals(RegistryQuery.network(net, len)) ? len : -1;
    }

    /** How narrow the AS range is (higher is narrower) when it holds {@code asn}, else -1. */
    static long narrowness(String entry, long asn) {
        if (!entry.matches("\\d{1,10}(-\\d{1,10})?")) {
            return -1;
        }
        String[] r = entry.split("-");
        long lo = Long.parseLong(r[0]);
        long hi = r.length > 1 ? Long.parseLong(r[1]) : lo;
        if (asn < lo || asn > hi) {
            return -1;
        }
        return (1L << 32) - (hi - lo);
    }
}
