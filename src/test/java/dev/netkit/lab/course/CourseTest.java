package dev.netkit.lab.course;

import dev.netkit.lab.LabFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exercises' checks on saved files, without a lab (hosts that are never asked, files written here). */
class CourseTest {
    private static final HostCommands NO_HOSTS = (host, args) -> {
        throw new AssertionError("asked " + host + " for " + args);
    };

    @TempDir
    Path dir;

    private static final String REQUEST = "{\"type\":\"packet\",\"eth\":{\"src\":\"02:6e:6b:01:00:0a\","
            + "\"dst\":\"ff:ff:ff:ff:ff:ff\",\"ethertype\":2054},\"arp\":{\"op\":\"request\","
            + "\"sender_mac\":\"02:6e:6b:01:00:0a\",\"sender_ip\":\"198.18.1.10\",\"target_mac\":\"00:00:00:00:00:00\","
            + "\"target_ip\":\"198.18.1.11\"}}";
    private static final String REPLY = "{\"type\":\"packet\",\"eth\":{\"src\":\"02:6e:6b:01:00:0b\","
            + "\"dst\":\"02:6e:6b:01:00:0a\",\"ethertype\":2054},\"arp\":{\"op\":\"reply\","
            + "\"sender_mac\":\"02:6e:6b:01:00:0b\",\"sender_ip\":\"198.18.1.11\",\"target_mac\":\"02:6e:6b:01:00:0a\","
            + "\"target_ip\":\"198.18.1.10\"}}";
    private static final String PING = "{\"type\":\"summary\",\"host\":\"198.18.1.11\",\"address\":\"198.18.1.11\","
            + "\"transmitted\":5,\"received\":5}";
    private static final String NEIGH = "{\"type\":\"neighbor\",\"ip\":\"198.18.1.11\",\"mac\":\"02:6e:6b:01:00:0b\","
            + "\"iface\":\"eth0\",\"state\":\"REACHABLE\"}";

    private Attempt check(Exercise e) {
        Attempt a = new Attempt("x", dir, NO_HOSTS);
        e.check(a);
        return a;
    }

    private void write(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void arpCachePassesOnOneRequestAndItsReply() throws IOException {
        write("arp.ndjson", REQUEST, REPLY);
        write("ping.ndjson", PING);
        write("neigh.ndjson", NEIGH);
        Attempt a = check(new ArpCacheExercise());
        assertTrue(a.findings().stream().allMatch(Finding::right), a.findings().toString());
        assertEquals(4, a.findings().size());
        assertNull(a.hint());
    }

    @Test
    void arpCacheSaysWhatIsMissingWithAHint() throws IOException {
        // two runs captured: two broadcasts; no neighbour file yet
        write("arp.ndjson", REQUEST, REPLY, REQUEST, REPLY);
        write("ping.ndjson", PING);
        Attempt a = check(new ArpCacheExercise());
        List<String> missing = a.findings().stream().filter(f -> !f.right()).map(Finding::text).toList();
        assertEquals(2, missing.size(), missing.toString());
        assertTrue(missing.get(0).contains("2 broadcast requests"), missing.toString());
        assertTrue(missing.get(1).contains("neigh.ndjson"), missing.toString());
        assertTrue(a.hint().contains("one run"), a.hint());
    }

    @Test
    void textInsteadOfJsonIsMissingNotAnError() throws IOException {
        write("ping.ndjson", "PING 198.18.1.11 (198.18.1.11) 56(84) bytes of data.");
        Attempt a = new Attempt("x", dir, NO_HOSTS);
        assertTrue(a.json("ping.ndjson").isEmpty());
        assertFalse(a.findings().get(0).right());
        assertTrue(a.hint().contains("--json"), a.hint());
    }

    @Test
    void notACaptureFileIsMissing() throws IOException {
        write("connect.pcap", "not a capture");
        Attempt a = new Attempt("x", dir, NO_HOSTS);
        assertTrue(a.pcap("connect.pcap").isEmpty());
        assertTrue(a.findings().get(0).text().contains("not a capture file"), a.findings().toString());
    }

    @Test
    void hostStateComesThroughTheSeamWithJson() throws IOException {
        write("sockets.ndjson", "{\"type\":\"socket\",\"proto\":\"tcp\",\"state\":\"LISTEN\",\"family\":\"inet\","
                + "\"local_address\":\"127.0.0.1\",\"local_port\":5000}");
        HostCommands pc2 = (host, args) -> {
            assertEquals("pc2", host);
            assertEquals(List.of("sockets", "-tln", "--json"), args);
            return List.of("{\"type\":\"socket\",\"proto\":\"tcp\",\"state\":\"LISTEN\",\"family\":\"inet\","
                    + "\"local_address\":\"0.0.0.0\",\"local_port\":5000}");
        };
        Attempt a = new Attempt("x", dir, pc2);
        new LoopbackListenerExercise().check(a);
        assertTrue(a.findings().stream().allMatch(Finding::right), a.findings().toString());
    }

    @Test
    void stepsFillInTheLabAndTheDirectory() {
        Exercise e = Course.all().stream().filter(x -> x.id().equals("fault-dns-down")).findFirst().orElseThrow();
        List<String> steps = e.steps("l1", "/tmp/ex");
        assertEquals("sudo netkit lab fault --name l1 dns-down on", steps.get(0));
        assertEquals("sudo netkit lab exec --name l1 client -- netkit dig +tries=1 +time=2 server.netkit.test --json"
                + " > /tmp/ex/broken.ndjson", steps.get(1));
        assertTrue(Course.all().get(0).steps("", ".").get(0).startsWith("sudo netkit lab exec client -- "));
    }

    /** Adding a fault means adding its exercise (one entry in FaultExercise.ALL). */
    @Test
    void everyFaultHasItsExercise() {
        List<String> ids = Course.all().stream().map(Exercise::id).toList();
        for (LabFault f : LabFault.values()) {
            assertTrue(ids.contains("fault-" + f.label()), f.label() + " has no exercise in " + ids);
        }
        assertEquals(8 + LabFault.values().length, ids.size());
        assertEquals(ids.size(), ids.stream().distinct().count());
    }
}
