package dev.netkit.trace;

import java.net.InetAddress;
import java.util.List;

/**
 * A finished trace: the destination, its hops in TTL order, whether the destination answered, and the flow its
 * probes belonged to (0 unless several flows were traced).
 */
public record TraceResult(String name, InetAddress destination, List<TraceHop> hops, boolean reached, int flow) {
    public TraceResult {
        hops = List.copyOf(hops);
    }

    public TraceResult(String name, InetAddress destination, List<TraceHop> hops, boolean reached) {
        this(name, destination, hops, reached, 0);
    }
}
