package dev.netkit.probe;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.CaptureOptions;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.HelperCapture;
import dev.netkit.capture.LiveCapture;
import dev.netkit.capture.NextHops;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.RouteDecision;
import dev.netkit.system.RouteLookup;
import dev.netkit.system.Privileges;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks how probes travel. {@link Mode#AUTO}: injection through the capture layer when it applies (CAP_NET_RAW,
 * every destination routed out of one Ethernet interface, each next hop's MAC known to {@link NextHops} (neighbour
 * table, else our ARP request or neighbour solicitation), at most {@value #MAX_INJECTED_TARGETS} destinations), else the kernel's
 * sockets (loopback, tun, unprivileged, many hosts, unresolvable next hops). {@link Mode#INJECT} and
 * {@link Mode#SOCKET} force one way; a forced injection that cannot work is an error saying why. Without
 * CAP_NET_RAW a forced injection captures and sends through netkit-helper ({@link LiveCapture#channel}).
 */
public final class ProbeChannels {
    /** More destinations than this (fping -g) go through the kernel: resolving each next hop would take longer. */
    static final int MAX_INJECTED_TARGETS = 16;
    private static final long RESOLVE_WAIT_MILLIS = 1000;

    /** How to send probes. */
    public enum Mode { AUTO, INJECT, SOCKET }

    /** The channel and a line saying how it sends (ping -v). */
    public record Opened(ProbeChannel channel, String description) {
    }

    private ProbeChannels() {
    }

    /**
     * Opens the channel for probes to {@code destinations}.
     *
     * @param iface  the interface to send through (ping -I IFACE), or null
     * @param source the source address (ping -I ADDR), or null
     */
    public static Opened open(List<InetAddress> destinations, String iface, InetAddress source, Mode mode) {
        return open(destinations, iface, source, mode, 0);
    }

    /**
     * As {@link #open(List, String, InetAddress, Mode)}, for probes of {@code transportBytes} (ICMP/UDP/TCP header
     * and payload): automatic injection leaves IPv6 probes too big for the link to the kernel, which fragments them.
     */
    public static Opened open(List<InetAddress> destinations, String iface, InetAddress source, Mode mode,
                              int transportBytes) {
        if (mode != Mode.SOCKET) {
            String why = injectionUnavailable(destinations, mode);
            if (why == null) {
                try {
                    return inject(destinations, iface, source, mode == Mode.AUTO ? transportBytes : 0);
                } catch (NetkitException e) {
                    if (mode == Mode.INJECT) {
                        throw e.exitCode() == ExitCode.USAGE
                                ? NetkitException.usage("cannot inject probes: " + e.getMessage() + " (use --no-inject)")
                                : e;
                    }
                    why = e.getMessage();
                }
            } else if (mode == Mode.INJECT) {
                throw why.startsWith("needs") ? NetkitException.privilege("injecting probes (--inject)",
                        HelperCapture.howToCapture() + "; --no-inject needs none")
                        : NetkitException.usage("cannot inject probes: " + why + " (use --no-inject)");
            }
            KernelProbeChannel k = new KernelProbeChannel(iface, source);
            return new Opened(k, "kernel sockets (" + why + ")");
        }
        return new Opened(new KernelProbeChannel(iface, source), "kernel sockets (--no-inject)");
    }

    private static String injectionUnavailable(List<InetAddress> destinations, Mode mode) {
        if (!Privileges.has(Privileges.CAP_NET_RAW) && (mode == Mode.AUTO || !HelperCapture.runnable())) {
            // forced injection goes through netkit-helper when this user may run it; automatic never asks for it
            return "needs CAP_NET_RAW";
        }
        if (destinations.isEmpty()) {
            return "no destination";
        }
        if (destinations.stream().anyMatch(InetAddress::isLoopbackAddress)) {
            return "lo has no Ethernet link (loopback, tun)"; // known without asking ip
        }
        if (mode == Mode.AUTO && destinations.size() > MAX_INJECTED_TARGETS) {
            return "more than " + MAX_INJECTED_TARGETS + " destinations";
        }
        return null;
    }

    private static Opened inject(List<InetAddress> destinations, String iface, InetAddress source, int transportBytes) {
        List<RouteDecision> routes = new java.util.ArrayList<>();
        RouteDecision first = null;
        Map<Boolean, RouteLookup> tables = new HashMap<>(); // one per family
        RouteLookup table = null;
        for (InetAddress dst : destinations) {
            table = tables.computeIfAbsent(dst instanceof Inet6Address, v6 -> RouteLookup.system(dst));
            RouteDecision route = table.lookup(dst, iface);
            if (route.dev() == null) {
                throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(dst));
            }
            if (first == null) {
                first = route;
                if (route.dev().equals("lo") || table.ethernetMac(route.dev()).equals(MacAddress.ZERO)) {
                    throw NetkitException.usage(route.dev() + " has no Ethernet link (loopback, tun, tunnel)");
                }
            } else if (!first.dev().equals(route.dev())) {
                throw NetkitException.usage("the destinations leave through different interfaces ("
                        + first.dev() + ", " + route.dev() + ")");
            }
            if (dst instanceof Inet6Address && 40 + transportBytes > table.mtu(route.dev())) {
                throw NetkitException.usage("IPv6 probes of " + (40 + transportBytes) + " bytes need fragmenting");
            }
            InetAddress src = source != null ? source : route.src();
            if (src == null || (src instanceof Inet6Address) != (dst instanceof Inet6Address)) {
                throw NetkitException.usage("no source address of the right family for " + IpLiteral.format(dst));
            }
            routes.add(route);
        }
        MacAddress own = table.ethernetMac(first.dev());
        FrameChannel capture = LiveCapture.channel(CaptureOptions.on(first.dev()).withPromiscuous(false)
                .withFilter("ether dst " + own + " and (arp or icmp or icmp6 or tcp)"));
        // (icmp6 carries the neighbour advertisements NextHops may ask for as well as the probes' answers)
        try {
            if (!capture.linkType().equals(LinkType.EN10MB)) {
                throw NetkitException.usage(first.dev() + " is not an Ethernet link");
            }
            Map<InetAddress, InjectionProbeChannel.Hop> hops = new HashMap<>();
            Map<InetAddress, MacAddress> macs = new HashMap<>();
            for (int i = 0; i < destinations.size(); i++) {
                InetAddress dst = destinations.get(i);
                RouteDecision route = routes.get(i);
                InetAddress src = source != null ? source : route.src();
                InetAddress hop = route.nextHop();
                MacAddress mac = macs.get(hop);
                if (mac == null) {
                    mac = NextHops.mac(capture, route.dev(), own, src, hop, RESOLVE_WAIT_MILLIS);
                    macs.put(hop, mac);
                }
                hops.put(dst, new InjectionProbeChannel.Hop(mac, src));
            }
            String via = macs.size() == 1 ? " via " + macs.values().iterator().next() : "";
            return new Opened(new InjectionProbeChannel(capture, own, table.mtu(first.dev()), hops),
                    "injection on " + first.dev() + via);
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
    }
}
