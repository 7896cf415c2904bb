package dev.netkit.cli.render;

import dev.netkit.scan.ScanControl;

import java.io.PrintWriter;

/**
 * Progress of a long scan on stderr ({@link Progress}): percent of probes settled, rate and ETA. On a terminal one
 * line is rewritten once a second (after the first two seconds); with --stats-every a line is printed each period.
 */
public final class ScanProgress implements AutoCloseable {
    private final Progress progress;

    private ScanProgress(Progress progress) {
        this.progress = progress;
    }

    public static ScanProgress start(ScanControl control, PrintWriter err, long everyNanos) {
        return start(control, err, everyNanos, false);
    }

    /** As {@link #start(ScanControl, PrintWriter, long)}; with {@code json}, nothing is shown (for cli.Scan). */
    public static ScanProgress start(ScanControl control, PrintWriter err, long everyNanos, boolean json) {
        return new ScanProgress(Progress.start("scan", "probes", control::done, control::total, err, json,
                everyNanos));
    }

    /** One progress line: 42.0% (27530/65535 probes), 9811 probes/s, ETA 3.9 s. */
    public static String line(long done, long total, double seconds) {
        return Progress.line("scan", "probes", done, total, seconds);
    }

    @Override
    public void close() {
        progress.close();
    }
}
