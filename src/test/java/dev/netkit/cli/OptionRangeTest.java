package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionRangeTest {
    @Test
    void wholeNumbersInRangeComeBack() {
        assertEquals(1, OptionRange.TTL.check("-t", 1));
        assertEquals(255, OptionRange.TTL.check("-t", 255));
        assertEquals(65535, OptionRange.PORT.check("-p", 65535));
        assertEquals(Integer.MAX_VALUE, OptionRange.COUNT.check("-c", Integer.MAX_VALUE));
    }

    @Test
    void outOfRangeIsAUsageErrorNamingOptionValueAndRange() {
        NetkitException e = assertThrows(NetkitException.class, () -> OptionRange.PORT.check("-p", 70000));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("-p 70000 is out of range: use 1..65535", e.getMessage());
        assertEquals("-c -1 is out of range: use 1 or more",
                assertThrows(NetkitException.class, () -> OptionRange.COUNT.check("-c", -1)).getMessage());
        assertEquals("--seq 4294967296 is out of range: use 0..4294967295", assertThrows(NetkitException.class,
                () -> OptionRange.whole(0, 0xffffffffL).check("--seq", 4294967296L)).getMessage());
        assertEquals(4294967295L, OptionRange.whole(0, 0xffffffffL).check("--seq", 4294967295L));
        assertEquals("-t 0 is out of range: use 1..255",
                assertThrows(NetkitException.class, () -> OptionRange.TTL.check("-t", 0)).getMessage());
    }

    @Test
    void seconds() {
        assertEquals(0.0, OptionRange.SECONDS.check("-i", 0.0));
        assertEquals(0.2, OptionRange.POSITIVE_SECONDS.check("-W", 0.2));
        assertEquals("-i -0.5 is out of range: use 0..2147483647 seconds",
                assertThrows(NetkitException.class, () -> OptionRange.SECONDS.check("-i", -0.5)).getMessage());
        assertEquals("-W 0 is out of range: use seconds above 0, at most 2147483647",
                assertThrows(NetkitException.class, () -> OptionRange.POSITIVE_SECONDS.check("-W", 0.0)).getMessage());
        assertThrows(NetkitException.class, () -> OptionRange.SECONDS.check("-i", Double.NaN));
        assertThrows(NetkitException.class, () -> OptionRange.SECONDS.check("-w", Double.POSITIVE_INFINITY));
        assertThrows(NetkitException.class, () -> OptionRange.SECONDS.check("-w", 3e9));
    }

    @Test
    void millisecondsRatesAndBoundedSeconds() {
        assertEquals("-t -1 is out of range: use 0..2147483647 milliseconds",
                assertThrows(NetkitException.class, () -> OptionRange.MILLISECONDS.check("-t", -1)).getMessage());
        assertEquals("--rate 0 is out of range: use per second above 0, at most 2147483647",
                assertThrows(NetkitException.class, () -> OptionRange.PER_SECOND.check("--rate", 0.0)).getMessage());
        assertEquals("--watch 3601 is out of range: use seconds above 0, at most 3600", assertThrows(
                NetkitException.class, () -> OptionRange.positiveSeconds(3600).check("--watch", 3601.0)).getMessage());
        assertEquals("-w 0 is out of range: use 1..60 seconds", assertThrows(NetkitException.class,
                () -> OptionRange.wholeSeconds(1, 60).check("-w", 0)).getMessage());
        assertEquals("--max-bytes 0 is out of range: use 1 or more", assertThrows(NetkitException.class,
                () -> OptionRange.whole(1, Long.MAX_VALUE).check("--max-bytes", 0L)).getMessage());
        // a whole value against a range above 0 is refused at 0 too
        assertThrows(NetkitException.class, () -> OptionRange.POSITIVE_SECONDS.check("-W", 0));
        assertEquals(1, OptionRange.POSITIVE_SECONDS.check("-W", 1));
    }

    @Test
    void boundedRatesAndValuesShownAsTyped() {
        assertEquals(100_000_000.0, OptionRange.perSecond(100_000_000).check("--max-rate", 1e8));
        assertEquals("--rate 200000000 is out of range: use per second above 0, at most 100000000",
                assertThrows(NetkitException.class,
                        () -> OptionRange.perSecond(100_000_000).check("--rate", 2e8)).getMessage());
        // a time written 2m is refused as written, its seconds checked
        assertEquals(120.0, OptionRange.POSITIVE_SECONDS.check("--stats-every", "2m", 120.0));
        assertEquals("--stats-every -2m is out of range: use seconds above 0, at most 2147483647",
                assertThrows(NetkitException.class,
                        () -> OptionRange.POSITIVE_SECONDS.check("--stats-every", "-2m", -120.0)).getMessage());
        assertEquals("--shard 4/3 is out of range: use 1..3", assertThrows(NetkitException.class,
                () -> OptionRange.whole(1, 3).check("--shard", "4/3", 4)).getMessage());
    }
}
