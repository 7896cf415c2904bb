package dev.netkit.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Dijkstra's shortest paths over a {@link RouterGraph}, as link-state routers (OSPF) compute them. Ties are broken
 * deterministically: among equal distances the router whose name sorts first is settled first, and a path is only
 * replaced by a strictly shorter one, so the first-found equal-cost path stays.
 */
public final class ShortestPath {
    private ShortestPath() {
    }

    /** Distances and predecessors from one source: what one router's SPF run knows. */
    public record Tree(String source, Map<String, Long> distance, Map<String, RouterGraph.Link> via,
                       List<String> settledOrder) {
        public boolean reaches(String r) {
            return distance.containsKey(r);
        }

        /** The routers from the source to {@code dst}, or an empty list when it is unreachable. */
        public List<String> routersTo(String dst) {
            if (!reaches(dst)) {
                return List.of();
            }
            List<String> path = new ArrayList<>();
            for (String r = dst; r != null; ) {
                path.add(r);
                RouterGraph.Link l = via.get(r);
                r = l == null ? null : l.other(r);
            }
            Collections.reverse(path);
            return path;
        }

        /** The links from the source to {@code dst}, in order. */
        public List<RouterGraph.Link> linksTo(String dst) {
            List<RouterGraph.Link> links = new ArrayList<>();
            for (String r = dst; via.get(r) != null; r = via.get(r).other(r)) {
                links.add(via.get(r));
            }
            Collections.reverse(links);
            return links;
        }
    }

    private record Entry(String router, long distance) {
    }

    public static Tree from(RouterGraph g, String source) {
        Map<String, List<RouterGraph.Link>> adjacent = new HashMap<>();
        for (RouterGraph.Link l : g.links()) {
            adjacent.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
            adjacent.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
        }
        Map<String, Long> dist = new LinkedHashMap<>();
        Map<String, RouterGraph.Link> via = new HashMap<>();
        List<String> settled = new ArrayList<>();
        Map<String, Long> tentative = new HashMap<>();
        PriorityQueue<Entry> queue = new PriorityQueue<>((x, y) -> x.distance != y.distance
                ? Long.compare(x.distance, y.distance) : x.router.compareTo(y.router));
        tentative.put(source, 0L);
        queue.add(new Entry(source, 0));
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            if (dist.containsKey(e.router) || e.distance != tentative.get(e.router)) {
                continue;
            }
            dist.put(e.router, e.distance);
            settled.add(e.router);
            for (RouterGraph.Link l : adjacent.getOrDefault(e.router, List.of())) {
                String n = l.other(e.router);
                long d = e.distance + l.ad();
                if (!dist.containsKey(n) && (!tentative.containsKey(n) || d < tentative.get(n))) {
                    tentative.put(n, d);
                    via.put(n, l);
                    queue.add(new Entry(n, d));
                }
            }
        }
        via.keySet().retainAll(dist.keySet());
        return new Tree(source, dist, via, settled);
    }
}
