package dev.netkit.trace;

import dev.netkit.probe.PmtuMode;
import dev.netkit.probe.Probe;
import dev.netkit.probe.ProbeChannel;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.Reply;
import dev.netkit.probe.ReplyKind;
import dev.netkit.probe.Sent;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Traces the path to one destination with probes of increasing TTL, many in flight at once (traceroute -N).
 * Waiting is smart: a probe waits at most {@code wait}, but only {@code here} times the round trip of an answer
 * from its own hop, or {@code near} times that of a farther hop (traceroute's -w MAX,HERE,NEAR). A probe that has
 * waited {@code near} times the slowest answer so far stops holding a place in the window, so silent stretches of
 * the path are swept in parallel instead of one wait per hop.
 * <p>
 * Every probe of one flow keeps the fields load balancers hash constant (Paris traceroute): addresses, protocol,
 * ports, and for ICMP the checksum (the payload's first word compensates the sequence number). Several flows
 * ({@link #run(String, InetAddress, int, FlowListener)}, Dublin traceroute) differ only in those fields, so on a
 * load-balanced path each may take another branch; they are traced at once, sharing the window.
 */
public final class TraceEngine {
    /** How to trace; times in nanoseconds. */
    public record Options(ProbeMethod method, int port, int probesPerHop, int firstTtl, int maxTtl, long waitNanos,
                          double here, double near, int parallel, int size, PmtuMode pmtu) {
        public static Options defaults(ProbeMethod method) {
            return new Options(method, method == ProbeMethod.TCP ? 80 : method == ProbeMethod.UDP ? 33434 : 0, 3, 1,
                    30, 5_000_000_000L, 3, 10, 16, method == ProbeMethod.TCP ? 0 : 32, PmtuMode.DONT);
        }
    }

    /** Receives each flow's hops in TTL order as they complete, and each flow's result when it is done. */
    public interface FlowListener {
        void hop(int flow, TraceHop hop);

        default void done(TraceResult result) {
        }
    }

    /** The least a probe waits once smart waiting shortens its wait (kernel and scheduler jitter). */
    static final long MIN_WAIT = 3_000_000L;
    /** The least time a probe holds its place in the window. */
    static final long MIN_HOLD = 30_000_000L;

    private final ProbeChannel channel;
    private final Options options;
    private int nextToken;

    private static final class Slot {
        final Flow flow;
        final int ttl;
        final int index;
        long sentNanos;
        boolean sent;
        TraceProbe result;

        Slot(Flow flow, int ttl, int index) {
            this.flow = flow;
            this.ttl = ttl;
            this.index = index;
        }

        boolean done() {
            return result != null;
        }
    }

    /** One flow's probes and progress. */
    private static final class Flow {
        final int id;
        final List<Slot> slots = new ArrayList<>();
        final List<TraceHop> hops = new ArrayList<>();
        int destTtl = Integer.MAX_VALUE;
        int nextSlot;
        int emittedTtl;
        boolean reached;
        boolean finished;
        /** Per TTL: the least round trip (microseconds) answered at that TTL, and at any farther TTL; MAX_VALUE: none. */
        final long[] hereMicros;
        final long[] nearMicros;

        Flow(int id, int maxTtl) {
            this.id = id;
            hereMicros = new long[maxTtl + 1];
            nearMicros = new long[maxTtl + 1];
            java.util.Arrays.fill(hereMicros, Long.MAX_VALUE);
            java.util.Arrays.fill(nearMicros, Long.MAX_VALUE);
        }

        Slot next() {
            return !finished && nextSlot < slots.size() && slots.get(nextSlot).ttl <= destTtl ? slots.get(nextSlot) : null;
        }
    }

    public TraceEngine(ProbeChannel channel, Options options) {
        this.channel = channel;
        this.options = options;
        this.nextToken = 1 + (int) (System.nanoTime() & 0x3fff);
    }

    /** Traces to {@code destination}, reporting each hop as soon as it and all hops before it are complete. */
    public TraceResult run(String name, InetAddress destination, Consumer<TraceHop> onHop) throws IOException {
        return run(name, destination, 1, (flow, hop) -> onHop.accept(hop)).get(0);
    }

    /**
     * Traces {@code flows} flows (0 .. flows-1) to {@code destination} at once; returns their results in flow order.
     */
    public List<TraceResult> run(String name, InetAddress destination, int flows, FlowListener listener)
            throws IOException {
        if (flows < 1 || flows > Probe.MAX_FLOWS) {
            throw new IllegalArgumentException("flows " + flows);
        }
        int q = options.probesPerHop();
        List<Flow> all = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            Flow flow = new Flow(f, options.maxTtl());
            flow.emittedTtl = options.firstTtl() - 1;
            for (int ttl = options.firstTtl(); ttl <= options.maxTtl(); ttl++) {
                for (int i = 0; i < q; i++) {
                    flow.slots.add(new Slot(flow, ttl, i));
                }
            }
            all.add(flow);
        }
        Map<Integer, Slot> byToken = new HashMap<>();
        List<Slot> inFlight = new ArrayList<>();
        long maxRtt = 0;
        int unfinished = flows;
        while (true) {
            // What already arrived counts before anything times out: a slow moment of ours is not a lost reply.
            for (Reply r; (r = channel.receive(Long.MIN_VALUE)) != null; ) {
                maxRtt = Math.max(maxRtt, accept(r, byToken, inFlight, destination));
            }
            long now = channel.now();
            // Time out what waited long enough, then see which hops are complete.
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                Slot s = inFlight.get(i);
                if (now >= deadline(s)) {
                    s.result = TraceProbe.timeout(s.ttl, s.index);
                    inFlight.remove(i);
                }
            }
            for (Flow flow : all) {
                if (!flow.finished && emit(flow, listener, name, destination)) {
                    unfinished--;
                    inFlight.removeIf(s -> s.flow == flow);
                }
            }
            if (unfinished == 0) {
                break;
            }
            // Fill the window, flows taking turns by TTL so that they progress together.
            int holding = 0;
            long hold = hold(maxRtt);
            for (Slot s : inFlight) {
                if (now < s.sentNanos + hold) {
                    holding++;
                }
            }
            boolean sentAny = false;
            while (holding < options.parallel()) {
                Slot s = null;
                for (Flow flow : all) {
                    Slot n = flow.next();
                    if (n != null && (s == null || n.ttl < s.ttl)) {
                        s = n;
                    }
                }
                if (s == null) {
                    break;
                }
                s.flow.nextSlot++;
                send(s, destination, byToken);
                inFlight.add(s);
                holding++;
                sentAny = true;
            }
            if (sentAny) {
                continue;
            }
            // Sleep until the next reply, the next deadline, or the moment a window place frees.
            boolean more = false;
            for (Flow flow : all) {
                more |= flow.next() != null;
            }
            long wake = Long.MAX_VALUE;
            for (Slot s : inFlight) {
                wake = Math.min(wake, deadline(s));
                long free = s.sentNanos + hold;
                if (free > now && more) {
                    wake = Math.min(wake, free);
                }
            }
            if (wake == Long.MAX_VALUE) {
                wake = now + options.waitNanos();
            }
            Reply r = channel.receive(wake);
            if (r != null) {
                maxRtt = Math.max(maxRtt, accept(r, byToken, inFlight, destination));
            }
        }
        List<TraceResult> results = new ArrayList<>();
        for (Flow flow : all) {
            results.add(result(flow, name, destination));
        }
        return results;
    }

    private static TraceResult result(Flow flow, String name, InetAddress destination) {
        return new TraceResult(name, destination, flow.hops, flow.reached, flow.id);
    }

    /** Reports the flow's hops that are complete; true when the flow has just finished. */
    private boolean emit(Flow flow, FlowListener listener, String name, InetAddress destination) {
        while (flow.emittedTtl < Math.min(flow.destTtl, options.maxTtl())) {
            int ttl = flow.emittedTtl + 1;
            List<TraceProbe> probes = new ArrayList<>();
            int from = (ttl - options.firstTtl()) * options.probesPerHop();
            for (int i = from; i < from + options.probesPerHop(); i++) {
                Slot s = flow.slots.get(i);
                if (!s.done()) {
                    return false;
                }
                probes.add(s.result);
            }
            TraceHop hop = new TraceHop(ttl, probes);
            flow.hops.add(hop);
            listener.hop(flow.id, hop);
            flow.emittedTtl = ttl;
            if (ttl == flow.destTtl) {
                flow.reached = true;
            }
        }
        flow.finished = true;
        listener.done(result(flow, name, destination));
        return true;
    }

    private void send(Slot s, InetAddress destination, Map<Integer, Slot> byToken) throws IOException {
        int token = nextToken++ & 0xffff;
        Probe p = new Probe(destination, options.method(), token, s.ttl, options.size(), options.port(),
                options.pmtu(), parisPayload(options.method(), destination, token, s.flow.id, options.size()),
                s.flow.id);
        Sent sent = channel.send(p);
        s.sent = true;
        s.sentNanos = sent.timeNanos();
        byToken.put(sent.token(), s);
    }

    /**
     * The payload fill that keeps a flow's checksum constant where the token sits under it: ICMP echoes (the token
     * is the sequence number) and IPv6 UDP probes (the token is the first payload word); its first word is
     * {@code K(flow) - token} in ones' complement. Null (the channel's usual fill) for the others, whose checksums
     * do not depend on the token (IPv4 UDP: no checksum; TCP: the token is in the sequence number, which no load
     * balancer hashes).
     */
    static byte[] parisPayload(ProbeMethod method, InetAddress destination, int token, int flow, int size) {
        int length;
        if (method == ProbeMethod.ICMP) {
            length = size;
        } else if (method == ProbeMethod.UDP && destination instanceof Inet6Address) {
            length = Math.max(2, size) - 2;
        } else {
            return null;
        }
        if (length < 2) {
            return null;
        }
        byte[] b = new byte[length];
        for (int i = 2; i < length; i++) {
            b[i] = (byte) (i + 8);
        }
        int k = 0x4000 + flow * 0x0101;
        int w = onesAdd(k, ~token & 0xffff);
        b[0] = (byte) (w >> 8);
        b[1] = (byte) w;
        return b;
    }

    static int onesAdd(int a, int b) {
        int s = a + b;
        return (s & 0xffff) + (s >>> 16);
    }

    /** Records a reply to one of this trace's probes; returns its round trip in microseconds, or 0. */
    private long accept(Reply r, Map<Integer, Slot> byToken, List<Slot> inFlight, InetAddress destination) {
        Slot s = byToken.get(r.token());
        if (s == null || s.done() || r.method() != options.method() || !destination.equals(r.probeDestination())) {
            return 0;
        }
        long rtt = Math.max(0, (r.timeNanos() - s.sentNanos) / 1000);
        InetAddress from = r.from() != null ? r.from() : destination;
        s.result = new TraceProbe(s.ttl, s.index, from, rtt, r.kind(), r.icmpType(), r.icmpCode(), r.mtu());
        Flow f = s.flow;
        f.hereMicros[s.ttl] = Math.min(f.hereMicros[s.ttl], rtt);
        for (int t = options.firstTtl(); t < s.ttl; t++) {
            f.nearMicros[t] = Math.min(f.nearMicros[t], rtt);
        }
        inFlight.remove(s);
        if (reachedAt(s, destination)) {
            s.flow.destTtl = Math.min(s.flow.destTtl, s.ttl);
        }
        return rtt;
    }

    /** True when the answer to {@code s} ends its flow's trace at its TTL. */
    private static boolean reachedAt(Slot s, InetAddress destination) {
        ReplyKind k = s.result.kind();
        return s.result.from().equals(destination) || k == ReplyKind.ECHO_REPLY || k == ReplyKind.TCP_SYN_ACK
                || k == ReplyKind.TCP_RESET || unreachableHop(s.ttl, s.flow.slots);
    }

    /** True when every answered probe of hop {@code ttl} is a destination-unreachable error (traceroute stops). */
    private static boolean unreachableHop(int ttl, List<Slot> slots) {
        boolean any = false;
        for (Slot s : slots) {
            if (s.ttl == ttl && s.done() && s.result.answered()) {
                if (s.result.kind() != ReplyKind.UNREACHABLE) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private long hold(long maxRttMicros) {
        if (maxRttMicros == 0 || options.near() <= 0) {
            return options.waitNanos();
        }
        return Math.min(options.waitNanos(), Math.max(MIN_HOLD, (long) (options.near() * maxRttMicros * 1000)));
    }

    /**
     * When an unanswered probe gives up: traceroute's MAX, HERE x rtt of its own hop, NEAR x rtt of farther hops
     * (of its own flow); a factor of 0 turns its rule off.
     */
    private long deadline(Slot s) {
        // The least round trip gives the least wait (the factors are positive): kept per TTL as answers come
        // (accept), rather than found again among all of the flow's probes for every probe in flight at every turn.
        long wait = options.waitNanos();
        long here = s.flow.hereMicros[s.ttl];
        if (options.here() > 0 && here != Long.MAX_VALUE) {
            wait = Math.min(wait, (long) (options.here() * here * 1000));
        }
        long near = s.flow.nearMicros[s.ttl];
        if (options.near() > 0 && near != Long.MAX_VALUE) {
            wait = Math.min(wait, (long) (options.near() * near * 1000));
        }
        return s.sentNanos + Math.max(MIN_WAIT, wait);
    }
}
