package dev.netkit.scan;

/**
 * When the next probe may go, and how long to wait for its reply: nmap's congestion control (scan_engine.cc,
 * timing.cc) for one group of hosts. Each host and the group keep a congestion window and a slow-start threshold;
 * a reply opens the windows (by one a reply in slow start, by {@code caIncr}/cwnd beyond it, both scaled by how
 * many probes went unanswered, as nmap's cc_scale); a reply to a retransmitted probe is a drop, which sets the
 * threshold to the probes in flight over a divisor and the host's window back to one (the group's halves). The
 * wait for a reply is srtt + 4 rttvar (RFC 6298), per host, within the template's least and most; and a host is
 * given one retransmission while it answered every first try, as nmap's allowedTryno, and more once a reply
 * needed some (see {@link #allowedTries}). Rates: masscan's fixed rate replaces the windows; nmap's --min-rate sends past a full window,
 * --max-rate holds back an open one. Thread-safe (the connect scanner's loops share one).
 */
public final class ScanPacer {
    private static final double LOW_CWND = 1;
    private static final double INITIAL_CWND = 10;
    private static final double INITIAL_SSTHRESH = 75;
    private static final double CC_SCALE_MAX = 50;
    /** A rate's bucket: at most this much of probes at once after an idle spell. */
    private static final long BUCKET_NANOS = 10_000_000L;
    /**
     * A fixed rate keeps its schedule through a stall of the sender (descheduled on a busy machine, a garbage
     * collection): the probes it owes go afterwards, up to this far behind; further behind, it starts afresh, as
     * masscan's throttler does when its last 256 batches span more than a second.
     */
    private static final long MAX_DEBT_NANOS = 1_000_000_000L;
    /** How fast a fixed rate pays what it owes: twice the rate at most, so a stall's probes never go in one burst. */
    private static final double CATCH_UP = 2;

    private final ScanTiming timing;
    private final double maxCwnd;
    private final double caIncr;
    private final double ssthreshDivisor;
    private final long startNanos = System.nanoTime();

    private double groupCwnd = INITIAL_CWND;
    private double groupSsthresh = INITIAL_SSTHRESH;
    private int groupInFlight;
    private long groupLastDrop;
    private long expected;
    private long received;
    private final RoundTripTimer groupTimer;

    private final double[] cwnd;
    private final double[] ssthresh;
    private final int[] inFlight;
    private final long[] lastDrop;
    private final long[] lastSend;
    private final byte[] maxSuccessfulTry;
    private final RoundTripTimer[] timers;
    private long sent;
    private long triesRaised;
    private long nextDue;
    /** A fixed rate owing probes: when the next may go at {@link #CATCH_UP} times the rate. */
    private long nextCatchUp;

    public ScanPacer(ScanTiming timing, int hosts) {
        this.timing = timing;
        this.maxCwnd = Math.max(LOW_CWND, timing.maxParallelism() > 0 ? timing.maxParallelism() : 300);
        this.caIncr = timing.level() < 4 ? 1 : 2;
        this.ssthreshDivisor = timing.level() <= 3 ? 1.5 : timing.level() == 4 ? 4.0 / 3 : 1.25;
        this.groupCwnd = Math.min(groupCwnd, maxCwnd);
        this.groupTimer = new RoundTripTimer(timing.minRtt(), timing.maxRtt(), timing.initialRtt());
        cwnd = new double[hosts];
        ssthresh = new double[hosts];
        inFlight = new int[hosts];
        lastDrop = new long[hosts];
        lastSend = new long[hosts];
        maxSuccessfulTry = new byte[hosts];
        timers = new RoundTripTimer[hosts];
        java.util.Arrays.fill(cwnd, Math.min(INITIAL_CWND, maxCwnd));
        java.util.Arrays.fill(ssthresh, INITIAL_SSTHRESH);
        nextDue = startNanos;
        nextCatchUp = startNanos;
    }

    /** True when no window limits the sending, only the fixed rate (masscan's --rate). */
    public boolean fixedRate() {
        return timing.fixedRate() > 0;
    }

    /**
     * When a probe to host {@code h} may go: {@code now} or earlier when it may go now, a later time when a rate
     * holds it back until then, {@link Long#MAX_VALUE} when only a reply or a timeout can open the window.
     */
    public synchronized long nextSend(int h, long now) {
        double rate = timing.fixedRate() > 0 ? timing.fixedRate() : timing.maxRate();
        long due = rate > 0 ? nextDue : now;
        if (timing.fixedRate() > 0) {
            return Math.max(due, nextCatchUp);
        }
        if (timing.scanDelay() > 0 && lastSend[h] != 0) {
            due = Math.max(due, lastSend[h] + timing.scanDelay());
        }
        boolean open = inFlight[h] < Math.floor(cwnd[h]) && groupInFlight < Math.floor(groupCwnd);
        if (!open) {
            // --min-rate: behind its schedule, a probe goes whatever the windows say
            if (timing.minRate() > 0) {
                long behind = startNanos + (long) (sent / timing.minRate() * 1e9);
                return Math.max(due, behind);
            }
            return Long.MAX_VALUE;
        }
        return due;
    }

    /** A probe to host {@code h} went out at {@code now}. */
    public synchronized void sent(int h, long now) {
        sent++;
        inFlight[h]++;
        groupInFlight++;
        lastSend[h] = now;
        double rate = timing.fixedRate() > 0 ? timing.fixedRate() : timing.maxRate();
        if (rate > 0) {
            double interval = 1e9 / rate;
            if (timing.fixedRate() > 0 && sent > 1) {
                // masscan's --rate is probes a second over the scan: what a stall held back goes later, at twice
                // the rate at most (and no more at once than the bucket's 10 ms); before the first probe, nothing
                // is owed
                nextDue = Math.max(nextDue, now - MAX_DEBT_NANOS) + (long) interval;
                long bucket = (long) (BUCKET_NANOS / CATCH_UP);
                nextCatchUp = Math.max(nextCatchUp, now - bucket) + (long) (interval / CATCH_UP);
            } else {
                // at most 10 ms of probes at once after an idle spell (a token bucket's depth)
                nextDue = Math.max(nextDue, now - BUCKET_NANOS) + (long) interval;
            }
        }
    }

    /**
     * The sender has nothing to send at {@code now} (every probe sent, waiting for replies or a free slot): a fixed
     * rate owes nothing for the spell, so the probes that come later go at the rate, not at the catch-up's.
     */
    public synchronized void idle(long now) {
        nextDue = Math.max(nextDue, now - BUCKET_NANOS);
        nextCatchUp = Math.max(nextCatchUp, now - BUCKET_NANOS);
    }

    /**
     * A reply to a probe of host {@code h}: {@code tryNo} is the probe's last try (0: the first), sent at
     * {@code sentAt}; {@code inFlight} false when the probe had timed out already (its window share was
     * returned then).
     */
    public synchronized void answered(int h, int tryNo, long sentAt, long now, boolean wasInFlight) {
        if (wasInFlight) {
            release(h);
        }
        expected++;
        received++;
        if (tryNo == 0) {
            double rtt = now - sentAt;
            groupTimer.sample(rtt);
            timer(h).sample(rtt);
        } else {
            // a reply to a retransmission: the first try or its reply was lost
            if (sentAt - lastDrop[h] > 0 || lastDrop[h] == 0) {
                ssthresh[h] = Math.max(inFlight[h] / ssthreshDivisor, 2);
                cwnd[h] = LOW_CWND;
                lastDrop[h] = now;
            }
            if (sentAt - groupLastDrop > 0 || groupLastDrop == 0) {
                groupSsthresh = Math.max(groupInFlight / ssthreshDivisor, 2);
                groupCwnd = Math.max(LOW_CWND, groupCwnd / 2);
                groupLastDrop = now;
            }
            if (tryNo > maxSuccessfulTry[h]) {
                maxSuccessfulTry[h] = (byte) Math.min(tryNo, 100);
                triesRaised++;
            }
        }
        double scale = Math.min((double) expected / received, CC_SCALE_MAX);
        cwnd[h] = grow(cwnd[h], ssthresh[h], scale);
        groupCwnd = grow(groupCwnd, groupSsthresh, scale);
    }

    private double grow(double w, double threshold, double scale) {
        double next = w < threshold ? Math.min(threshold, w + scale) : w + caIncr / w * scale;
        return Math.min(next, maxCwnd);
    }

    /** A probe of host {@code h} went unanswered within its timeout. */
    public synchronized void timedOut(int h) {
        release(h);
    }

    /** A probe gave up for good (no reply after its last try). */
    public synchronized void gaveUp() {
        expected++;
    }

    private void release(int h) {
        inFlight[h] = Math.max(0, inFlight[h] - 1);
        groupInFlight = Math.max(0, groupInFlight - 1);
    }

    /**
     * How many tries a probe to host {@code h} gets now: all of --max-retries at a fixed rate; else two while the
     * host answered every first try (nmap's allowedTryno, so silent ports of a clean host cost little), and once
     * a reply needed m retransmissions, 3m + 2 up to --max-retries. nmap allows m + 2, so on a lossy path the
     * port that lost the most tries often reads filtered (20% loss each way loses a try in three); every try
     * would make a spurious drop on a busy machine cost each silent port all eleven tries at -T3.
     */
    public synchronized int allowedTries(int h) {
        int max = timing.maxRetries() + 1;
        return timing.fixedRate() > 0 ? max : Math.min(max, 3 * maxSuccessfulTry[h] + 2);
    }

    /** How many times a host's allowance of tries grew (a benched probe may go again when this changes). */
    public synchronized long triesRaised() {
        return triesRaised;
    }

    /** The wait for a reply from host {@code h}: its own measure, else the group's. */
    public synchronized long timeoutNanos(int h) {
        RoundTripTimer t = timers[h];
        return t != null && t.measured() ? t.timeoutNanos() : groupTimer.timeoutNanos();
    }

    /** The group's wait for a reply (no host in particular). */
    public synchronized long timeoutNanos() {
        return groupTimer.timeoutNanos();
    }

    private RoundTripTimer timer(int h) {
        if (timers[h] == null) {
            timers[h] = new RoundTripTimer(timing.minRtt(), timing.maxRtt(), timing.initialRtt());
        }
        return timers[h];
    }

    /** The group's congestion window now (for tests and --stats-every). */
    synchronized double groupWindow() {
        return groupCwnd;
    }
}
