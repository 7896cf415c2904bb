package dev.netkit.lab;

import dev.netkit.lab.Daemons.Launch;
import dev.netkit.lab.Topology.Bridge;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Route;
import dev.netkit.lab.Topology.Service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NAT edge ({@code lab up --with nat}): a home LAN behind a router {@code nat} that masquerades it onto the client
 * LAN, which plays the 'public' side (an ISP's access network: r1 routes on to the rest of the lab). The home LAN,
 * 198.18.100.0/24, stands for a private network: no router of the lab has a route to it, so it is reachable from
 * outside only through nat's port forward (TCP 8080 on nat's public address to home's port 80). IPv4 only: NAT is
 * IPv4's way of sharing one address, and the home LAN has no IPv6 beyond its link-local addresses.
 */
final class NatEdge {
    /** The router and the host behind it. */
    static final String ROUTER = "nat";
    static final String HOME = "home";
    /** nat's interface on the public side (a port of r1's LAN bridge) and its bridge for the home LAN. */
    static final String OUTSIDE = "outside";
    static final String INSIDE = "inside";
    /** nat's public address, on the client LAN (198.18.1.20: outside the DHCP pool .100-.199). */
    static final String PUBLIC_ADDRESS = "198.18.1.20";
    static final int PUBLIC_OCTET = 20;
    /** The home LAN, 198.18.100.0/24: nat is .1, home .10. */
    static final int HOME_NET = 100;
    static final String HOME_ADDRESS = "198.18.100.10";
    /** The forwarded port on nat's public address, and where it leads on home. */
    static final int FORWARDED_PORT = 8080;
    static final int HOME_PORT = 80;

    /**
     * nat's rules: every connection leaving through {@code outside} takes nat's address (masquerade); TCP 8080
     * arriving there goes to home:80 (the port forward); and as a home router, nat's forward chain lets in from
     * outside only replies and forwarded connections.
     */
    static final String RULES = """
            table ip nat {
              chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
                iifname "%1$s" tcp dport %3$d dnat to %4$s:%5$d
              }
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                oifname "%1$s" masquerade
              }
            }
            table inet netkit {
              chain forward {
                type filter hook forward priority filter; policy accept;
                iifname "%1$s" ct state established,related accept
                iifname "%1$s" ct status dnat accept
                iifname "%1$s" oifname "%2$s" drop
              }
            }
            """.formatted(OUTSIDE, INSIDE, FORWARDED_PORT, HOME_ADDRESS, HOME_PORT);

    private NatEdge() {
    }

    /** The edge hangs off the client LAN: r1's bridge {@code lan}, addressed (its address is nat's gateway). */
    static boolean fits(Topology t) {
        return LabPart.clientLanGateway(t).isPresent();
    }

    /** {@code t} with nat on r1's LAN and home behind it; only for a topology it {@link #fits}. */
    static Topology apply(Topology t) {
        String gateway = LabPart.clientLanGateway(t).orElseThrow();
        List<Host> hosts = new ArrayList<>(t.hosts());
        hosts.add(new Host(ROUTER, Role.ROUTER, "NAT edge: masquerades the home LAN as " + PUBLIC_ADDRESS
                + "; forwards tcp " + FORWARDED_PORT + " to home:" + HOME_PORT, List.of(new Route("default", gateway)),
                RULES, List.of()));
        hosts.add(new Host(HOME, Role.HOST, "a machine on the private home LAN behind nat; web page on port "
                + HOME_PORT, List.of(new Route("default", "198.18." + HOME_NET + ".1")), "", List.of(Service.HOME_WEB)));
        List<Link> links = new ArrayList<>(t.links());
        links.add(new Link(new Endpoint(ROUTER, OUTSIDE, Topologies.mac(1, PUBLIC_OCTET, false), 1500, null,
                List.of(PUBLIC_ADDRESS + "/24")),
                new Endpoint(LabPart.ROUTER, ROUTER, Topologies.mac(1, PUBLIC_OCTET, true), 1500, LabPart.LAN, List.of())));
        links.add(new Link(new Endpoint(HOME, "eth0", Topologies.mac(HOME_NET, 10, false), 1500, null,
                List.of(HOME_ADDRESS + "/24")),
                new Endpoint(ROUTER, HOME, Topologies.mac(HOME_NET, 10, true), 1500, INSIDE, List.of())));
        List<Bridge> bridges = new ArrayList<>(t.bridges());
        bridges.add(new Bridge(ROUTER, INSIDE, Topologies.mac(HOME_NET, 1, false),
                List.of("198.18." + HOME_NET + ".1/24")));
        return new Topology(t.name(), t.description(), hosts, links, bridges);
    }

    /**
     * nginx on home's port 80: a page that names the host and the address and port it sees the request come from (a
     * client outside, through the port forward, keeps its own address: nat rewrites only the destination), and the
     * what-is-my-address page as the server has it.
     */
    static Launch web(Host host, Daemons daemons) {
        Path d = daemons.dir(host.name()).resolve("nginx");
        String fqdn = host.name() + ".netkit.test";
        StringBuilder c = new StringBuilder(Daemons.nginxHead(d));
        c.append("  server {\n    listen ").append(HOME_PORT).append(";\n");
        c.append("    location = / { return 200 \"netkit lab: ").append(fqdn).append(" (").append(HOME_ADDRESS)
                .append(") behind nat; you are $remote_addr port $remote_port\\n\"; }\n");
        c.append("    location = ").append(Daemons.MY_ADDRESS_PAGE).append(" { return 200 \"$remote_addr\\n\"; }\n");
        c.append("  }\n}\n");
        Daemons.write(d.resolve("nginx.conf"), c.toString());
        return daemons.nginxLaunch(host, Service.HOME_WEB, d);
    }
}
