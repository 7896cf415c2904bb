package dev.netkit.scan;

import dev.netkit.NetkitException;

import java.util.Locale;

/**
 * How fast a scan goes and how long it waits: nmap's timing templates ({@code -T0} to {@code -T5}, nmap.cc's values:
 * initial, least and most retransmission timeout, retries, delay between probes, probes in flight) and the options
 * that override them. The rates bound the congestion control ({@link ScanPacer}): {@code minRate} and
 * {@code maxRate} as nmap's --min-rate/--max-rate, {@code fixedRate} as masscan's --rate (no congestion control).
 *
 * @param level          the template, 0 to 5
 * @param initialRtt     the wait for a reply before any round trip was measured (nanoseconds)
 * @param minRtt         the least wait for a reply, whatever was measured
 * @param maxRtt         the most wait for a reply
 * @param maxRetries     retransmissions of an unanswered probe at most
 * @param scanDelay      the least time between two probes to one host (0: none)
 * @param maxParallelism probes in flight at most (0: the congestion window's own limit)
 * @param minRate        probes per second at least (0: none)
 * @param maxRate        probes per second at most (0: none)
 * @param fixedRate      probes per second, whatever the replies say (0: congestion control)
 */
public record ScanTiming(int level, long initialRtt, long minRtt, long maxRtt, int maxRetries, long scanDelay,
                         int maxParallelism, double minRate, double maxRate, double fixedRate) {
    private static final long MS = 1_000_000L;
    /** --max-retries at most (nmap takes any; 50 retransmissions already wait minutes at -T3's most timeout). */
    public static final int MAX_RETRIES = 50;
    /** Probes per second at most. */
    public static final int MAX_RATE = 100_000_000;

    /** nmap's template {@code level}: -T3 (Normal) is the default, as nmap's. */
    public static ScanTiming template(int level) {
        return switch (level) {
            // nmap's setInitialRttTimeout raises the most wait to the initial one
            case 0 -> new ScanTiming(0, 300_000 * MS, 100 * MS, 300_000 * MS, 10, 300_000 * MS, 1, 0, 0, 0);
            case 1 -> new ScanTiming(1, 15_000 * MS, 100 * MS, 15_000 * MS, 10, 15_000 * MS, 1, 0, 0, 0);
            case 2 -> new ScanTiming(2, 1000 * MS, 100 * MS, 10_000 * MS, 10, 400 * MS, 1, 0, 0, 0);
            case 3 -> new ScanTiming(3, 1000 * MS, 100 * MS, 10_000 * MS, 10, 0, 0, 0, 0, 0);
            case 4 -> new ScanTiming(4, 500 * MS, 100 * MS, 1250 * MS, 6, 0, 0, 0, 0, 0);
            case 5 -> new ScanTiming(5, 250 * MS, 50 * MS, 300 * MS, 2, 0, 0, 0, 0, 0);
            default -> throw NetkitException.usage("-T takes 0 to 5 (got " + level + ")");
        };
    }

    public ScanTiming withMaxRetries(int n) {
        if (n < 0 || n > MAX_RETRIES) {
            throw NetkitException.usage("--max-retries takes 0 to 50 (got " + n + ")");
        }
        return new ScanTiming(level, initialRtt, minRtt, maxRtt, n, scanDelay, maxParallelism, minRate, maxRate,
                fixedRate);
    }

    /** nmap's --min-rate and --max-rate (0: not given). */
    public ScanTiming withRates(double min, double max) {
        checkRate(min, "--min-rate");
        checkRate(max, "--max-rate");
        if (min > 0 && max > 0 && min > max) {
            throw NetkitException.usage("--min-rate " + fmt(min) + " is above --max-rate " + fmt(max));
        }
        return new ScanTiming(level, initialRtt, minRtt, maxRtt, maxRetries, scanDelay, maxParallelism, min, max,
                fixedRate);
    }

    /** masscan's --rate: this many probes a second, no congestion control. */
    public ScanTiming withFixedRate(double pps) {
        checkRate(pps, "--rate");
        return new ScanTiming(level, initialRtt, minRtt, maxRtt, maxRetries, scanDelay, maxParallelism, minRate,
                maxRate, pps);
    }

    private static void checkRate(double pps, String option) {
        if (!(pps >= 0 && pps <= MAX_RATE) || Double.isNaN(pps)) {
            throw NetkitException.usage(option + " takes probes per second, above 0 (got " + fmt(pps) + ")");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Parses a rate option: a plain decimal number of probes per second (its range is the caller's to check). */
    public static double rate(String text, String option) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!text.contains("e") && !text.contains("E") && !text.contains("n") && !text.contains("N")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw NetkitException.usage(option + " takes probes per second, above 0 (got '" + text + "')");
    }

    /**
     * nmap's time syntax: a plain decimal number with ms, s, m or h (plain: seconds), in nanoseconds (saturated at
     * {@code Long.MAX_VALUE}); its range is the caller's to check.
     */
    public static long duration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1_000_000_000L;
        String num = t;
        if (t.endsWith("ms")) {
            unit = 1_000_000L;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000_000_000L;
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000_000_000L;
            num = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(num);
            if (!num.contains("e") && !num.contains("n")) {
                return (long) (v * unit);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw NetkitException.usage(option + " takes a time such as 30s, 500ms, 2m (got '" + text + "')");
    }
}
