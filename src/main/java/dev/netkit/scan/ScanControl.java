package dev.netkit.scan;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running scan shares with its caller: a stop request (Ctrl-C: the engines return what they know so
 * far), the progress (probes settled out of the total, for a progress line), and the per-host time limit.
 */
public final class ScanControl {
    private volatile boolean stopped;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final long hostTimeoutNanos;

    /** @param hostTimeoutNanos give up on a host after this long (0: never), as nmap's --host-timeout */
    public ScanControl(long hostTimeoutNanos) {
        this.hostTimeoutNanos = hostTimeoutNanos;
    }

    public static ScanControl none() {
        return new ScanControl(0);
    }

    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public long hostTimeoutNanos() {
        return hostTimeoutNanos;
    }

    void addTotal(long n) {
        total.addAndGet(n);
    }

    void settled(long n) {
        done.addAndGet(n);
    }

    public long total() {
        return total.get();
    }

    public long done() {
        return done.get();
    }
}
