package dev.netkit.cli.render;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared progress line, driven by a fake clock and a fake terminal flag (no thread). */
class ProgressTest {
    static final long MS = 1_000_000L;
    static final String CLEAR = "\r\033[K";

    final AtomicLong clock = new AtomicLong(1_000 * MS); // any start: only differences count
    final AtomicLong done = new AtomicLong();
    final StringWriter err = new StringWriter();

    Progress progress(boolean terminal, long everyNanos) {
        return Progress.manual("dig", "lookups", done::get, () -> 100, new PrintWriter(err), terminal, everyNanos,
                clock::get);
    }

    void at(long msFromStart) {
        clock.set(1_000 * MS + msFromStart * MS);
    }

    @Test
    void onATerminalTheLineComesAfterTwoQuietSecondsIsRewrittenEachSecondAndClearedAtTheEnd() {
        Progress p = progress(true, 0);
        done.set(10);
        at(500);
        assertFalse(p.tick());
        at(2_999);
        assertFalse(p.tick());
        assertEquals("", err.toString()); // short work shows nothing
        done.set(50);
        at(3_000);
        assertTrue(p.tick());
        assertEquals(CLEAR + "dig: 50.0% (50/100 lookups), 17 lookups/s, ETA 3.0 s", err.toString());
        at(3_500);
        assertFalse(p.tick());
        done.set(80);
        at(4_000);
        assertTrue(p.tick());
        p.close();
        assertEquals(CLEAR + "dig: 50.0% (50/100 lookups), 17 lookups/s, ETA 3.0 s"
                + CLEAR + "dig: 80.0% (80/100 lookups), 20 lookups/s, ETA 1.0 s" + CLEAR, err.toString());
    }

    @Test
    void nothingWhenStderrIsNotATerminal() {
        Progress p = progress(false, 0);
        done.set(50);
        for (long ms = 0; ms <= 60_000; ms += 500) {
            at(ms);
            assertFalse(p.tick());
        }
        p.close();
        assertEquals("", err.toString());
    }

    @Test
    void aPeriodAskedPrintsWholeLinesWhereverStderrGoes() {
        Progress p = progress(false, 5_000 * MS);
        done.set(25);
        at(4_999);
        assertFalse(p.tick());
        at(5_000);
        assertTrue(p.tick());
        done.set(100);
        at(10_000);
        assertTrue(p.tick());
        p.close();
        assertEquals("dig: 25.0% (25/100 lookups), 5 lookups/s, ETA 15.0 s\n"
                + "dig: 100.0% (100/100 lookups), 10 lookups/s, ETA -\n", err.toString());
    }

    @Test
    void nothingWithJsonEvenWithAPeriod() {
        Progress p = Progress.start("dig", "lookups", done::get, () -> 100, new PrintWriter(err), true, 1);
        done.set(50);
        assertFalse(p.tick());
        p.close();
        assertEquals("", err.toString());
    }

    @Test
    void lineOfNothingYetAndOfNothingToDo() {
        assertEquals("scan: 0.0% (0/0 probes), 0 probes/s, ETA -", Progress.line("scan", "probes", 0, 0, 0));
        assertEquals("dig: 0.0% (0/7 lookups), 0 lookups/s, ETA -", Progress.line("dig", "lookups", 0, 7, 3));
        assertEquals(ScanProgress.line(500, 1000, 2), Progress.line("scan", "probes", 500, 1000, 2));
    }
}
