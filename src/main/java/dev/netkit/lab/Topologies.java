package dev.netkit.lab;

import dev.netkit.lab.Topology.Bridge;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Route;
import dev.netkit.lab.Topology.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in topologies. Addresses are fixed (docs/lab.md, TEAM.md): 198.18.0.0/16 and 2001:db8::/32 only.
 * MACs are locally administered and derived from the address: {@code 02:6e:6b:NN:00:HH} is the interface
 * holding 198.18.NN.HH, {@code 02:6e:6b:NN:01:HH} the bridge port facing it.
 */
public final class Topologies {
    /** The default topology. */
    public static final String DEFAULT = "internet";

    /** Drops outgoing ICMP time-exceeded, so a trace shows {@code * * *} at r3. */
    static final String R3_SILENT_AND_LOSSY = """
            table inet netkit {
              chain output {
                type filter hook output priority filter; policy accept;
                icmp type time-exceeded drop
                icmpv6 type time-exceeded drop
              }
              chain forward {
                type filter hook forward priority filter; policy accept;
                ip daddr 198.18.10.30 numgen random mod 100 < 20 drop
                ip saddr 198.18.10.30 numgen random mod 100 < 20 drop
                ip6 daddr 2001:db8:10::30 numgen random mod 100 < 20 drop
                ip6 saddr 2001:db8:10::30 numgen random mod 100 < 20 drop
              }
            }
            """;

    /** The address r2's firewall forbids (nothing is there): traceroute's {@code !X}, ping's "Packet filtered". */
    public static final String BLOCKED = "198.18.10.20";
    public static final String BLOCKED6 = "2001:db8:10::20";

    /**
     * r2 forwards nothing to {@link #BLOCKED}: it answers ICMP destination unreachable, administratively prohibited
     * (v4 code 13, v6 code 1), as a filtering router does. In the forward hook, after the TTL check: a trace sees r2
     * at its own hop, then r2 again with {@code !X}.
     */
    static final String R2_FIREWALL = """
            table inet netkit {
              chain forward {
                type filter hook forward priority filter; policy accept;
                ip daddr %s reject with icmpx type admin-prohibited
                ip6 daddr %s reject with icmpx type admin-prohibited
              }
            }
            """.formatted(BLOCKED, BLOCKED6);

    /** pc3 ignores pings (v4 and v6). */
    static final String DROP_ECHO = """
            table inet netkit {
              chain input {
                type filter hook input priority filter; policy accept;
                icmp type echo-request drop
                icmpv6 type echo-request drop
              }
            }
            """;

    /** server: TCP 9999 silently dropped (a filtered port); 9998 and UDP 9997 have no listener. */
    static final String SERVER_FILTER = """
            table inet netkit {
              chain input {
                type filter hook input priority filter; policy accept;
                tcp dport 9999 drop
              }
            }
            """;

    /**
     * The server's packet filter that the learner edits (exercise 002-68, docs/lab.md): an input chain with no rule
     * that accepts, in a table of its own, so the learner's {@code nft flush table inet learner} never touches the
     * lab's own rules (both tables see every packet; a drop in either drops it).
     */
    static final String LEARNER_FILTER = """
            table inet learner {
              chain input {
                type filter hook input priority filter; policy accept;
              }
            }
            """;

    private Topologies() {
    }

    /** Every built-in topology, default first. */
    public static List<Topology> all() {
        List<Topology> all = new ArrayList<>(List.of(internet(), lan()));
        all.addAll(BlankTopologies.all());
        return List.copyOf(all);
    }

    /** A built-in topology by name, with its parts when the name has them ({@code internet+dhcp}, see LabPart). */
    public static Optional<Topology> named(String name) {
        return LabPart.named(name.toLowerCase(Locale.ROOT),
                base -> all().stream().filter(t -> t.name().equals(base)).findFirst());
    }

    /**
     * The name of every host of every built-in topology with every part (down removes these namespaces even
     * without state).
     */
    public static List<String> allHostNames() {
        return all().stream().map(t -> LabPart.with(t, java.util.Arrays.stream(LabPart.values()).filter(p -> p.fits(t))
                        .toList()))
                .flatMap(t -> t.hosts().stream()).map(Host::name).distinct().toList();
    }

    /**
     * client LAN - r1 - (MTU 1400) - r2 - r3 (no time-exceeded) - server LAN with the web server, DNS root,
     * TLD, authoritative server, resolver and a lossy host.
     */
    public static Topology internet() {
        Builder b = new Builder();
        b.host("client", Role.HOST, "the learner's machine", "198.18.1.1", "2001:db8:1::1");
        b.host("pc2", Role.HOST, "a neighbour on the client LAN", "198.18.1.1", "2001:db8:1::1");
        b.host("pc3", Role.HOST, "a neighbour that drops ICMP echo requests", "198.18.1.1", "2001:db8:1::1")
                .nft = DROP_ECHO;
        b.host("r1", Role.ROUTER, "gateway of the client LAN; its link to r2 has MTU 1400", "198.18.2.2",
                "2001:db8:2::2");
        HostBuilder r2 = b.host("r2", Role.ROUTER, "middle router (MTU 1400 towards r1); its firewall rejects "
                + BLOCKED + " (admin-prohibited, !X)", "198.18.3.2", "2001:db8:3::2");
        r2.nft = R2_FIREWALL;
        r2.routes.add(new Route("198.18.1.0/24", "198.18.2.1"));
        r2.routes.add(new Route("2001:db8:1::/64", "2001:db8:2::1"));
        HostBuilder r3 = b.host("r3", Role.ROUTER,
                "gateway of the server LAN; sends no ICMP time-exceeded; 20% loss each way to lossy", null, null);
        r3.routes.add(new Route("198.18.1.0/24", "198.18.3.1"));
        r3.routes.add(new Route("198.18.2.0/30", "198.18.3.1"));
        r3.routes.add(new Route("2001:db8:1::/64", "2001:db8:3::1"));
        r3.routes.add(new Route("2001:db8:2::/64", "2001:db8:3::1"));
        r3.nft = R3_SILENT_AND_LOSSY;
        HostBuilder server = b.host("server", Role.HOST,
                "web server: tcp 22/80/443/8080 open, 9998 closed, 9999 filtered; udp 7 echo, 9997 closed; tcp 37 time",
                "198.18.10.1", "2001:db8:10::1");
        server.nft = SERVER_FILTER + LEARNER_FILTER;
        server.services.add(Service.WEB);
        server.services.add(Service.UDP_ECHO);
        server.services.add(Service.TIME);
        b.host("resolver", Role.HOST, "recursive resolver (Unbound)", "198.18.10.1", "2001:db8:10::1")
                .services.add(Service.RESOLVER);
        HostBuilder root = b.host("root", Role.HOST, "DNS root server of the lab (NSD); the IANA-like root whois",
                "198.18.10.1", "2001:db8:10::1");
        root.services.add(Service.DNS_ROOT);
        root.services.add(Service.WHOIS_ROOT);
        b.host("tld", Role.HOST, "DNS server for test. (NSD)", "198.18.10.1", "2001:db8:10::1")
                .services.add(Service.DNS_TLD);
        HostBuilder auth = b.host("auth", Role.HOST,
                "authoritative for netkit.test. and the reverse zones (NSD); the lab registry's whois", "198.18.10.1",
                "2001:db8:10::1");
        auth.services.add(Service.DNS_AUTH);
        auth.services.add(Service.WHOIS);
        b.host("lossy", Role.HOST, "reached through random loss (~20% each way, nftables on r3)", "198.18.10.1",
                "2001:db8:10::1");

        b.bridge("r1", "lan", 1, 1);
        for (String[] h : new String[][] {{"client", "10"}, {"pc2", "11"}, {"pc3", "12"}}) {
            b.lanHost(h[0], "r1", "lan", 1, Integer.parseInt(h[1]), 24);
        }
        b.p2p("r1", "r2", 2, 1400);
        b.p2p("r2", "r3", 3, 1500);
        b.bridge("r3", "lan", 10, 1);
        for (String[] h : new String[][] {{"server", "10"}, {"resolver", "53"}, {"root", "2"}, {"tld", "3"},
                {"auth", "4"}, {"lossy", "30"}}) {
            b.lanHost(h[0], "r3", "lan", 10, Integer.parseInt(h[1]), 24);
        }
        return b.build("internet", "client LAN, three routers (MTU 1400 hop, a silent hop), server LAN with "
                + "web, DNS root/TLD/authoritative servers, a resolver and a lossy host");
    }

    /** Just the client LAN: client, pc2, pc3 and r1 on one bridge (ARP, neighbours, local sniffing). */
    public static Topology lan() {
        Builder b = new Builder();
        b.host("client", Role.HOST, "the learner's machine", null, null);
        b.host("pc2", Role.HOST, "a neighbour on the LAN", null, null);
        b.host("pc3", Role.HOST, "a neighbour that drops ICMP echo requests", null, null).nft = DROP_ECHO;
        b.host("r1", Role.ROUTER, "owns the bridge; 198.18.1.1 answers like a gateway with nowhere to go",
                null, null);
        b.bridge("r1", "lan", 1, 1);
        for (String[] h : new String[][] {{"client", "10"}, {"pc2", "11"}, {"pc3", "12"}}) {
            b.lanHost(h[0], "r1", "lan", 1, Integer.parseInt(h[1]), 24);
        }
        return b.build("lan", "one LAN (198.18.1.0/24) on a bridge: client, pc2, pc3 and r1; no DNS");
    }

    /** The MAC of the interface that holds 198.18.{net}.{host}; port=true for the bridge port facing it. */
    static String mac(int net, int host, boolean port) {
        return String.format("02:6e:6b:%02x:%02x:%02x", net, port ? 1 : 0, host);
    }

    private static final class HostBuilder {
        final String name;
        final Role role;
        final String description;
        final List<Route> routes = new ArrayList<>();
        final List<Service> services = new ArrayList<>();
        String nft = "";

        HostBuilder(String name, Role role, String description) {
            this.name = name;
            this.role = role;
            this.description = description;
        }
    }

    private static final class Builder {
        final List<HostBuilder> hosts = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        final List<Bridge> bridges = new ArrayList<>();

        HostBuilder host(String name, Role role, String description, String gw4, String gw6) {
            HostBuilder h = new HostBuilder(name, role, description);
            if (gw4 != null) {
                h.routes.add(new Route("default", gw4));
            }
            if (gw6 != null) {
                h.routes.add(new Route("default", gw6));
            }
            hosts.add(h);
            return h;
        }

        void bridge(String host, String ifname, int net, int octet) {
            bridges.add(new Bridge(host, ifname, mac(net, octet, false), addresses(net, octet, 24)));
        }

        /** A host's eth0 plugged into {@code bridge} of {@code switchHost}; the port is named after the host. */
        void lanHost(String host, String switchHost, String bridge, int net, int octet, int prefix) {
            links.add(new Link(
                    new Endpoint(host, "eth0", mac(net, octet, false), 1500, null, addresses(net, octet, prefix)),
                    new Endpoint(switchHost, host, mac(net, octet, true), 1500, bridge, List.of())));
        }

        /** A point-to-point link on 198.18.{net}.0/30: a gets .1, b gets .2; interfaces named after the peer. */
        void p2p(String a, String b, int net, int mtu) {
            links.add(new Link(
                    new Endpoint(a, b, mac(net, 1, false), mtu, null, addresses(net, 1, 30)),
                    new Endpoint(b, a, mac(net, 2, false), mtu, null, addresses(net, 2, 30))));
        }

        static List<String> addresses(int net, int octet, int prefix4) {
            return List.of("198.18." + net + "." + octet + "/" + prefix4,
                    "2001:db8:" + net + "::" + octet + "/64"); // the decimal digits read as hex: .10.53 -> :10::53
        }

        Topology build(String name, String description) {
            List<Host> built = hosts.stream().map(h -> new Host(h.name, h.role, h.description,
                    List.copyOf(h.routes), h.nft, List.copyOf(h.services))).toList();
            return new Topology(name, description, built, List.copyOf(links), List.copyOf(bridges));
        }
    }
}
