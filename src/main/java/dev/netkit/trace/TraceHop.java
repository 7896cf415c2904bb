package dev.netkit.trace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** One hop of a path: its TTL and the outcome of each probe sent with that TTL, in sending order. */
public record TraceHop(int ttl, List<TraceProbe> probes) {
    public TraceHop {
        probes = List.copyOf(probes);
    }

    /** Every distinct responder of this hop, in the order they first answered. */
    public List<InetAddress> responders() {
        List<InetAddress> list = new ArrayList<>();
        for (TraceProbe p : probes) {
            if (p.answered() && !list.contains(p.from())) {
                list.add(p.from());
            }
        }
        return list;
    }
}
