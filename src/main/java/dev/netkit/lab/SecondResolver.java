package dev.netkit.lab;

import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Route;
import dev.netkit.lab.Topology.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab part {@code resolver2} (exercise 002-40): a second recursive resolver, Unbound on host {@code resolver2}
 * (198.18.10.54) on the server LAN, with its own cache. It is configured as many resolvers are that are not the
 * lab's own: it does not validate DNSSEC, so it hands out the tampered record the resolver refuses
 * (tampered.netkit.test: 198.18.10.99 here, SERVFAIL there), it keeps an answer 20 s at most, and when the servers
 * of a name do not answer it serves its expired answer (RFC 8767) where the resolver fails. No host uses it unless
 * asked: resolv.conf names the resolver only.
 */
final class SecondResolver {
    static final String HOST = "resolver2";
    /** 198.18.10.54 and 2001:db8:10::54, beside the resolver's .53. */
    static final int OCTET = 54;
    /** The longest it keeps an answer before it asks again (or serves it expired). */
    static final int MAX_TTL = 20;

    /** Its lines of unbound.conf after the ones it shares with the resolver. */
    static final String CONFIG = """
              # a resolver that is not the lab's own: no DNSSEC validation
              module-config: "iterator"
              # answers age fast, and an expired one is served while the servers do not answer (RFC 8767)
              cache-max-ttl: %d
              serve-expired: yes
              serve-expired-ttl: 86400
              serve-expired-reply-ttl: 30
              serve-expired-client-timeout: 1800
            """.formatted(MAX_TTL);

    private SecondResolver() {
    }

    /** It sits on the LAN of the router that holds the resolver's LAN bridge. */
    static boolean fits(Topology t) {
        return lanOfResolver(t) != null;
    }

    private static Topology.Bridge lanOfResolver(Topology t) {
        for (Host r : t.hostsRunning(Service.RESOLVER)) {
            for (Link l : t.links()) {
                if (l.a().host().equals(r.name()) && l.b().bridge() != null) {
                    String router = l.b().host();
                    return t.bridges().stream().filter(b -> b.host().equals(router) && b.ifname().equals(l.b().bridge()))
                            .findFirst().orElse(null);
                }
            }
        }
        return null;
    }

    static Topology apply(Topology t) {
        Topology.Bridge lan = lanOfResolver(t);
        List<String> addresses = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        int net = 0;
        for (String cidr : lan.addresses()) {
            String gateway = cidr.substring(0, cidr.indexOf('/'));
            routes.add(new Route("default", gateway));
            if (cidr.contains(":")) {
                addresses.add(gateway.substring(0, gateway.lastIndexOf(':') + 1) + OCTET + cidr.substring(cidr.indexOf('/')));
            } else {
                String[] octets = gateway.split("\\.");
                net = Integer.parseInt(octets[2]);
                addresses.add(gateway.substring(0, gateway.lastIndexOf('.') + 1) + OCTET + cidr.substring(cidr.indexOf('/')));
            }
        }
        List<Host> hosts = new ArrayList<>(t.hosts());
        hosts.add(new Host(HOST, Role.HOST, "a second recursive resolver (Unbound): its own cache, no DNSSEC "
                + "validation, stale answers when servers are away", List.copyOf(routes), "", List.of(Service.RESOLVER2)));
        List<Link> links = new ArrayList<>(t.links());
        links.add(new Link(new Endpoint(HOST, "eth0", Topologies.mac(net, OCTET, false), 1500, null, List.copyOf(addresses)),
                new Endpoint(lan.host(), HOST, Topologies.mac(net, OCTET, true), 1500, lan.ifname(), List.of())));
        return new Topology(t.name(), t.description(), hosts, links, t.bridges());
    }
}
