package dev.netkit.scan;

/**
 * nmap's --host-timeout for one sending loop: a host's clock starts at its first probe, and a host past the limit
 * is skipped in its table (no more probes; left out of the report). Not thread-safe: one per loop.
 */
final class HostTimeout {
    private final long limitNanos;
    /** When each host's first probe went (0: not yet); null when there is no limit. */
    private final long[] firstProbe;

    /** @param limitNanos the time a host is given (0: no limit) */
    HostTimeout(long limitNanos, int hosts) {
        this.limitNanos = limitNanos;
        this.firstProbe = limitNanos > 0 ? new long[hosts] : null;
    }

    /** True when host {@code h} is past its time at {@code now}; the table then skips it. */
    boolean expired(PortTable table, int h, long now) {
        if (firstProbe == null) {
            return false;
        }
        if (firstProbe[h] == 0) {
            firstProbe[h] = now;
            return false;
        }
        if (now - firstProbe[h] > limitNanos) {
            table.skip(h);
            return true;
        }
        return false;
    }
}
