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

    /** One table per group of the plan's, in the order of the targets' first appearance. */
    public List<PortTable> scan(Plan plan, List<Integer> tcp, ScanControl control) {
        if (plan.unroutable() != null) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(plan.unroutable()));
        }
        ScanRoutes scanRoutes = new ScanRoutes();
        Map<GroupKey, List<InetAddress>> groups = plan.groups();
        Map<GroupKey, RouteDecision> routes = plan.routes();
        List<PortTable> out = new ArrayList<>();
        List<Map.Entry<GroupKey, List<InetAddress>>> list = new ArrayList<>(groups.entrySet());
        // the next group's on-link MACs (its ARP or NDP, a second's wait), asked while this group waits for its
        // last replies: never during a group's sending, whose flood could cost the answers
        Map<GroupKey, CompletableFuture<Map<InetAddress, MacAddress>>> asked = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Map.Entry<GroupKey, List<InetAddress>> g = list.get(i);
            if (control.stopped()) {
                break;
            }
            RouteDecision d = routes.get(g.getKey());
            String dev = d.dev();
            MacAddress self;
            MacAddress next = null;
            Map<InetAddress, MacAddress> onLinkMacs = null;
            if (dev.equals("lo")) {
                self = MacAddress.ZERO;
                next = MacAddress.ZERO;
            } else if (!g.getKey().onLink()) {
                HostDiscovery.Route r = scanRoutes.viaNextHop(d);
                self = r.sourceMac();
                next = r.nextHopMac();
            } else {
                self = scanRoutes.mac(dev);
                // a target that does not answer is left out: its ports end filtered, as nmap -Pn says
                CompletableFuture<Map<InetAddress, MacAddress>> f = asked.remove(g.getKey());
                onLinkMacs = f != null ? joined(f) : onLinkMacs(d, self, g.getValue());
            }
            Runnable askNext = () -> { };
            if (i + 1 < list.size() && list.get(i + 1).getKey().onLink()
                    && !routes.get(list.get(i + 1).getKey()).dev().equals("lo")) {
                Map.Entry<GroupKey, List<InetAddress>> n = list.get(i + 1);
                RouteDecision nd = routes.get(n.getKey());
                askNext = () -> {
                    MacAddress own = scanRoutes.mac(nd.dev());
                    asked.put(n.getKey(), CompletableFuture.supplyAsync(() -> onLinkMacs(nd, own, n.getValue()),
                            r -> Thread.ofPlatform().daemon().name("netkit-neighbours").start(r)));
                };
            }
            int sport = 40000 + ThreadLocalRandom.current().nextInt(20000);
            long key = ThreadLocalRandom.current().nextLong();
            try (FrameChannel ch = LiveCapture.channel(CaptureOptions.on(dev).withPromiscuous(false).withSnaplen(256)
                    .withBufferSize(2 * 1024 * 1024).withFilter(SynScanner.filter(sport)))) {
                SynScanner scanner = scanners.apply(new Group(ch, self, next, d.src(), sport, key));
                if (onLinkMacs != null) {
                    scanner.withNextHops(onLinkMacs::get);
                }
                out.add(scanner.whenSent(askNext).scan(g.getValue(), tcp, control));
            }
        }
        asked.values().forEach(f -> f.exceptionally(e -> null).join()); // a stopped scan leaves no thread asking
        return out;
    }

    /** The MACs of a group's targets on the attached link (ARP or NDP, within a second). */
    private static Map<InetAddress, MacAddress> onLinkMacs(RouteDecision d, MacAddress self,
                                                           List<InetAddress> targets) {
        return NextHops.macs(d.dev(), self, d.src(), targets, 1000);
    }

    /** The asked MACs, or the asking's own exception. */
    private static Map<InetAddress, MacAddress> joined(CompletableFuture<Map<InetAddress, MacAddress>> f) {
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
