package dev.netkit.scan;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** nmap's timing templates and the options that override them. */
class ScanTimingTest {
    private static final long MS = 1_000_000L;

    /**
     * nmap.cc's -T handling over NmapOps' defaults (nmap.h: MIN_RTT_TIMEOUT 100, MAX_RTT_TIMEOUT 10000,
     * INITIAL_RTT_TIMEOUT 1000, MAX_RETRANSMISSIONS 10); setInitialRttTimeout raises max-rtt-timeout to it (T0, T1).
     */
    @ParameterizedTest
    @CsvSource({
            // level, initial ms, min ms, max ms, retries, scan delay ms, max parallelism
            "0, 300000, 100, 300000, 10, 300000, 1",
            "1, 15000, 100, 15000, 10, 15000, 1",
            "2, 1000, 100, 10000, 10, 400, 1",
            "3, 1000, 100, 10000, 10, 0, 0",
            "4, 500, 100, 1250, 6, 0, 0",
            "5, 250, 50, 300, 2, 0, 0",
    })
    void templatesAreNmaps(int level, long initial, long min, long max, int retries, long delay, int parallel) {
        ScanTiming t = ScanTiming.template(level);
        assertEquals(level, t.level());
        assertEquals(initial * MS, t.initialRtt());
        assertEquals(min * MS, t.minRtt());
        assertEquals(max * MS, t.maxRtt());
        assertEquals(retries, t.maxRetries());
        assertEquals(delay * MS, t.scanDelay());
        assertEquals(parallel, t.maxParallelism());
        assertEquals(0, t.fixedRate());
    }

    @Test
    void optionsOverrideTheTemplate() {
        ScanTiming t = ScanTiming.template(4).withMaxRetries(0).withRates(100, 5000).withFixedRate(20000);
        assertEquals(0, t.maxRetries());
        assertEquals(100, t.minRate());
        assertEquals(5000, t.maxRate());
        assertEquals(20000, t.fixedRate());
        assertEquals(500 * MS, t.initialRtt(), "the template's waits stay");
    }

    @Test
    void ratesParse() {
        assertEquals(1500, ScanTiming.rate("1500", "--rate"));
        assertEquals(0.5, ScanTiming.rate(" 0.5 ", "--min-rate"));
        // a number out of range is cli.Scan's to refuse (OptionRange): OptionRangesCommandTest
        assertEquals(0, ScanTiming.rate("0", "--rate"));
        assertEquals(-5, ScanTiming.rate("-5", "--rate"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|--rate takes probes per second, above 0 (got 'abc')",
            "1e5|--rate takes probes per second, above 0 (got '1e5')",
            "NaN|--rate takes probes per second, above 0 (got 'NaN')",
            "Infinity|--rate takes probes per second, above 0 (got 'Infinity')",
    })
    void badRatesAreUsageErrors(String text, String message) {
        NetkitException e = assertThrows(NetkitException.class, () -> ScanTiming.rate(text, "--rate"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(message, e.getMessage());
    }

    @Test
    void badTemplatesRetriesAndRateOrderAreUsageErrors() {
        assertEquals("-T takes 0 to 5 (got 6)",
                assertThrows(NetkitException.class, () -> ScanTiming.template(6)).getMessage());
        assertEquals("-T takes 0 to 5 (got -1)",
                assertThrows(NetkitException.class, () -> ScanTiming.template(-1)).getMessage());
        assertEquals("--max-retries takes 0 to 50 (got -1)",
                assertThrows(NetkitException.class, () -> ScanTiming.template(3).withMaxRetries(-1)).getMessage());
        NetkitException e = assertThrows(NetkitException.class, () -> ScanTiming.template(3).withRates(100, 10));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("--min-rate 100 is above --max-rate 10", e.getMessage());
    }
}
