package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.PacketFilter;
import dev.netkit.capture.PcapFileReader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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

        /**
         * Work on a packet that may be done ahead, away from the listener's other calls: when a file is read in
         * two threads, this runs in the decoding thread, in capture order, and its result comes back with the
         * packet in {@link #packet(SniffedPacket, Object)}. It must only touch state of its own. Null: nothing.
         */
        default Object prepare(SniffedPacket p) {
            return null;
        }

        /** A packet with what {@link #prepare} made of it (null when it was not called or made nothing). */
        default void packet(SniffedPacket p, Object prepared) {
            packet(p);
        }

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
        if (source instanceof PcapFileReader file && s.decode() && Runtime.getRuntime().availableProcessors() > 1) {
            return new Pipeline(file, s).run(listener);
        }
        long n;
        try {
            n = loop(source, s, listener);
        } finally {
            if (s.sink() != null) {
                s.sink().flush();
            }
        }
        String problem = source instanceof PcapFileReader r ? r.problem() : null;
        return new SniffSummary(n, source.stats(), problem);
    }

    /** The one-thread capture: the packets kept (written and handed to the listener). */
    private long loop(FrameChannel source, Settings s, Listener listener) {
        boolean file = source instanceof PcapFileReader;
        long nextReport = s.statsIntervalNanos() > 0 ? System.nanoTime() + s.statsIntervalNanos() : Long.MAX_VALUE;
        long n = 0;
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
            if (s.sink() != null && !s.sink().write(f)) {
                break;
            }
            n++;
            SniffedPacket p = decode(s, n, f);
            if (p != null) {
                listener.packet(p);
            }
            if (!file && System.nanoTime() >= nextReport) {
                listener.interval(s.stats());
                nextReport = System.nanoTime() + s.statsIntervalNanos();
            }
        }
        return n;
    }

    /** Decodes a kept frame and counts it in the stats; the packet to print, or null when nothing is printed. */
    private SniffedPacket decode(Settings s, long number, CapturedFrame f) {
        if (!s.decode() && s.stats() == null) {
            return null;
        }
        SniffedPacket p = decoder.decode(number, f);
        if (s.stats() != null) {
            s.stats().add(p);
        }
        return s.decode() ? p : null;
    }

    /**
     * Reading a file on a machine with more than one core: a decoder thread reads, filters and decodes frames
     * and hands them over in batches, in order, while the caller's thread writes each to the sink, counts it in
     * the stats and prints it (the listener is stateful, e.g. relative TCP sequence numbers, so printing stays
     * in one thread). Decoding and printing cost about the same, so this roughly halves the wall time of
     * {@code sniff -r}. Writing in the printing thread keeps a stop consistent, as tcpdump's one loop is: the
     * packets in the -w file, those counted in the stats and those printed are the same packets, also when the
     * decoder thread had gone ahead.
     */
    private final class Pipeline {
        /** Packets and frame bytes per batch, and batches in flight: bounds the memory held between threads. */
        private static final int BATCH_PACKETS = 256;
        private static final int BATCH_BYTES = 1 << 20;
        private static final int BATCHES = 4;
        private static final long WAIT_MILLIS = 50;

        /** A run of decoded packets and what the listener prepared of each; the last batch also says how the
         * decoder thread ended. */
        private record Batch(List<SniffedPacket> packets, List<Object> prepared, boolean last, Throwable failure) {
        }

        private final PcapFileReader source;
        private final Settings s;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES);
        /** Set by the printing thread when it stops early (stop(), or the listener threw). */
        private volatile boolean cancelled;

        Pipeline(PcapFileReader source, Settings s) {
            this.source = source;
            this.s = s;
        }

        SniffSummary run(Listener listener) {
            Thread decoding = Thread.ofPlatform().name("sniff-decoder").daemon().start(() -> decodeAll(listener));
            long kept = 0;
            try {
                receiving:
                while (!stopped) {
                    Batch b = queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (b == null) {
                        if (!decoding.isAlive() && queue.isEmpty()) {
                            break; // cannot happen (the decoder always sends a last batch); never wait forever
                        }
                        continue;
                    }
                    for (int i = 0; i < b.packets().size() && !stopped; i++) {
                        SniffedPacket p = b.packets().get(i);
                        if (s.sink() != null && !s.sink().write(p.frame())) {
                            break receiving;
                        }
                        kept++;
                        if (s.stats() != null) {
                            s.stats().add(p);
                        }
                        listener.packet(p, b.prepared().get(i));
                    }
                    if (b.last()) {
                        rethrow(b.failure());
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                cancelled = true;
                queue.clear();
                join(decoding);
                if (s.sink() != null) {
                    s.sink().flush();
                }
            }
            // after the join: the decoder thread's work (the reader's problem) is visible here
            return new SniffSummary(kept, source.stats(), source.problem());
        }

        /**
         * The decoder thread: reads, filters and decodes up to the count, plus the listener's work ahead. It
         * writes nothing and counts no stats: a stop leaves its last batches unused.
         */
        private void decodeAll(Listener listener) {
            Throwable failure = null;
            List<SniffedPacket> batch = new ArrayList<>(BATCH_PACKETS);
            List<Object> prepared = new ArrayList<>(BATCH_PACKETS);
            // the listener's work ahead only while the printer is behind (batches wait): the threads balance
            boolean ahead = false;
            int bytes = 0;
            long n = 0;
            try {
                while (!stopped && !cancelled && (s.count() <= 0 || n < s.count())) {
                    CapturedFrame f = source.receive(Long.MAX_VALUE);
                    if (f == null) {
                        break; // a file returns null only at its end (or first damage)
                    }
                    if (s.filter() != null && !s.filter().matches(f)) {
                        continue;
                    }
                    n++;
                    SniffedPacket p = decoder.decode(n, f);
                    batch.add(p);
                    prepared.add(ahead ? listener.prepare(p) : null);
                    bytes += f.capturedLength();
                    if (batch.size() >= BATCH_PACKETS || bytes >= BATCH_BYTES) {
                        if (!hand(new Batch(batch, prepared, false, null))) {
                            return;
                        }
                        batch = new ArrayList<>(BATCH_PACKETS);
                        prepared = new ArrayList<>(BATCH_PACKETS);
                        ahead = queue.size() >= BATCHES / 2;
                        bytes = 0;
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
            if (prepared.size() < batch.size()) {
                prepared.add(null); // prepare() threw for the last packet: it is printed the usual way
            }
            hand(new Batch(batch, prepared, true, failure));
        }

        /** Queues a batch, waiting while the printer is behind; false when the printer has gone. */
        private boolean hand(Batch b) {
            try {
                while (!queue.offer(b, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }

        private static void join(Thread t) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static void rethrow(Throwable t) {
            // an if chain, not a pattern switch: see IpDemux
            if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
