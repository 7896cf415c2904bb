package dev.netkit.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * nmap's -sT: a full connect() per port, at most {@code parallel} at once (kept below the open-file limit), all
 * driven from event loops over {@link Connector}s ({@link EpollConnector} where it works). Connected is open
 * (syn-ack), refused closed (conn-refused), no route filtered (host-unreach), no answer within the
 * retransmission timeout after every retry filtered (no-response). The timeout follows the measured round trips
 * as nmap's does: srtt + 4 rttvar (RFC 6298) kept between {@code minWait} and {@code maxWait}. Needs no
 * privilege; works for IPv6 too.
 */
public final class ConnectScanner {
    private final int parallel;
    private final ScanTiming timing;
    private ScanPacer pacer;
    private final Supplier<Connector> connectors;
    private final int workers;
    /** Below this many probes one loop does it all (host discovery's probes, small scans). */
    static final int WORKER_MIN_PROBES = 4096;

    public ConnectScanner(int parallel, long minWaitNanos, long maxWaitNanos, int retries) {
        this(Math.min(parallel, openFileLimit() / 2), minWaitNanos, maxWaitNanos, retries,
                EpollConnector::best, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** A scanner paced as nmap's -sT: the congestion control, timeouts and retries of {@code timing}. */
    public ConnectScanner(ScanTiming timing) {
        this(Math.min(1000, openFileLimit() / 2), timing, EpollConnector::best,
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** A scanner with a fixed timeout per attempt (host discovery's single probes use {@link #probe}). */
    public ConnectScanner(int parallel, int timeoutMs, int retries) {
        this(parallel, timeoutMs * 1_000_000L, timeoutMs * 1_000_000L, retries);
    }

    ConnectScanner(int parallel, long minWaitNanos, long maxWaitNanos, int retries, Supplier<Connector> connectors) {
        this(parallel, minWaitNanos, maxWaitNanos, retries, connectors, 1);
    }

    /** @param workers how many loops share a large scan (each gets a connector of its own) */
    ConnectScanner(int parallel, long minWaitNanos, long maxWaitNanos, int retries, Supplier<Connector> connectors,
                   int workers) {
        // no congestion control: every slot may be used at once, and every retry is made
        this(parallel, new ScanTiming(3, maxWaitNanos, minWaitNanos, maxWaitNanos, retries, 0, 0, 0, 0,
                Double.MAX_VALUE), connectors, workers);
    }

    ConnectScanner(int parallel, ScanTiming timing, Supplier<Connector> connectors, int workers) {
        this.workers = Math.max(1, workers);
        this.parallel = Math.max(1, parallel);
        this.timing = timing;
        this.pacer = new ScanPacer(timing, 1);
        this.connectors = connectors;
    }

    /** How long to wait for a reply now (the group's measure, see {@link ScanPacer}). */
    long timeoutNanos() {
        return pacer.timeoutNanos();
    }

    /**
     * Scans every (target, port), hosts interleaved port by port. A stopped {@code control} ends the scan with
     * what is known; a host over the host timeout is skipped. A large scan is shared among {@link #workers}
     * loops on their own threads, each with its own connector and share of the slots: the kernel does most of
     * a connect's work (the SYN's and the RST's way through the stack) in the caller's thread, so one loop
     * keeps one core busy and leaves the others idle.
     */
    public PortTable scan(List<? extends InetAddress> targets, List<Integer> ports, ScanControl control) {
        PortTable table = new PortTable(targets, ports, "tcp");
        int n = table.size();
        control.addTotal(n);
        pacer = new ScanPacer(timing, targets.size());
        int loops = n >= WORKER_MIN_PROBES ? Math.min(workers, parallel) : 1;
        if (loops == 1) {
            run(table, control, new AtomicInteger(), parallel);
            return table;
        }
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < loops; w++) {
            int slots = parallel / loops + (w < parallel % loops ? 1 : 0);
            // platform threads: the connector's epoll wait blocks in native code and would pin a virtual one
            threads.add(Thread.ofPlatform().daemon().name("connect-scan-" + w).start(() -> {
                try {
                    run(table, control, next, slots);
                } catch (Throwable e) { // all of it: the thread's default handler would print a stack trace
                    failure.compareAndSet(null, e);
                    control.stop();
                }
            }));
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            // an interrupt stops the scan, but every loop is waited for: none outlives the call
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    control.stop();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        if (e != null) {
            throw new IllegalStateException("connect scan loop failed: " + e, e);
        }
        return table;
    }

    /**
     * One loop: takes the next probe from {@code next}, shared by all loops (a fixed stride would give each loop
     * only some of the hosts, probe % hosts, and leave slots idle), with at most {@code window} in flight.
     */
    private void run(PortTable table, ScanControl control, AtomicInteger next, int window) {
        int n = table.size();
        int hosts = table.hostCount();
        HostTimeout hostTimeout = new HostTimeout(control.hostTimeoutNanos(), hosts);
        // one slot per attempt in flight: which probe, since when, which try
        int[] slotProbe = new int[window];
        long[] slotStart = new long[window];
        int[] slotTry = new int[window];
        int[] slotGen = new int[window];
        ArrayDeque<Integer> free = new ArrayDeque<>(window);
        for (int s = window - 1; s >= 0; s--) {
            free.push(s);
        }
        // slots in the order they started (slot << 32 | generation), so the oldest is the next to time out
        ArrayDeque<Long> byAge = new ArrayDeque<>(window);
        ArrayDeque<long[]> again = new ArrayDeque<>(); // {probe, try} waiting to be retried
        ArrayDeque<long[]> bench = new ArrayDeque<>(); // {probe, try} out of tries, unless the host's allowance grows
        long benchSeen = pacer.triesRaised();
        long held = Long.MAX_VALUE; // when the pacer lets the next probe go, if it held one back
        int[] ids = new int[Math.min(window, 1024)];
        Connector.Outcome[] outcomes = new Connector.Outcome[ids.length];
        boolean fresh = true; // probes not yet taken may remain
        int inFlight = 0;
        try (Connector c = connectors.get()) {
            while (!control.stopped()) {
                // fill free slots, a few at a time so replies are read while many connects start: retries first
                int started = 0;
                held = Long.MAX_VALUE;
                while (!free.isEmpty() && (!again.isEmpty() || fresh) && started++ < 64) {
                    int probe;
                    int attempt;
                    if (!again.isEmpty()) {
                        long[] a = again.poll();
                        probe = (int) a[0];
                        attempt = (int) a[1];
                    } else {
                        probe = next.getAndIncrement();
                        if (probe >= n) {
                            fresh = false;
                            continue;
                        }
                        attempt = 0;
                    }
                    int h = probe % hosts;
                    long now = System.nanoTime();
                    if (table.skipped(h)) {
                        continue;
                    }
                    if (hostTimeout.expired(table, h, now)) {
                        continue;
                    }
                    long due = pacer.nextSend(h, now);
                    if (due - now > 0) {
                        again.addFirst(new long[] {probe, attempt}); // not yet: the windows or the rate hold it
                        held = due;
                        break;
                    }
                    int s = free.pop();
                    pacer.sent(h, now);
                    Connector.Outcome o = c.start(s, table.host(h), table.port(probe));
                    if (o != null) {
                        free.push(s);
                        settle(table, control, probe, o, attempt, now, System.nanoTime(), again, bench);
                        continue;
                    }
                    slotProbe[s] = probe;
                    slotStart[s] = now;
                    slotTry[s] = attempt;
                    slotGen[s]++;
                    byAge.add((long) s << 32 | slotGen[s]);
                    inFlight++;
                }
                if (inFlight == 0) {
                    if (again.isEmpty() && !fresh) {
                        if (bench.isEmpty() || pacer.triesRaised() == benchSeen) {
                            break;
                        }
                        benchSeen = pacer.triesRaised();
                        for (int i = bench.size(); i > 0; i--) {
                            long[] b = bench.poll();
                            if (b[1] + 1 < pacer.allowedTries((int) b[0] % hosts)) {
                                again.add(new long[] {b[0], b[1] + 1});
                            } else {
                                bench.add(b);
                            }
                        }
                        continue;
                    }
                    // nothing in flight here: wait out the rate's hold, or another loop's replies opening the window
                    c.poll(held != Long.MAX_VALUE ? held : System.nanoTime() + 1_000_000L, ids, outcomes);
                    continue;
                }
                // drop finished slots from the head of the age queue; the head is the next to time out
                while (!byAge.isEmpty() && stale(byAge.peek(), slotGen)) {
                    byAge.poll();
                }
                boolean more = !free.isEmpty() && (!again.isEmpty() || fresh);
                if (!more) {
                    pacer.idle(System.nanoTime()); // every slot busy or nothing left: the rate owes nothing for it
                }
                int oldest = (int) (byAge.peek() >>> 32);
                long timeout = slotStart[oldest] + pacer.timeoutNanos(slotProbe[oldest] % hosts);
                long deadline = !more ? timeout : held == Long.MAX_VALUE ? 0 : Math.min(held, timeout);
                long now;
                int k;
                do {
                    // take every attempt that has ended before deciding which ones timed out
                    k = c.poll(deadline, ids, outcomes);
                    now = System.nanoTime();
                    for (int i = 0; i < k; i++) {
                        int s = ids[i];
                        free.push(s);
                        slotGen[s]++;
                        inFlight--;
                        settle(table, control, slotProbe[s], outcomes[i], slotTry[s], slotStart[s], now, again, bench);
                    }
                    deadline = 0;
                } while (k == ids.length);
                // time out the oldest attempts
                while (!byAge.isEmpty()) {
                    long head = byAge.peek();
                    if (stale(head, slotGen)) {
                        byAge.poll();
                        continue;
                    }
                    int s = (int) (head >>> 32);
                    if (now - slotStart[s] < pacer.timeoutNanos(slotProbe[s] % hosts)) {
                        break;
                    }
                    byAge.poll();
                    c.cancel(s);
                    free.push(s);
                    slotGen[s]++;
                    inFlight--;
                    pacer.timedOut(slotProbe[s] % hosts);
                    giveUpOrRetry(table, control, slotProbe[s], slotTry[s], again, bench);
                }
            }
        }
        for (long[] b : control.stopped() ? List.<long[]>of() : bench) {
            pacer.gaveUp();
            record(table, control, (int) b[0], PortState.FILTERED, "no-response", -1);
        }
    }

    /** One blocking probe of one port (for callers that want one answer, such as host discovery). */
    public PortResult probe(ScanTarget t, int port) {
        PortTable one = scan(List.of(t.address()), List.of(port), ScanControl.none());
        return one.result(0);
    }

    private static boolean stale(long entry, int[] slotGen) {
        return slotGen[(int) (entry >>> 32)] != (int) entry;
    }

    private void settle(PortTable table, ScanControl control, int probe, Connector.Outcome o, int attempt,
                        long started, long now, ArrayDeque<long[]> again, ArrayDeque<long[]> bench) {
        int h = probe % table.hostCount();
        double ms = (now - started) / 1e6;
        if (o == Connector.Outcome.FAILED) {
            pacer.timedOut(h);
            giveUpOrRetry(table, control, probe, attempt, again, bench);
            return;
        }
        pacer.answered(h, attempt, started, now, true);
        switch (o) {
            case CONNECTED -> record(table, control, probe, PortState.OPEN, "syn-ack", ms);
            case REFUSED -> record(table, control, probe, PortState.CLOSED, "conn-refused", ms);
            default -> record(table, control, probe, PortState.FILTERED, "host-unreach", ms);
        }
    }

    /** Retries a probe while its host allows tries; else benches it (filtered at the end unless the allowance grows). */
    private void giveUpOrRetry(PortTable table, ScanControl control, int probe, int attempt,
                               ArrayDeque<long[]> again, ArrayDeque<long[]> bench) {
        if (attempt + 1 < pacer.allowedTries(probe % table.hostCount())) {
            again.add(new long[] {probe, attempt + 1});
        } else {
            bench.add(new long[] {probe, attempt});
        }
    }

    private static void record(PortTable table, ScanControl control, int probe, PortState state, String reason,
                               double rttMs) {
        if (table.set(probe, state, reason, rttMs)) {
            control.settled(1);
        }
    }

    /** The soft open-file limit of this process (/proc/self/limits), 1024 when unknown. */
    static int openFileLimit() {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max open files")) {
                    String limits = l.substring(26).strip(); // "1024 1048576 files": the soft limit first
                    int end = limits.indexOf(' ');
                    String soft = end < 0 ? limits : limits.substring(0, end);
                    return soft.equals("unlimited") ? 1 << 20 : Integer.parseInt(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back
        }
        return 1024;
    }
}
