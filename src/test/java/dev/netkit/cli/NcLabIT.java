package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit nc} between lab hosts: files intact over TCP and UDP, port checks, the UDP echo service. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NcLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final Duration SHORT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A shell command line running the jar (the lab hosts share the file system, not the network). */
    static String netkit(String args) {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " --enable-native-access=ALL-UNNAMED"
                + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + System.getProperty("netkit.jar") + " " + args;
    }

    static LabExtension.Result sh(String host, String script) {
        return lab.exec(host, SHORT, "sh", "-c", script);
    }

    /** Starts {@code script} on the server in the background and waits until it listens on {@code port}. */
    static CompletableFuture<LabExtension.Result> serverListening(String script, String proto, int port)
            throws InterruptedException {
        CompletableFuture<LabExtension.Result> f = CompletableFuture.supplyAsync(() -> sh("server", script));
        String ssFlag = proto.equals("udp") ? "-Hlun" : "-Hltn";
        for (int i = 0; i < 100; i++) {
            LabExtension.Result ss = lab.exec("server", SHORT, "ss", ssFlag, "sport = :" + port);
            if (!ss.stdout().isBlank()) {
                return f;
            }
            assertTrue(!f.isDone(), "the listener ended early: " + (f.isDone() ? f.join().output() : ""));
            Thread.sleep(100);
        }
        throw new AssertionError("nothing listens on " + proto + " " + port + " in the server");
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private void transfer(byte[] data, String proto, int port) throws Exception {
        Path in = Files.write(dir.resolve("in.bin"), data);
        Path got = dir.resolve("got-" + proto + ".bin");
        String u = proto.equals("udp") ? "-u " : "";
        CompletableFuture<LabExtension.Result> server = serverListening(netkit("nc -l -v " + u + "--max-bytes "
                + data.length + " -w 10 " + port) + " > " + got + " < /dev/null", proto, port);
        String client = proto.equals("udp") ? "nc -u -v -q 1 server.netkit.test " + port
                : "nc -v -N server.netkit.test " + port;
        LabExtension.Result c = sh("client", netkit(client) + " < " + in);
        assertEquals(0, c.exitCode(), c.output());
        assertTrue(c.stderr().contains("Connection to server.netkit.test (198.18.10.10) " + port + " port [" + proto
                + "/"), c.stderr());
        LabExtension.Result s = server.get(60, TimeUnit.SECONDS);
        assertEquals(0, s.exitCode(), s.output());
        assertTrue(s.stderr().contains("Connection received on 198.18.1.10 "), s.stderr());
        assertEquals(data.length, Files.size(got));
        assertEquals(sha256(in), sha256(got));
    }

    static byte[] binary(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void textArrivesIntactOverTcp() throws Exception {
        transfer("GET / HTTP/1.0\nhello from the client\n".getBytes(), "tcp", 9100);
    }

    @Test
    void fiveMegabytesOfBinaryArriveIntactOverTcp() throws Exception {
        transfer(binary(5 << 20), "tcp", 9101);
    }

    @Test
    void textArrivesIntactOverUdp() throws Exception {
        transfer("a line over udp\n".getBytes(), "udp", 9102);
    }

    @Test
    void fiveMegabytesOfBinaryArriveIntactOverUdp() throws Exception {
        transfer(binary(5 << 20), "udp", 9103);
    }

    @Test
    void portRangeTellsRefusedFromTimedOut() {
        LabExtension.Result r = lab.netkit("client", "nc", "-zv", "-4", "-w", "1", "server.netkit.test", "9995-10000");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stderr().contains(
                "netkit nc: connect to server.netkit.test (198.18.10.10) port 9998 (tcp) failed: Connection refused\n"),
                r.stderr());
        assertTrue(r.stderr().contains(
                "netkit nc: connect to server.netkit.test (198.18.10.10) port 9999 (tcp) timed out: Operation now in progress\n"),
                r.stderr());
        assertEquals(6, r.stderr().lines().count(), r.stderr());
    }

    @Test
    void openPortsSucceedWithTheirServiceNames() {
        LabExtension.Result r = lab.netkit("client", "nc", "-zv", "-w", "2", "server.netkit.test", "80");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stderr().startsWith("Connection to server.netkit.test ("), r.stderr());
        assertTrue(r.stderr().contains(") 80 port [tcp/http] succeeded!"), r.stderr());
        LabExtension.Result v6 = lab.netkit("client", "nc", "-zv", "-6", "-w", "2", "server.netkit.test", "22");
        assertEquals("Connection to server.netkit.test (2001:db8:10::10) 22 port [tcp/ssh] succeeded!\n", v6.stderr());
    }

    @Test
    void udpEchoReturnsTheData() {
        LabExtension.Result r = sh("client", "printf 'echo me\\n' | " + netkit("nc -u -q 1 server.netkit.test 7"));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("echo me\n", r.stdout());
        LabExtension.Result closed = lab.netkit("client", "nc", "-zuv", "-4", "-w", "1", "server.netkit.test", "9997");
        assertEquals(1, closed.exitCode(), closed.output());
        assertTrue(closed.stderr().contains("port 9997 (udp) failed: Connection refused"), closed.stderr());
    }

    @Test
    void httpTypedByHandWithCrlf() {
        LabExtension.Result r = sh("client", "printf 'GET / HTTP/1.0\\n\\n' | " + netkit("nc -C -w 5 server.netkit.test 80"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().startsWith("HTTP/1.1 200") || r.stdout().startsWith("HTTP/1.0 200"), r.stdout());
    }
}
