package dev.netkit.scan;

/**
 * How long a scanner waits for a reply, from the round trips it has measured, as nmap does: srtt + 4 rttvar
 * (RFC 6298's smoothing) kept within [minWait, maxWait]; the initial wait before the first sample.
 */
final class RoundTripTimer {
    private final long minWaitNanos;
    private final long maxWaitNanos;
    private final long initialNanos;
    private double srtt = -1;
    private double rttvar;

    RoundTripTimer(long minWaitNanos, long maxWaitNanos) {
        this(minWaitNanos, maxWaitNanos, maxWaitNanos);
    }

    RoundTripTimer(long minWaitNanos, long maxWaitNanos, long initialNanos) {
        this.minWaitNanos = Math.min(minWaitNanos, maxWaitNanos);
        this.maxWaitNanos = maxWaitNanos;
        this.initialNanos = Math.min(initialNanos, maxWaitNanos);
    }

    long timeoutNanos() {
        if (srtt < 0) {
            return initialNanos;
        }
        return Math.max(minWaitNanos, Math.min(maxWaitNanos, (long) (srtt + 4 * rttvar)));
    }

    boolean measured() {
        return srtt >= 0;
    }

    void sample(double rttNanos) {
        if (srtt < 0) {
            srtt = rttNanos;
            rttvar = rttNanos / 2;
        } else {
            rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - rttNanos);
            srtt = 0.875 * srtt + 0.125 * rttNanos;
        }
    }
}
