package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit sockets} on the recorded namespace (src/test/resources/procnet, see record.py there). */
class SocketsCommandTest {
    static NetkitTest.Result run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "sockets";
        all[1] = "--proc-root";
        all[2] = "src/test/resources/procnet-root";
        System.arraycopy(args, 0, all, 3, args.length);
        return NetkitTest.run(all);
    }

    @Test
    void listeningTcpLikeSs() {
        NetkitTest.Result r = run("-tln");
        assertEquals(ExitCode.OK, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process", lines.get(0));
        assertEquals("LISTEN 0      0          127.0.0.1:8080      0.0.0.0:*", lines.get(1));
        assertEquals("LISTEN 0      0               [::]:22           [::]:*", lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void timersAndNetidWithSeveralProtocols() {
        NetkitTest.Result r = run("-tuan", "-o");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("Netid State"), r.out());
        assertTrue(r.out().contains("timer:(keepalive,119min,0)"), r.out());
        assertTrue(r.out().contains("timer:(timewait,59sec,0)"), r.out());
        assertTrue(r.out().contains("timer:(on,490ms,0)"), r.out());
        assertTrue(r.out().contains("[::ffff:127.0.0.1]:22"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("udp +UNCONN +832 +0 +0\\.0\\.0\\.0:7 +0\\.0\\.0\\.0:\\*")), r.out());
    }

    @Test
    void serviceNamesUnlessNumeric() {
        NetkitTest.Result r = run("-tl");
        assertTrue(r.out().contains("[::]:ssh"), r.out());
    }

    @Test
    void jsonOneObjectPerLine() {
        NetkitTest.Result r = run("-tln", "--json");
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals("{\"type\":\"socket\",\"proto\":\"tcp\",\"state\":\"LISTEN\",\"family\":\"inet\","
                + "\"local_address\":\"127.0.0.1\",\"local_port\":8080,\"peer_address\":\"0.0.0.0\",\"peer_port\":0,"
                + "\"recv_q\":0,\"send_q\":0,\"uid\":0,\"inode\":36441}", lines.get(0));
        assertTrue(lines.get(1).contains("\"family\":\"inet6\",\"local_address\":\"::\",\"local_port\":22"), lines.get(1));
    }

    @Test
    void netstatLayout() {
        NetkitTest.Result r = run("--netstat", "-tuln");
        List<String> lines = r.out().lines().toList();
        assertEquals("Active Internet connections (only servers)", lines.get(0));
        assertTrue(lines.get(1).startsWith("Proto Recv-Q Send-Q Local Address           Foreign Address         State"));
        assertTrue(lines.contains("tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN"), r.out());
        assertTrue(lines.contains("tcp6       0      0 :::22                   :::*                    LISTEN"), r.out());
        assertTrue(lines.contains("udp      832      0 0.0.0.0:7               0.0.0.0:*"), r.out());
    }

    @Test
    void summaryCountsStates() {
        NetkitTest.Result r = run("-s", "-t");
        assertTrue(r.out().contains("TCP       12        8         4"), r.out());
        assertTrue(r.out().contains("TCP:  12 (estab 6, syn-sent 1, fin-wait-2 1, time-wait 1, close-wait 1, listen 2"),
                r.out());
        NetkitTest.Result j = run("-s", "-t", "--json");
        assertTrue(j.out().startsWith("{\"type\":\"summary\",\"proto\":\"tcp\",\"total\":12,\"ipv4\":8,\"ipv6\":4,"
                + "\"states\":{\"ESTAB\":6,"), j.out());
    }

    @Test
    void unixWithPathAndInode() {
        NetkitTest.Result r = run("-xl");
        assertTrue(r.out().startsWith("Netid State"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("u_str +LISTEN +0 +0 +/tmp/nksys-rec.sock 36459 +\\* -")), r.out());
        assertTrue(r.out().contains("@nksys-abstract"), r.out());
    }

    @Test
    void continuousStopsAfterCount() {
        NetkitTest.Result r = run("-tln", "-c", "0.05", "--count", "2");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("State")).count(), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("-- ")).count(), r.out());
    }

    /** -p on a /proc tree with a process whose name carries a terminal escape: shown escaped, as ss -p lists it. */
    @Test
    void processesFromFdLinksEscaped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path proc) throws java.io.IOException {
        java.nio.file.Files.createDirectories(proc.resolve("net"));
        for (String f : List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix")) {
            java.nio.file.Files.copy(java.nio.file.Path.of("src/test/resources/procnet", f), proc.resolve("net/" + f));
        }
        java.nio.file.Path fd = java.nio.file.Files.createDirectories(proc.resolve("31337/fd"));
        java.nio.file.Files.writeString(proc.resolve("31337/comm"), "\u001b[31mevil\n");
        java.nio.file.Files.createSymbolicLink(fd.resolve("7"), java.nio.file.Path.of("socket:[36441]"));
        NetkitTest.Result r = NetkitTest.run("sockets", "--proc-root", proc.toString(), "-tlnp");
        assertTrue(r.out().contains("127.0.0.1:8080      0.0.0.0:*    users:((\"\\x1b[31mevil\",pid=31337,fd=7))"), r.out());
        assertTrue(!r.out().contains("\u001b"), r.out());
        NetkitTest.Result n = NetkitTest.run("sockets", "--proc-root", proc.toString(), "--netstat", "-tlnp");
        assertTrue(n.out().contains("LISTEN      31337/\\x1b[31mevil"), n.out());
        NetkitTest.Result j = NetkitTest.run("sockets", "--proc-root", proc.toString(), "-tlnp", "--json");
        assertTrue(j.out().contains("\"pid\":31337,\"process\":\"\\u001B[31mevil\",\"owners\":[{\"pid\":31337"), j.out());
    }

    @Test
    void badFilterIsUsageError() {
        NetkitTest.Result r = run("state", "sleepy");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("netkit sockets: unknown state 'sleepy'"), r.err());
    }
}
