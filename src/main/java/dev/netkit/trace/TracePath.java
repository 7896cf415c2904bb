package dev.netkit.trace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One distinct path of a multi-flow trace (Paris/Dublin traceroute): the responders of each hop in TTL order (empty
 * for a silent hop) and the flows (from 1) that took it.
 */
public record TracePath(List<Integer> flows, List<List<InetAddress>> hops) {
    public TracePath {
        flows = List.copyOf(flows);
        hops = List.copyOf(hops);
    }

    /** The distinct paths of these flows' results, in the order their first flow finished in {@code results}. */
    public static List<TracePath> group(List<TraceResult> results) {
        Map<List<List<InetAddress>>, List<Integer>> paths = new LinkedHashMap<>();
        for (TraceResult r : results) {
            List<List<InetAddress>> path = new ArrayList<>();
            for (TraceHop hop : r.hops()) {
                path.add(List.copyOf(hop.responders()));
            }
            paths.computeIfAbsent(path, k -> new ArrayList<>()).add(r.flow() + 1);
        }
        List<TracePath> list = new ArrayList<>();
        paths.forEach((hops, flows) -> list.add(new TracePath(flows, hops)));
        return list;
    }
}
