package dev.netkit.ping;

/**
 * min/avg/max/mdev over round-trip times in microseconds, computed as iputils ping does (integer microseconds,
 * mdev = sqrt(mean of squares - square of mean), the variance taken in the order that avoids rounding to zero).
 * Also the mean and population standard deviation mtr prints.
 */
public final class RttStatistics {
    /**
     * No locale: ASCII digits, as iputils prints. A locale's digits come from the JDK's locale data, whose first look-up
     * was a quarter of a {@code ping -c1} (issue 17).
     */
    private static final java.util.Locale PLAIN = null;
    private long count;
    private long sum;
    private long sumSquares;
    private long min = Long.MAX_VALUE;
    private long max;
    private long last;

    public void add(long micros) {
        count++;
        sum += micros;
        sumSquares += micros * micros;
        min = Math.min(min, micros);
        max = Math.max(max, micros);
        last = micros;
    }

    /** Adds every round trip of {@code other} (fping -s: the figures over all targets). */
    public void add(RttStatistics other) {
        if (other.count == 0) {
            return;
        }
        count += other.count;
        sum += other.sum;
        sumSquares += other.sumSquares;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        last = other.last;
    }

    public long count() {
        return count;
    }

    public long minMicros() {
        return count == 0 ? 0 : min;
    }

    public long maxMicros() {
        return max;
    }

    public long lastMicros() {
        return last;
    }

    public long avgMicros() {
        return count == 0 ? 0 : sum / count;
    }

    /** iputils' mdev in whole microseconds. */
    public long mdevMicros() {
        if (count == 0) {
            return 0;
        }
        long variance = sum < Integer.MAX_VALUE
                ? (sumSquares - (sum * sum) / count) / count
                : sumSquares / count - avgMicros() * avgMicros();
        return isqrt(Math.max(0, variance));
    }

    /** Integer square root rounded down, as iputils' llsqrt. */
    static long isqrt(long a) {
        long r = (long) Math.sqrt((double) a);
        while (r > 0 && r > a / r) {
            r--;
        }
        while (r + 1 <= a / (r + 1)) {
            r++;
        }
        return r;
    }

    /** "0.107" as iputils prints a microsecond count in milliseconds in its summary. */
    public static String millis3(long micros) {
        return micros / 1000 + "." + String.format(PLAIN, "%03d", micros % 1000);
    }

    /** A reply's time= as iputils prints it: 3 decimals under 1 ms, 2 under 10, 1 under 100, none above. */
    public static String replyTime(long micros) {
        if (micros >= 100_000 - 50) {
            return Long.toString((micros + 500) / 1000);
        } else if (micros >= 10_000 - 5) {
            return (micros + 50) / 1000 + "." + ((micros + 50) % 1000) / 100;
        } else if (micros >= 1000) {
            return (micros + 5) / 1000 + "." + String.format(PLAIN, "%02d", ((micros + 5) % 1000) / 10);
        }
        return micros / 1000 + "." + String.format(PLAIN, "%03d", micros % 1000);
    }
}
