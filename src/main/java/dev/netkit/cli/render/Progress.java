package dev.netkit.cli.render;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Feedback on long work, on stderr, for every command that has some (scan's probes, dig -f's lookups, sniff -r's
 * kB read, trace --report's cycles, arp scan's requests): percent
 * done, rate and ETA. On a terminal one line is rewritten each second once the work has lasted two seconds, and
 * cleared at the end; with a period of its own (scan's {@code --stats-every}) a line is printed each period,
 * wherever stderr goes. Nothing with {@code --json}, nor on a stderr that is not a terminal unless a period is
 * asked. The work counts itself ({@code done}, {@code total}); this class only reads the counts.
 */
public final class Progress implements AutoCloseable {
    private static final long SECOND = 1_000_000_000L;

    private final String label;
    private final String unit;
    private final LongSupplier done;
    private final LongSupplier total;
    private final PrintWriter err;
    private final boolean terminal;
    /** Whether lines are shown at all: on a terminal, or each period asked. */
    private final boolean active;
    private final long period;
    private final LongSupplier clock;
    private final long start;
    private final Thread thread;
    private long due;
    private boolean shown;

    private Progress(String label, String unit, LongSupplier done, LongSupplier total, PrintWriter err,
                     boolean terminal, long everyNanos, LongSupplier clock, boolean threaded) {
        this.label = label;
        this.unit = unit;
        this.done = done;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.period = everyNanos > 0 ? everyNanos : SECOND;
        this.clock = clock;
        this.start = clock.getAsLong();
        // on a terminal without a period asked, short work shows nothing: the first line after two quiet seconds
        this.due = start + (everyNanos > 0 ? 0 : 2 * SECOND) + period;
        this.active = everyNanos > 0 || terminal;
        thread = threaded && active ? Thread.ofPlatform().daemon().name(label + "-progress").start(this::loop) : null;
    }

    /**
     * Starts showing the progress of {@code done} out of {@code total} units, from a thread of its own.
     *
     * @param json whether the command prints JSON: then nothing is shown
     * @param everyNanos print a line each period wherever stderr goes (0: only on a terminal, each second)
     */
    public static Progress start(String label, String unit, LongSupplier done, LongSupplier total, PrintWriter err,
                                 boolean json, long everyNanos) {
        return new Progress(label, unit, done, total, err, !json && terminal(2), json ? 0 : everyNanos,
                System::nanoTime, true);
    }

    /** Without a thread: the caller's {@link #tick()} prints, with the caller's clock and terminal (tests). */
    static Progress manual(String label, String unit, LongSupplier done, LongSupplier total, PrintWriter err,
                           boolean terminal, long everyNanos, LongSupplier clock) {
        return new Progress(label, unit, done, total, err, terminal, everyNanos, clock, false);
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (Java cannot ask isatty; /proc can). */
    public static boolean terminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    /** One line: {@code scan: 42.0% (27530/65535 probes), 9811 probes/s, ETA 3.9 s}. */
    public static String line(String label, String unit, long done, long total, double seconds) {
        double pct = total == 0 ? 0 : 100.0 * done / total;
        double rate = seconds <= 0 ? 0 : done / seconds;
        String eta = rate <= 0 || done >= total ? "-" : String.format(Locale.ROOT, "%.1f s", (total - done) / rate);
        return String.format(Locale.ROOT, "%s: %.1f%% (%d/%d %s), %.0f %s/s, ETA %s", label, pct, done, total, unit,
                rate, unit, eta);
    }

    /** Prints a line if one is due by the clock; returns whether it did. */
    synchronized boolean tick() {
        long now = clock.getAsLong();
        if (!active || now < due) {
            return false;
        }
        String l = line(label, unit, done.getAsLong(), total.getAsLong(), (now - start) / 1e9);
        synchronized (err) {
            if (terminal) {
                err.print("\r\033[K" + l);
            } else {
                err.println(l);
            }
            err.flush();
        }
        shown = true;
        due = now + period;
        return true;
    }

    private synchronized long waitNanos() {
        return due - clock.getAsLong();
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long wait = waitNanos();
                if (wait > 0) {
                    Thread.sleep(Math.max(1, (wait + 999_999) / 1_000_000));
                }
                tick();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Stops the line, and clears it from a terminal. */
    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (terminal && shown) {
                synchronized (err) {
                    err.print("\r\033[K");
                    err.flush();
                }
                shown = false;
            }
        }
    }
}
