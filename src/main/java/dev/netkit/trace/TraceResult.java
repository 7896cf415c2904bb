package dev.netkit.trace;

import java.net.InetAddress;
import java.util.List;

/** A finished trace: the destination, its hops in TTL order, and whether the destination answered. */
public record TraceResult(String name, InetAddress destination, List<TraceHop> hops, boolean reached) {
    public TraceResult {
        hops = List.copyOf(hops);
    }
}
