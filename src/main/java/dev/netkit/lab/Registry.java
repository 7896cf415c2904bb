package dev.netkit.lab;

import dev.netkit.JsonTree;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.lab.DnsZones.Network;
import dev.netkit.lab.Topology.Host;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's registry as flat files: who holds netkit.test, the lab's networks (198.18.NN.0/x, 2001:db8:NN::/64) and
 * their ASes (645NN), with one abuse contact. The same facts three ways: the registry's whois (RPSL, as the RIPE
 * database prints it) on whois.netkit.test, an IANA-like root whois on iana.netkit.test that refers to it, and
 * RDAP JSON files (RFC 9083) that nginx serves under https://rdap.netkit.test/rdap/.
 * Files are named after the query: a key per lab address, network, AS, domain and handle ('/' written '_').
 */
public final class Registry {
    /** The registry whois's name in netkit.test. */
    public static final String WHOIS_NAME = "whois";
    /** The IANA-like root whois's name in netkit.test. */
    public static final String ROOT_NAME = "iana";
    /** The RDAP server's name in netkit.test (nginx on the web server). */
    public static final String RDAP_NAME = "rdap";
    static final String SOURCE = "NETKIT-LAB";
    static final String DATE = "2026-01-01T00:00:00Z";
    static final String ABUSE = "NKA1-LAB";
    static final String ADMIN = "NKL1-LAB";
    static final String ORG = "ORG-NKL1-LAB";
    /** The file answered when no file is named after the query. */
    static final String NONE = "_none";

    /**
     * The responder socat runs per connection ($1: the data directory): reads one line, lower-cases it and prints the
     * file of that name, or {@link #NONE}. Only letters, digits and . : / _ - reach the file name; '/' becomes '_'.
     */
    static final String SCRIPT = """
            # netkit lab whois (RFC 3912): one query line in, the flat file named after it out, then close.
            IFS= read -r q || q=
            q=$(printf '%s' "$q" | tr -d '\\r' | tr 'A-Z' 'a-z')
            q=${q%.}
            case $q in
              '' | *[!a-z0-9.:/_-]*) exec cat "$1/_none" ;;
            esac
            f=$(printf '%s' "$q" | tr '/' '_')
            if [ -f "$1/$f" ]; then exec cat "$1/$f"; fi
            exec cat "$1/_none"
            """;

    private static final JsonFactory JSON = new JsonFactory();

    private final Topology topology;
    private final DnsZones zones;

    public Registry(Topology topology) {
        this.topology = topology;
        this.zones = new DnsZones(topology);
    }

    /** "whois.netkit.test" */
    static String fqdn(String name) {
        return name + ".netkit.test";
    }

    /** One network as the registry holds it: its prefix, AS, name and description, and the lab addresses in it. */
    record Block(Network network, String name, String descr, List<String> addresses) {
        String key() {
            return network.cidr().toLowerCase(java.util.Locale.ROOT).replace('/', '_');
        }

        String handle() {
            return "NET-" + network.cidr().replace('.', '-').replace(':', '-').replace('/', '-').toUpperCase(
                    java.util.Locale.ROOT).replaceAll("-+", "-");
        }
    }

    List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        for (Network n : zones.networks()) {
            String[] nd = DnsZones.netName(n.net()).split(" - ", 2);
            List<String> in = new ArrayList<>();
            for (Host h : topology.hosts()) {
                for (String a : topology.addresses(h.name())) {
                    if (a.contains(":") == n.ipv6() && DnsZones.networkOf(a + "/" + n.prefixLength()).equals(n.cidr())
                            && !in.contains(a)) {
                        in.add(a);
                    }
                }
            }
            out.add(new Block(n, nd[0], nd.length > 1 ? nd[1] : nd[0], in));
        }
        return out;
    }

    // ---- whois: the registry ----

    /** The registry's files: query key -> answer. */
    public Map<String, String> whois() {
        Map<String, String> f = new LinkedHashMap<>();
        String header = "% netkit lab registry (" + fqdn(WHOIS_NAME) + "): the lab's own data, in RPSL.\n\n";
        Map<Integer, Block> byAs = new LinkedHashMap<>();
        for (Block b : blocks()) {
            String text = header + inetnum(b) + "\n" + route(b) + "\n" + contacts();
            f.put(b.key(), text);
            for (String a : b.addresses()) {
                f.put(a, text);
            }
            byAs.putIfAbsent(b.network().asn(), b);
        }
        for (Map.Entry<Integer, Block> e : byAs.entrySet()) {
            f.put("as" + e.getKey(), header + autnum(e.getKey(), e.getValue()) + "\n" + contacts());
        }
        f.put("netkit.test", header + domain() + "\n" + contacts());
        f.put(ABUSE.toLowerCase(java.util.Locale.ROOT), header + abuseRole());
        f.put(ADMIN.toLowerCase(java.util.Locale.ROOT), header + adminRole());
        f.put(ORG.toLowerCase(java.util.Locale.ROOT), header + organisation());
        f.put(NONE, header + "%ERROR:101: no entries found\n%\n% No entries found in source " + SOURCE + ".\n");
        return f;
    }

    private static String line(String key, Object value) {
        return String.format("%-16s%s%n", key + ":", value);
    }

    private static String inetnum(Block b) {
        Network n = b.network();
        StringBuilder s = new StringBuilder();
        s.append(n.ipv6() ? line("inet6num", n.cidr()) : line("inetnum", first(n) + " - " + last(n)));
        s.append(line("netname", b.name())).append(line("descr", b.descr())).append(line("country", "ZZ"));
        s.append(line("org", ORG)).append(line("admin-c", ADMIN)).append(line("tech-c", ADMIN));
        s.append(line("abuse-c", ABUSE)).append(line("status", n.ipv6() ? "ASSIGNED" : "ASSIGNED PA"));
        s.append(line("mnt-by", "NETKIT-LAB-MNT")).append(line("created", DATE)).append(line("last-modified", DATE));
        return s.append(line("source", SOURCE)).toString();
    }

    private static String route(Block b) {
        Network n = b.network();
        return line(n.ipv6() ? "route6" : "route", n.cidr()) + line("descr", b.descr())
                + line("origin", "AS" + n.asn()) + line("mnt-by", "NETKIT-LAB-MNT") + line("created", DATE)
                + line("source", SOURCE);
    }

    private static String autnum(int asn, Block b) {
        return line("aut-num", "AS" + asn) + line("as-name", b.name()) + line("descr", b.descr())
                + line("org", ORG) + line("admin-c", ADMIN) + line("tech-c", ADMIN) + line("abuse-c", ABUSE)
                + line("status", "ASSIGNED") + line("mnt-by", "NETKIT-LAB-MNT") + line("created", DATE)
                + line("last-modified", DATE) + line("source", SOURCE);
    }

    private String domain() {
        StringBuilder s = new StringBuilder(line("domain", "netkit.test"));
        s.append(line("descr", "the netkit lab's zone"));
        s.append(line("org", ORG)).append(line("admin-c", ADMIN)).append(line("tech-c", ADMIN));
        s.append(line("abuse-c", ABUSE));
        for (String ns : nameservers()) {
            s.append(line("nserver", ns));
        }
        s.append(line("ds-rdata", "signed at every lab up with a fresh key: dig DS netkit.test @tld.netkit.test"));
        s.append(line("created", DATE)).append(line("expires", "2036-01-01T00:00:00Z"));
        return s.append(line("last-modified", DATE)).append(line("source", SOURCE)).toString();
    }

    private List<String> nameservers() {
        return topology.hostsRunning(Topology.Service.DNS_AUTH).stream().map(h -> fqdn(h.name())).toList();
    }

    private static String contacts() {
        return abuseRole() + "\n" + adminRole();
    }

    private static String abuseRole() {
        return line("role", "netkit lab abuse") + line("nic-hdl", ABUSE) + line("abuse-mailbox", "abuse@netkit.test")
                + line("address", "198.18.10.4, the lab") + line("source", SOURCE);
    }

    private static String adminRole() {
        return line("role", "netkit lab hostmaster") + line("nic-hdl", ADMIN) + line("e-mail", "hostmaster@netkit.test")
                + line("source", SOURCE);
    }

    private static String organisation() {
        return line("organisation", ORG) + line("org-name", "netkit lab") + line("org-type", "OTHER")
                + line("country", "ZZ") + line("abuse-c", ABUSE) + line("source", SOURCE);
    }

    // ---- whois: the IANA-like root ----

    /** The root's files: every key the registry knows, answered as IANA does, with a refer: to the registry. */
    public Map<String, String> rootWhois() {
        Map<String, String> f = new LinkedHashMap<>();
        String head = "% IANA WHOIS server (netkit lab copy on " + fqdn(ROOT_NAME) + ")\n"
                + "% for more information on IANA, visit http://www.iana.org\n% This query returned 1 object\n\n"
                + "refer:        " + fqdn(WHOIS_NAME) + "\n\n";
        String tail = "\nwhois:        " + fqdn(WHOIS_NAME) + "\n\nchanged:      2026-01\nsource:       IANA\n";
        String v4 = head + "inetnum:      198.18.0.0 - 198.19.255.255\norganisation: netkit lab (RFC 2544 benchmarking)\n"
                + "status:       RESERVED\n" + tail;
        String v6 = head + "inet6num:     2001:db8::/32\norganisation: netkit lab (RFC 3849 documentation)\n"
                + "status:       RESERVED\n" + tail;
        String as = head + "as-block:     64496-64511\norganisation: netkit lab (RFC 5398 documentation)\n" + tail;
        String tld = head + "domain:       TEST\norganisation: netkit lab\nnserver:      "
                + topology.hostsRunning(Topology.Service.DNS_TLD).stream().map(h -> fqdn(h.name()).toUpperCase(
                        java.util.Locale.ROOT)).findFirst().orElse("") + "\n" + tail;
        for (Map.Entry<String, String> e : whois().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("as")) {
                f.put(k, as);
            } else if (k.equals("netkit.test")) {
                f.put(k, tld);
            } else if (!k.equals(NONE) && !k.endsWith("-lab")) {
                f.put(k, k.contains(":") ? v6 : v4);
            }
        }
        f.put("test", tld);
        f.put(NONE, "% IANA WHOIS server (netkit lab copy on " + fqdn(ROOT_NAME) + ")\n"
                + "% for more information on IANA, visit http://www.iana.org\n%\n% This query returned 0 objects.\n");
        return f;
    }

    // ---- RDAP ----

    /** nginx's location for the RDAP files under {@code www}: application/rdap+json, RDAP's error object on 404. */
    static String nginxLocation(Path www) {
        return "    location /rdap/ {\n      root " + www + ";\n      types { }\n"
                + "      default_type application/rdap+json;\n      add_header Access-Control-Allow-Origin *;\n"
                + "      error_page 404 /rdap/error-404;\n    }\n";
    }

    /** The RDAP files: path under the web root -> RFC 9083 JSON. */
    public Map<String, String> rdapFiles() {
        Map<String, String> f = new LinkedHashMap<>();
        String base = "https://" + fqdn(RDAP_NAME) + "/rdap/";
        Map<Integer, Block> byAs = new LinkedHashMap<>();
        for (Block b : blocks()) {
            String json = json(network(b, base));
            f.put("rdap/ip/" + b.network().cidr(), json);
            for (String a : b.addresses()) {
                f.put("rdap/ip/" + a, json);
            }
            byAs.putIfAbsent(b.network().asn(), b);
        }
        for (Map.Entry<Integer, Block> e : byAs.entrySet()) {
            f.put("rdap/autnum/" + e.getKey(), json(autnum(e.getKey(), e.getValue(), base)));
        }
        f.put("rdap/domain/netkit.test", json(domain(base)));
        f.put("rdap/entity/" + ABUSE, json(with(conformance(), abuseEntity())));
        f.put("rdap/entity/" + ADMIN, json(with(conformance(), adminEntity())));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("rdapConformance", List.of("rdap_level_0"));
        error.put("errorCode", 404);
        error.put("title", "Not Found");
        error.put("description", List.of("The netkit lab registry holds no such object."));
        f.put("rdap/error-404", json(error));
        return f;
    }

    private static Map<String, Object> conformance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rdapConformance", List.of("rdap_level_0"));
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        a.putAll(b);
        return a;
    }

    private static Map<String, Object> network(Block b, String base) {
        Network n = b.network();
        Map<String, Object> m = conformance();
        m.put("objectClassName", "ip network");
        m.put("handle", b.handle());
        m.put("startAddress", first(n));
        m.put("endAddress", last(n));
        m.put("ipVersion", n.ipv6() ? "v6" : "v4");
        m.put("name", b.name());
        m.put("type", n.ipv6() ? "ASSIGNED" : "ASSIGNED PA");
        m.put("country", "ZZ");
        m.put("status", List.of("active"));
        m.put("cidr0_cidrs", List.of(obj(n.ipv6() ? "v6prefix" : "v4prefix", first(n),
                "length", n.prefixLength())));
        common(m, base + "ip/" + n.cidr(), b.descr(), "origin AS" + n.asn());
        return m;
    }

    private static Map<String, Object> autnum(int asn, Block b, String base) {
        Map<String, Object> m = conformance();
        m.put("objectClassName", "autnum");
        m.put("handle", "AS" + asn);
        m.put("startAutnum", asn);
        m.put("endAutnum", asn);
        m.put("name", b.name());
        m.put("type", "DIRECT ALLOCATION");
        m.put("country", "ZZ");
        m.put("status", List.of("active"));
        common(m, base + "autnum/" + asn, b.descr(), "announces " + b.network().cidr());
        return m;
    }

    private Map<String, Object> domain(String base) {
        Map<String, Object> m = conformance();
        m.put("objectClassName", "domain");
        m.put("handle", "NETKIT-TEST-1");
        m.put("ldhName", "netkit.test");
        m.put("status", List.of("active"));
        List<Object> ns = new ArrayList<>();
        for (Host h : topology.hostsRunning(Topology.Service.DNS_AUTH)) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("objectClassName", "nameserver");
            n.put("ldhName", fqdn(h.name()));
            List<String> v4 = topology.addresses(h.name()).stream().filter(a -> !a.contains(":")).toList();
            List<String> v6 = topology.addresses(h.name()).stream().filter(a -> a.contains(":")).toList();
            n.put("ipAddresses", obj("v4", v4, "v6", v6));
            ns.add(n);
        }
        m.put("nameservers", ns);
        m.put("secureDNS", obj("zoneSigned", true, "delegationSigned", true));
        common(m, base + "domain/netkit.test", "the netkit lab's zone",
                "DNSSEC keys are made fresh at every lab up: dig DS netkit.test @tld.netkit.test shows the signer");
        List<Object> events = new ArrayList<>((List<?>) m.get("events"));
        events.add(1, event("expiration", "2036-01-01T00:00:00Z"));
        m.put("events", events);
        return m;
    }

    /** Entities, events, remarks, links and port43 of every object. */
    private static void common(Map<String, Object> m, String self, String descr, String remark) {
        m.put("entities", List.of(abuseEntity(), adminEntity()));
        m.put("events", List.of(event("registration", DATE), event("last changed", DATE)));
        m.put("remarks", List.of(obj("title", "description", "description", List.of(descr, remark))));
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("value", self);
        link.put("rel", "self");
        link.put("href", self);
        link.put("type", "application/rdap+json");
        m.put("links", List.of(link));
        m.put("port43", fqdn(WHOIS_NAME));
    }

    private static Map<String, Object> event(String action, String date) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventAction", action);
        e.put("eventDate", date);
        return e;
    }

    private static Map<String, Object> abuseEntity() {
        return entity(ABUSE, "abuse", "netkit lab abuse", "abuse@netkit.test");
    }

    private static Map<String, Object> adminEntity() {
        return entity(ADMIN, "registrant", "netkit lab hostmaster", "hostmaster@netkit.test");
    }

    private static Map<String, Object> entity(String handle, String role, String name, String email) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("objectClassName", "entity");
        e.put("handle", handle);
        e.put("roles", List.of(role));
        e.put("vcardArray", List.of("vcard", List.of(List.of("version", Map.of(), "text", "4.0"),
                List.of("fn", Map.of(), "text", name), List.of("kind", Map.of(), "text", "group"),
                List.of("email", Map.of(), "text", email))));
        return e;
    }

    /** A JSON object with its keys in the order given. */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** The first address of a network as text. */
    static String first(Network n) {
        return n.cidr().substring(0, n.cidr().indexOf('/'));
    }

    /** The last address of a network as text (RFC 5952 for IPv6). */
    static String last(Network n) {
        return dev.netkit.address.Cidr.parse(n.cidr()).last().toString();
    }

    static String json(Object value) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            JsonTree.writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }
}
