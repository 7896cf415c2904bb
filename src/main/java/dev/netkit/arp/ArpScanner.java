package dev.netkit.arp;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.Frame;
import dev.netkit.packet.MacAddress;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * arp-scan's job: an ARP request to every target, paced, with rounds of retries for the silent ones, and every
 * reply reported as it comes (duplicates and conflicting MACs included). Single-threaded: between two sends it
 * reads replies until the next send is due ({@link Pacer}).
 *
 * <p>After each round it waits for the timeout; {@link #adaptive} makes it wait only a few of the round trips
 * seen so far (nmap's way on a LAN: ARP answers come in microseconds) and stop as soon as every target answered.
 */
public final class ArpScanner {
    /** Round trips to wait for after the last request of a round, in adaptive mode. */
    static final int RTT_FACTOR = 4;

    private final FrameChannel channel;
    private final ArpEndpoint from;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int retries;
    private final long adaptiveFloorNanos;

    /**
     * @param intervalNanos time between two requests
     * @param timeoutNanos  how long to wait for replies after the last request of each round
     * @param retries       how many rounds in all (1 = no retry)
     */
    public ArpScanner(FrameChannel channel, ArpEndpoint from, long intervalNanos, long timeoutNanos, int retries) {
        this(channel, from, intervalNanos, timeoutNanos, retries, -1);
    }

    private BooleanSupplier stop;
    private LongConsumer requestsDone = done -> {
    };

    private ArpScanner(FrameChannel channel, ArpEndpoint from, long intervalNanos, long timeoutNanos, int retries,
                       long adaptiveFloorNanos) {
        this.channel = channel;
        this.from = from;
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.retries = Math.max(1, retries);
        this.adaptiveFloorNanos = adaptiveFloorNanos;
    }

    /**
     * The same scanner, but once replies came it waits after a round only {@value #RTT_FACTOR} times the slowest
     * round trip seen (at least {@code floorNanos}, at most the timeout), and it stops when every target answered.
     */
    public ArpScanner adaptive(long floorNanos) {
        return new ArpScanner(channel, from, intervalNanos, timeoutNanos, retries, Math.max(0, floorNanos));
    }

    /** The BPF filter a live channel for this scanner should use: ARP replies only. */
    public static String filter() {
        return "arp and arp[6:2] = 2";
    }

    /** How often a wait for frames looks at a stop request (a capture's receive cannot be woken). */
    static final long STOP_CHECK_NANOS = 100_000_000L;

    /** Makes {@link #scan} end soon, with the answers so far, once {@code stop} says so (Ctrl-C). */
    public ArpScanner stoppingWhen(BooleanSupplier stop) {
        this.stop = stop;
        return this;
    }

    /**
     * {@code channel.receive(deadline)} in slices, so that a {@code stop} request (null: none) ends the wait
     * within {@link #STOP_CHECK_NANOS}; null at the deadline or once stopped.
     */
    public static CapturedFrame receive(FrameChannel channel, long deadline, BooleanSupplier stop) {
        if (stop == null) {
            return channel.receive(deadline);
        }
        while (!stop.getAsBoolean()) {
            long slice = Math.min(deadline, System.nanoTime() + STOP_CHECK_NANOS);
            CapturedFrame f = channel.receive(slice);
            if (f != null || slice == deadline || channel.ended()) {
                return f;
            }
        }
        return null;
    }

    /**
     * Makes {@link #scan} report its progress to {@code requestsDone}: the requests settled so far of
     * targets x rounds (sent, or not needed because the target already answered), for feedback on long scans.
     */
    public ArpScanner reportingTo(LongConsumer requestsDone) {
        this.requestsDone = requestsDone;
        return this;
    }

    private boolean stopped() {
        return stop != null && stop.getAsBoolean();
    }

    /**
     * How long to wait after the last request of a round, given the slowest round trip seen so far (negative:
     * none seen yet): the timeout, or in adaptive mode a few round trips once there is one.
     */
    long waitAfterRound(long slowestRttNanos) {
        if (adaptiveFloorNanos < 0 || slowestRttNanos < 0) {
            return timeoutNanos;
        }
        return Math.min(timeoutNanos, Math.max(adaptiveFloorNanos, RTT_FACTOR * slowestRttNanos));
    }

    /** Scans the targets; each reply goes to {@code sink} as it arrives. Returns the first answer per address. */
    public List<ArpAnswer> scan(List<Inet4Address> targets, Consumer<ArpAnswer> sink) {
        Round state = new Round(sink, new HashSet<>(targets).size());
        long settled = 0;
        for (int round = 0; round < retries && !stopped(); round++) {
            Pacer pacer = new Pacer(intervalNanos);
            for (Inet4Address t : targets) {
                if (stopped()) {
                    break;
                }
                settled++;
                if (state.answers.containsKey(t)) {
                    continue;
                }
                pacer.awaitTurn(until -> state.drainUntil(until, false, false));
                state.sentAt.put(t, epochNanos());
                channel.send(ArpMessage.request(from.mac(), from.ip(), t).toFrame());
                requestsDone.accept(settled);
            }
            state.lastSend = System.nanoTime();
            requestsDone.accept(settled); // the round's last targets may have needed no request
            if (!state.allAnswered() || adaptiveFloorNanos < 0) {
                state.drainUntil(0, true, adaptiveFloorNanos >= 0);
            }
            if (state.allAnswered()) {
                requestsDone.accept((long) targets.size() * retries); // no round left to ask
                break;
            }
        }
        List<ArpAnswer> first = new ArrayList<>();
        state.answers.values().forEach(l -> first.add(l.get(0)));
        return first;
    }

    /** What a scan learnt so far: when each target was asked, who answered, the slowest round trip. */
    private final class Round {
        final Map<Inet4Address, Long> sentAt = new HashMap<>();
        final Map<Inet4Address, List<ArpAnswer>> answers = new LinkedHashMap<>();
        final Consumer<ArpAnswer> sink;
        final int targets;
        long slowestRtt = -1;
        long lastSend;

        Round(Consumer<ArpAnswer> sink, int targets) {
            this.sink = sink;
            this.targets = targets;
        }

        boolean allAnswered() {
            return answers.size() >= targets;
        }

        /**
         * Reads replies until {@code deadline}, or ({@code afterRound}) until the wait after the round's last
         * request is over; {@code stopWhenAllAnswered} returns as soon as every target answered.
         */
        void drainUntil(long deadline, boolean afterRound, boolean stopWhenAllAnswered) {
            while (!(stopWhenAllAnswered && allAnswered())) {
                long until = afterRound ? lastSend + waitAfterRound(slowestRtt) : deadline;
                // past the deadline, receive still hands over what is already queued, then null
                CapturedFrame f = receive(channel, until, stop);
                if (f == null) {
                    return; // the deadline passed (or, for a scripted channel, nothing more is queued)
                }
                ArpMessage m = replyIn(f, from.mac());
                if (m == null || !sentAt.containsKey(m.senderIp())) {
                    continue;
                }
                List<ArpAnswer> earlier = answers.computeIfAbsent(m.senderIp(), k -> new ArrayList<>());
                boolean conflict = earlier.stream().anyMatch(a -> !a.mac().equals(m.senderMac()));
                long rtt = Math.max(0, f.timestampNanos() - sentAt.get(m.senderIp()));
                slowestRtt = Math.max(slowestRtt, rtt);
                ArpAnswer a = new ArpAnswer(m.senderIp(), m.senderMac(), rtt / 1e6, earlier.size(), conflict,
                        isTo(f, from.mac()));
                earlier.add(a);
                sink.accept(a);
            }
        }
    }

    /** The ARP reply in a captured frame, or null when it is something else or sent by us. */
    static ArpMessage replyIn(CapturedFrame f, MacAddress self) {
        try {
            Frame frame = Frame.decode(f.linkType(), f.data());
            ArpMessage m = frame.arp().orElse(null);
            if (m == null || !m.answers(null, self)) {
                return null;
            }
            return m;
        } catch (RuntimeException e) {
            return null; // a malformed frame is not an answer
        }
    }

    static boolean isTo(CapturedFrame f, MacAddress self) {
        byte[] d = f.data();
        if (d.length < 6) {
            return false;
        }
        byte[] dst = new byte[6];
        System.arraycopy(d, 0, dst, 0, 6);
        return MacAddress.of(dst).equals(self);
    }

    public static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
