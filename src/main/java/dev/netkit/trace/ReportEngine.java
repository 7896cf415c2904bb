package dev.netkit.trace;

import dev.netkit.probe.ProbeChannel;

import java.io.IOException;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * mtr's report: {@code cycles} rounds of one probe per hop, one round per interval, then loss and round trips per
 * hop. Once the destination answers, hops beyond it are no longer probed (nor reported).
 */
public final class ReportEngine {
    /** A finished report: when it started, each hop's figures in TTL order, and whether the destination answered. */
    public record Report(String name, InetAddress destination, OffsetDateTime start, List<HopStatistics> hops,
                         boolean reached) {
        public Report {
            hops = List.copyOf(hops);
        }
    }

    /** The shortest wait per probe in a cycle, however short the interval. */
    private static final long MIN_CYCLE_WAIT = 200_000_000L;

    private final ProbeChannel channel;
    private final TraceEngine.Options options;
    private final int cycles;
    private final long intervalNanos;

    /** {@code options} as for a trace (its probes per hop are ignored: one per cycle); the interval in nanoseconds. */
    public ReportEngine(ProbeChannel channel, TraceEngine.Options options, int cycles, long intervalNanos) {
        this.channel = channel;
        this.options = options;
        this.cycles = cycles;
        this.intervalNanos = intervalNanos;
    }

    public Report run(String name, InetAddress destination) throws IOException {
        return run(name, destination, done -> {
        });
    }

    /** As {@link #run(String, InetAddress)}; {@code cyclesDone} hears the count of cycles finished after each. */
    public Report run(String name, InetAddress destination, IntConsumer cyclesDone) throws IOException {
        TreeMap<Integer, HopStatistics> stats = new TreeMap<>();
        TraceEngine.Options o = options;
        int lastTtl = o.maxTtl();
        boolean reached = false;
        OffsetDateTime start = OffsetDateTime.now().withNano(0);
        for (int c = 0; c < cycles; c++) {
            long begin = channel.now();
            TraceEngine.Options cycle = new TraceEngine.Options(o.method(), o.port(), 1, o.firstTtl(), lastTtl,
                    Math.min(o.waitNanos(), Math.max(intervalNanos, MIN_CYCLE_WAIT)), o.here(), o.near(),
                    o.parallel(), o.size(), o.pmtu());
            TraceResult r = new TraceEngine(channel, cycle).run(name, destination, hop -> {
            });
            for (TraceHop hop : r.hops()) {
                HopStatistics s = stats.computeIfAbsent(hop.ttl(), HopStatistics::new);
                for (TraceProbe p : hop.probes()) {
                    s.add(p);
                }
            }
            if (r.reached()) {
                reached = true;
                lastTtl = Math.min(lastTtl, r.hops().get(r.hops().size() - 1).ttl());
                stats.tailMap(lastTtl, false).clear();
            }
            cyclesDone.accept(c + 1);
            long left = begin + intervalNanos - channel.now();
            if (c + 1 < cycles && left > 0) {
                try {
                    Thread.sleep(left / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return new Report(name, destination, start, List.copyOf(stats.values()), reached);
    }
}
