package dev.netkit.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * A scripted {@link ProbeChannel} on a virtual clock (after Trippy's simulation scenarios): a path of routers,
 * some silent, then the destination, which answers, drops, or is unreachable. Receiving advances the clock to the
 * next reply or to the deadline, so tests of waiting take no real time.
 */
public final class SimulatedNetwork implements ProbeChannel {
    /** A router on the path: its address, the round trip to it, and whether it sends time-exceeded. */
    public record Router(InetAddress address, long rttMicros, boolean silent) {
    }

    /** What the destination does with probes that reach it. */
    public enum Destination { ANSWER, DROP }

    public final List<Router> path = new ArrayList<>();
    /** A load balancer: the routers a probe of a given flow passes (null: {@link #path} for every probe). */
    public java.util.function.IntFunction<List<Router>> flowPaths;
    public final List<Probe> sent = new ArrayList<>();
    public final List<Long> sendTimes = new ArrayList<>();
    public InetAddress destination;
    public long destinationRttMicros = 400;
    public Destination behaviour = Destination.ANSWER;
    /** Extra replies for a probe (duplicates, foreign noise); returns replies to add, given the probe and time. */
    public Function<Probe, List<Reply>> extra = p -> List.of();
    /** Probes (by send index, from 0) the network loses. */
    public final java.util.Set<Integer> lost = new java.util.HashSet<>();
    private final PriorityQueue<Reply> queue = new PriorityQueue<>((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
    private long clock = 1_700_000_000_000_000_000L;
    private int nextPort = 40000;
    public int maxOutstanding;
    public boolean closed;
    /** How often the engine announced a flood. */
    public int floodsExpected;
    /** What {@link #path} says (null, as a fake that does not say). */
    public String pathName;

    @Override
    public String path(ProbeMethod method) {
        return pathName;
    }

    @Override
    public void expectFlood() {
        floodsExpected++;
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public SimulatedNetwork router(String address, long rttMicros) {
        path.add(new Router(ip(address), rttMicros, false));
        return this;
    }

    public SimulatedNetwork silentRouter(String address) {
        path.add(new Router(ip(address), 0, true));
        return this;
    }

    public SimulatedNetwork destination(String address, long rttMicros, Destination behaviour) {
        this.destination = ip(address);
        this.destinationRttMicros = rttMicros;
        this.behaviour = behaviour;
        return this;
    }

    @Override
    public Sent send(Probe p) {
        clock += 10_000; // 10 us per send
        int index = sent.size();
        sent.add(p);
        sendTimes.add(clock);
        // connect()ed SYNs are told apart by their source port, Paris SYNs (flow >= 0) by their token
        int token = p.method() == ProbeMethod.TCP && p.flow() < 0 ? nextPort++ : p.token();
        List<Router> path = flowPaths == null ? this.path : flowPaths.apply(Math.max(0, p.flow()));
        long at = clock;
        int ttl = p.ttl() <= 0 ? 64 : p.ttl();
        if (!lost.contains(index)) {
            if (ttl <= path.size()) {
                Router r = path.get(ttl - 1);
                if (!r.silent()) {
                    boolean v6 = p.ipv6();
                    queue.add(new Reply(r.address(), ReplyKind.TIME_EXCEEDED, p.method(), p.destination(), token,
                            v6 ? 3 : 11, 0, 0, 64, 36, at + r.rttMicros() * 1000));
                }
            } else if (behaviour == Destination.ANSWER && p.destination().equals(destination)) {
                long t = at + destinationRttMicros * 1000;
                boolean v6 = p.ipv6();
                queue.add(switch (p.method()) {
                    case ICMP -> new Reply(destination, ReplyKind.ECHO_REPLY, ProbeMethod.ICMP, destination, token,
                            v6 ? 129 : 0, 0, 0, 64 - path.size(), 8 + p.size(), t);
                    case UDP -> new Reply(destination, ReplyKind.UNREACHABLE, ProbeMethod.UDP, destination, token,
                            v6 ? 1 : 3, v6 ? 4 : 3, 0, 64 - path.size(), 36, t);
                    case TCP -> new Reply(destination, ReplyKind.TCP_SYN_ACK, ProbeMethod.TCP, destination, token,
                            -1, -1, 0, 64 - path.size(), 20, t);
                });
            }
        }
        for (Reply r : extra.apply(new Probe(p.destination(), p.method(), token, p.ttl(), p.size(), p.port(),
                p.pmtu(), p.pattern(), p.flow()))) {
            queue.add(r.withTime(at + r.timeNanos()));
        }
        maxOutstanding = Math.max(maxOutstanding, queue.size());
        return new Sent(at, token);
    }

    @Override
    public Reply receive(long deadlineNanos) {
        Reply next = queue.peek();
        if (next != null && next.timeNanos() <= Math.max(deadlineNanos, clock)) {
            queue.poll();
            clock = Math.max(clock, next.timeNanos());
            return next;
        }
        if (deadlineNanos != Long.MIN_VALUE) {
            clock = Math.max(clock, deadlineNanos);
        }
        return null;
    }

    @Override
    public long now() {
        return clock;
    }

    /** Moves the virtual clock (a test's "the JVM paused here"). */
    public void advance(long nanos) {
        clock += nanos;
    }

    @Override
    public void close() {
        closed = true;
    }
}
