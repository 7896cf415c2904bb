package dev.netkit.lab;

import dev.netkit.lab.Topology.Bridge;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * The build-it-yourself topologies of the Packet Tracer projects: hosts, routers, cables and switches, but no
 * address and no route. The learner gives the addresses and routes with {@code ip} in {@code lab exec}, as in Packet
 * Tracer's dialogs. Links are up and routers forward (IPv4 and IPv6); the only addresses are the kernel's own IPv6
 * link-local ones. A switch is a bridge inside its router (the lab's usual shape), so a router's interface on a LAN
 * is the bridge. MACs follow the suggested plan of docs/lab.md: {@code 02:6e:6b:NN:00:HH} is the interface that
 * would hold 198.18.NN.HH, {@code 02:6e:6b:NN:01:HH} the bridge port facing it.
 */
public final class BlankTopologies {
    private BlankTopologies() {
    }

    /** Every blank topology. */
    public static List<Topology> all() {
        return List.of(pair(), oneRouter(), threeRouters());
    }

    /** Two PCs cabled directly (one veth): suggested 198.18.1.1/24 and 198.18.1.2/24. */
    public static Topology pair() {
        Shape s = new Shape();
        s.pc("pc1", "a PC with a cable straight to pc2; suggested 198.18.1.1/24");
        s.pc("pc2", "a PC with a cable straight to pc1; suggested 198.18.1.2/24");
        s.links.add(new Link(end("pc1", "eth0", 1, 1, false), end("pc2", "eth0", 1, 2, false)));
        return s.build("pair", "build it yourself: two PCs on a direct cable, no addresses");
    }

    /**
     * Two LANs on one router: pc1 and pc2 on r1's bridge lan1 (suggested 198.18.1.0/24, r1 .1, PCs .10 and .11), pc3
     * and pc4 on lan2 (198.18.2.0/24).
     */
    public static Topology oneRouter() {
        Shape s = new Shape();
        s.router("r1", "joins two LANs: its interfaces are the bridges lan1 and lan2; suggested 198.18.1.1, 198.18.2.1");
        s.lan("r1", "lan1", 1);
        s.lan("r1", "lan2", 2);
        s.pcOn("pc1", "r1", "lan1", 1, 10);
        s.pcOn("pc2", "r1", "lan1", 1, 11);
        s.pcOn("pc3", "r1", "lan2", 2, 10);
        s.pcOn("pc4", "r1", "lan2", 2, 11);
        return s.build("one-router", "build it yourself: two LANs (pc1, pc2 / pc3, pc4) on one router, no addresses,"
                + " no routes");
    }

    /**
     * Five subnets: a LAN on each of r1, r2 and r3 (bridge lan; suggested 198.18.1.0/24, .2.0/24, .3.0/24, router .1,
     * PC .10) and the links r1-r2 (suggested 198.18.12.0/30) and r2-r3 (198.18.23.0/30).
     */
    public static Topology threeRouters() {
        Shape s = new Shape();
        for (int r = 1; r <= 3; r++) {
            s.router("r" + r, "router of LAN " + r + " (bridge lan); suggested 198.18." + r + ".1/24"
                    + (r == 1 ? ", 198.18.12.1/30 to r2" : r == 2 ? ", 198.18.12.2/30 to r1, 198.18.23.1/30 to r3"
                    : ", 198.18.23.2/30 to r2"));
            s.lan("r" + r, "lan", r);
            s.pcOn("pc" + r, "r" + r, "lan", r, 10);
        }
        s.links.add(new Link(end("r1", "r2", 12, 1, false), end("r2", "r1", 12, 2, false)));
        s.links.add(new Link(end("r2", "r3", 23, 1, false), end("r3", "r2", 23, 2, false)));
        return s.build("three-routers", "build it yourself: three LANs on three routers in a row (five subnets),"
                + " no addresses, no routes");
    }

    private static Endpoint end(String host, String ifname, int net, int octet, boolean port) {
        return new Endpoint(host, ifname, Topologies.mac(net, octet, port), 1500, null, List.of());
    }

    /** Hosts, links and bridges of one blank topology, all without addresses or routes. */
    private static final class Shape {
        final List<Host> hosts = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        final List<Bridge> bridges = new ArrayList<>();

        void pc(String name, String description) {
            hosts.add(new Host(name, Role.HOST, description, List.of(), "", List.of()));
        }

        void router(String name, String description) {
            hosts.add(new Host(name, Role.ROUTER, description, List.of(), "", List.of()));
        }

        /** A switch: a bridge in {@code router}, with the MAC of 198.18.{net}.1. */
        void lan(String router, String bridge, int net) {
            bridges.add(new Bridge(router, bridge, Topologies.mac(net, 1, false), List.of()));
        }

        /** A PC whose eth0 is plugged into {@code bridge} of {@code router}; the port is named after the PC. */
        void pcOn(String name, String router, String bridge, int net, int octet) {
            pc(name, "a PC on " + router + "'s " + bridge + "; suggested 198.18." + net + "." + octet + "/24");
            links.add(new Link(end(name, "eth0", net, octet, false), new Endpoint(router, name,
                    Topologies.mac(net, octet, true), 1500, bridge, List.of())));
        }

        Topology build(String name, String description) {
            return new Topology(name, description, List.copyOf(hosts), List.copyOf(links), List.copyOf(bridges));
        }
    }
}
