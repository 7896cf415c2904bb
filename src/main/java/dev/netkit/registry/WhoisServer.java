package dev.netkit.registry;

import dev.netkit.NetkitException;
import dev.netkit.TerminalText;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A whois server (RFC 3912: TCP port 43, one query line, text until the server closes) and the query line it wants:
 * ARIN's {@code n + } and {@code a + }, the RIPE-database family's {@code -B} (and {@code -r} when asked).
 */
public record WhoisServer(String host, int port) {
    /** Where a query starts without -h: IANA knows who holds every TLD, address block and AS number. */
    public static final WhoisServer IANA = new WhoisServer("whois.iana.org", 43);
    /** Servers of the RIPE database software, which take RIPE's flags. */
    private static final Set<String> RIPE_FAMILY = Set.of("whois.ripe.net", "whois.apnic.net", "whois.afrinic.net",
            "rr.ntt.net", "whois.radb.net");
    private static final String ARIN = "whois.arin.net";
    /** Handle suffixes and the RIR that issues them (a handle needs a server: IANA does not know it). */
    private static final Map<String, String> HANDLE_SUFFIXES = Map.of("-ARIN", ARIN, "-RIPE", "whois.ripe.net",
            "-AP", "whois.apnic.net", "-AFRINIC", "whois.afrinic.net", "-LACNIC", "whois.lacnic.net");

    public WhoisServer {
        host = host.toLowerCase(Locale.ROOT);
        if (port < 1 || port > 65535) {
            throw NetkitException.usage("port " + port + ": give 1 to 65535");
        }
    }

    /** "host", "host:port", "[v6]:port" or a bare IPv6 address; {@code defaultPort} when none is written. */
    public static WhoisServer parse(String s, int defaultPort) {
        String t = s.strip();
        String host = t;
        String port = null;
        if (t.startsWith("[") && t.indexOf(']') > 0) {
            host = t.substring(1, t.indexOf(']'));
            String rest = t.substring(t.indexOf(']') + 1);
            port = rest.startsWith(":") && rest.length() > 1 ? rest.substring(1) : null;
        } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]{1,253}")) {
            throw NetkitException.usage("'" + TerminalText.escape(s) + "' is not a whois server name or address");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw NetkitException.usage("'" + TerminalText.escape(s) + "': the port is not a number");
            }
        }
        return new WhoisServer(host, p);
    }

    /** The first server for {@code q}: IANA for domains, addresses and AS numbers; the RIR of a handle's suffix. */
    public static WhoisServer start(RegistryQuery q) {
        if (q.kind() != RegistryQuery.Kind.HANDLE) {
            return IANA;
        }
        String upper = q.text().toUpperCase(Locale.ROOT);
        for (Map.Entry<String, String> e : HANDLE_SUFFIXES.entrySet()) {
            if (upper.endsWith(e.getKey())) {
                return new WhoisServer(e.getValue(), 43);
            }
        }
        throw NetkitException.usage("no whois server is known for the handle '" + TerminalText.escape(q.text())
                + "': name one with -h HOST");
    }

    /**
     * The line sent for {@code q}: ARIN wants {@code n + ADDR} (no prefix length) for networks and {@code a + N} for
     * AS numbers; RIPE-family servers {@code -B} (contacts unfiltered) and {@code -r} when {@code noContacts}.
     */
    public String queryLine(RegistryQuery q, boolean noContacts) {
        if (host.equals(ARIN)) {
            return switch (q.kind()) {
                case ADDRESS, PREFIX -> "n + " + RegistryQuery.text(q.address());
                case AS -> "a + " + q.asn();
                default -> q.text();
            };
        }
        if (RIPE_FAMILY.contains(host)) {
            return "-B " + (noContacts ? "-r " : "") + q.text();
        }
        return q.text();
    }

    /** "whois.iana.org", or "host:port" when not on 43. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 43 ? h : h + ":" + port;
    }
}
