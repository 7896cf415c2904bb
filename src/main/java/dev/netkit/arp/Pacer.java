package dev.netkit.arp;

import java.util.function.LongConsumer;

/**
 * Spaces a scan's requests at an interval on average without a wake-up per request: the requests that are due
 * go out together, and the time until the next one is spent reading replies. Sending flat out (interval 0) it
 * still reads every {@value #BURST} requests so the capture buffer does not fill up.
 */
final class Pacer {
    /** Shorter waits are not worth a trip through poll(2): the request goes out with the ones due. */
    static final long MIN_WAIT_NANOS = 1_000_000L;
    static final int BURST = 256;

    private final long intervalNanos;
    private final long start;
    private long sent;

    Pacer(long intervalNanos) {
        this.intervalNanos = Math.max(0, intervalNanos);
        this.start = System.nanoTime();
    }

    /** Call before each request; {@code readUntil} reads replies until the {@link System#nanoTime} it is given. */
    void awaitTurn(LongConsumer readUntil) {
        long due = start + sent * intervalNanos;
        long now = System.nanoTime();
        if (due - now >= MIN_WAIT_NANOS) {
            readUntil.accept(due);
        } else if (sent % BURST == BURST - 1) {
            readUntil.accept(now);
        }
        sent++;
    }
}
