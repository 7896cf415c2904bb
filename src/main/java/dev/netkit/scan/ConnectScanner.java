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
    private final RoundTripTimer timer;
    private final int retries;
    private final Supplier<Connector> connectors;
    private final int workers;
    /** Below this many probes one loop does it all (host discovery's probes, small scans). */
    static final int WORKER_MIN_PROBES = 4096;

    public ConnectScanner(int parallel, long minWaitNanos, long maxWaitNanos, int retries) {
        this(Math.min(parallel, openFileLimit() / 2), minWaitNanos, maxWaitNanos, retries,
                EpollConnector::best, Math.min(4, Runtime.getRuntime().availableProcessors()));
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
        this.workers = Math.max(1, workers);
        this.parallel = Math.max(1, parallel);
        this.timer = new RoundTripTimer(minWaitNanos, maxWaitNanos);
        this.retries = retries;
        this.connectors = connectors;
    }

    /** How long to wait for a reply now (see {@link RoundTripTimer}). */
    long timeoutNanos() {
        synchronized (timer) {
            return timer.timeoutNanos();
        }
    }

    private void sample(double rttNanos) {
        synchronized (timer) {
            timer.sample(rttNanos);
        }
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
        long hostTimeout = control.hostTimeoutNanos();
        long[] hostStart = hostTimeout > 0 ? new long[hosts] : null;
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
        int[] ids = new int[Math.min(window, 1024)];
        Connector.Outcome[] outcomes = new Connector.Outcome[ids.length];
        boolean fresh = true; // probes not yet taken may remain
        int inFlight = 0;
        try (Connector c = connectors.get()) {
            while (!control.stopped()) {
                // fill free slots, a few at a time so replies are read while many connects start: retries first
                int started = 0;
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
                    if (hostStart != null) {
                        if (hostStart[h] == 0) {
                            hostStart[h] = now;
                        } else if (now - hostStart[h] > hostTimeout) {
                            table.skip(h);
                            continue;
                        }
                    }
                    int s = free.pop();
                    Connector.Outcome o = c.start(s, table.host(h), table.port(probe));
                    if (o != null) {
                        free.push(s);
                        settle(table, control, probe, o, attempt, System.nanoTime() - now, again);
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
                        break;
                    }
                    continue;
                }
                // drop finished slots from the head of the age queue; the head is the next to time out
                while (!byAge.isEmpty() && stale(byAge.peek(), slotGen)) {
                    byAge.poll();
                }
                boolean more = !free.isEmpty() && (!again.isEmpty() || fresh);
                long deadline = more ? 0 : slotStart[(int) (byAge.peek() >>> 32)] + timeoutNanos();
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
                        settle(table, control, slotProbe[s], outcomes[i], slotTry[s], now - slotStart[s], again);
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
                    if (now - slotStart[s] < timeoutNanos()) {
                        break;
                    }
                    byAge.poll();
                    c.cancel(s);
                    free.push(s);
                    slotGen[s]++;
                    inFlight--;
                    giveUpOrRetry(table, control, slotProbe[s], slotTry[s], again);
                }
            }
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
                        long nanos, ArrayDeque<long[]> again) {
        switch (o) {
            case CONNECTED -> {
                sample(nanos);
                record(table, control, probe, PortState.OPEN, "syn-ack", nanos / 1e6);
            }
            case REFUSED -> {
                sample(nanos);
                record(table, control, probe, PortState.CLOSED, "conn-refused", nanos / 1e6);
            }
            case UNREACHABLE -> record(table, control, probe, PortState.FILTERED, "host-unreach", nanos / 1e6);
            case FAILED -> giveUpOrRetry(table, control, probe, attempt, again);
        }
    }

    private void giveUpOrRetry(PortTable table, ScanControl control, int probe, int attempt,
                               ArrayDeque<long[]> again) {
        if (attempt < retries) {
            again.add(new long[] {probe, attempt + 1});
        } else {
            record(table, control, probe, PortState.FILTERED, "no-response", -1);
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
                    String soft = l.substring(26).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? 1 << 20 : Integer.parseInt(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back
        }
        return 1024;
    }
}
