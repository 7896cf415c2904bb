package dev.netkit.ping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RttStatisticsTest {
    /** iputils: rtt min/avg/max/mdev = 0.031/0.113/0.269/0.110 ms for replies of 269, 40 and 31 us (seen on lo). */
    @Test
    void mdevAsIputils() {
        RttStatistics s = new RttStatistics();
        s.add(269);
        s.add(40);
        s.add(31);
        assertEquals("0.031", RttStatistics.millis3(s.minMicros()));
        assertEquals("0.113", RttStatistics.millis3(s.avgMicros()));
        assertEquals("0.269", RttStatistics.millis3(s.maxMicros()));
        assertEquals("0.110", RttStatistics.millis3(s.mdevMicros()));
    }

    @Test
    void mdevOfTwo() {
        // iputils: 0.043/0.104/0.166/0.061 ms for 166 and 43 us (ping ::1)
        RttStatistics s = new RttStatistics();
        s.add(166);
        s.add(43);
        assertEquals("0.104", RttStatistics.millis3(s.avgMicros()));
        assertEquals("0.061", RttStatistics.millis3(s.mdevMicros()));
    }

    @Test
    void largeSumsUseTheOtherOrder() {
        RttStatistics s = new RttStatistics();
        for (int i = 0; i < 10_000; i++) {
            s.add(300_000 + (i % 2) * 2000);
        }
        assertEquals(301_000, s.avgMicros());
        assertEquals(1000, s.mdevMicros());
    }

    @Test
    void replyTimePrecisionFollowsMagnitude() {
        assertEquals("0.107", RttStatistics.replyTime(107));
        assertEquals("1.23", RttStatistics.replyTime(1234));
        assertEquals("12.3", RttStatistics.replyTime(12_345));
        assertEquals("123", RttStatistics.replyTime(123_456));
    }

    @Test
    void integerSquareRoot() {
        assertEquals(3, RttStatistics.isqrt(15));
        assertEquals(4, RttStatistics.isqrt(16));
        assertEquals(3_037_000_499L, RttStatistics.isqrt(Long.MAX_VALUE));
    }
}
