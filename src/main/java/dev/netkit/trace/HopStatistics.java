package dev.netkit.trace;

import dev.netkit.ping.RttStatistics;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** mtr's per-hop figures over report cycles: sent, received, last/avg/best/worst and standard deviation. */
public final class HopStatistics {
    private final int ttl;
    private int sent;
    private final RttStatistics rtt = new RttStatistics();
    private double mean;
    private double squares;
    private final Map<InetAddress, Integer> responders = new LinkedHashMap<>();

    public HopStatistics(int ttl) {
        this.ttl = ttl;
    }

    public void add(TraceProbe p) {
        sent++;
        if (p.answered()) {
            rtt.add(p.rttMicros());
            responders.merge(p.from(), 1, Integer::sum);
            double x = p.rttMicros();
            double delta = x - mean;
            mean += delta / rtt.count();
            squares += delta * (x - mean);
        }
    }

    public int ttl() {
        return ttl;
    }

    public int sent() {
        return sent;
    }

    public long received() {
        return rtt.count();
    }

    public double lossPercent() {
        return sent == 0 ? 0 : (sent - rtt.count()) * 100.0 / sent;
    }

    public RttStatistics rtt() {
        return rtt;
    }

    /** Sample standard deviation in microseconds, as mtr computes it. */
    public double stdevMicros() {
        return rtt.count() > 1 ? Math.sqrt(squares / (rtt.count() - 1)) : 0;
    }

    /** Responders, most frequent first. */
    public java.util.List<InetAddress> responders() {
        return responders.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).map(Map.Entry::getKey)
                .toList();
    }
}
