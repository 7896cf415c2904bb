package dev.netkit.scan;

import dev.netkit.NetkitException;
import dev.netkit.arp.ArpAnswer;
import dev.netkit.arp.ArpEndpoint;
import dev.netkit.arp.ArpEndpoints;
import dev.netkit.arp.ArpScanner;
import dev.netkit.arp.NdpEndpoint;
import dev.netkit.arp.NdpScanner;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.MacAddress;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * nmap's host discovery: ARP for targets on a directly attached subnet (when capture is allowed): every request
 * sent at once, then a wait of a few of the round trips seen, and no more once everyone answered; neighbour
 * solicitations for IPv6 targets on the interface's prefix (nmap's nd-response); elsewhere, with capture and a
 * route ({@link #withRoutes}), an ICMP echo, a SYN to 443 and an ACK to 80 as raw frames ({@link ProbeDiscovery}),
 * and without them the kernel's ICMP echo (InetAddress.isReachable: echo with CAP_NET_RAW) plus TCP connects to
 * 443 and 80 — any answer, even a refusal, means the host is up. Our own address is up without a probe (nmap's
 * localhost-response).
 */
public final class HostDiscovery {
    /** The least ARP waits after a round once the LAN's round trip is known. */
    static final long ARP_WAIT_FLOOR_NANOS = 20_000_000L;
    /** isReachable blocks in native code (it would pin a virtual thread's carrier): platform threads, this many. */
    static final int ECHO_THREADS = 256;
    /**
     * Pause between ARP or neighbour solicitations on the attached link: 10,000 a second, the LAN rate the
     * scanner uses by default (a /24 takes 25 ms), never a burst of a whole large prefix at link speed.
     */
    static final long LINK_INTERVAL_NANOS = 100_000L;

    /** A host that is up, how fast it answered, and its MAC when ARP found it. */
    public record Up(InetAddress address, double latencyMs, String mac, String reason) {
    }

    /** Where frames to a target beyond the attached link go: out of {@code device} to the next hop's MAC. */
    public record Route(String device, MacAddress sourceMac, MacAddress nextHopMac, InetAddress source) {
    }

    private final int timeoutMs;
    private final long minWaitNanos;
    private Function<InetAddress, Route> routes;

    /** @param timeoutMs the longest wait for an answer */
    public HostDiscovery(int timeoutMs) {
        this(timeoutMs, timeoutMs);
    }

    /** @param minWaitMs the least wait for late answers of raw probes, however fast the round trips */
    public HostDiscovery(int timeoutMs, int minWaitMs) {
        this.timeoutMs = timeoutMs;
        this.minWaitNanos = minWaitMs * 1_000_000L;
    }

    /**
     * Probes targets beyond the attached link with raw frames ({@link ProbeDiscovery}) where {@code routes} gives
     * a route (null for a target: the kernel's echo and connect() instead); needs the capture given to discover.
     */
    public HostDiscovery withRoutes(Function<InetAddress, Route> routes) {
        this.routes = routes;
        return this;
    }

    /**
     * @param capture opens a capture on an interface with a BPF filter (null: no ARP, no NDP)
     * @param local   the ARP endpoint for targets on an attached subnet, or null
     */
    public Map<InetAddress, Up> discover(List<ScanTarget> targets, ArpEndpoint local,
                                         BiFunction<String, String, FrameChannel> capture) {
        Map<InetAddress, Up> up = new ConcurrentHashMap<>();
        List<Inet4Address> viaArp = new ArrayList<>();
        List<Inet6Address> viaNdp = new ArrayList<>();
        List<ScanTarget> elsewhere = new ArrayList<>();
        NdpEndpoint local6 = null;
        if (local != null && capture != null && targets.stream().anyMatch(t -> t.address() instanceof Inet6Address)) {
            try {
                local6 = ArpEndpoints.pickV6(local.iface(), null);
            } catch (NetkitException e) {
                local6 = null; // no IPv6 on that interface: the v6 targets are probed like remote ones
            }
        }
        for (ScanTarget t : targets) {
            InetAddress a = t.address();
            if (local != null && (a.equals(local.ip()) || (local6 != null && (a.equals(local6.ip())
                    || a.equals(local6.linkLocal()))))) {
                up.put(a, new Up(a, -1, null, "localhost-response"));
            } else if (local != null && capture != null && a instanceof Inet4Address v4
                    && local.prefix().contains(v4)) {
                viaArp.add(v4);
            } else if (local6 != null && a instanceof Inet6Address v6
                    && local6.prefix().contains(v6)) {
                viaNdp.add(v6);
            } else {
                elsewhere.add(t);
            }
        }
        if (!viaNdp.isEmpty()) {
            try (FrameChannel ch = capture.apply(local6.iface(), NdpScanner.filter())) {
                NdpScanner ndp = new NdpScanner(ch, local6, LINK_INTERVAL_NANOS, timeoutMs * 1_000_000L / 2, 2).stoppingWhenAllAnswered();
                for (ArpAnswer a : ndp.scan(viaNdp, x -> { })) {
                    up.put(a.ip(), new Up(a.ip(), a.rttMs(), a.mac().toString(), "nd-response"));
                }
            }
        }
        if (!viaArp.isEmpty()) {
            try (FrameChannel ch = capture.apply(local.iface(), ArpScanner.filter())) {
                for (ArpAnswer a : new ArpScanner(ch, local, LINK_INTERVAL_NANOS, timeoutMs * 1_000_000L / 2, 2)
                        .adaptive(ARP_WAIT_FLOOR_NANOS).scan(viaArp, x -> { })) {
                    up.put(a.ip(), new Up(a.ip(), a.rttMs(), a.mac().toString(), "arp-response"));
                }
            }
        }
        if (!elsewhere.isEmpty() && routes != null && capture != null) {
            elsewhere = probeRaw(elsewhere, capture, up);
        }
        if (!elsewhere.isEmpty()) {
            try (ExecutorService echo = Executors.newFixedThreadPool(Math.min(ECHO_THREADS, elsewhere.size()),
                    Thread.ofPlatform().daemon().factory());
                 ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                // At most ECHO_THREADS targets at a time: each holds sockets and selectors, and a large
                // prefix must not run out of file descriptors (a failed probe would say "down").
                java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(ECHO_THREADS);
                for (ScanTarget t : elsewhere) {
                    slots.acquireUninterruptibly();
                    ex.submit(() -> {
                        try {
                            probe(t.address(), up, echo);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
        }
        Map<InetAddress, Up> ordered = new java.util.LinkedHashMap<>();
        for (ScanTarget t : targets) {
            if (up.containsKey(t.address())) {
                ordered.put(t.address(), up.get(t.address()));
            }
        }
        return ordered;
    }

    /** Raw probes for the targets with a route, one capture per route; returns the targets left to the kernel. */
    private List<ScanTarget> probeRaw(List<ScanTarget> targets, BiFunction<String, String, FrameChannel> capture,
                                      Map<InetAddress, Up> up) {
        Map<Route, List<InetAddress>> byRoute = new LinkedHashMap<>();
        List<ScanTarget> rest = new ArrayList<>();
        for (ScanTarget t : targets) {
            Route r = routes.apply(t.address());
            if (r == null) {
                rest.add(t);
            } else {
                byRoute.computeIfAbsent(r, x -> new ArrayList<>()).add(t.address());
            }
        }
        for (Map.Entry<Route, List<InetAddress>> g : byRoute.entrySet()) {
            Route r = g.getKey();
            int sport = 40000 + ThreadLocalRandom.current().nextInt(20000);
            try (FrameChannel ch = capture.apply(r.device(), ProbeDiscovery.filter(sport))) {
                up.putAll(new ProbeDiscovery(ch, r, sport, ThreadLocalRandom.current().nextLong(), LINK_INTERVAL_NANOS,
                        1, minWaitNanos, timeoutMs * 1_000_000L).discover(g.getValue(), ScanControl.none()));
            }
        }
        return rest;
    }

    private void probe(InetAddress a, Map<InetAddress, Up> up, ExecutorService echo) {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            echo.submit(() -> {
                long start = System.nanoTime();
                try {
                    if (a.isReachable(timeoutMs)) {
                        up.putIfAbsent(a, new Up(a, (System.nanoTime() - start) / 1e6, null, "echo-reply"));
                    }
                } catch (IOException e) {
                    // not reachable this way
                }
            });
            for (int port : new int[] {443, 80}) {
                ex.submit(() -> {
                    PortResult r = new ConnectScanner(2, timeoutMs, 0).probe(new ScanTarget(a, null), port);
                    if (r.state() == PortState.OPEN || r.state() == PortState.CLOSED) {
                        up.putIfAbsent(a, new Up(a, r.rttMs(), null, r.state() == PortState.OPEN ? "syn-ack" : "reset"));
                    }
                });
            }
        }
    }
}
