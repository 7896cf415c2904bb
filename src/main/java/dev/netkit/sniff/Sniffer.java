package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.PacketFilter;
import dev.netkit.capture.PcapFileReader;

/**
 * The sniff engine: reads frames from a {@link FrameChannel} (live or file), keeps those the filter passes,
 * writes them to a {@link CaptureFileSink}, decodes them and hands each to a {@link Listener}, until the count
 * is reached, the source ends or {@link #stop()} is called (from a signal handler, another thread).
 * It prints nothing.
 */
public final class Sniffer {
    /** Receives the engine's events, in the capture thread. */
    public interface Listener {
        /** One packet (decoded unless the settings say not to). */
        void packet(SniffedPacket p);

        /** No packet is waiting: a good moment to flush output. */
        default void idle() {
        }

        /** Called every {@code statsIntervalNanos} of wall time when stats are kept. */
        default void interval(TrafficStats stats) {
        }
    }

    /**
     * @param count              stop after this many packets; 0 for no limit
     * @param filter             a filter applied in user space (files), or {@code null}
     * @param sink               where to write frames, or {@code null}
     * @param decode             decode and hand packets to the listener (false for pure -w)
     * @param stats              collect traffic statistics, or {@code null}
     * @param statsIntervalNanos report stats every so often (0: only at the end)
     */
    public record Settings(long count, PacketFilter filter, CaptureFileSink sink, boolean decode,
            TrafficStats stats, long statsIntervalNanos) {
    }

    private static final long SLICE_NANOS = 200_000_000L;
    private final PacketDecoder decoder = new PacketDecoder();
    private volatile boolean stopped;

    /** Ends the capture soon (within a receive slice); safe from any thread. */
    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public SniffSummary run(FrameChannel source, Settings s, Listener listener) {
        long n = 0;
        long nextReport = s.statsIntervalNanos() > 0 ? System.nanoTime() + s.statsIntervalNanos() : Long.MAX_VALUE;
        boolean file = source instanceof PcapFileReader;
        while (!stopped && (s.count() <= 0 || n < s.count())) {
            CapturedFrame f = source.receive(System.nanoTime());
            if (f == null) {
                if (source.ended()) {
                    break;
                }
                listener.idle();
                if (s.sink() != null) {
                    s.sink().flush();
                }
                long deadline = Math.min(System.nanoTime() + SLICE_NANOS, nextReport);
                f = source.receive(deadline);
                if (f == null) {
                    if (source.ended()) {
                        break;
                    }
                    if (System.nanoTime() >= nextReport) {
                        listener.interval(s.stats());
                        nextReport = System.nanoTime() + s.statsIntervalNanos();
                    }
                    continue;
                }
            }
            if (s.filter() != null && !s.filter().matches(f)) {
                continue;
            }
            n++;
            if (s.sink() != null && !s.sink().write(f)) {
                n--;
                break;
            }
            if (s.decode() || s.stats() != null) {
                SniffedPacket p = decoder.decode(n, f);
                if (s.stats() != null) {
                    s.stats().add(p);
                }
                if (s.decode()) {
                    listener.packet(p);
                }
            }
            if (!file && System.nanoTime() >= nextReport) {
                listener.interval(s.stats());
                nextReport = System.nanoTime() + s.statsIntervalNanos();
            }
        }
        if (s.sink() != null) {
            s.sink().flush();
        }
        String problem = source instanceof PcapFileReader r ? r.problem() : null;
        return new SniffSummary(n, source.stats(), problem);
    }
}
