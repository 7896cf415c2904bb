package dev.netkit.cli.render;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScanRendererTest {
    /** nmap's latency, two significant digits of the seconds: what BigDecimal gives, the way it was computed before. */
    @Test
    void latencyAsBigDecimalRoundsIt() {
        assertEquals("0.00012", ScanRenderer.seconds(0.12));
        assertEquals("0.010", ScanRenderer.seconds(9.96));
        assertEquals("0", ScanRenderer.seconds(0));
        assertEquals("120", ScanRenderer.seconds(123_400));
        double[] edges = {0.125, 0.0995, 0.995, 9.95, 99.5, 0.5, 1, 1.5, 25, 0.105, 0.115, 1e-9, 4.9e-324, 1e300,
            0.1, 0.2, 0.3, 123.456, 1000, 999.5, 0.00095};
        for (double ms : edges) {
            assertEquals(bigDecimal(ms), ScanRenderer.seconds(ms), Double.toString(ms));
        }
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            double ms = r.nextDouble() * Math.pow(10, r.nextInt(-4, 6));
            assertEquals(bigDecimal(ms), ScanRenderer.seconds(ms), Double.toString(ms));
            double round = Math.round(ms * 1000) / 1000.0; // latencies measured in whole microseconds
            assertEquals(bigDecimal(round), ScanRenderer.seconds(round), Double.toString(round));
        }
    }

    private static String bigDecimal(double ms) {
        return new BigDecimal(ms / 1000).round(new MathContext(2)).toPlainString();
    }
}
