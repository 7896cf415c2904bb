package dev.netkit.lab;

import dev.netkit.lab.Daemons.Launch;
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
 * The lab part {@code ra} (exercise 002-21): radvd on r1 advertises the client LAN's /64, and a host {@code slaac} on
 * that LAN, the one lab host with router advertisements on, forms its IPv6 address from the prefix and its MAC
 * (EUI-64, after duplicate address detection) and takes r1 as its IPv6 default router. Every other host keeps its
 * static addresses and ignores the advertisements ({@link NetworkPlan} turns accept_ra off).
 */
final class Slaac {
    /** The host that learns its address. */
    static final String HOST = "slaac";
    /** Its eth0 holds 198.18.1.20; its MAC 02:6e:6b:01:00:14 makes the EUI-64 address {@link #ADDRESS}. */
    static final int OCTET = 20;
    /** The address the kernel of {@link #HOST} forms from the prefix 2001:db8:1::/64 and its MAC. */
    static final String ADDRESS = "2001:db8:1:0:6e:6bff:fe01:14";

    private Slaac() {
    }

    static boolean fits(Topology t) {
        return t.bridges().stream().anyMatch(b -> b.host().equals(LabPart.ROUTER) && b.ifname().equals(LabPart.LAN)
                && b.addresses().stream().anyMatch(a -> a.contains(":")));
    }

    static Topology apply(Topology t) {
        List<Host> hosts = new ArrayList<>();
        for (Host h : t.hosts()) {
            hosts.add(h.name().equals(LabPart.ROUTER) ? LabPart.withService(h, Service.RADVD) : h);
        }
        String gateway = lanAddresses(t).stream().filter(a -> !a.contains(":")).findFirst().orElseThrow();
        hosts.add(new Host(HOST, Role.HOST, "IPv6 by SLAAC: its address and default router from r1's advertisements",
                List.of(new Route("default", gateway.substring(0, gateway.indexOf('/')))), "",
                List.of(Service.SLAAC)));
        List<Link> links = new ArrayList<>(t.links());
        String v4 = gateway.substring(0, gateway.lastIndexOf('.') + 1) + OCTET + gateway.substring(gateway.indexOf('/'));
        links.add(new Link(new Endpoint(HOST, "eth0", Topologies.mac(1, OCTET, false), 1500, null, List.of(v4)),
                new Endpoint(LabPart.ROUTER, HOST, Topologies.mac(1, OCTET, true), 1500, LabPart.LAN, List.of())));
        return new Topology(t.name(), t.description(), hosts, links, t.bridges());
    }

    private static List<String> lanAddresses(Topology t) {
        return t.bridges().stream().filter(b -> b.host().equals(LabPart.ROUTER) && b.ifname().equals(LabPart.LAN))
                .findFirst().orElseThrow().addresses();
    }

    /**
     * radvd on the LAN bridge: the /64 on-link and autonomous (SLAAC), an advertisement every 3 to 10 s and at once
     * to a router solicitation, the lab resolver as RDNSS (RFC 8106) and netkit.test as the search domain.
     */
    static Launch radvd(Topology topology, Host router, Daemons daemons) {
        Path d = daemons.dir(router.name()).resolve("radvd");
        String prefix = lanAddresses(topology).stream().filter(a -> a.contains(":")).map(DnsZones::networkOf).findFirst()
                .orElseThrow();
        StringBuilder c = new StringBuilder("# netkit lab: router advertisements on the client LAN (lab up --with ra)\n");
        c.append("interface ").append(LabPart.LAN).append(" {\n");
        c.append("  AdvSendAdvert on;\n  MinRtrAdvInterval 3;\n  MaxRtrAdvInterval 10;\n");
        c.append("  prefix ").append(prefix).append(" {\n    AdvOnLink on;\n    AdvAutonomous on;\n  };\n");
        for (Host h : topology.hostsRunning(Service.RESOLVER)) {
            topology.addresses(h.name()).stream().filter(a -> a.contains(":"))
                    .forEach(a -> c.append("  RDNSS ").append(a).append(" { };\n"));
        }
        c.append("  DNSSL netkit.test { };\n};\n");
        Path conf = d.resolve("radvd.conf");
        Daemons.write(conf, c.toString());
        return new Launch(router.name(), Service.RADVD, List.of(LabPackages.binary("radvd"), "-n", "-m", "stderr",
                "-C", conf.toString(), "-p", d.resolve("radvd.pid").toString()), d.resolve("stdout.log"),
                daemons.readiness(Service.RADVD));
    }

    /** The file the host's watcher writes once the kernel has formed its address: what up waits for. */
    static Path learned(Daemons daemons) {
        return daemons.dir(HOST).resolve("slaac").resolve("learned");
    }

    /**
     * The host's side is the kernel's own SLAAC: router advertisements, autoconf and duplicate address detection on
     * for eth0, then the link bounced, so the kernel sends its router solicitations at once. What stays running is
     * {@code ip monitor}, which logs each address and route the kernel learns or loses (events.log).
     */
    static Launch host(Host host, Daemons daemons) {
        Path d = daemons.dir(host.name()).resolve("slaac");
        String ip = LabPackages.binary("ip");
        String script = """
                set -e
                ip="$1"; d="$2"; c=/proc/sys/net/ipv6/conf/eth0
                echo 1 > $c/accept_ra; echo 1 > $c/autoconf; echo 1 > $c/accept_dad
                echo 1 > $c/router_solicitation_interval
                "$ip" -ts monitor address route >> "$d/events.log" & m=$!
                "$ip" link set eth0 down; "$ip" link set eth0 up
                until "$ip" -6 -o addr show dev eth0 scope global -tentative | grep -q ' dynamic '; do sleep 0.05; done
                "$ip" -6 -o addr show dev eth0 scope global -tentative > "$d/learned"
                wait $m
                """;
        Daemons.mkdirs(d);
        return new Launch(host.name(), Service.SLAAC, List.of(LabPackages.binary("sh"), "-c", script, "slaac-of-lab",
                ip, d.toString()), d.resolve("stdout.log"), List.of(), learned(daemons));
    }
}
