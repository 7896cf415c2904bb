package dev.netkit.capture;

import dev.netkit.NetkitException;
import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link LiveCapture}'s thread contract (one receiver, any number of senders, close from any thread) on
 * {@code lo} inside a namespace this test creates (nklc*, removed afterwards): closing during a waiting receive
 * and during sends crashes nothing, the receive returns and a later send throws. The capture runs in a child
 * JVM started in the namespace ({@link Probe}); frames go only to that namespace's loopback.
 */
class LiveCaptureCloseIT {
    private static final String NS = "nklc" + Long.toString(ProcessHandle.current().pid(), 36)
            + Long.toString(System.nanoTime() & 0xffff, 36);

    @Test
    void closeDuringAWaitingReceiveAndDuringSends() throws Exception {
        LabExtension.assumeRoot(); // skips without root, fails under CI
        try {
            run(20, "ip", "netns", "add", NS);
            run(20, "ip", "-n", NS, "link", "set", "lo", "up");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> out = run(90, "ip", "netns", "exec", NS, java, "--enable-native-access=ALL-UNNAMED",
                    "-XX:-CreateCoredumpOnCrash", "-cp", System.getProperty("java.class.path"),
                    Probe.class.getName());
            assertTrue(out.contains("receive: null"), String.join("\n", out));
            assertTrue(out.contains("send after close: cannot send on lo: capture closed"), String.join("\n", out));
            assertTrue(out.contains("senders: each ended with: cannot send on lo: capture closed"),
                    String.join("\n", out));
            assertTrue(out.contains("receiver: ended"), String.join("\n", out));
            assertEquals("ok", out.get(out.size() - 1), String.join("\n", out));
        } finally {
            new ProcessBuilder("ip", "netns", "delete", NS).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Runs a command, failing on a timeout or a non-zero exit; its output lines (stdout and stderr). */
    private static List<String> run(long seconds, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nklc", ".log");
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

    /** The child JVM, in the test's namespace: prints what happened, "ok" last when all went as the contract says. */
    public static final class Probe {
        /** Ethernet + IPv4 127.0.0.1 -> 127.0.0.1 + UDP to port 9 (discard), 4 bytes of payload. */
        static final byte[] FRAME = java.util.HexFormat.of().parseHex("000000000000" + "000000000000" + "0800"
                + "45000020000100004011" + "7cca" + "7f0000017f000001" + "a0000009000c0000" + "6e6b6c63");

        public static void main(String[] args) throws Exception {
            boolean ok = closeDuringReceive() & closeDuringSends();
            System.out.println(ok ? "ok" : "FAILED");
            System.exit(ok ? 0 : 1);
        }

        static LiveCapture open() {
            return LiveCapture.open(CaptureOptions.on("lo").withFilter("udp port 9"));
        }

        static boolean closeDuringReceive() throws InterruptedException {
            LiveCapture c = open();
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.close();
            });
            long t0 = System.nanoTime();
            CapturedFrame f = c.receive(t0 + TimeUnit.SECONDS.toNanos(20));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            closer.join(10_000);
            System.out.println("receive: " + f);
            boolean ok = f == null && ms < 10_000;
            if (ms >= 10_000) {
                System.out.println("receive waited " + ms + " ms after close");
            }
            return ok & sendAfterClose(c);
        }

        static boolean sendAfterClose(LiveCapture c) {
            try {
                c.send(FRAME);
                System.out.println("send after close did not throw");
                return false;
            } catch (NetkitException e) {
                System.out.println("send after close: " + e.getMessage());
                return true;
            }
        }

        static boolean closeDuringSends() throws InterruptedException {
            LiveCapture c = open();
            AtomicLong sent = new AtomicLong();
            AtomicLong received = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            List<String> endings = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            Thread receiver = Thread.ofPlatform().start(() -> {
                while (!c.ended() && System.nanoTime() < end) {
                    if (c.receive(System.nanoTime() + 100_000_000L) != null) {
                        received.incrementAndGet();
                    }
                }
            });
            for (int i = 0; i < 3; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            c.send(FRAME);
                            sent.incrementAndGet();
                        }
                        endings.add("no exception in 20 s");
                    } catch (NetkitException e) {
                        endings.add(e.getMessage());
                    } catch (RuntimeException e) {
                        endings.add(e.toString());
                    }
                }));
            }
            // close while all three are sending and the receiver reads what they send
            while ((sent.get() < 300 || received.get() < 10) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            c.close();
            for (Thread t : threads) {
                t.join(10_000);
            }
            receiver.join(10_000);
            System.out.println("sent " + sent.get() + ", received " + received.get());
            boolean sendersDone = endings.size() == 3
                    && endings.stream().allMatch("cannot send on lo: capture closed"::equals);
            System.out.println(sendersDone ? "senders: each ended with: cannot send on lo: capture closed"
                    : "senders: " + endings);
            System.out.println(receiver.isAlive() ? "receiver: still running" : "receiver: ended");
            return sendersDone && !receiver.isAlive() && received.get() >= 10 & sendAfterClose(c);
        }
    }
}
