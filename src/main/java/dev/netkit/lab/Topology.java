package dev.netkit.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lab network as data: hosts (one network namespace each), the veth links between them, the Linux
 * bridges inside router namespaces, routes, nftables rules and the services each host runs.
 * {@link Topologies} holds the built-in ones; {@link NetworkPlan} turns one into iproute2 and nft input.
 */
public record Topology(String name, String description, List<Host> hosts, List<Link> links,
                       List<Bridge> bridges) {

    /** What a host is for; routers forward, switches only bridge. */
    public enum Role { HOST, ROUTER }

    /** The daemons a host can run (see {@link Daemons}). */
    public enum Service {
        /** NSD serving the lab's root zone. */
        DNS_ROOT("nsd", "DNS root server for the lab's root zone"),
        /** NSD serving the {@code test.} TLD. */
        DNS_TLD("nsd", "DNS server for the test. TLD"),
        /** NSD serving netkit.test., the reverse zones and the ASN zone. */
        DNS_AUTH("nsd", "authoritative DNS for netkit.test., reverse zones and asn.netkit.test."),
        /** Unbound, recursive from the lab's root hints. */
        RESOLVER("unbound", "recursive DNS resolver from the lab root"),
        /** nginx: HTTP on 80 and 8080, HTTPS on 443, an SSH banner on 22. */
        WEB("nginx", "tcp 22 (ssh banner), 80 and 8080 (http), 443 (https)"),
        /** socat echoing UDP datagrams on port 7. */
        UDP_ECHO("socat", "udp 7 echo"),
        /** socat and a shell script over flat files: the IANA-like root whois, referring to the registry. */
        WHOIS_ROOT("socat", "tcp 43 whois: the IANA-like root (iana.netkit.test), refers to whois.netkit.test"),
        /** socat and a shell script over flat files: whois for netkit.test, the lab's networks and ASes. */
        WHOIS("socat", "tcp 43 whois: the lab registry (whois.netkit.test): netkit.test, networks, ASes"),
        /** xinetd's built-in RFC 868 time service (4 bytes: seconds since 1900). */
        TIME("xinetd", "tcp 37 time (RFC 868)"),
        /** dnsmasq, DHCP only (no DNS), on the LAN bridge of its router ({@code lab up --with dhcp}). */
        DHCP_SERVER("dnsmasq", "udp 67 DHCP server for the client LAN (addresses, gateway, DNS)"),
        /** busybox udhcpc: the host takes its address, gateway and DNS from the LAN's DHCP server. */
        DHCP_CLIENT("udhcpc", "DHCP client: address, gateway and DNS from the LAN's DHCP server"),
        /** OpenSSH's sshd with the lab's own host key and config, instead of nginx's banner ({@code --with ssh}). */
        SSH("sshd", "tcp 22 ssh (OpenSSH), key login as root"),
        /** radvd: router advertisements of the LAN's /64 ({@code lab up --with ra}, {@link Slaac}). */
        RADVD("radvd", "IPv6 router advertisements of the LAN's /64 (SLAAC), RDNSS"),
        /** The kernel's SLAAC: the host forms its IPv6 address from the router advertisements ({@link Slaac}). */
        SLAAC("ip", "IPv6 address and default router by SLAAC (router advertisements on)"),
        /** A second Unbound with its own cache, not validating, serving stale answers ({@link SecondResolver}). */
        RESOLVER2("unbound", "a second recursive resolver: its own cache, no DNSSEC validation, serves stale answers"),
        /** FRR's zebra: puts the routes the routing protocols choose into the kernel ({@link Ospf}). */
        ZEBRA("zebra", "FRR's zebra: the routes OSPF chooses go into the kernel"),
        /** FRR's ospfd: OSPFv2 on every router link, area 0 ({@code lab up --with ospf}, {@link Ospf}). */
        OSPF("ospfd", "FRR's ospfd: OSPFv2, area 0, on every router link"),
        /** FRR's ospf6d: OSPFv3 for IPv6 beside ospfd ({@link Ospf}). */
        OSPF6("ospf6d", "FRR's ospf6d: OSPFv3 (IPv6), area 0, on every router link"),
        /** netkit's relay between two interfaces, 80 ms each way: a long-haul line ({@link DelayLine}). */
        DELAY_LINE("java", "a long-haul line: every frame relayed 80 ms later (no netem on this kernel)"),
        /** nginx on the host behind the NAT edge: a page that says who asks ({@code lab up --with nat}, NatEdge). */
        HOME_WEB("nginx", "tcp 80 http behind the NAT edge: a page that says who is asking");

        private final String program;
        private final String description;

        Service(String program, String description) {
            this.program = program;
            this.description = description;
        }

        /** The program that provides it. */
        public String program() {
            return program;
        }

        public String description() {
            return description;
        }
    }

    /** One namespace: its routes ("default" or a prefix, via a gateway), nft ruleset and services. */
    public record Host(String name, Role role, String description, List<Route> routes, String nftRules,
                       List<Service> services) {
    }

    /** A route in a host: destination prefix (or {@code default}) via a gateway address. */
    public record Route(String destination, String gateway) {
        public boolean ipv6() {
            return gateway.contains(":");
        }
    }

    /**
     * One end of a veth pair: interface {@code ifname} in {@code host}, with a fixed MAC, an MTU,
     * addresses in CIDR form, or enslaved to the bridge {@code bridge} of the same host.
     */
    public record Endpoint(String host, String ifname, String mac, int mtu, String bridge, List<String> addresses) {
    }

    /** A veth pair. */
    public record Link(Endpoint a, Endpoint b) {
    }

    /** A Linux bridge inside {@code host}, with its own MAC and the host's addresses on that LAN. */
    public record Bridge(String host, String ifname, String mac, List<String> addresses) {
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Every interface of a host that carries addresses (its veth ends and bridges), in order. */
    public List<Interface> interfaces(String host) {
        List<Interface> result = new ArrayList<>();
        for (Bridge b : bridges) {
            if (b.host().equals(host)) {
                result.add(new Interface(host, b.ifname(), b.mac(), 1500, b.addresses(), true));
            }
        }
        for (Link l : links) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                if (e.host().equals(host) && e.bridge() == null) {
                    result.add(new Interface(host, e.ifname(), e.mac(), e.mtu(), e.addresses(), false));
                }
            }
        }
        return result;
    }

    /** Every address of a host without its prefix length, IPv4 first. */
    public List<String> addresses(String host) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (Interface i : interfaces(host)) {
            for (String cidr : i.addresses()) {
                String a = cidr.substring(0, cidr.indexOf('/'));
                (a.contains(":") ? v6 : v4).add(a);
            }
        }
        v4.addAll(v6);
        return v4;
    }

    /** The hosts that run {@code service}. */
    public List<Host> hostsRunning(Service service) {
        return hosts.stream().filter(h -> h.services().contains(service)).toList();
    }

    /** An addressed interface as the status and DNS code see it. */
    public record Interface(String host, String name, String mac, int mtu, List<String> addresses, boolean bridge) {
    }
}
