package dev.netkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C (SIGINT) during a long scan of the real jar prints what was found so far: a UDP scan of loopback where
 * one port echoes at once and the others stay silent through many retries.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanInterruptIT {
    @Test
    void sigintPrintsThePartialReport() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket echo = new DatagramSocket(0, lo); DatagramSocket mute1 = new DatagramSocket(0, lo);
             DatagramSocket mute2 = new DatagramSocket(0, lo)) {
            Thread t = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[64];
                try {
                    while (true) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        echo.receive(p);
                        echo.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                    }
                } catch (java.io.IOException e) {
                    // closed at the end
                }
            });
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-jar",
                    System.getProperty("netkit.jar"), "scan", "-sU", "-Pn", "-T5", "--max-retries", "40",
                    "--stats-every", "100ms", "-p", echo.getLocalPort() + "," + mute1.getLocalPort() + ","
                    + mute2.getLocalPort(), "127.0.0.1"));
            Process p = new ProcessBuilder(cmd).start();
            try {
                BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                // wait until the echo port has its verdict (1 of 3 probes settled), then press Ctrl-C
                String line;
                while ((line = err.readLine()) != null && !line.startsWith("scan: 33.3% (1/3 probes)")) {
                    assertTrue(line.startsWith("scan: 0.0%"), line);
                }
                assertTrue(line != null, "no progress line with the echo port settled");
                new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                // 40 retries of 1 s would take 41 s: the scan must stop long before
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the scan did not stop on SIGINT");
                String rest = String.join("\n", err.lines().toList());
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(3, p.exitValue(), out + rest);
                assertTrue(rest.contains("netkit scan: interrupted; the report shows what was found so far"), rest);
                assertTrue(out.contains("netkit scan report for 127.0.0.1"), out);
                assertTrue(out.contains(echo.getLocalPort() + "/udp open"), out);
                assertTrue(!out.contains(mute1.getLocalPort() + "/udp"), "no verdict yet for the silent ports: " + out);
            } finally {
                p.destroyForcibly();
                echo.close();
                t.join(2000);
            }
        }
    }
}
