package dev.netkit.cli.render;

import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.SimulatedNetwork;
import dev.netkit.trace.ReportEngine;
import dev.netkit.trace.TraceEngine;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.netkit.probe.SimulatedNetwork.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trace --report's progress: the engine reports each cycle done through its callback, and the shared line shows
 * them of -c, with a fake clock (one second per cycle) and terminal flag as ProgressTest.
 */
class TraceReportProgressTest {
    static final long SECOND = 1_000_000_000L;
    static final String CLEAR = "\r\033[K";

    String shown(boolean terminal) throws Exception {
        SimulatedNetwork n = new SimulatedNetwork().router("198.18.1.1", 100)
                .destination("198.18.10.10", 150, SimulatedNetwork.Destination.ANSWER);
        AtomicLong clock = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        StringWriter err = new StringWriter();
        Progress p = Progress.manual("trace", "cycles", done::get, () -> 4, new PrintWriter(err), terminal, 0,
                clock::get);
        ReportEngine.Report r = new ReportEngine(n, TraceEngine.Options.defaults(ProbeMethod.UDP), 4, 0)
                .run("198.18.10.10", ip("198.18.10.10"), c -> {
                    done.set(c);
                    clock.addAndGet(SECOND);
                    p.tick();
                });
        p.close();
        assertTrue(r.reached());
        assertEquals(4, done.get());
        return err.toString();
    }

    @Test
    void onATerminalTheLineCountsCyclesOfC() throws Exception {
        assertEquals(CLEAR + "trace: 75.0% (3/4 cycles), 1 cycles/s, ETA 1.0 s"
                + CLEAR + "trace: 100.0% (4/4 cycles), 1 cycles/s, ETA -" + CLEAR, shown(true));
    }

    @Test
    void nothingWhenStderrIsNotATerminal() throws Exception {
        assertEquals("", shown(false));
    }
}
