package dev.netkit.lab;

import dev.netkit.NetkitException;
import dev.netkit.lab.Topology.Endpoint;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Link;
import dev.netkit.lab.Topology.Role;
import dev.netkit.lab.Topology.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The lab's optional parts ({@code lab up --with dhcp,ssh}): each adds hosts or daemons to a topology. They are
 * not in the default topology because they would slow its {@code up} (a DHCP lease takes a round of DORA, sshd its
 * keys). A topology with parts is named {@code BASE+PART+...} ({@code internet+dhcp+ssh}), which is what the lab's
 * marker records, so {@code status} and {@code down} rebuild the same topology from the name.
 */
public enum LabPart {
    /** dnsmasq on r1's LAN bridge, and a host {@code dhcp} on that LAN that takes its address from it. */
    DHCP("dhcp", "a DHCP server (dnsmasq) on r1's LAN and a host 'dhcp' that takes its address from it (udhcpc)",
            "a router r1 with an addressed LAN bridge", t -> clientLanGateway(t).isPresent(), LabPart::withDhcp),
    /** OpenSSH's sshd on the web server's port 22 instead of nginx's banner. */
    SSH("ssh", "a real sshd (OpenSSH) on the server's port 22, with its own host key, and a key to log in with",
            "a web server", t -> !t.hostsRunning(Service.WEB).isEmpty(), LabPart::withSsh),
    /** A home LAN behind a NAT router on the client LAN, with a port forward (NatEdge). */
    NAT("nat", "a home LAN (198.18.100.0/24) behind a router 'nat' that masquerades it as 198.18.1.20 on the client"
            + " LAN, and forwards tcp 8080 there to host 'home' port 80",
            "a router r1 with an addressed LAN bridge", NatEdge::fits, NatEdge::apply),
    /** radvd on r1's LAN, and a host {@code slaac} there that forms its IPv6 address from the advertisements. */
    RA("ra", "router advertisements (radvd) on r1's LAN and a host 'slaac' that takes its IPv6 address from them",
            "a router r1 with an IPv6 LAN bridge", Slaac::fits, Slaac::apply),
    /** A second Unbound, host {@code resolver2} beside the resolver, with its own cache and no validation. */
    RESOLVER2("resolver2", "a second recursive resolver (Unbound, 198.18.10.54): its own cache, no DNSSEC validation,"
            + " stale answers when servers are away", "a resolver on a LAN", SecondResolver::fits,
            SecondResolver::apply),
    /** A router r4 beside r2 (two equal-cost paths from r1 to r3), and FRR's OSPF on every router. */
    OSPF("ospf", "OSPF (FRR's zebra, ospfd and ospf6d) on every router instead of static routes, and a router r4 that"
            + " makes a second path of equal cost from r1 to r3", "routers r1 and r3", Ospf::fits, Ospf::apply),
    /** The link r1-r2 as a long-haul line, 80 ms each way, through a relay host {@code ocean}. */
    DELAY("delay", "the link r1-r2 as a long-haul line: 80 ms each way (a relay on host 'ocean', no hop)",
            "a link between r1 and r2", DelayLine::fits, DelayLine::apply);

    /** The DHCP client host, and where the DHCP server runs. */
    public static final String HOST = "dhcp";
    static final String ROUTER = "r1";
    static final String LAN = "lan";
    /**
     * Its MAC is 02:6e:6b:01:00:64 (after .100, the pool's start), its bridge port's 02:6e:6b:01:01:64; the address
     * is dnsmasq's choice from the pool, the same at every up (a hash of the client id).
     */
    static final int MAC_OCTET = 100;

    private final String label;
    private final String description;
    private final String needs;
    private final Predicate<Topology> fits;
    private final UnaryOperator<Topology> apply;

    LabPart(String label, String description, String needs, Predicate<Topology> fits, UnaryOperator<Topology> apply) {
        this.label = label;
        this.description = description;
        this.needs = needs;
        this.fits = fits;
        this.apply = apply;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether the part can be added to {@code t} (DHCP needs r1's LAN bridge, SSH a web server). */
    boolean fits(Topology t) {
        return fits.test(t);
    }

    /** {@code t} with this part; only for a topology it {@link #fits}. */
    Topology apply(Topology t) {
        return apply.apply(t);
    }

    /** What the part needs of a topology, for the message when it does not {@link #fits} one. */
    String needs() {
        return needs;
    }

    private static Topology withDhcp(Topology t) {
        Host router = t.host(ROUTER).orElseThrow();
        List<Host> hosts = new ArrayList<>();
        for (Host h : t.hosts()) {
            hosts.add(h == router ? withService(h, Service.DHCP_SERVER) : h);
        }
        hosts.add(new Host(HOST, Role.HOST, "takes its address, gateway and DNS from r1's DHCP server (udhcpc)",
                List.of(), "", List.of(Service.DHCP_CLIENT)));
        List<Link> links = new ArrayList<>(t.links());
        links.add(new Link(new Endpoint(HOST, "eth0", Topologies.mac(1, MAC_OCTET, false), 1500, null, List.of()),
                new Endpoint(ROUTER, HOST, Topologies.mac(1, MAC_OCTET, true), 1500, LAN, List.of())));
        return new Topology(t.name(), t.description(), hosts, links, t.bridges());
    }

    private static Topology withSsh(Topology t) {
        List<Host> web = t.hostsRunning(Service.WEB);
        List<Host> hosts = t.hosts().stream().map(h -> h == web.get(0) ? withService(h, Service.SSH) : h).toList();
        return new Topology(t.name(), t.description(), hosts, t.links(), t.bridges());
    }

    /**
     * r1's IPv4 address on its LAN bridge, the client LAN's gateway, that DHCP and the NAT edge need (a blank
     * topology's r1 has a bridge {@code lan} but no address).
     */
    static Optional<String> clientLanGateway(Topology t) {
        return t.bridges().stream().filter(b -> b.host().equals(ROUTER) && b.ifname().equals(LAN))
                .flatMap(b -> b.addresses().stream()).filter(a -> !a.contains(":"))
                .map(a -> a.substring(0, a.indexOf('/'))).findFirst();
    }

    static Host withService(Host h, Service s) {
        List<Service> services = new ArrayList<>(h.services());
        services.add(s);
        return new Host(h.name(), h.role(), h.description(), h.routes(), h.nftRules(), List.copyOf(services));
    }

    /**
     * Exit 2 when {@code parts}, asked for together, do not go together: ospfd on r1 does not come up beside the NAT
     * edge's router on r1's LAN (not solved yet). (Every part's hosts together still make a topology, for the names.)
     */
    public static void checkTogether(Collection<LabPart> parts) {
        if (parts.contains(NAT) && parts.contains(OSPF)) {
            throw NetkitException.usage("the lab parts 'nat' and 'ospf' do not go together: bring up one of them");
        }
    }

    /** The part named {@code label}; exit 2 naming the parts there are otherwise. */
    public static LabPart named(String label) {
        return labelled(label.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> NetkitException.usage("unknown lab part '" + label + "': the parts are "
                        + String.join(", ", Arrays.stream(values()).map(LabPart::label).toList())));
    }

    /**
     * {@code base} with {@code parts} added, named {@code base+part+...} (parts in their declared order); exit 2 when
     * a part does not fit the topology.
     */
    public static Topology with(Topology base, Collection<LabPart> parts) {
        Topology t = base;
        StringBuilder name = new StringBuilder(base.name());
        for (LabPart p : values()) {
            if (parts.contains(p)) {
                if (!p.fits(base)) {
                    throw NetkitException.usage("the lab part '" + p.label + "' does not fit topology " + base.name()
                            + ": it needs " + p.needs());
                }
                t = p.apply(t);
                name.append('+').append(p.label);
            }
        }
        return new Topology(name.toString(), t.description(), t.hosts(), t.links(), t.bridges());
    }

    /** A topology name with parts ({@code internet+dhcp}) built from {@code base}, which names the base topology. */
    static Optional<Topology> named(String name, java.util.function.Function<String, Optional<Topology>> base) {
        String[] f = name.split("\\+");
        List<LabPart> parts = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
            Optional<LabPart> p = labelled(f[i]);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            parts.add(p.get());
        }
        return base.apply(f[0]).map(t -> parts.isEmpty() ? t : with(t, parts));
    }

    private static Optional<LabPart> labelled(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
    }

    /** The base topology's name of {@code name}: {@code internet} for {@code internet+dhcp}. */
    public static String baseName(String name) {
        int plus = name.indexOf('+');
        return plus < 0 ? name : name.substring(0, plus);
    }
}
