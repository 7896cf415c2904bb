package dev.netkit.scan;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.NextHops;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.RouteDecision;
import dev.netkit.system.RouteEntry;
import dev.netkit.system.RouteLookup;
import dev.netkit.system.InterfaceTable;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.NetInterface;
import dev.netkit.system.RouteTable;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a scan's raw frames to a target go, for host discovery's probes and the SYN scan alike: the route
 * (device, source address) from the routing table, our MAC on that device and the next hop's MAC, asked once per
 * next hop. Interfaces come from the in-process table (no fork of ip: names, addresses and MACs are all it needs).
 */
public final class ScanRoutes {
    private final List<NetInterface> ifaces = InterfaceTable.inProcess();
    private final Map<Boolean, RouteLookup> lookups = new HashMap<>();
    private final Map<String, Hop> hops = new HashMap<>();
    /**
     * IPv4: where the routes' prefixes begin and end, sorted; between two bounds (a stretch) every address matches
     * the same routes, so a decision via a gateway holds for the whole stretch: a /16 sweep makes one lookup a
     * stretch instead of one a target (65,534 of them took 0.4 s, with a list of candidates and their reasons each).
     */
    private long[] v4Bounds;
    private final Map<Integer, RouteDecision> viaGateway = new HashMap<>();
    private final Map<String, Boolean> ethernet = new HashMap<>();

    /** A next hop's answer, or why there is none (kept, so a silent next hop is asked only once). */
    private record Hop(HostDiscovery.Route route, NetkitException failure) {
    }

    /** The routing decision for {@code a}; its winner is null when no route matches. */
    public RouteDecision lookup(InetAddress a) {
        boolean v6 = a instanceof Inet6Address;
        RouteLookup routes = lookups.computeIfAbsent(v6, x -> {
            List<RouteEntry> all = RouteTable.read(!v6, v6);
            if (!v6) {
                v4Bounds = all.stream().flatMapToLong(r -> {
                    long start = r.dst().network().lo();
                    return java.util.stream.LongStream.of(start, start + (1L << (32 - r.dst().prefix())));
                }).sorted().distinct().toArray();
            }
            return new RouteLookup(all, RouteTable.readRuleTables(v6), ifaces);
        });
        if (v6) {
            return routes.lookup(a);
        }
        byte[] b = a.getAddress();
        long v = (b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        int stretch = Arrays.binarySearch(v4Bounds, v);
        stretch = stretch >= 0 ? stretch + 1 : -stretch - 1;
        RouteDecision known = viaGateway.get(stretch);
        if (known != null) {
            return new RouteDecision(a, known.candidates(), known.winner(), known.src(), known.nextHop(), known.dev(),
                    known.srcWhy());
        }
        RouteDecision d = routes.lookup(a);
        // via a gateway, nothing in the decision depends on the address but the address itself
        if (d.winner() != null && d.winner().gateway() != null && d.nextHop() != null && !d.nextHop().equals(a)) {
            viaGateway.put(stretch, d);
        }
        return d;
    }

    /** True when the decision sends frames out of a device with a source address. */
    public static boolean usable(RouteDecision d) {
        return d.winner() != null && d.dev() != null && d.src() != null;
    }

    /** True when {@code a} is on the device's own link (its own next hop), loopback aside. */
    public static boolean onLink(RouteDecision d, InetAddress a) {
        return d.nextHop().equals(a) && !d.dev().equals("lo");
    }

    /**
     * Frames for a target beyond the attached link: the device, our MAC there, the next hop's MAC (neighbour
     * table, else one ARP or neighbour solicitation) and our source address.
     *
     * @throws NetkitException when the device has no MAC or the next hop does not answer
     */
    public HostDiscovery.Route viaNextHop(RouteDecision d) {
        String key = d.dev() + " " + IpLiteral.format(d.nextHop()) + " " + IpLiteral.format(d.src());
        Hop hop = hops.computeIfAbsent(key, k -> {
            try {
                MacAddress self = mac(d.dev());
                return new Hop(new HostDiscovery.Route(d.dev(), self,
                        NextHops.mac(d.dev(), self, d.src(), d.nextHop(), 1000), d.src()), null);
            } catch (NetkitException e) {
                return new Hop(null, e);
            }
        });
        if (hop.failure() != null) {
            throw hop.failure();
        }
        return hop.route();
    }

    /** True when {@code dev} is an Ethernet link (raw frames need one: not loopback, tun or a tunnel). */
    public boolean ethernet(String dev) {
        // asked once a target: kept per device
        return ethernet.computeIfAbsent(dev,
                d -> ifaces.stream().anyMatch(i -> i.name().equals(d) && "ether".equals(i.linkType())));
    }

    /** Our MAC on {@code dev}. */
    public MacAddress mac(String dev) {
        for (NetInterface i : ifaces) {
            if (i.name().equals(dev) && i.mac() != null) {
                return MacAddress.parse(i.mac());
            }
        }
        throw new NetkitException(ExitCode.NEGATIVE, "no MAC address on " + dev + " for raw frames");
    }

    /**
     * For host discovery's raw probes: each target's route; null (the kernel's probes instead) for targets on a
     * link of their own, over loopback, or whose next hop does not answer.
     */
    public static java.util.function.Function<InetAddress, HostDiscovery.Route> discoveryRoutes() {
        ScanRoutes routes = new ScanRoutes();
        return a -> {
            RouteDecision d = routes.lookup(a);
            if (!usable(d) || d.dev().equals("lo") || d.nextHop().equals(a)) {
                return null;
            }
            try {
                return routes.viaNextHop(d);
            } catch (NetkitException e) {
                return null;
            }
        };
    }
}
