package dev.netkit.scan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nmap's congestion control (timing.cc, scan_engine.cc): windows that start at 10, grow by one a reply in slow
 * start and by ca_incr/cwnd beyond, drop on a reply to a retransmission; waits of srtt + 4 rttvar; the rates.
 */
class ScanPacerTest {
    private static final long MS = 1_000_000L;

    /** How many probes to host {@code h} the pacer lets go at {@code now}, each marked sent. */
    private static int sendable(ScanPacer p, int h, long now) {
        int n = 0;
        while (p.nextSend(h, now) - now <= 0 && n < 10_000) {
            p.sent(h, now);
            n++;
        }
        return n;
    }

    private static void answerAll(ScanPacer p, int h, int n, long sentAt, long now) {
        for (int i = 0; i < n; i++) {
            p.answered(h, 0, sentAt, now, true);
        }
    }

    @Test
    void windowsStartAtTenAndDoubleEachRoundInSlowStart() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3), 1);
        long now = System.nanoTime();
        assertEquals(10, sendable(p, 0, now));
        assertEquals(Long.MAX_VALUE, p.nextSend(0, now), "a full window waits for a reply or a timeout");
        answerAll(p, 0, 10, now, now + MS);
        assertEquals(20, p.groupWindow(), 1e-9);
        assertEquals(20, sendable(p, 0, now + MS));
        answerAll(p, 0, 20, now + MS, now + 2 * MS);
        assertEquals(40, sendable(p, 0, now + 2 * MS));
    }

    @Test
    void beyondTheThresholdTheWindowGrowsByCaIncrOverCwnd() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3), 1);
        long now = System.nanoTime();
        // slow start ends at the initial threshold, 75
        for (int i = 0; i < 65; i++) {
            p.sent(0, now);
            p.answered(0, 0, now, now + MS, true);
        }
        assertEquals(75, p.groupWindow(), 1e-9);
        p.sent(0, now);
        p.answered(0, 0, now, now + MS, true);
        assertEquals(75 + 1.0 / 75, p.groupWindow(), 1e-9, "-T3: ca_incr 1");
        ScanPacer fast = new ScanPacer(ScanTiming.template(4), 1);
        for (int i = 0; i < 66; i++) {
            fast.sent(0, now);
            fast.answered(0, 0, now, now + MS, true);
        }
        assertEquals(75 + 2.0 / 75, fast.groupWindow(), 1e-9, "-T4: ca_incr 2");
    }

    @Test
    void aReplyToARetransmissionIsADrop() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3), 1);
        long t0 = System.nanoTime();
        assertEquals(10, sendable(p, 0, t0));
        answerAll(p, 0, 9, t0, t0 + MS); // windows 19, one probe still out
        assertEquals(19, p.groupWindow(), 1e-9);
        p.timedOut(0);
        long resent = t0 + 200 * MS;
        p.sent(0, resent);
        p.answered(0, 1, resent, resent + MS, true);
        // the host's window falls to one (then the reply opens it to the threshold, 2); the group's halves
        assertEquals(9.5 + 1 / 9.5, p.groupWindow(), 1e-9);
        assertEquals(2, sendable(p, 0, resent + MS));
        // a reply to a retransmission sent before that drop is the same loss: no second drop
        ScanPacer q = new ScanPacer(ScanTiming.template(3), 1);
        q.sent(0, t0);
        q.sent(0, t0);
        q.answered(0, 1, t0, t0 + 10 * MS, true);
        double after = q.groupWindow();
        q.answered(0, 1, t0, t0 + 11 * MS, true);
        assertTrue(q.groupWindow() > after, "grew, did not halve again: " + q.groupWindow());
    }

    @Test
    void aHostThatLostTriesGetsThreeTimesAsManyRetries() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3), 2);
        long t = System.nanoTime();
        assertEquals(2, p.allowedTries(0), "nmap's allowedTryno starts at one retransmission");
        p.sent(0, t);
        p.answered(0, 0, t, t + MS, true);
        assertEquals(2, p.allowedTries(0), "first tries answered: still one retransmission");
        p.sent(0, t);
        p.answered(0, 1, t, t + MS, true);
        assertEquals(5, p.allowedTries(0), "3 x 1 + 2");
        p.sent(0, t);
        p.answered(0, 4, t, t + MS, true);
        assertEquals(11, p.allowedTries(0), "-T3: --max-retries 10 at most");
        assertEquals(2, p.allowedTries(1), "per host");
        assertEquals(2, p.triesRaised(), "raised twice");
        ScanPacer capped = new ScanPacer(ScanTiming.template(5), 1);
        capped.sent(0, t);
        capped.answered(0, 6, t, t + MS, true);
        assertEquals(3, capped.allowedTries(0), "-T5: --max-retries 2");
        ScanPacer fixed = new ScanPacer(ScanTiming.template(3).withFixedRate(1000), 1);
        assertEquals(11, fixed.allowedTries(0), "masscan's way: every retry at once");
    }

    @Test
    void theWaitIsSrttPlusFourRttvarWithinTheTemplatesBounds() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3), 2);
        long t = System.nanoTime();
        assertEquals(1000 * MS, p.timeoutNanos(0), "-T3's initial-rtt-timeout before any reply");
        p.sent(0, t);
        p.answered(0, 0, t, t + 200 * MS, true);
        assertEquals(600 * MS, p.timeoutNanos(0), "srtt 200 + 4 x rttvar 100 (RFC 6298's first sample)");
        p.sent(0, t);
        p.answered(0, 0, t, t + 200 * MS, true);
        assertEquals(500 * MS, p.timeoutNanos(0), "rttvar 3/4 x 100 + 1/4 x 0; srtt 200");
        assertEquals(500 * MS, p.timeoutNanos(1), "a host never heard from takes the group's");
        p.sent(1, t);
        p.answered(1, 0, t, t + MS, true);
        assertEquals(100 * MS, p.timeoutNanos(1), "min-rtt-timeout is the floor");
        ScanPacer slow = new ScanPacer(ScanTiming.template(4), 1);
        slow.sent(0, t);
        slow.answered(0, 0, t, t + 5000 * MS, true);
        assertEquals(1250 * MS, slow.timeoutNanos(0), "-T4's max-rtt-timeout is the ceiling");
    }

    @Test
    void aFixedRateIgnoresTheWindowsAndSpacesProbes() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3).withFixedRate(1000), 1);
        long now = System.nanoTime() + 1000 * MS;
        // 10 ms of probes at once after an idle spell (the bucket's depth), then one a millisecond
        assertEquals(11, sendable(p, 0, now));
        assertEquals(now + MS, p.nextSend(0, now));
        assertTrue(p.fixedRate());
    }

    /**
     * A sender on a fake clock: sends {@code n} probes as the pacer lets them go, sleeping until each is due, and is
     * descheduled for {@code stallNanos} before every {@code stallEvery}-th probe; returns {first send, last send}.
     */
    private static long[] send(ScanPacer p, int n, int stallEvery, long stallNanos) {
        long t = System.nanoTime();
        long first = 0;
        for (int i = 0; i < n; i++) {
            if (stallEvery > 0 && i > 0 && i % stallEvery == 0) {
                t += stallNanos;
            }
            long due = p.nextSend(0, t);
            if (due - t > 0) {
                t = due;
            }
            p.sent(0, t);
            if (i == 0) {
                first = t;
            }
        }
        return new long[] {first, t};
    }

    @Test
    void aFixedRateSendsNProbesInNOverRSeconds() {
        // 100,000 a second, 200,000 probes: two seconds from the first to the last, within 0.1%
        long[] even = send(new ScanPacer(ScanTiming.template(3).withFixedRate(100_000), 1), 200_000, 0, 0);
        assertEquals(2.0, (even[1] - even[0]) / 1e9, 0.002);
        // descheduled for 30 ms every 10,000 probes (a busy machine): what the stalls held back goes afterwards,
        // so the scan still ends on time (a bucket of 10 ms lost 20 ms a stall: 2.38 s)
        long[] stalled = send(new ScanPacer(ScanTiming.template(3).withFixedRate(100_000), 1), 200_000, 10_000,
                30 * MS);
        assertEquals(2.0, (stalled[1] - stalled[0]) / 1e9, 0.002);
    }

    @Test
    void aFixedRatePaysAStallBackAtTwiceTheRateAtMost() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3).withFixedRate(100_000), 1);
        long[] sent = send(p, 1000, 0, 0);
        long t = sent[1] + 100 * MS; // descheduled for 100 ms: 10,000 probes owed
        // the next 10 ms: the bucket's 10 ms at once, then twice the rate (200 a millisecond), not all 10,000
        int n = 0;
        for (long end = t + 10 * MS; n < 20_000; n++) {
            long due = p.nextSend(0, t);
            if (due - t > 0) {
                t = due;
            }
            if (t - end > 0) {
                break;
            }
            p.sent(0, t);
        }
        assertTrue(n >= 2000 && n <= 3002, "sent " + n + " in 10 ms");
        // after a second behind, nothing is owed: the scan goes on at the rate
        ScanPacer q = new ScanPacer(ScanTiming.template(3).withFixedRate(100_000), 1);
        long[] before = send(q, 1000, 0, 0);
        long late = before[1] + 5000 * MS;
        assertEquals(1001, sendable(q, 0, late), "one second owed at most, then the bucket's 10 ms: 1,001");
    }

    @Test
    void aFixedRateOwesNothingForASpellWithNothingToSend() {
        ScanPacer p = new ScanPacer(ScanTiming.template(3).withFixedRate(1000), 1);
        long[] sent = send(p, 100, 0, 0);
        long t = sent[1] + 500 * MS;
        p.idle(t);
        assertEquals(11, sendable(p, 0, t), "the bucket's 10 ms at 1,000 a second (both ends), not 500 ms of probes");
        assertEquals(t + MS, p.nextSend(0, t));
    }

    @Test
    void maxRateHoldsAnOpenWindowBackAndMinRateSendsPastAFullOne() {
        ScanPacer capped = new ScanPacer(ScanTiming.template(3).withRates(0, 100), 1);
        long now = System.nanoTime() + 1000 * MS;
        assertEquals(2, sendable(capped, 0, now));
        assertEquals(now + 10 * MS, capped.nextSend(0, now), "100 a second: 10 ms apart");
        ScanPacer floor = new ScanPacer(ScanTiming.template(3).withRates(1000, 0), 1);
        long t = System.nanoTime() + 1000 * MS;
        // a second behind a schedule of 1000 a second: about 1000 probes go, past the window of 10
        int n = sendable(floor, 0, t);
        assertTrue(n > 900 && n <= 1001, "sent " + n);
        long due = floor.nextSend(0, t);
        assertTrue(due != Long.MAX_VALUE && due - t > 0 && due - t <= MS, "then one a millisecond: " + (due - t));
    }

    @Test
    void scanDelaySpacesProbesToOneHost() {
        ScanPacer p = new ScanPacer(ScanTiming.template(2), 1);
        long t = System.nanoTime();
        assertEquals(1, sendable(p, 0, t), "-T2: one probe in flight at most");
        p.answered(0, 0, t, t + MS, true);
        assertEquals(t + 400 * MS, p.nextSend(0, t + MS), "-T2: --scan-delay 400ms");
    }
}
