package dev.netkit.cli.render;

import dev.netkit.scan.ScanControl;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress of a long scan on stderr: percent of probes settled, rate and ETA. On a terminal one line is
 * rewritten once a second (after the first two seconds); with --stats-every a line is printed each period.
 */
public final class ScanProgress implements AutoCloseable {
    private final Thread thread;
    private final boolean terminal;
    private final PrintWriter err;
    private volatile boolean shown;

    private ScanProgress(ScanControl control, PrintWriter err, long everyNanos, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        if (everyNanos <= 0 && !terminal) {
            thread = null;
            return;
        }
        long period = everyNanos > 0 ? everyNanos : 1_000_000_000L;
        long quiet = everyNanos > 0 ? 0 : 2_000_000_000L;
        long start = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("scan-progress").start(() -> {
            try {
                Thread.sleep(Math.max(1, (quiet + period) / 1_000_000));
                while (!Thread.currentThread().isInterrupted()) {
                    print(control, start);
                    Thread.sleep(Math.max(1, period / 1_000_000));
                }
            } catch (InterruptedException e) {
                // done
            }
        });
    }

    public static ScanProgress start(ScanControl control, PrintWriter err, long everyNanos) {
        return new ScanProgress(control, err, everyNanos, stderrIsTerminal());
    }

    /** Whether fd 2 is a terminal (Java cannot ask isatty for stderr; /proc can). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    /** One progress line: 42.0% (27530/65535 probes), 9811 probes/s, ETA 3.9 s. */
    public static String line(long done, long total, double seconds) {
        double pct = total == 0 ? 0 : 100.0 * done / total;
        double rate = seconds <= 0 ? 0 : done / seconds;
        String eta = rate <= 0 || done >= total ? "-" : String.format(Locale.ROOT, "%.1f s", (total - done) / rate);
        return String.format(Locale.ROOT, "scan: %.1f%% (%d/%d probes), %.0f probes/s, ETA %s", pct, done, total,
                rate, eta);
    }

    private void print(ScanControl control, long start) {
        String l = line(control.done(), control.total(), (System.nanoTime() - start) / 1e9);
        synchronized (err) {
            if (terminal) {
                err.print("\r\033[K" + l);
            } else {
                err.println(l);
            }
            err.flush();
        }
        shown = true;
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal && shown) {
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
