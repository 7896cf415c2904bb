package dev.netkit.scan;

/**
 * How long a scanner waits for a reply, from the round trips it has measured, as nmap does: srtt + 4 rttvar
 * (RFC 6298's smoothing) kept within [minWait, maxWait]; maxWait before the first sample.
 */
final class RoundTripTimer {
    private final long minWaitNanos;
    private final long maxWaitNanos;
    private double srtt = -1;
    private double rttvar;

    RoundTripTimer(long minWaitNanos, long maxWaitNanos) {
        this.minWaitNanos = Math.min(minWaitNanos, maxWaitNanos);
        this.maxWaitNanos = maxWaitNanos;
    }

    long timeoutNanos() {
        if (srtt < 0) {
            return maxWaitNanos;
        }
        return Math.max(minWaitNanos, Math.min(maxWaitNanos, (long) (srtt + 4 * rttvar)));
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
