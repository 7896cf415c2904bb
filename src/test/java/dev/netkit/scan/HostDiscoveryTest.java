package dev.netkit.scan;

import dev.netkit.arp.ArpEndpoint;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.Frame;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -sn on an attached subnet: ARP finds who is up, our own address is up without a probe. */
class HostDiscoveryTest {
    static final MacAddress SELF = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress PC2 = MacAddress.parse("02:00:00:00:00:0b");
    static final Inet4Address ME = (Inet4Address) IpLiteral.parseOrNull("198.18.1.10");
    static final Inet4Address PC2_IP = (Inet4Address) IpLiteral.parseOrNull("198.18.1.11");

    @Test
    void arpFindsTheLanAndOurOwnAddressIsUpWithoutARequest() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB).onSend(frame -> {
            ArpMessage q = Frame.decode(dev.netkit.packet.LinkType.valueOf(1), frame).arp().orElseThrow();
            return q.targetIp().equals(PC2_IP) ? List.of(CapturedFrame.of(0, LinkType.EN10MB,
                    ArpMessage.reply(PC2, PC2_IP, q.senderMac(), q.senderIp()).toFrame())) : List.of();
        });
        List<ScanTarget> targets = new ArrayList<>();
        for (String a : List.of("198.18.1.10", "198.18.1.11", "198.18.1.13")) {
            targets.add(new ScanTarget(IpLiteral.parseOrNull(a), null));
        }
        Map<InetAddress, HostDiscovery.Up> up = new HostDiscovery(100).discover(targets,
                new ArpEndpoint("eth0", SELF, ME, 24), (iface, filter) -> wire, ScanControl.none());
        assertEquals(List.of(ME, PC2_IP), List.copyOf(up.keySet()));
        assertEquals("localhost-response", up.get(ME).reason());
        assertNull(up.get(ME).mac());
        assertEquals("arp-response", up.get(PC2_IP).reason());
        assertEquals(PC2.toString(), up.get(PC2_IP).mac());
        List<String> asked = wire.sent().stream().map(f -> Frame.decode(dev.netkit.packet.LinkType.valueOf(1), f)
                .arp().orElseThrow().targetIp().getHostAddress()).toList();
        // two rounds for the silent .13, none for our own address
        assertEquals(List.of("198.18.1.11", "198.18.1.13", "198.18.1.13"), asked);
    }

    /**
     * Without capture the kernel probes: 64 loopback targets whose connects all pend until the timeout. One
     * connect scan runs them all at once on the caller's thread; connects on virtual threads each pinned one of
     * the two carriers while epoll_wait blocked in native code, and took 32 timeouts.
     */
    @Test
    void kernelProbesOfManyTargetsWaitAboutOneTimeout() throws Exception {
        try (PendingPort pending = new PendingPort()) {
            List<ScanTarget> targets = new ArrayList<>();
            for (int i = 1; i <= 64; i++) {
                targets.add(new ScanTarget(IpLiteral.parseOrNull("127.0.0." + i), null));
            }
            long start = System.nanoTime();
            Map<InetAddress, HostDiscovery.Up> up = new HostDiscovery(500)
                    .withConnectPorts(List.of(pending.port()))
                    .discover(targets, null, null, ScanControl.none());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 5, "took " + seconds + " s");
            // the kernel's echo answers on loopback (ICMP with privilege, else TCP port 7 refused)
            assertEquals(targets.stream().map(ScanTarget::address).toList(), List.copyOf(up.keySet()));
        }
    }

    /**
     * Ctrl-C during raw discovery: ARP on the LAN and raw probes beyond it, on a silent wire that waits in real
     * time, with a 60 s timeout. Stopping the control ends discovery within a few checks, not after the waits.
     */
    @Test
    void aStoppedControlEndsRawDiscoveryPromptly() {
        dev.netkit.capture.FrameChannel silent = new SilentWire();
        ScanControl control = ScanControl.none();
        Thread stopper = Thread.ofPlatform().daemon().start(() -> {
            java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
            control.stop();
        });
        List<ScanTarget> targets = List.of(new ScanTarget(IpLiteral.parseOrNull("198.18.1.13"), null),
                new ScanTarget(IpLiteral.parseOrNull("198.18.10.20"), null));
        HostDiscovery.Route route = new HostDiscovery.Route("eth0", SELF, PC2, ME);
        long start = System.nanoTime();
        Map<InetAddress, HostDiscovery.Up> up = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> new HostDiscovery(60_000).withRoutes(a -> route)
                        .discover(targets, new ArpEndpoint("eth0", SELF, ME, 24), (iface, filter) -> silent, control));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertEquals(Map.of(), up);
        assertTrue(control.stopped() && !stopper.isAlive());
    }

    /** A wire where nothing ever answers and a receive waits, in real time, until its deadline. */
    static final class SilentWire implements dev.netkit.capture.FrameChannel {
        @Override
        public LinkType linkType() {
            return LinkType.EN10MB;
        }

        @Override
        public CapturedFrame receive(long deadlineNanos) {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            return null;
        }

        @Override
        public boolean ended() {
            return false;
        }

        @Override
        public void send(byte[] frame) {
        }

        @Override
        public dev.netkit.capture.CaptureStats stats() {
            return new dev.netkit.capture.CaptureStats(0, 0, 0);
        }

        @Override
        public void close() {
        }
    }
}
