package dev.netkit.scan;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UDP scanner on loopback: a reply is open, ICMP port unreachable closed, silence open|filtered. */
class UdpScannerTest {
    @Test
    void replyUnreachableAndSilence() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int closed;
        try (DatagramSocket gone = new DatagramSocket(0, lo)) {
            closed = gone.getLocalPort();
        }
        try (DatagramSocket echo = new DatagramSocket(0, lo); DatagramSocket mute = new DatagramSocket(0, lo)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[64];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    echo.setSoTimeout(5000);
                    echo.receive(p);
                    echo.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                } catch (java.io.IOException e) {
                    // the test sees no reply
                }
            });
            ScanControl control = ScanControl.none();
            PortTable r = new UdpScanner(10, 200, 1).scan(List.of(lo),
                    List.of(echo.getLocalPort(), closed, mute.getLocalPort()), control);
            assertEquals(PortState.OPEN, state(r, echo.getLocalPort()));
            assertEquals("udp-response", reason(r, echo.getLocalPort()));
            assertEquals(PortState.CLOSED, state(r, closed));
            assertEquals("port-unreach", reason(r, closed));
            assertEquals(PortState.OPEN_FILTERED, state(r, mute.getLocalPort()));
            assertEquals(3, control.done());
            assertTrue(r.results(0).stream().allMatch(x -> x.proto().equals("udp")));
            t.join(2000);
        }
    }

    /** Counts the datagrams {@code s} receives and answers the {@code answerNth}-th (0: none) until closed. */
    static Thread countingServer(DatagramSocket s, int answerNth, java.util.concurrent.atomic.AtomicInteger seen) {
        return Thread.ofVirtual().start(() -> {
            try {
                byte[] buf = new byte[64];
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    if (seen.incrementAndGet() == answerNth) {
                        s.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                    }
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
    }

    @Test
    void anUnansweredProbeIsSentAgainAsTheTimingSays() throws Exception {
        // nmap's -sU at -T4: a lost first datagram is retransmitted after the timeout, and its reply counts
        InetAddress lo = InetAddress.getLoopbackAddress();
        var seen = new java.util.concurrent.atomic.AtomicInteger();
        try (DatagramSocket lossy = new DatagramSocket(0, lo)) {
            Thread t = countingServer(lossy, 2, seen);
            PortTable r = new UdpScanner(ScanTiming.template(4)).scan(List.of(lo), List.of(lossy.getLocalPort()),
                    ScanControl.none());
            assertEquals(PortState.OPEN, state(r, lossy.getLocalPort()));
            assertEquals(2, seen.get(), "the first datagram and one retransmission");
            lossy.close();
            t.join(2000);
        }
        // silence: as many tries as the pacer allows a host that never answered (nmap's allowedTryno: two)
        var silent = new java.util.concurrent.atomic.AtomicInteger();
        try (DatagramSocket mute = new DatagramSocket(0, lo)) {
            Thread t = countingServer(mute, 0, silent);
            PortTable r = new UdpScanner(ScanTiming.template(4)).scan(List.of(lo), List.of(mute.getLocalPort()),
                    ScanControl.none());
            assertEquals(PortState.OPEN_FILTERED, state(r, mute.getLocalPort()));
            assertEquals(2, silent.get());
            mute.close();
            t.join(2000);
        }
        // --max-retries 0: one datagram, no retransmission
        var once = new java.util.concurrent.atomic.AtomicInteger();
        try (DatagramSocket lossy = new DatagramSocket(0, lo)) {
            Thread t = countingServer(lossy, 2, once);
            PortTable r = new UdpScanner(ScanTiming.template(4).withMaxRetries(0)).scan(List.of(lo),
                    List.of(lossy.getLocalPort()), ScanControl.none());
            assertEquals(PortState.OPEN_FILTERED, state(r, lossy.getLocalPort()));
            assertEquals(1, once.get());
            lossy.close();
            t.join(2000);
        }
    }

    @Test
    void wellKnownPortsGetTheirProtocolsPayload() {
        assertEquals(0x6e, UdpScanner.payload(53)[0] & 0xff, "a DNS query with id 0x6e6b");
        assertEquals(48, UdpScanner.payload(123).length, "an NTP client request");
        assertEquals(0x30, UdpScanner.payload(161)[0] & 0xff, "an SNMP get (a BER sequence)");
        assertEquals(1, UdpScanner.payload(40000).length);
    }

    static PortState state(PortTable t, int port) {
        return t.results(0).stream().filter(x -> x.port() == port).findFirst().orElseThrow().state();
    }

    static String reason(PortTable t, int port) {
        return t.results(0).stream().filter(x -> x.port() == port).findFirst().orElseThrow().reason();
    }
}
