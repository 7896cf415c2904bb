package dev.netkit.system;

import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The /proc/net parsers on files recorded in a namespace by src/test/resources/procnet/record.py; the expected
 * values are those ss printed at the same moment (procnet/ss-tuwan.txt).
 */
class ProcNetSocketsTest {
    static final Path FIXTURES = Path.of("src/test/resources/procnet");

    static String fixture(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name));
    }

    static SocketEntry find(List<SocketEntry> l, int localPort, int peerPort) {
        return l.stream().filter(s -> s.localPort() == localPort && s.peerPort() == peerPort).findFirst().orElseThrow(
                () -> new AssertionError("no socket " + localPort + " -> " + peerPort + " in " + l));
    }

    @Test
    void tcpV4StatesQueuesAndTimers() throws IOException {
        List<SocketEntry> tcp = ProcNetSockets.parseInet(fixture("tcp"), "tcp", false, "tcp");
        assertEquals(8, tcp.size());
        // ss: LISTEN 0 16 127.0.0.1:8080 0.0.0.0:*
        SocketEntry listen = find(tcp, 8080, 0);
        assertEquals(SocketState.LISTEN, listen.state());
        assertEquals("127.0.0.1", IpLiteral.format(listen.local()));
        assertEquals("0.0.0.0", IpLiteral.format(listen.peer()));
        assertEquals(36441, listen.inode());
        // ss: ESTAB 100 0 127.0.0.1:8080 127.0.0.1:42542
        SocketEntry server = find(tcp, 8080, 42542);
        assertEquals(SocketState.ESTABLISHED, server.state());
        assertEquals(100, server.recvQ());
        assertEquals(0, server.sendQ());
        // ss -o: timer:(keepalive,119min,0)
        SocketEntry client = find(tcp, 42542, 8080);
        assertEquals(SocketEntry.Timer.KEEPALIVE, client.timer());
        assertEquals(119, client.timerMillis() / 60_000);
        // ss -o: SYN-SENT 0 1 ... timer:(on,484ms,0)
        SocketEntry syn = find(tcp, 40552, 9);
        assertEquals(SocketState.SYN_SENT, syn.state());
        assertEquals(1, syn.sendQ());
        assertEquals(SocketEntry.Timer.ON, syn.timer());
        assertEquals(490, syn.timerMillis());
        // ss -o: TIME-WAIT timer:(timewait,59sec,0), inode 0 (no socket file)
        SocketEntry tw = find(tcp, 42546, 8080);
        assertEquals(SocketState.TIME_WAIT, tw.state());
        assertEquals(SocketEntry.Timer.TIMEWAIT, tw.timer());
        assertEquals(0, tw.inode());
        assertEquals(59, tw.timerMillis() / 1000);
        assertEquals(SocketState.FIN_WAIT2, find(tcp, 42562, 8080).state());
        SocketEntry closeWait = find(tcp, 8080, 42562);
        assertEquals(SocketState.CLOSE_WAIT, closeWait.state());
        assertEquals(1, closeWait.recvQ());
    }

    @Test
    void tcpV6WithMappedAndDualStack() throws IOException {
        List<SocketEntry> tcp6 = ProcNetSockets.parseInet(fixture("tcp6"), "tcp", true, "tcp6");
        assertEquals(4, tcp6.size());
        SocketEntry any = find(tcp6, 22, 0);
        assertEquals(SocketState.LISTEN, any.state());
        assertEquals("::", IpLiteral.format(any.local()));
        // ss: ESTAB [::ffff:127.0.0.1]:22 [::ffff:127.0.0.1]:57576
        SocketEntry mapped = find(tcp6, 22, 57576);
        assertEquals("::ffff:127.0.0.1", IpLiteral.format(mapped.local()));
        assertEquals("::ffff:127.0.0.1", IpLiteral.format(mapped.peer()));
        // ss: ESTAB [2001:db8:1::10]:48294 [2001:db8:1::10]:22
        SocketEntry global = find(tcp6, 48294, 22);
        assertEquals("2001:db8:1::10", IpLiteral.format(global.local()));
        assertTrue(global.v6());
    }

    @Test
    void udpAndRaw() throws IOException {
        List<SocketEntry> udp = ProcNetSockets.parseInet(fixture("udp"), "udp", false, "udp");
        SocketEntry echo = find(udp, 7, 0);
        assertEquals(SocketState.CLOSE, echo.state());
        assertEquals("UNCONN", echo.state().ssName());
        assertEquals(832, echo.recvQ());
        assertEquals(SocketState.ESTABLISHED, find(udp, 46012, 7).state());
        List<SocketEntry> udp6 = ProcNetSockets.parseInet(fixture("udp6"), "udp", true, "udp6");
        assertEquals(5353, udp6.get(0).localPort());
        List<SocketEntry> raw = ProcNetSockets.parseInet(fixture("raw"), "raw", false, "raw");
        assertEquals(1, raw.get(0).localPort()); // raw: the "port" is the IP protocol, ICMP
        List<SocketEntry> raw6 = ProcNetSockets.parseInet(fixture("raw6"), "raw", true, "raw6");
        assertEquals(58, raw6.get(0).localPort()); // ICMPv6
    }

    @Test
    void unixListenersAbstractAndPairs() throws IOException {
        List<SocketEntry> unix = ProcNetSockets.parseUnix(fixture("unix"));
        assertEquals(5, unix.size());
        SocketEntry path = unix.stream().filter(s -> "/tmp/nksys-rec.sock".equals(s.path())).findFirst().orElseThrow();
        assertEquals(SocketState.LISTEN, path.state());
        assertEquals("u_str", path.netid());
        assertEquals(36459, path.inode());
        SocketEntry abs = unix.stream().filter(s -> "@nksys-abstract".equals(s.path())).findFirst().orElseThrow();
        assertEquals(SocketState.LISTEN, abs.state());
        SocketEntry dgram = unix.stream().filter(s -> s.inode() == 36463).findFirst().orElseThrow();
        assertEquals("u_dgr", dgram.netid());
        assertEquals(SocketState.CLOSE, dgram.state());
        assertNull(dgram.path());
        assertEquals(2, unix.stream().filter(s -> s.state() == SocketState.ESTABLISHED).count());
    }

    @Test
    void truncatedLineSaysWhere() {
        String text = "  sl  local_address rem_address   st\n   0: 0100007F:1F90 00000000:0000 0A\n";
        NetkitException e = assertThrows(NetkitException.class,
                () -> ProcNetSockets.parseInet(text, "tcp", false, "/proc/net/tcp"));
        assertTrue(e.getMessage().startsWith("/proc/net/tcp line 2 has 4 fields"), e.getMessage());
    }

    @Test
    void badAddressSaysWhere() {
        String text = "h\n   0: 0100007F:1F90 0000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1\n";
        NetkitException e = assertThrows(NetkitException.class,
                () -> ProcNetSockets.parseInet(text, "tcp", false, "/proc/net/tcp"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("4 hex digits"), e.getMessage());
    }

    @Test
    void unknownStateNumberIsKeptAsUnknown() {
        String text = "h\n   0: 0100007F:1F90 00000000:0000 1F 00000000:00000000 00:00000000 00000000 0 0 1 1\n";
        assertEquals(SocketState.UNKNOWN, ProcNetSockets.parseInet(text, "tcp", false, "t").get(0).state());
    }

    /** Fixtures with random bytes changed, lines cut and fields dropped: a clean NetkitException or a result. */
    @Test
    void mutatedFilesFailCleanly() throws IOException {
        java.util.Random rnd = new java.util.Random(8);
        String[] names = {"tcp", "tcp6", "udp", "raw6", "unix"};
        int failed = 0;
        for (int round = 0; round < 3000; round++) {
            String name = names[round % names.length];
            StringBuilder b = new StringBuilder(fixture(name));
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits && b.length() > 0; e++) {
                int at = rnd.nextInt(b.length());
                switch (rnd.nextInt(4)) {
                    case 0 -> b.setCharAt(at, (char) rnd.nextInt(128));
                    case 1 -> b.setLength(at);
                    case 2 -> b.deleteCharAt(at);
                    default -> b.insert(at, "FFFFFFFFFFFFFFFFFFFF:");
                }
            }
            try {
                if (name.equals("unix")) {
                    ProcNetSockets.parseUnix(b.toString());
                } else {
                    ProcNetSockets.parseInet(b.toString(), "tcp", name.endsWith("6"), name);
                }
            } catch (NetkitException e) {
                assertTrue(e.getMessage().contains(" line "), e.getMessage());
                failed++;
            }
        }
        assertTrue(failed > 100, "only " + failed + " mutations were rejected");
    }

    @Test
    void ownersComeFromFdLinks(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("net"));
        for (String f : List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix")) {
            Files.writeString(proc.resolve("net/" + f), fixture(f));
        }
        Path fd = Files.createDirectories(proc.resolve("4242/fd"));
        Files.writeString(proc.resolve("4242/comm"), "python3\n");
        Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[36441]"));
        Files.createSymbolicLink(fd.resolve("4"), Path.of("/dev/null"));
        Path fd2 = Files.createDirectories(proc.resolve("77/fd"));
        Files.writeString(proc.resolve("77/comm"), "nc\n");
        Files.createSymbolicLink(fd2.resolve("5"), Path.of("socket:[36441]"));
        List<SocketEntry> all = new ProcNetSockets(proc).read(Set.of("tcp", "udp", "raw", "unix"), true, true, true);
        assertEquals(8 + 4 + 2 + 1 + 1 + 1 + 5, all.size());
        SocketEntry listen = all.stream().filter(s -> s.inode() == 36441).findFirst().orElseThrow();
        assertEquals(List.of(new SocketEntry.SocketOwner(77, "nc", 5), new SocketEntry.SocketOwner(4242, "python3", 3)),
                listen.owners());
        assertTrue(all.stream().filter(s -> s.inode() != 36441).allMatch(s -> s.owners().isEmpty()));
    }
}
