package dev.netkit.ping;

import dev.netkit.probe.ReplyKind;
import dev.netkit.probe.Sent;
import dev.netkit.probe.Reply;
import dev.netkit.probe.PmtuMode;
import dev.netkit.probe.Probe;
import dev.netkit.probe.ProbeChannel;
import dev.netkit.probe.ProbeMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pings one or more targets round-robin through a {@link ProbeChannel}, matches what comes back to our probes
 * (token and quoted destination), and reports {@link PingEvent}s. Timing follows iputils: one round per interval,
 * then a linger for late replies (twice the slowest round trip when something answered, else the -W timeout or
 * 10 s), never beyond the -w deadline.
 */
public final class PingEngine {
    /** How to ping; times in nanoseconds, 0 meaning "not set". */
    public record Options(ProbeMethod method, int port, int count, long intervalNanos, int size, int ttl,
                          long timeoutNanos, long deadlineNanos, PmtuMode pmtu, byte[] pattern, boolean flood) {
        public static Options defaults() {
            return new Options(ProbeMethod.ICMP, 0, 0, 1_000_000_000L, 56, 0, 0, 0, null, new byte[0], false);
        }
    }

    private static final long DEFAULT_LINGER = 10_000_000_000L;
    private static final long FLOOD_GAP = 10_000_000L;

    private final ProbeChannel channel;
    private final Options options;
    private final Consumer<PingEvent> sink;
    private volatile boolean stopped;

    private final class State {
        final PingTarget target;
        int nextSeq = 1;
        int transmitted;
        int received;
        int duplicates;
        int errors;
        final BitSet answered = new BitSet();
        final BitSet reportedMissing = new BitSet();
        final RttStatistics rtt = new RttStatistics();

        State(PingTarget target) {
            this.target = target;
        }
    }

    private record InFlight(State state, int seq, long sentNanos) {
    }

    /** The probe behind each token (16 bits: ICMP sequence, IPv4 id, TCP port); a later probe replaces it. */
    private final InFlight[] inFlight = new InFlight[65536];
    /** Probes sent and neither answered nor failed yet, over all targets. */
    private int outstanding;
    private int nextToken = 1;

    public PingEngine(ProbeChannel channel, Options options, Consumer<PingEvent> sink) {
        this.channel = channel;
        this.options = options;
        this.sink = sink;
    }

    /** Ends the run at the next chance (Ctrl-C); the summaries are still reported. */
    public void stop() {
        stopped = true;
    }

    public List<PingEvent.Summary> run(List<PingTarget> targets) throws IOException {
        List<State> states = new ArrayList<>();
        for (PingTarget t : targets) {
            states.add(new State(t));
            int header = options.method() == ProbeMethod.TCP ? 20 : 8;
            int ip = t.address() instanceof java.net.Inet6Address ? 40 : 20;
            sink.accept(new PingEvent.Start(t, options.size(), options.size() + header + ip));
        }
        for (PingTarget t : targets) {
            channel.prepare(t.address(), options.method());
        }
        if (options.flood()) {
            channel.expectFlood();
        }
        boolean single = targets.size() == 1;
        long start = channel.now();
        deadline = options.deadlineNanos() > 0 ? start + options.deadlineNanos() : Long.MAX_VALUE;
        nextSend = start;
        lingerEnd = Long.MAX_VALUE;
        rounds = 0;
        this.states = states;
        this.single = single;
        while (!stopped && step()) {
            // one send or one receive per step
        }
        long elapsed = (channel.now() - start) / 1_000_000;
        List<PingEvent.Summary> summaries = new ArrayList<>();
        for (State s : states) {
            for (int seq = 1; seq < s.nextSeq; seq++) {
                if (!s.answered.get(seq) && !s.reportedMissing.get(seq)) {
                    sink.accept(new PingEvent.Timeout(s.target, seq));
                }
            }
            PingEvent.Summary sum = new PingEvent.Summary(s.target, s.transmitted, s.received, s.duplicates, s.errors,
                    elapsed, s.rtt);
            summaries.add(sum);
            sink.accept(sum);
        }
        sink.accept(PingEvent.Totals.of(summaries));
        return summaries;
    }

    private long deadline;
    private long nextSend;
    private long lingerEnd;
    private int rounds;
    private List<State> states;
    private boolean single;

    /**
     * One turn of the loop: send the next round when it is due, else wait for one reply until the next event.
     * A method of its own so that the JIT compiles it after a few hundred turns (a loop inside one long call would
     * wait for on-stack replacement, which C1 alone reaches only after tens of thousands of iterations).
     */
    private boolean step() throws IOException {
        long now = channel.now();
        if (now >= deadline) {
            drainQueued();
            return false;
        }
        boolean allSent = options.count() > 0 && rounds >= options.count();
        if (allSent) {
            if (outstanding == 0) {
                return false;
            }
            if (now >= lingerEnd && options.deadlineNanos() == 0) {
                drainQueued();
                return false;
            }
        } else if (now >= nextSend) {
            for (State s : states) {
                sendOne(s, single);
            }
            rounds++;
            long sentAt = channel.now();
            nextSend = options.flood() ? sentAt + Math.max(FLOOD_GAP, options.intervalNanos())
                    : Math.max(nextSend + options.intervalNanos(), sentAt);
            if (options.count() > 0 && rounds >= options.count()) {
                lingerEnd = sentAt + linger(states);
            }
            return true;
        }
        long wake = Math.min(deadline, allSent ? lingerEnd : nextSend);
        if (options.deadlineNanos() > 0 && allSent) {
            wake = deadline;
        }
        Reply r = channel.receive(wake);
        if (r != null && handle(r) && options.flood() && options.intervalNanos() == 0 && outstanding == 0) {
            nextSend = channel.now();
        }
        return true;
    }

    /** Takes the replies that already arrived (a slow JVM moment must not turn them into losses). */
    private void drainQueued() throws IOException {
        for (Reply r; (r = channel.receive(Long.MIN_VALUE)) != null; ) {
            handle(r);
        }
    }

    private long linger(List<State> states) {
        if (options.timeoutNanos() > 0) {
            return options.timeoutNanos();
        }
        if (states.stream().anyMatch(s -> s.received == 0)) {
            return DEFAULT_LINGER;
        }
        long maxRtt = states.stream().mapToLong(s -> s.rtt.maxMicros()).max().orElse(0);
        return Math.max(2 * maxRtt * 1000, 1_000_000L);
    }

    private void sendOne(State s, boolean single) throws IOException {
        int seq = s.nextSeq++;
        if (seq > 1 && !s.answered.get(seq - 1) && !options.flood()) {
            s.reportedMissing.set(seq - 1);
            sink.accept(new PingEvent.Timeout(s.target, seq - 1));
        }
        int token = single ? seq & 0xffff : nextToken++ & 0xffff;
        Probe p = new Probe(s.target.address(), options.method(), token, options.ttl(), options.size(),
                options.port(), options.pmtu(), options.pattern());
        Sent sent = channel.send(p);
        s.transmitted++;
        outstanding++;
        inFlight[sent.token() & 0xffff] = new InFlight(s, seq, sent.timeNanos());
        sink.accept(new PingEvent.Transmit(s.target, seq));
    }

    /** Reports one reply; true when it answered one of our probes. */
    private boolean handle(Reply r) {
        InFlight f = r.token() < 0 ? null : inFlight[r.token() & 0xffff];
        if (f == null || r.method() != options.method()) {
            return false;
        }
        State s = f.state;
        if (!r.probeDestination().equals(s.target.address())) {
            return false;
        }
        boolean udpAnswer = options.method() == ProbeMethod.UDP && r.kind() == ReplyKind.UNREACHABLE
                && s.target.address().equals(r.from()) && (r.icmpCode() == (r.icmpType() == 1 ? 4 : 3));
        if (r.isError() && !udpAnswer) {
            if (!s.answered.get(f.seq)) {
                outstanding--;
            }
            s.errors++;
            s.answered.set(f.seq);
            sink.accept(new PingEvent.Error(s.target, r.from(), f.seq, r.kind(), r.icmpType(), r.icmpCode(), r.mtu(),
                    r.timeNanos()));
            return true;
        }
        long rtt = Math.max(0, (r.timeNanos() - f.sentNanos) / 1000);
        boolean dup = s.answered.get(f.seq);
        if (dup) {
            s.duplicates++;
        } else {
            s.received++;
            outstanding--;
            s.answered.set(f.seq);
            s.rtt.add(rtt);
        }
        sink.accept(new PingEvent.Answer(s.target, r.from(), r.kind(), f.seq, r.ttl(), r.bytes(), rtt, dup, r.timeNanos()));
        return true;
    }
}
