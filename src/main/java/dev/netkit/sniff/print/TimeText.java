package dev.netkit.sniff.print;

import java.util.TimeZone;

/**
 * tcpdump's timestamps: {@code HH:MM:SS.uuuuuu} in local time by default; with -t none, -tt epoch seconds,
 * -ttt the delta to the previous packet, -tttt date and time, -ttttt the delta to the first packet.
 * The local offset is looked up once per second of capture time, not per packet.
 */
final class TimeText {
    private final int mode;
    private final boolean nanos;
    // java.util's zone, not java.time's: the same tzdb offsets, but java.time's ZoneRulesProvider first looks for
    // providers as a service, which opens the jar (2,400 entries) on every sniff -r
    private final TimeZone zone = TimeZone.getDefault();
    private long cachedSecond = Long.MIN_VALUE;
    private final StringBuilder cachedPrefix = new StringBuilder(32);
    private long previous = Long.MIN_VALUE;
    private long first = Long.MIN_VALUE;

    /** {@code mode} is how many -t were given (0 = default); {@code nanos} prints 9 digits instead of 6. */
    TimeText(int mode, boolean nanos) {
        this.mode = mode;
        this.nanos = nanos;
    }

    void append(StringBuilder b, long epochNanos) {
        long sec = Math.floorDiv(epochNanos, 1_000_000_000L);
        long frac = Math.floorMod(epochNanos, 1_000_000_000L);
        switch (mode) {
            case 0 -> {
                clock(b, sec, false);
                fraction(b, frac);
            }
            case 1 -> {
                return;
            }
            case 2 -> {
                b.append(sec);
                fraction(b, frac);
            }
            case 3, 5 -> {
                long base = mode == 3 ? previous : first;
                long d = base == Long.MIN_VALUE ? 0 : epochNanos - base;
                if (first == Long.MIN_VALUE) {
                    first = epochNanos;
                }
                previous = epochNanos;
                b.append(d < 0 ? '-' : ' ');
                d = Math.abs(d);
                long ds = d / 1_000_000_000L;
                // tcpdump formats the delta as a UTC clock time (%H:%M:%S): hours in two digits, days dropped
                two(b, (int) (ds / 3600 % 24)).append(':');
                two(b, (int) (ds / 60 % 60)).append(':');
                two(b, (int) (ds % 60));
                fraction(b, d % 1_000_000_000L);
            }
            default -> {
                clock(b, sec, true);
                fraction(b, frac);
            }
        }
        b.append(' ');
    }

    private void clock(StringBuilder b, long sec, boolean date) {
        if (sec != cachedSecond || date != (cachedPrefix.length() > 8)) {
            cachedSecond = sec;
            cachedPrefix.setLength(0);
            long local = sec + Math.floorDiv(zone.getOffset(sec * 1000), 1000);
            long day = Math.floorDiv(local, 86400);
            int sod = (int) Math.floorMod(local, 86400);
            if (date) {
                java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
                cachedPrefix.append(d.getYear()).append('-');
                two(cachedPrefix, d.getMonthValue()).append('-');
                two(cachedPrefix, d.getDayOfMonth()).append(' ');
            }
            two(cachedPrefix, sod / 3600).append(':');
            two(cachedPrefix, sod / 60 % 60).append(':');
            two(cachedPrefix, sod % 60);
        }
        b.append(cachedPrefix);
    }

    /** "000" to "999": a fraction is two or three of them (no division per digit in the hot loop). */
    private static final String[] THREE = new String[1000];

    static {
        for (int i = 0; i < 1000; i++) {
            THREE[i] = String.valueOf(1000 + i).substring(1);
        }
    }

    private void fraction(StringBuilder b, long frac) {
        b.append('.');
        if (nanos) {
            b.append(THREE[(int) (frac / 1_000_000)]).append(THREE[(int) (frac / 1000 % 1000)])
                    .append(THREE[(int) (frac % 1000)]);
        } else {
            long v = frac / 1000;
            b.append(THREE[(int) (v / 1000)]).append(THREE[(int) (v % 1000)]);
        }
    }

    private static StringBuilder two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        return b.append(v);
    }
}
