package dev.netkit.sockets;

import dev.netkit.NetkitException;
import dev.netkit.system.ProcNetSockets;
import dev.netkit.system.Services;
import dev.netkit.system.SocketEntry;
import dev.netkit.system.SocketState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ss's filter words on the recorded namespace (src/test/resources/procnet). */
class SocketFilterTest {
    static final Services SERVICES = new Services("ssh 22/tcp\nhttp-alt 8080/tcp webcache\necho 7/udp\n");
    static List<SocketEntry> sockets;

    static List<SocketEntry> all() throws IOException {
        if (sockets == null) {
            Path d = Path.of("src/test/resources/procnet");
            sockets = new ArrayList<>();
            sockets.addAll(ProcNetSockets.parseInet(Files.readString(d.resolve("tcp")), "tcp", false, "tcp"));
            sockets.addAll(ProcNetSockets.parseInet(Files.readString(d.resolve("tcp6")), "tcp", true, "tcp6"));
            sockets.addAll(ProcNetSockets.parseInet(Files.readString(d.resolve("udp")), "udp", false, "udp"));
            sockets.addAll(ProcNetSockets.parseUnix(Files.readString(d.resolve("unix"))));
        }
        return sockets;
    }

    /** "local_port->peer_port" of the sockets the query selects. */
    static List<String> select(SocketQuery.Selection sel, String... words) throws IOException {
        SocketFilter f = SocketFilter.parse(Arrays.asList(words), SERVICES);
        SocketQuery q = new SocketQuery(Set.of("tcp", "udp", "unix"), true, true, sel, f, false);
        return q.select(all()).stream().map(s -> s.proto() + " " + s.localPort() + "->" + s.peerPort()).toList();
    }

    @Test
    void defaultShowsConnectedNotListeningNorTimeWait() throws IOException {
        List<String> r = select(SocketQuery.Selection.CONNECTED);
        assertTrue(r.contains("tcp 42542->8080") && r.contains("udp 46012->7"), r.toString());
        assertTrue(!r.contains("tcp 8080->0") && !r.contains("tcp 42546->8080") && !r.contains("udp 7->0"), r.toString());
    }

    @Test
    void listeningIsListenAndUnconnected() throws IOException {
        List<String> r = select(SocketQuery.Selection.LISTENING);
        assertEquals(List.of("tcp 8080->0", "tcp 22->0", "udp 7->0", "unix -1->-1", "unix -1->-1", "unix -1->-1"), r);
    }

    @Test
    void stateWordsAddUp() throws IOException {
        assertEquals(List.of("tcp 42546->8080", "tcp 42562->8080"),
                select(SocketQuery.Selection.CONNECTED, "state", "time-wait", "state", "fin-wait-2"));
    }

    @Test
    void excludeRemovesFromAll() throws IOException {
        List<String> r = select(SocketQuery.Selection.CONNECTED, "exclude", "established", "sport", "=", ":8080");
        assertEquals(List.of("tcp 8080->0", "tcp 8080->42562"), r);
    }

    @Test
    void sportWithServiceNameAndGluedOperator() throws IOException {
        assertEquals(List.of("tcp 22->0"), select(SocketQuery.Selection.LISTENING, "sport=:ssh"));
        assertEquals(List.of("tcp 22->57576", "tcp 22->48294"),
                select(SocketQuery.Selection.ALL, "state", "established", "sport", "eq", ":22"));
    }

    @Test
    void dportNotEqualAndParentheses() throws IOException {
        List<String> r = select(SocketQuery.Selection.ALL, "state", "established",
                "( dport != :8080 and dport != :22 )");
        assertEquals(List.of("tcp 8080->42542", "tcp 22->57576", "tcp 22->48294", "udp 46012->7"), r);
    }

    @Test
    void orAndNot() throws IOException {
        assertEquals(List.of("tcp 40552->9", "udp 46012->7"),
                select(SocketQuery.Selection.ALL, "dport = :9 or dport = :echo"));
        assertEquals(List.of("tcp 8080->0", "tcp 22->0"),
                select(SocketQuery.Selection.ALL, "state", "listening", "not", "sport", "<", ":22", "or", "sport", "=", ":22"));
    }

    @Test
    void dstPrefixAndIpv4MappedMatch() throws IOException {
        // 127.0.0.0/8 also matches the IPv4-mapped peer of the dual-stack socket
        List<String> r = select(SocketQuery.Selection.ALL, "state", "established", "src", "127.0.0.0/8:22");
        assertEquals(List.of("tcp 22->57576"), r);
        assertEquals(List.of("tcp 22->48294", "tcp 48294->22"),
                select(SocketQuery.Selection.ALL, "dst", "[2001:db8:1::]/64"));
        assertEquals(List.of("tcp 48294->22"), select(SocketQuery.Selection.ALL, "dst", "[2001:db8:1::10]:22"));
    }

    @Test
    void srcHostAndNotEqual() throws IOException {
        List<String> r = select(SocketQuery.Selection.ALL, "src", "!=", "127.0.0.1", "and", "not", "src", "::ffff:127.0.0.1");
        assertTrue(r.contains("tcp 22->0") && r.contains("udp 7->0") && r.contains("tcp 48294->22"), r.toString());
        assertTrue(r.stream().noneMatch(s -> s.startsWith("unix") || s.equals("tcp 8080->0")), r.toString());
    }

    @Test
    void stateGroups() {
        assertEquals(EnumSet.of(SocketState.SYN_RECV, SocketState.TIME_WAIT), SocketFilter.stateGroup("bucket"));
        assertTrue(!SocketFilter.stateGroup("synchronized").contains(SocketState.SYN_SENT));
        assertTrue(SocketFilter.stateGroup("connected").contains(SocketState.TIME_WAIT));
    }

    @Test
    void errorsSayWhatIsWrong() {
        NetkitException e = assertThrows(NetkitException.class, () -> select(SocketQuery.Selection.ALL, "state", "sleepy"));
        assertTrue(e.getMessage().startsWith("unknown state 'sleepy'"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> select(SocketQuery.Selection.ALL, "dport", "=", ":nosuch"));
        assertTrue(e.getMessage().contains("'nosuch' is neither a port number nor a service name"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> select(SocketQuery.Selection.ALL, "(", "sport", "=", ":22"));
        assertTrue(e.getMessage().contains("')'"), e.getMessage());
        e = assertThrows(NetkitException.class, () -> select(SocketQuery.Selection.ALL, "frobnicate"));
        assertEquals(2, e.exitCode());
    }
}
