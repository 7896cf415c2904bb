package dev.netkit.capture;

import dev.netkit.packet.LinkType;
import dev.netkit.system.Privileges;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Live capture on the loopback interface (traffic to 127.0.0.1 only). Needs CAP_NET_RAW. */
class LiveCaptureTest {

    static void assumeCapture() {
        assumeTrue(Privileges.has(Privileges.CAP_NET_RAW) || System.getenv("CI") != null,
                "live capture needs CAP_NET_RAW");
    }

    @Test
    void quietWireKeepsTheDeadline() {
        assumeCapture();
        try (LiveCapture c = LiveCapture.open(CaptureOptions.on("lo").withFilter("udp port 9"))) {
            long t0 = System.nanoTime();
            assertNull(c.receiveWithin(300));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 290 && ms < 1500, "waited " + ms + " ms for a 300 ms deadline");
        }
    }

    @Test
    void capturesLoopbackUdpWithFilter() throws Exception {
        assumeCapture();
        try (LiveCapture c = LiveCapture.open(CaptureOptions.on("lo").withFilter("udp port 40999"));
             DatagramSocket s = new DatagramSocket()) {
            assertEquals(LinkType.EN10MB, c.linkType());
            byte[] msg = "netkit-capture-test".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), 40999));
            CapturedFrame f = c.receiveWithin(2000);
            assertNotNull(f, "no frame captured");
            assertEquals(14 + 20 + 8 + msg.length, f.capturedLength());
            assertTrue(Math.abs(f.timestampNanos() / 1_000_000 - System.currentTimeMillis()) < 5000);
            assertTrue(c.stats().receivedByFilter() >= 1);
        }
    }

    @Test
    void closeFromAnotherThreadEndsAWait() throws Exception {
        assumeCapture();
        LiveCapture c = LiveCapture.open(CaptureOptions.on("lo").withFilter("udp port 9"));
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.close();
        });
        closer.start();
        long t0 = System.nanoTime();
        assertNull(c.receiveWithin(10_000));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000);
        assertTrue(c.ended());
        closer.join();
    }

    @Test
    void injectedFrameIsSeenOnLoopback() {
        assumeCapture();
        try (LiveCapture c = LiveCapture.open(CaptureOptions.on("lo").withFilter("ether proto 0x88b5"))) {
            byte[] f = new byte[60];
            f[12] = (byte) 0x88; // local experimental ethertype 0x88b5
            f[13] = (byte) 0xb5;
            f[20] = 42;
            c.send(f);
            CapturedFrame got = c.receiveWithin(2000);
            assertNotNull(got, "injected frame not captured");
            assertEquals(42, got.data()[20]);
        }
    }

    @Test
    void devicesAreNumberedAndIncludeLoopback() {
        assumeCapture();
        var devs = LiveCapture.devices();
        assertEquals(1, devs.get(0).number());
        assertTrue(devs.stream().anyMatch(d -> d.name().equals("lo") && d.loopback()), devs.toString());
        assertEquals("lo", LiveCapture.resolve(Integer.toString(
                devs.stream().filter(d -> d.name().equals("lo")).findFirst().orElseThrow().number())));
    }
}
