package dev.netkit.route;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dijkstra on small graphs whose answers are worked out by hand. */
class ShortestPathTest {
    static RouterGraph example() throws IOException {
        return RouterGraph.parse(Files.readString(Path.of("docs/examples/routers.json")), "routers.json");
    }

    @Test
    void exampleGraphByHand() throws IOException {
        // R1-R2 10, R2-R4 50, R1-R3 20, R3-R4 20, R2-R3 5, R4-R5 110 (default ad)
        ShortestPath.Tree t = ShortestPath.from(example(), "R1");
        assertEquals(Map.of("R1", 0L, "R2", 10L, "R3", 15L, "R4", 35L, "R5", 145L), t.distance());
        assertEquals(List.of("R1", "R2", "R3", "R4"), t.routersTo("R4"));
        assertEquals(List.of("R1", "R2", "R3", "R4", "R5"), t.routersTo("R5"));
        assertEquals(List.of("R1", "R2", "R3", "R4", "R5"), t.settledOrder());
        assertEquals(110, t.linksTo("R5").get(3).ad());
        assertEquals("198.18.5.0/30", t.linksTo("R4").get(2).network().toString());
    }

    @Test
    void addressesResolveToRouters() throws IOException {
        RouterGraph g = example();
        assertEquals("R1", g.resolve("198.18.1.7"));
        assertEquals("R4", g.resolve("198.18.10.10"));
        assertEquals("R2", g.resolve("R2"));
        NetkitException e = assertThrows(NetkitException.class, () -> g.resolve("203.0.113.5"));
        assertEquals("no router of the graph has a network containing 203.0.113.5", e.getMessage());
    }

    @Test
    void defaultAdIs110AndTiesAreStable() {
        // A-B-D costs 110+110, A-C-D costs 100+120: equal; B sorts before C so the path via B is found first and kept
        String json = "{\"routers\":[\"A\",\"B\",\"C\",\"D\"],\"connections\":["
                + "{\"from\":\"A\",\"to\":\"B\"},{\"from\":\"B\",\"to\":\"D\"},"
                + "{\"from\":\"A\",\"to\":\"C\",\"ad\":100},{\"from\":\"C\",\"to\":\"D\",\"ad\":120}]}";
        ShortestPath.Tree t = ShortestPath.from(RouterGraph.parse(json, "g"), "A");
        assertEquals(220, t.distance().get("D"));
        assertEquals(List.of("A", "C", "D"), t.routersTo("D"));
    }

    @Test
    void moreHopsCanBeCheaper() {
        String json = "{\"routers\":[\"A\",\"B\",\"C\",\"D\",\"E\"],\"connections\":["
                + "{\"from\":\"A\",\"to\":\"E\",\"ad\":100},"
                + "{\"from\":\"A\",\"to\":\"B\",\"ad\":1},{\"from\":\"B\",\"to\":\"C\",\"ad\":1},"
                + "{\"from\":\"C\",\"to\":\"D\",\"ad\":1},{\"from\":\"D\",\"to\":\"E\",\"ad\":1}]}";
        ShortestPath.Tree t = ShortestPath.from(RouterGraph.parse(json, "g"), "E");
        assertEquals(List.of("E", "D", "C", "B", "A"), t.routersTo("A"));
        assertEquals(4, t.distance().get("A"));
    }

    @Test
    void unreachableRouter() {
        String json = "{\"routers\":[\"A\",\"B\",\"Z\"],\"connections\":[{\"from\":\"A\",\"to\":\"B\",\"ad\":0}]}";
        ShortestPath.Tree t = ShortestPath.from(RouterGraph.parse(json, "g"), "A");
        assertFalse(t.reaches("Z"));
        assertTrue(t.routersTo("Z").isEmpty());
        assertEquals(0, t.distance().get("B"));
    }

    /** The example graph with random edits: a usage error (exit 2) or a graph, never another exception. */
    @Test
    void mutatedGraphsFailCleanly() throws IOException {
        String chars = "{}[]\",:0123456789.aR\\";
        String base = Files.readString(Path.of("docs/examples/routers.json"));
        java.util.Random rnd = new java.util.Random(110);
        int rejected = 0;
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder(base);
            for (int e = 0; e < 1 + rnd.nextInt(3); e++) {
                int at = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.setCharAt(at, chars.charAt(rnd.nextInt(chars.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, "[[[[");
                }
            }
            try {
                RouterGraph g = RouterGraph.parse(b.toString(), "g.json");
                ShortestPath.from(g, g.routers().keySet().iterator().next());
            } catch (NetkitException e) {
                assertEquals(2, e.exitCode());
                assertTrue(e.getMessage().startsWith("g.json"), e.getMessage());
                rejected++;
            } catch (java.util.NoSuchElementException e) {
                // a graph without routers: nothing to start from (the command resolves SRC first)
            }
        }
        assertTrue(rejected > 500, "only " + rejected + " rejected");
    }

    @Test
    void badGraphsSayWhat() {
        NetkitException e = assertThrows(NetkitException.class, () -> RouterGraph.parse("{\"routers\":[", "g.json"));
        assertEquals("g.json:1:13: Unexpected end-of-input: expected close marker for Array"
                + " (start marker at line 1, column 12) (not valid JSON)", e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouterGraph.parse(
                "{\"routers\":[\"A\"],\"connections\":[{\"from\":\"A\",\"to\":\"Q\"}]}", "g.json"));
        assertEquals("g.json: connections[0]: \"to\" names 'Q', which is not in \"routers\"", e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouterGraph.parse(
                "{\"routers\":[\"A\",\"B\"],\"connections\":[{\"from\":\"A\",\"to\":\"B\",\"ad\":-3}]}", "g.json"));
        assertTrue(e.getMessage().contains("\"ad\" must be a whole number >= 0"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouterGraph.parse("{\"routers\":[\"A\",\"A\"],\"connections\":[]}", "g.json"));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> RouterGraph.parse(
                "{\"routers\":[\"A\",\"B\"],\"connections\":[{\"from\":\"A\",\"to\":\"B\",\"network\":\"10.0.0.0\",\"netmask\":\"255.0.255.0\"}]}", "g.json"));
        assertTrue(e.getMessage().contains("not contiguous"), e.getMessage());
    }
}
