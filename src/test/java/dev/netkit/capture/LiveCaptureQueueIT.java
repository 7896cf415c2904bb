package dev.netkit.capture;

import dev.netkit.lab.LabExtension;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link LiveCapture#queue}'s batch send (sendmmsg on a packet socket): every frame queued and flushed crosses the
 * link once, in order, as tcpdump on the other end sees it. A veth pair (nkq0, nkq1) inside a namespace this test
 * creates (nklq*, removed afterwards); the frames go only to 198.18.0.2 there. The sender is a child JVM started in
 * the namespace ({@link Sender}).
 */
class LiveCaptureQueueIT {
    private static final String NS = "nklq" + Long.toString(ProcessHandle.current().pid(), 36)
            + Long.toString(System.nanoTime() & 0xffff, 36);
    /** More than one sendmmsg takes, and sizes up to 1,400 bytes of payload: flushes by count and by buffer room. */
    private static final int FRAMES = 1500;

    @Test
    void everyQueuedFrameCrossesTheLinkOnceInOrder() throws Exception {
        LabExtension.assumeRoot(); // skips without root, fails under CI
        Path dir = Files.createTempDirectory("nklq");
        Process tcpdump = null;
        try {
            run(20, "ip", "netns", "add", NS);
            run(20, "ip", "-n", NS, "link", "add", "name", "nkq0", "type", "veth", "peer", "name", "nkq1");
            run(20, "ip", "-n", NS, "link", "set", "nkq0", "up");
            run(20, "ip", "-n", NS, "link", "set", "nkq1", "up");
            Path pcap = dir.resolve("nkq1.pcap");
            Path log = dir.resolve("tcpdump.log");
            // --immediate-mode and a 32 MiB buffer: no frame left in the ring's current block or dropped. -s 2048:
            // in immediate mode libpcap's ring has one slot per frame, sized for the largest frame the link may carry
            // (64 KiB on a veth with offloads) unless the snap length is smaller, so the 32 MiB held about 500 of the
            // 1,500-frame burst and a loaded machine dropped 84 (a CI run)
            tcpdump = new ProcessBuilder("ip", "netns", "exec", NS, "tcpdump", "-i", "nkq1", "-n", "-B", "32768",
                    "-s", "2048", "--immediate-mode", "-U", "-w", pcap.toString(), "udp and dst port 9")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitLine(log, "listening on");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> out = run(90, "ip", "netns", "exec", NS, java, "--enable-native-access=ALL-UNNAMED",
                    "-XX:-CreateCoredumpOnCrash", "-cp", System.getProperty("java.class.path"),
                    Sender.class.getName(), Integer.toString(FRAMES));
            assertEquals("queued " + FRAMES, out.getLast(), String.join("\n", out));
            settled(pcap);
            new ProcessBuilder("kill", "-INT", Long.toString(tcpdump.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump did not stop");
            String summary = Files.readString(log);
            assertTrue(summary.lines().anyMatch("0 packets dropped by kernel"::equals), summary);

            List<String> lines = run(30, "tcpdump", "-r", pcap.toString(), "-n", "-v");
            Pattern id = Pattern.compile("\\bid (\\d+),");
            List<Integer> ids = new ArrayList<>();
            for (String l : lines) {
                Matcher m = id.matcher(l);
                if (m.find()) {
                    ids.add(Integer.parseInt(m.group(1)));
                }
            }
            List<Integer> expected = IntStream.range(0, FRAMES).boxed().toList();
            assertEquals(FRAMES, ids.size(), "frames tcpdump saw on the far end of the link");
            assertEquals(expected, ids, "each once, in the order queued");
        } finally {
            if (tcpdump != null) {
                tcpdump.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            new ProcessBuilder("ip", "netns", "delete", NS).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Waits (at most 20 s) until the log has a line containing {@code text}. */
    private static void awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("no '" + text + "' in " + log + ": " + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    /** Waits (at most 5 s) until a capture file has not grown for 500 ms: tcpdump has written what it was given. */
    private static void settled(Path f) throws Exception {
        long size = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            long now = Files.exists(f) ? Files.size(f) : 0;
            if (now == size) {
                return;
            }
            size = now;
            Thread.sleep(500);
        }
    }

    /** Runs a command, failing on a timeout or a non-zero exit; its output lines (stdout and stderr). */
    private static List<String> run(long seconds, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nklq", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", cmd) + " did not finish in " + seconds + " s: " + Files.readString(log));
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + text);
            return text.lines().toList();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The child JVM, in the test's namespace: queues N UDP frames (IPv4 id = their number) on nkq0, flushes once. */
    public static final class Sender {
        public static void main(String[] args) throws Exception {
            int n = Integer.parseInt(args[0]);
            Inet4Address from = (Inet4Address) InetAddress.getByName("198.18.0.1");
            Inet4Address to = (Inet4Address) InetAddress.getByName("198.18.0.2");
            MacAddress self = MacAddress.parse("02:00:00:00:00:01");
            try (LiveCapture c = LiveCapture.open(CaptureOptions.on("nkq0").withFilter("udp and dst port 9"))) {
                for (int i = 0; i < n; i++) {
                    byte[] frame = PacketBuilder.ethernet(self, MacAddress.BROADCAST).ipv4(from, to).identification(i)
                            .udp(40000, 9, new byte[(i * 37) % 1400]).build();
                    c.queue(frame);
                }
                c.flush();
            }
            System.out.println("queued " + n);
        }
    }
}
