package dev.netkit.cli;

import dev.netkit.NetkitException;

import java.math.BigDecimal;

/**
 * The range of a numeric option, checked one way with one message shape for every command:
 * {@code -c 0 is out of range: use 1 or more}, {@code -p 70000 is out of range: use 1..65535}. A command checks in
 * {@code call()}, after picocli has parsed the number, so its start-up fast path (which skips picocli) checks alike.
 */
public final class OptionRange {
    /** Counts of probes, cycles, hosts: at least one. */
    public static final OptionRange COUNT = whole(1, Integer.MAX_VALUE);
    /** IPv4 time to live, IPv6 hop limit (RFC 791, RFC 8200): 0 would never leave the host. */
    public static final OptionRange TTL = whole(1, 255);
    /** A TCP or UDP destination port (port 0 is reserved, RFC 6335). */
    public static final OptionRange PORT = whole(1, 65535);
    /** Intervals and deadlines in seconds, 0 allowed (as iputils' -i and -w: at most INT_MAX seconds). */
    public static final OptionRange SECONDS = seconds(false);
    /** Timeouts in seconds, above 0. */
    public static final OptionRange POSITIVE_SECONDS = seconds(true);
    /** Waits and gaps in milliseconds, 0 allowed. */
    public static final OptionRange MILLISECONDS = new OptionRange(0, Integer.MAX_VALUE, false, false, "milliseconds");
    /** Rates, above 0. */
    public static final OptionRange PER_SECOND = new OptionRange(0, Integer.MAX_VALUE, false, true, "per second");

    private static final double MAX_SECONDS = Integer.MAX_VALUE;

    private final double min;
    private final double max;
    private final boolean whole;
    private final boolean minExcluded;
    /** What the number counts, when the range says it ("seconds"), else empty. */
    private final String unit;

    private OptionRange(double min, double max, boolean whole, boolean minExcluded, String unit) {
        this.min = min;
        this.max = max;
        this.whole = whole;
        this.minExcluded = minExcluded;
        this.unit = unit;
    }

    /** Whole numbers from {@code min} to {@code max}, both included. */
    public static OptionRange whole(long min, long max) {
        return new OptionRange(min, max, true, false, "");
    }

    /** Whole seconds from {@code min} to {@code max}, both included (timeouts given in whole seconds). */
    public static OptionRange wholeSeconds(long min, long max) {
        return new OptionRange(min, max, true, false, "seconds");
    }

    /** Seconds above 0, at most {@code max}, fractions allowed. */
    public static OptionRange positiveSeconds(long max) {
        return new OptionRange(0, max, false, true, "seconds");
    }

    /** Rates above 0, at most {@code max} per second, fractions allowed. */
    public static OptionRange perSecond(long max) {
        return new OptionRange(0, max, false, true, "per second");
    }

    private static OptionRange seconds(boolean aboveZero) {
        return new OptionRange(0, MAX_SECONDS, false, aboveZero, "seconds");
    }

    /** {@code value} when it is in range; else a usage error (exit 2) naming the option and the range. */
    public int check(String option, int value) {
        if (value < min || value > max || minExcluded && value == min) {
            throw refused(option, Integer.toString(value));
        }
        return value;
    }

    /** {@code value} when it is in range (not NaN, not infinite); else a usage error naming the option. */
    public double check(String option, double value) {
        if (!(minExcluded ? value > min : value >= min) || !(value <= max)) {
            throw refused(option, Double.isFinite(value) ? new BigDecimal(Double.toString(value))
                    .stripTrailingZeros().toPlainString() : Double.toString(value));
        }
        return value;
    }

    /** As {@link #check(String, int)} for an option that may be absent: null passes. */
    public void checkIfGiven(String option, Integer value) {
        if (value != null) {
            check(option, (int) value);
        }
    }

    /** As {@link #check(String, double)} for an option that may be absent: null passes. */
    public void checkIfGiven(String option, Double value) {
        if (value != null) {
            check(option, (double) value);
        }
    }

    /**
     * As {@link #check(String, double)} for a value read from {@code typed} (a time such as 2m, which the message
     * shows as typed).
     */
    public double check(String option, String typed, double value) {
        try {
            return check(option, value);
        } catch (NetkitException e) {
            throw refused(option, typed);
        }
    }

    private NetkitException refused(String option, String value) {
        return NetkitException.usage(option + " " + value + " is out of range: use " + this);
    }

    /** As {@link #check(String, int)}, for values beyond an int (32-bit sequence numbers, identifications). */
    public long check(String option, long value) {
        if (value < min || value > max || minExcluded && value == min) {
            throw refused(option, Long.toString(value));
        }
        return value;
    }

    /** The range as the message says it: "1..255", "1 or more", "seconds above 0, at most 3600", "1..60 seconds". */
    @Override
    public String toString() {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        if (minExcluded) {
            return (unit.isEmpty() ? "" : unit + " ") + "above " + (long) min + ", at most " + (long) max;
        }
        return (max == Integer.MAX_VALUE || max >= Long.MAX_VALUE) && whole ? (long) min + " or more" + suffix
                : (long) min + ".." + (long) max + suffix;
    }
}
