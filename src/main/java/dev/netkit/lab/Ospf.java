package dev.netkit.lab;

import dev.netkit.lab.Daemons.Launch;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Interface;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lab part {@code ospf} (exercises 001-42, 004-13, 002-75): a fourth router r4 joins r1 to r3 beside r2, so there
 * are two paths of equal cost between them, and FRR's zebra, ospfd (IPv4) and ospf6d (IPv6) on every router fill the
 * routing tables instead of the static routes. Every router link is an OSPF
 * point-to-point link with a hello a second and a dead interval of 4 s; the LANs are passive. The routers hash a flow's
 * ports to choose among equal-cost paths (fib_multipath_hash_policy 1), so {@code trace --flows} finds r2 and r4 at hop
 * 2, and when a link goes down ({@code ip link set r2 down} on r1) OSPF moves the traffic to the other path.
 *
 * <p>FRR runs as its user frr with every file in the router's state directory: configs, pid files, the zserv socket
 * ({@code -z}) and the vty sockets ({@code --vty_socket}), which is what {@code vtysh --vty_socket DIR} talks to.
 */
final class Ospf {
    /** The router that makes the second path. */
    static final String BRANCH = "r4";
    /** The routers between which the two paths run. */
    static final String FROM = "r1";
    static final String TO = "r3";
    /** The networks of r1-r4 and r4-r3 (198.18.4.0/30, 198.18.5.0/30; the .1 on the first router named). */
    static final int NET_FROM = 4;
    static final int NET_TO = 5;
    static final String ZEBRA = "/usr/lib/frr/zebra";
    static final String OSPFD = "/usr/lib/frr/ospfd";
    static final String OSPF6D = "/usr/lib/frr/ospf6d";
    /** Seconds between hellos, and without one before a neighbour is declared down. */
    static final int HELLO = 1;
    static final int DEAD = 4;

    private Ospf() {
    }

    static boolean fits(Topology t) {
        return t.host(FROM).filter(h -> h.role() == Role.ROUTER).isPresent()
                && t.host(TO).filter(h -> h.role() == Role.ROUTER).isPresent() && t.host(BRANCH).isEmpty();
    }

    static Topology apply(Topology t) {
        List<Host> hosts = new ArrayList<>();
        for (Host h : t.hosts()) {
            hosts.add(h.role() == Role.ROUTER ? routing(h) : h);
        }
        hosts.add(routing(new Host(BRANCH, Role.ROUTER, "the second path from r1 to r3, of the same cost as r2's (OSPF)",
                List.of(), "", List.of())));
        List<Link> links = new ArrayList<>(t.links());
        links.add(p2p(FROM, BRANCH, NET_FROM));
        links.add(p2p(BRANCH, TO, NET_TO));
        return new Topology(t.name(), t.description(), hosts, links, t.bridges());
    }

    /** The router with zebra, ospfd and ospf6d and without its static routes, which OSPF now fills in. */
    private static Host routing(Host h) {
        List<Service> services = new ArrayList<>(h.services());
        services.addAll(List.of(Service.ZEBRA, Service.OSPF, Service.OSPF6));
        return new Host(h.name(), h.role(), h.description(), List.of(), h.nftRules(), List.copyOf(services));
    }

    /** As the built-in topologies' point-to-point links: a gets .1, b .2 of 198.18.{net}.0/30, named after the peer. */
    private static Link p2p(String a, String b, int net) {
        return new Link(
                new Endpoint(a, b, Topologies.mac(net, 1, false), 1500, null,
                        List.of("198.18." + net + ".1/30", "2001:db8:" + net + "::1/64")),
                new Endpoint(b, a, Topologies.mac(net, 2, false), 1500, null,
                        List.of("198.18." + net + ".2/30", "2001:db8:" + net + "::2/64")));
    }

    /** The directory of the router's FRR: configs, logs, pid files and sockets. */
    static Path dir(Daemons daemons, String router) {
        return daemons.dir(router).resolve("frr");
    }

    /**
     * zebra, after the router hashes flows by their ports among equal-cost paths (v4 and v6), and after its FRR
     * directory is given to the user frr, whom the daemons switch to.
     */
    static Launch zebra(Host router, Daemons daemons) {
        Path d = dir(daemons, router.name());
        Path conf = d.resolve("zebra.conf");
        // routes with their nexthops in them, not kernel nexthop groups: a group that lost a nexthop when its link
        // went down never got it back after the link came up (FRR 8.4), and the route stayed on one path
        Daemons.write(conf, "! netkit lab: zebra of " + router.name() + "\nhostname " + router.name()
                + "\nlog stdout informational\nno zebra nexthop kernel enable\n");
        String script = """
                set -e
                echo 1 > /proc/sys/net/ipv4/fib_multipath_hash_policy
                echo 1 > /proc/sys/net/ipv6/fib_multipath_hash_policy
                # the same flows take the same branch at every up (the seed is random otherwise)
                echo 20260 > /proc/sys/net/ipv4/fib_multipath_hash_seed 2>/dev/null || true
                chown -R frr:frr "$1"
                shift
                exec "$@"
                """;
        return new Launch(router.name(), Service.ZEBRA, List.of(LabPackages.binary("sh"), "-c", script, "zebra-of-lab",
                d.toString(), ZEBRA, "-u", "frr", "-g", "frr", "-f", conf.toString(), "-i", d.resolve("zebra.pid").toString(),
                "-z", d.resolve("zserv.api").toString(), "--vty_socket", d.toString(), "-P", "0"),
                d.resolve("zebra.log"), List.of(), d.resolve("zebra.vty"));
    }

    /** ospfd: OSPFv2 for IPv4 (see {@link #protocol}). */
    static Launch ospfd(Topology topology, Host router, Daemons daemons) {
        return protocol(topology, router, daemons, false);
    }

    /** ospf6d: OSPFv3 for IPv6 (see {@link #protocol}). */
    static Launch ospf6d(Topology topology, Host router, Daemons daemons) {
        return protocol(topology, router, daemons, true);
    }

    /**
     * ospfd or ospf6d, started once zebra's socket is there: every router link point-to-point in area 0, the LANs
     * passive. It counts as up when the kernel has an OSPF route to every network of the lab (of its IP version) the
     * router is not on: the lab is routed when up returns.
     */
    private static Launch protocol(Topology topology, Host router, Daemons daemons, boolean v6) {
        Path d = dir(daemons, router.name());
        String program = v6 ? "ospf6d" : "ospfd";
        String ipv = v6 ? " ipv6 ospf6 " : " ip ospf ";
        StringBuilder c = new StringBuilder("! netkit lab: ").append(program).append(" of ").append(router.name());
        c.append("\nhostname ").append(router.name()).append("\nlog stdout informational\n");
        String routerId = null;
        for (Interface i : topology.interfaces(router.name())) {
            c.append("interface ").append(i.name()).append('\n');
            if (v6) {
                c.append(" ipv6 ospf6 area 0\n");
            }
            if (i.bridge()) {
                c.append(ipv).append("passive\n");
            } else {
                c.append(ipv).append("network point-to-point\n");
                c.append(ipv).append("hello-interval ").append(HELLO).append('\n');
                c.append(ipv).append("dead-interval ").append(DEAD).append('\n');
            }
            if (routerId == null) {
                routerId = i.addresses().stream().filter(a -> !a.contains(":")).map(a -> a.substring(0, a.indexOf('/')))
                        .findFirst().orElse(null);
            }
        }
        // SPF at once after a change, then every 50 to 500 ms at most; a changed LSA sent and taken at once (the
        // defaults, 5 s and 1 s, hold a lab that comes up one adjacency after another for tens of seconds)
        if (v6) {
            c.append("router ospf6\n ospf6 router-id ").append(routerId).append('\n');
            c.append(" timers throttle spf 0 50 500\n timers lsa min-arrival 0\n");
        } else {
            c.append("router ospf\n ospf router-id ").append(routerId).append('\n');
            c.append(" timers throttle spf 0 50 500\n timers throttle lsa all 0\n timers lsa min-arrival 0\n");
            c.append(" network 198.18.0.0/16 area 0\n");
        }
        Path conf = d.resolve(program + ".conf");
        Daemons.write(conf, c.toString());
        int remote = remoteNetworks(topology, router.name(), v6).size();
        String ip = LabPackages.binary("ip");
        String script = """
                d="$1"; ip="$2"; n="$3"; family="$4"; ready="$5"; shift 5
                until [ -S "$d/zserv.api" ]; do sleep 0.02; done
                "$@" & o=$!
                until [ "$("$ip" "$family" -o route show proto ospf | wc -l)" -ge "$n" ]; do sleep 0.05; done
                touch "$ready"
                wait $o
                """;
        Path ready = d.resolve(v6 ? "routed6" : "routed");
        return new Launch(router.name(), v6 ? Service.OSPF6 : Service.OSPF, List.of(LabPackages.binary("sh"), "-c",
                script, program + "-of-lab", d.toString(), ip, Integer.toString(remote), v6 ? "-6" : "-4",
                ready.toString(), v6 ? OSPF6D : OSPFD, "-u", "frr", "-g", "frr", "-f", conf.toString(),
                "-i", d.resolve(program + ".pid").toString(), "-z", d.resolve("zserv.api").toString(),
                "--vty_socket", d.toString(), "-P", "0"), d.resolve(program + ".log"), List.of(), ready);
    }

    /** The IPv4 (or IPv6) networks of the topology that {@code router} has no address in. */
    static Set<String> remoteNetworks(Topology topology, String router, boolean v6) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> own = new LinkedHashSet<>();
        for (Host h : topology.hosts()) {
            for (Interface i : topology.interfaces(h.name())) {
                for (String a : i.addresses()) {
                    if (a.contains(":") == v6) {
                        (h.name().equals(router) ? own : all).add(DnsZones.networkOf(a));
                    }
                }
            }
        }
        all.removeAll(own);
        return all;
    }
}
