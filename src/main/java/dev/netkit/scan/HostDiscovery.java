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
    /** The ports connected to when the kernel probes (nmap's unprivileged ping: 443 and 80). */
    private List<Integer> connectPorts = List.of(443, 80);

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

    /** Other ports for the kernel's connects (tests: a port whose connects stay pending). */
    HostDiscovery withConnectPorts(List<Integer> ports) {
        this.connectPorts = List.copyOf(ports);
        return this;
    }

    /**
     * @param capture opens a capture on an interface with a BPF filter (null: no ARP, no NDP)
     * @param local   the ARP endpoint for targets on an attached subnet, or null
     * @param control stopped (Ctrl-C): discovery ends soon with the hosts found so far
     */
    public Map<InetAddress, Up> discover(List<ScanTarget> targets, ArpEndpoint local,
                                         BiFunction<String, String, FrameChannel> capture, ScanControl control) {
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
        if (!viaNdp.isEmpty() && !control.stopped()) {
            try (FrameChannel ch = capture.apply(local6.iface(), NdpScanner.filter())) {
                NdpScanner ndp = new NdpScanner(ch, local6, LINK_INTERVAL_NANOS, timeoutMs * 1_000_000L / 2, 2).stoppingWhenAllAnswered()
                        .stoppingWhen(control::stopped);
                for (ArpAnswer a : ndp.scan(viaNdp, x -> { })) {
                    up.put(a.ip(), new Up(a.ip(), a.rttMs(), a.mac().toString(), "nd-response"));
                }
            }
        }
        if (!viaArp.isEmpty() && !control.stopped()) {
            try (FrameChannel ch = capture.apply(local.iface(), ArpScanner.filter())) {
                for (ArpAnswer a : new ArpScanner(ch, local, LINK_INTERVAL_NANOS, timeoutMs * 1_000_000L / 2, 2)
                        .adaptive(ARP_WAIT_FLOOR_NANOS).stoppingWhen(control::stopped).scan(viaArp, x -> { })) {
                    up.put(a.ip(), new Up(a.ip(), a.rttMs(), a.mac().toString(), "arp-response"));
                }
            }
        }
        if (!elsewhere.isEmpty() && routes != null && capture != null && !control.stopped()) {
            elsewhere = probeRaw(elsewhere, capture, up, control);
        }
        if (!elsewhere.isEmpty() && !control.stopped()) {
            probeKernel(elsewhere, up, control);
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
                                      Map<InetAddress, Up> up, ScanControl control) {
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
            if (control.stopped()) {
                break;
            }
            Route r = g.getKey();
            int sport = 40000 + ThreadLocalRandom.current().nextInt(20000);
            try (FrameChannel ch = capture.apply(r.device(), ProbeDiscovery.filter(sport))) {
                up.putAll(new ProbeDiscovery(ch, r, sport, ThreadLocalRandom.current().nextLong(), LINK_INTERVAL_NANOS,
                        1, minWaitNanos, timeoutMs * 1_000_000L).discover(g.getValue(), control));
            }
        }
        return rest;
    }

    /**
     * The kernel's echo (isReachable, on platform threads: it blocks in native code) for every target while one
     * connect scan of {@link #connectPorts} runs on this thread: any OPEN or CLOSED row means up. The earliest
     * answer of a target gives its latency and reason.
     */
    private void probeKernel(List<ScanTarget> targets, Map<InetAddress, Up> up, ScanControl control) {
        List<InetAddress> addresses = targets.stream().map(ScanTarget::address).toList();
        try (ExecutorService echo = Executors.newFixedThreadPool(Math.min(ECHO_THREADS, addresses.size()),
                Thread.ofPlatform().daemon().factory())) {
            for (InetAddress a : addresses) {
                echo.submit(() -> {
                    if (control.stopped()) {
                        return;
                    }
                    long start = System.nanoTime();
                    try {
                        if (a.isReachable(timeoutMs)) {
                            up.merge(a, new Up(a, (System.nanoTime() - start) / 1e6, null, "echo-reply"),
                                    HostDiscovery::earlier);
                        }
                    } catch (IOException e) {
                        // not reachable this way
                    }
                });
            }
            PortTable table = new ConnectScanner(2 * ECHO_THREADS, timeoutMs, 0).scan(addresses, connectPorts,
                    control);
            for (int h = 0; h < table.hostCount(); h++) {
                for (PortResult r : table.results(h)) {
                    if (r.state() == PortState.OPEN || r.state() == PortState.CLOSED) {
                        up.merge(r.host(), new Up(r.host(), r.rttMs(), null, r.reason()), HostDiscovery::earlier);
                    }
                }
            }
            if (control.stopped()) {
                echo.shutdownNow(); // the echoes not started yet are dropped; the running ones end by the timeout
            }
        }
    }

    private static Up earlier(Up a, Up b) {
        return b.latencyMs() < a.latencyMs() ? b : a;
    }
}
