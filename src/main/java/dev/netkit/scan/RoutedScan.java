package dev.netkit.scan;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.CaptureOptions;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.LiveCapture;
import dev.netkit.capture.NextHops;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.RouteDecision;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The raw-frame TCP scan of many targets over every route they need, as the routing table says: the targets are
 * grouped by outgoing device, next hop and source address, and each group is scanned on one capture of its device
 * by its own {@link SynScanner}. Targets on the attached link share a group and each gets its own MAC
 * ({@link NextHops#macs}).
 */
public final class RoutedScan {
    private final Function<Group, SynScanner> scanners;

    /** Where a group's frames go: the capture, our MAC, the next hop's (null: per target), the source. */
    public record Group(FrameChannel channel, MacAddress self, MacAddress nextHop, InetAddress source, int sourcePort,
                        long key) {
    }

    /** @param scanners builds the scanner of one group (the caller's probe kind and timing) */
    public RoutedScan(Function<Group, SynScanner> scanners) {
        this.scanners = scanners;
    }

    /**
     * A raw scan's targets split by route, in one lookup each (a /16's 65,534 lookups took three passes before):
     * {@code raw}, the targets sent as frames, in {@code groups} by device, next hop and source, and {@code others},
     * those reached over loopback or a link without Ethernet; {@code unroutable}, the first target without a route
     * (null: none), which is in {@code raw}, to fail in {@link #scan}.
     */
    public record Plan(List<InetAddress> raw, List<InetAddress> others, Map<GroupKey, List<InetAddress>> groups,
                       Map<GroupKey, RouteDecision> routes, InetAddress unroutable) {
    }

    /** A group's route: the device, the next hop (null: the targets are on the attached link), the source. */
    public record GroupKey(String dev, InetAddress nextHop, InetAddress src) {
        boolean onLink() {
            return nextHop == null;
        }
    }

    /** Splits the targets as {@link Plan} says, in the order of their first appearance. */
    public static Plan plan(List<InetAddress> targets) {
        ScanRoutes routes = new ScanRoutes();
        List<InetAddress> raw = new ArrayList<>();
        List<InetAddress> others = new ArrayList<>();
        Map<GroupKey, List<InetAddress>> groups = new LinkedHashMap<>();
        Map<GroupKey, RouteDecision> decisions = new LinkedHashMap<>();
        InetAddress unroutable = null;
        for (InetAddress a : targets) {
            RouteDecision d = routes.lookup(a);
            if (!ScanRoutes.usable(d)) {
                raw.add(a);
                unroutable = unroutable == null ? a : unroutable;
            } else if (!routes.ethernet(d.dev())) {
                others.add(a);
            } else {
                raw.add(a);
                // targets on the attached link share one group; each gets its own MAC in scan
                GroupKey k = new GroupKey(d.dev(), ScanRoutes.onLink(d, a) ? null : d.nextHop(), d.src());
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(a);
                decisions.putIfAbsent(k, d);
            }
        }
        return new Plan(raw, others, groups, decisions, unroutable);
    }

    /**
     * Stops a raw scan ({@code option}, -sS or -sA) before it starts when every target is reached over loopback or
     * a link without Ethernet: frames injected there reach no one and every port would read filtered.
     *
     * @throws NetkitException exit 2, naming -sT
     */
    public static void requireEthernet(List<InetAddress> targets, String option) {
        ScanRoutes routes = new ScanRoutes();
        // the first target with an Ethernet route (or none: it fails in scan) settles it
        if (targets.isEmpty() || targets.stream().anyMatch(a -> {
            RouteDecision d = routes.lookup(a);
            return !ScanRoutes.usable(d) || routes.ethernet(d.dev());
        })) {
            return;
        }
        InetAddress a = targets.getFirst();
        throw NetkitException.usage(option + " sends Ethernet frames, and " + IpLiteral.format(a) + " is reached over "
                + routes.lookup(a).dev() + ", which has none: use -sT there");
    }

    /**
     * One table per group of the plan's, in the order of the targets' first appearance. A group whose probes each go
     * once (a sweep: a fixed rate, no retries) only listens after its last probe: the next group starts sending then,
     * beside that wait, so a sweep of several groups waits once at its end, as masscan's one pass does.
     */
    public List<PortTable> scan(Plan plan, List<Integer> tcp, ScanControl control) {
        if (plan.unroutable() != null) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(plan.unroutable()));
        }
        ScanRoutes scanRoutes = new ScanRoutes();
        Map<GroupKey, RouteDecision> routes = plan.routes();
        List<Map.Entry<GroupKey, List<InetAddress>>> list = new ArrayList<>(plan.groups().entrySet());
        // the on-link MACs of the groups after the first (ARP or NDP, a second's wait for the silent targets) are
        // asked at once, beside the first group's start: its flood cannot cost the answers, which a capture of
        // their own reads (ARP and NDP only), and a later group then starts as soon as the one before has sent
        Map<GroupKey, CompletableFuture<Map<InetAddress, MacAddress>>> asked = new HashMap<>();
        for (Map.Entry<GroupKey, List<InetAddress>> n : list.subList(Math.min(1, list.size()), list.size())) {
            RouteDecision nd = routes.get(n.getKey());
            if (n.getKey().onLink() && !nd.dev().equals("lo")) {
                MacAddress own = scanRoutes.mac(nd.dev());
                asked.put(n.getKey(), CompletableFuture.supplyAsync(() -> onLinkMacs(nd, own, n.getValue()),
                        r -> Thread.ofPlatform().daemon().name("netkit-neighbours").start(r)));
            }
        }
        List<CompletableFuture<PortTable>> tables = new ArrayList<>();
        try {
            for (int i = 0; i < list.size() && !control.stopped(); i++) {
                Map.Entry<GroupKey, List<InetAddress>> g = list.get(i);
                tables.add(scanGroup(g.getKey(), routes.get(g.getKey()), g.getValue(), asked.remove(g.getKey()),
                        i + 1 < list.size(), scanRoutes, tcp, control));
            }
        } finally {
            asked.values().forEach(f -> f.exceptionally(e -> null).join()); // a stopped scan leaves no thread asking
            tables.forEach(t -> t.exceptionally(e -> null).join()); // nor one scanning
        }
        return tables.stream().map(RoutedScan::joined).toList();
    }

    /**
     * Scans one group; returns once its table is done, or, with {@code more} groups to come and probes that go once,
     * once it has sent its last probe (its table completes on a thread of its own after the wait for late replies).
     */
    private CompletableFuture<PortTable> scanGroup(GroupKey k, RouteDecision d, List<InetAddress> targets,
                                                   CompletableFuture<Map<InetAddress, MacAddress>> macs,
                                                   boolean more, ScanRoutes scanRoutes, List<Integer> tcp,
                                                   ScanControl control) {
        String dev = d.dev();
        MacAddress self;
        MacAddress next = null;
        Map<InetAddress, MacAddress> onLinkMacs = null;
        if (dev.equals("lo")) {
            self = MacAddress.ZERO;
            next = MacAddress.ZERO;
        } else if (!k.onLink()) {
            HostDiscovery.Route r = scanRoutes.viaNextHop(d);
            self = r.sourceMac();
            next = r.nextHopMac();
        } else {
            self = scanRoutes.mac(dev);
            // a target that does not answer is left out: its ports end filtered, as nmap -Pn says
            onLinkMacs = macs != null ? joined(macs) : onLinkMacs(d, self, targets);
        }
        int sport = 40000 + ThreadLocalRandom.current().nextInt(20000);
        long key = ThreadLocalRandom.current().nextLong();
        FrameChannel ch = LiveCapture.channel(CaptureOptions.on(dev).withPromiscuous(false).withSnaplen(256)
                .withBufferSize(2 * 1024 * 1024).withFilter(SynScanner.filter(sport)));
        SynScanner scanner;
        try {
            scanner = scanners.apply(new Group(ch, self, next, d.src(), sport, key));
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
        if (onLinkMacs != null) {
            scanner.withNextHops(onLinkMacs::get);
        }
        if (!more || !scanner.sendsEachProbeOnce()) {
            try (ch) {
                return CompletableFuture.completedFuture(scanner.scan(targets, tcp, control));
            }
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        CompletableFuture<PortTable> table = new CompletableFuture<>();
        scanner.whenSent(() -> sent.complete(null));
        Thread.ofPlatform().name("netkit-scan-group").start(() -> {
            try (ch) {
                table.complete(scanner.scan(targets, tcp, control));
            } catch (Throwable e) {
                table.completeExceptionally(e);
            } finally {
                sent.complete(null);
            }
        });
        sent.join();
        if (table.isCompletedExceptionally()) {
            joined(table); // a group that failed stops the scan before the next starts
        }
        return table;
    }

    /** The MACs of a group's targets on the attached link (ARP or NDP, within a second). */
    private static Map<InetAddress, MacAddress> onLinkMacs(RouteDecision d, MacAddress self,
                                                           List<InetAddress> targets) {
        return NextHops.macs(d.dev(), self, d.src(), targets, 1000);
    }

    /** The future's value, or the exception it ended with. */
    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
