package dev.netkit.trace;

import dev.netkit.ping.PmtuMode;
import dev.netkit.ping.Probe;
import dev.netkit.ping.ProbeChannel;
import dev.netkit.ping.ProbeMethod;
import dev.netkit.ping.Reply;
import dev.netkit.ping.ReplyKind;
import dev.netkit.ping.Sent;

import java.io.IOException;
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
 * the path are swept in parallel instead of one wait per hop. Every probe of a trace has the same flow identifiers
 * (addresses, protocol, ports: Paris traceroute); probes are told apart by their token.
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

    /** The least a probe waits once smart waiting shortens its wait (kernel and scheduler jitter). */
    static final long MIN_WAIT = 3_000_000L;
    /** The least time a probe holds its place in the window. */
    static final long MIN_HOLD = 30_000_000L;

    private final ProbeChannel channel;
    private final Options options;
    private int nextToken;

    private static final class Slot {
        final int ttl;
        final int index;
        long sentNanos;
        boolean sent;
        TraceProbe result;

        Slot(int ttl, int index) {
            this.ttl = ttl;
            this.index = index;
        }

        boolean done() {
            return result != null;
        }
    }

    public TraceEngine(ProbeChannel channel, Options options) {
        this.channel = channel;
        this.options = options;
        this.nextToken = 1 + (int) (System.nanoTime() & 0x3fff);
    }

    /** Traces to {@code destination}, reporting each hop as soon as it and all hops before it are complete. */
    public TraceResult run(String name, InetAddress destination, Consumer<TraceHop> onHop) throws IOException {
        int q = options.probesPerHop();
        List<Slot> slots = new ArrayList<>();
        for (int ttl = options.firstTtl(); ttl <= options.maxTtl(); ttl++) {
            for (int i = 0; i < q; i++) {
                slots.add(new Slot(ttl, i));
            }
        }
        Map<Integer, Slot> byToken = new HashMap<>();
        int destTtl = Integer.MAX_VALUE;
        int nextSlot = 0;
        int emittedTtl = options.firstTtl() - 1;
        long maxRtt = 0;
        List<TraceHop> hops = new ArrayList<>();
        boolean reached = false;
        while (true) {
            // What already arrived counts before anything times out: a slow moment of ours is not a lost reply.
            for (Reply r; (r = channel.receive(Long.MIN_VALUE)) != null; ) {
                if (accept(r, byToken, destination)) {
                    maxRtt = Math.max(maxRtt, byTokenLast.result.rttMicros());
                    if (reachedAt(byTokenLast, destination, slots)) {
                        destTtl = Math.min(destTtl, byTokenLast.ttl);
                    }
                }
            }
            long now = channel.now();
            // Time out what waited long enough, then see which hops are complete.
            for (Slot s : slots) {
                if (s.sent && !s.done() && now >= deadline(s, slots)) {
                    s.result = TraceProbe.timeout(s.ttl, s.index);
                }
            }
            while (emittedTtl < Math.min(destTtl, options.maxTtl())) {
                int ttl = emittedTtl + 1;
                List<TraceProbe> probes = new ArrayList<>();
                for (Slot s : slots) {
                    if (s.ttl == ttl) {
                        if (!s.done()) {
                            probes = null;
                            break;
                        }
                        probes.add(s.result);
                    }
                }
                if (probes == null) {
                    break;
                }
                TraceHop hop = new TraceHop(ttl, probes);
                hops.add(hop);
                onHop.accept(hop);
                emittedTtl = ttl;
                if (ttl == destTtl) {
                    reached = true;
                }
            }
            if (emittedTtl >= Math.min(destTtl, options.maxTtl())) {
                break;
            }
            // Fill the window.
            int holding = 0;
            for (Slot s : slots) {
                if (s.sent && !s.done() && now < s.sentNanos + hold(maxRtt)) {
                    holding++;
                }
            }
            boolean sentAny = false;
            while (holding < options.parallel() && nextSlot < slots.size() && slots.get(nextSlot).ttl <= destTtl) {
                Slot s = slots.get(nextSlot++);
                int token = nextToken++ & 0xffff;
                Probe p = new Probe(destination, options.method(), token, s.ttl, options.size(), options.port(),
                        options.pmtu(), null);
                Sent sent = channel.send(p);
                s.sent = true;
                s.sentNanos = sent.timeNanos();
                byToken.put(sent.token(), s);
                holding++;
                sentAny = true;
            }
            if (sentAny) {
                continue;
            }
            // Sleep until the next reply, the next deadline, or the moment a window place frees.
            long wake = Long.MAX_VALUE;
            for (Slot s : slots) {
                if (s.sent && !s.done()) {
                    wake = Math.min(wake, deadline(s, slots));
                    long free = s.sentNanos + hold(maxRtt);
                    if (free > now && nextSlot < slots.size()) {
                        wake = Math.min(wake, free);
                    }
                }
            }
            if (wake == Long.MAX_VALUE) {
                wake = now + options.waitNanos();
            }
            Reply r = channel.receive(wake);
            if (r != null && accept(r, byToken, destination)) {
                maxRtt = Math.max(maxRtt, byTokenLast.result.rttMicros());
                if (reachedAt(byTokenLast, destination, slots)) {
                    destTtl = Math.min(destTtl, byTokenLast.ttl);
                }
            }
        }
        return new TraceResult(name, destination, hops, reached);
    }

    private Slot byTokenLast;

    /** Records a reply to one of this trace's probes; the slot it answered is left in byTokenLast. */
    private boolean accept(Reply r, Map<Integer, Slot> byToken, InetAddress destination) {
        Slot s = byToken.get(r.token());
        if (s == null || s.done() || r.method() != options.method() || !destination.equals(r.probeDestination())) {
            return false;
        }
        long rtt = Math.max(0, (r.timeNanos() - s.sentNanos) / 1000);
        InetAddress from = r.from() != null ? r.from() : destination;
        s.result = new TraceProbe(s.ttl, s.index, from, rtt, r.kind(), r.icmpType(), r.icmpCode(), r.mtu());
        byTokenLast = s;
        return true;
    }

    /** True when the answer to {@code s} ends the trace at its TTL. */
    private static boolean reachedAt(Slot s, InetAddress destination, List<Slot> slots) {
        ReplyKind k = s.result.kind();
        return s.result.from().equals(destination) || k == ReplyKind.ECHO_REPLY || k == ReplyKind.TCP_SYN_ACK
                || k == ReplyKind.TCP_RESET || unreachableHop(s.ttl, slots);
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
        if (maxRttMicros == 0) {
            return options.waitNanos();
        }
        return Math.min(options.waitNanos(), Math.max(MIN_HOLD, (long) (options.near() * maxRttMicros * 1000)));
    }

    /** When an unanswered probe gives up: traceroute's MAX, HERE x rtt of its own hop, NEAR x rtt of farther hops. */
    private long deadline(Slot s, List<Slot> slots) {
        long wait = options.waitNanos();
        for (Slot o : slots) {
            if (o.done() && o.result.answered()) {
                if (o.ttl == s.ttl) {
                    wait = Math.min(wait, (long) (options.here() * o.result.rttMicros() * 1000));
                } else if (o.ttl > s.ttl) {
                    wait = Math.min(wait, (long) (options.near() * o.result.rttMicros() * 1000));
                }
            }
        }
        return s.sentNanos + Math.max(MIN_WAIT, wait);
    }
}
