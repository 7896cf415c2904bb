package dev.netkit.scan;

import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connect scanner's window, timeouts, retries and states against a scripted connector; then on loopback. */
class ConnectScannerTest {
    static final InetAddress A = IpLiteral.parseOrNull("198.18.10.10");
    static final InetAddress B = IpLiteral.parseOrNull("198.18.10.11");
    static final long MS = 1_000_000L;

    /**
     * A scripted wire: per port an outcome that the kernel gives at once ({@code now}), one that comes later
     * through poll, or silence (no entry). Counts attempts and the most attempts in flight.
     */
    static final class ScriptedConnector implements Connector {
        final Map<Integer, Outcome> later = new HashMap<>();
        final Map<Integer, Outcome> now = new HashMap<>();
        final Map<Integer, Integer> attempts = new HashMap<>();
        final Set<Integer> inFlight = new HashSet<>();
        final ArrayDeque<int[]> ended = new ArrayDeque<>();
        int most;
        boolean closed;

        @Override
        public Outcome start(int id, InetAddress address, int port) {
            attempts.merge(port, 1, Integer::sum);
            if (now.containsKey(port)) {
                return now.get(port);
            }
            assertTrue(inFlight.add(id), "slot " + id + " reused while in flight");
            most = Math.max(most, inFlight.size());
            if (later.containsKey(port)) {
                ended.add(new int[] {id, later.get(port).ordinal()});
            }
            return null;
        }

        @Override
        public int poll(long deadlineNanos, int[] ids, Outcome[] outcomes) {
            if (ended.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    try {
                        Thread.sleep(left / MS, (int) (left % MS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return 0;
            }
            int n = 0;
            while (!ended.isEmpty() && n < ids.length) {
                int[] e = ended.poll();
                inFlight.remove(e[0]);
                ids[n] = e[0];
                outcomes[n++] = Outcome.values()[e[1]];
            }
            return n;
        }

        @Override
        public void cancel(int id) {
            assertTrue(inFlight.remove(id), "cancel of slot " + id + " that is not in flight");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * A wire scripted per host: {@code refusing} refuses at once, every other host is silent (its connects pend
     * until the scanner gives up on them). Counts the attempts per host; {@code failing} throws at the first start.
     */
    static final class ByHostConnector implements Connector {
        final InetAddress refusing;
        final Error failing;
        final Map<InetAddress, Integer> attempts = new HashMap<>();
        final Set<Integer> pending = new HashSet<>();
        volatile boolean closed;

        ByHostConnector(InetAddress refusing, Error failing) {
            this.refusing = refusing;
            this.failing = failing;
        }

        @Override
        public Outcome start(int id, InetAddress address, int port) {
            if (failing != null) {
                throw failing;
            }
            attempts.merge(address, 1, Integer::sum);
            if (address.equals(refusing)) {
                return Outcome.REFUSED;
            }
            pending.add(id);
            return null;
        }

        @Override
        public int poll(long deadlineNanos, int[] ids, Outcome[] outcomes) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, deadlineNanos - System.nanoTime()));
            return 0;
        }

        @Override
        public void cancel(int id) {
            assertTrue(pending.remove(id));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** 2048 ports: with 2 hosts, enough probes for the loops to share a scan. */
    static List<Integer> ports2048() {
        List<Integer> ports = new ArrayList<>();
        for (int p = 1; p <= 2048; p++) {
            ports.add(p);
        }
        return ports;
    }

    @Test
    void loopsTakeTheNextProbeWhateverItsHostSoASilentHostIsShared() {
        // probe -> host is probe % 2: with a stride of 2, one loop had only A (refused at once) and sat idle while
        // the other waited out every timeout of B alone with half the slots (twice one loop's time)
        List<ByHostConnector> made = java.util.Collections.synchronizedList(new ArrayList<>());
        PortTable t = new ConnectScanner(64, 20 * MS, 20 * MS, 0, () -> {
            ByHostConnector c = new ByHostConnector(A, null);
            made.add(c);
            return c;
        }, 2).scan(List.of(A, B), ports2048(), ScanControl.none());
        assertEquals(4096, t.knownCount());
        assertEquals(2, made.size());
        for (ByHostConnector c : made) {
            int silent = c.attempts.getOrDefault(B, 0);
            // each loop has half the slots, so about half of B's timeouts: no loop waits out much more than that
            assertTrue(silent > 0 && silent <= 2048 * 3 / 4, "one loop's timeouts of B: " + silent + " of 2048");
            assertTrue(c.attempts.getOrDefault(A, 0) > 0, "each loop also takes A's probes");
        }
    }

    @Test
    void anErrorInALoopStopsTheScanAndIsThrownAfterEveryLoopEnded() {
        List<ByHostConnector> made = java.util.Collections.synchronizedList(new ArrayList<>());
        Error boom = new StackOverflowError("boom");
        ScanControl control = ScanControl.none();
        java.util.concurrent.atomic.AtomicInteger loops = new java.util.concurrent.atomic.AtomicInteger();
        Error thrown = org.junit.jupiter.api.Assertions.assertThrows(Error.class, () ->
                new ConnectScanner(64, 200 * MS, 200 * MS, 0, () -> {
                    ByHostConnector c = new ByHostConnector(A, loops.getAndIncrement() == 0 ? null : boom);
                    made.add(c);
                    return c;
                }, 2).scan(List.of(A, B), ports2048(), control));
        assertEquals(boom, thrown);
        assertTrue(control.stopped(), "the other loop was told to stop");
        assertTrue(made.stream().allMatch(c -> c.closed), "every loop ended before the throw");
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryLoopAndKeepsItsInterrupt() {
        List<ByHostConnector> made = java.util.Collections.synchronizedList(new ArrayList<>());
        ScanControl control = ScanControl.none();
        Thread.currentThread().interrupt();
        try {
            // silent B: each loop sits in a 300 ms poll when the stop comes
            new ConnectScanner(64, 300 * MS, 300 * MS, 0, () -> {
                ByHostConnector c = new ByHostConnector(A, null);
                made.add(c);
                return c;
            }, 2).scan(List.of(A, B), ports2048(), control);
            assertTrue(control.stopped());
            assertEquals(2, made.size());
            assertTrue(made.stream().allMatch(c -> c.closed), "no loop outlives the call");
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }

    static List<String> verdicts(PortTable t, int host) {
        return t.results(host).stream().map(p -> p.port() + " " + p.state().text() + " " + p.reason()).toList();
    }

    @Test
    void statesRetriesAndTimeouts() {
        ScriptedConnector c = new ScriptedConnector();
        c.now.put(22, Connector.Outcome.CONNECTED);
        c.later.put(80, Connector.Outcome.CONNECTED);
        c.later.put(9998, Connector.Outcome.REFUSED);
        c.now.put(7777, Connector.Outcome.UNREACHABLE);
        c.now.put(5555, Connector.Outcome.FAILED); // an odd error: tried again, then filtered
        ScanControl control = ScanControl.none();
        PortTable t = new ConnectScanner(10, 5 * MS, 20 * MS, 2, () -> c)
                .scan(List.of(A), List.of(22, 80, 5555, 7777, 9998, 9999), control);
        assertEquals(List.of("22 open syn-ack", "80 open syn-ack", "5555 filtered no-response",
                "7777 filtered host-unreach", "9998 closed conn-refused", "9999 filtered no-response"), verdicts(t, 0));
        assertEquals(Map.of(22, 1, 80, 1, 5555, 3, 7777, 1, 9998, 1, 9999, 3), c.attempts);
        assertEquals(6, control.done());
        assertTrue(c.closed && c.inFlight.isEmpty());
    }

    @Test
    void neverMoreAttemptsInFlightThanAllowed() {
        ScriptedConnector c = new ScriptedConnector();
        List<Integer> ports = new ArrayList<>();
        for (int p = 1; p <= 300; p++) {
            ports.add(p);
            if (p % 3 != 0) {
                c.later.put(p, p % 3 == 1 ? Connector.Outcome.REFUSED : Connector.Outcome.CONNECTED);
            }
        }
        PortTable t = new ConnectScanner(7, 1 * MS, 5 * MS, 0, () -> c).scan(List.of(A, B), ports, ScanControl.none());
        assertTrue(c.most <= 7 && c.most >= 2, "most in flight " + c.most);
        assertEquals(600, t.knownCount());
        assertEquals(100, t.results(1).stream().filter(r -> r.state() == PortState.FILTERED).count());
        assertEquals(100, t.results(0).stream().filter(r -> r.state() == PortState.OPEN).count());
    }

    @Test
    void aLargeScanIsSharedAmongLoopsEachWithItsOwnConnectorAndSlots() {
        // 2 hosts x 3000 ports: above the size where loops share the work; every probe tried exactly once
        List<ScriptedConnector> made = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.function.Supplier<Connector> each = () -> {
            ScriptedConnector c = new ScriptedConnector();
            for (int p = 1; p <= 3000; p++) {
                if (p % 1000 != 0) {
                    c.later.put(p, p % 7 == 0 ? Connector.Outcome.CONNECTED : Connector.Outcome.REFUSED);
                }
            }
            made.add(c);
            return c;
        };
        List<Integer> ports = new ArrayList<>();
        for (int p = 1; p <= 3000; p++) {
            ports.add(p);
        }
        ScanControl control = ScanControl.none();
        PortTable t = new ConnectScanner(10, 1 * MS, 5 * MS, 1, each, 3).scan(List.of(A, B), ports, control);
        assertEquals(3, made.size(), "one connector a loop");
        assertEquals(6000, t.knownCount());
        assertEquals(6000, control.done());
        for (ScriptedConnector c : made) {
            assertTrue(c.closed && c.inFlight.isEmpty());
            assertTrue(c.most <= 4, "a loop's share of the 10 slots, most in flight " + c.most);
        }
        Map<Integer, Integer> attempts = new HashMap<>();
        made.forEach(c -> c.attempts.forEach((p, k) -> attempts.merge(p, k, Integer::sum)));
        for (int p = 1; p <= 3000; p++) {
            assertEquals(p % 1000 == 0 ? 4 : 2, attempts.get(p), "port " + p + ": 2 hosts, silent ones retried once");
        }
        for (int h = 0; h < 2; h++) {
            assertEquals(List.of("1000 filtered no-response", "2000 filtered no-response", "3000 filtered no-response"),
                    t.results(h).stream().filter(r -> r.state() == PortState.FILTERED)
                            .map(r -> r.port() + " filtered " + r.reason()).toList());
            assertEquals(428, t.results(h).stream().filter(r -> r.state() == PortState.OPEN).count());
        }
    }

    @Test
    void theTimeoutFollowsTheRoundTripsWithinItsBounds() {
        ScriptedConnector c = new ScriptedConnector();
        c.later.put(80, Connector.Outcome.REFUSED);
        ConnectScanner s = new ConnectScanner(4, 3 * MS, 200 * MS, 0, () -> c);
        assertEquals(200 * MS, s.timeoutNanos());
        s.scan(List.of(A), List.of(80), ScanControl.none());
        assertEquals(3 * MS, s.timeoutNanos());
    }

    @Test
    void stopAndHostTimeout() {
        ScriptedConnector c = new ScriptedConnector();
        ScanControl control = ScanControl.none();
        c.later.put(1, Connector.Outcome.REFUSED);
        control.stop();
        PortTable t = new ConnectScanner(4, MS, 5 * MS, 0, () -> c).scan(List.of(A), List.of(1, 2), control);
        assertEquals(0, t.knownCount());
        assertTrue(c.attempts.isEmpty());

        ScriptedConnector d = new ScriptedConnector();
        for (int p = 1; p <= 5; p++) {
            d.now.put(p, Connector.Outcome.REFUSED);
        }
        PortTable u = new ConnectScanner(4, MS, 5 * MS, 0, () -> d).scan(List.of(A, B), List.of(1, 2, 3, 4, 5),
                new ScanControl(1));
        assertTrue(u.skipped(0) && u.skipped(1));
        assertEquals(Map.of(1, 2), d.attempts, "only each host's first probe");
    }

    @Test
    void onLoopbackAListenerIsOpenAndAClosedPortRefused() throws IOException {
        loopback(SocketConnector::new);
        loopback6(SocketConnector::new);
    }

    @Test
    void nativeConnectsGiveTheSameStatesOnLoopback() throws IOException {
        assertTrue(EpollConnector.available(), "the C library's connect is callable on Linux x86-64/AArch64");
        loopback(EpollConnector::new);
        loopback6(EpollConnector::new);
    }

    @Test
    void nativeConnectsMapErrnoAsNmapDoes() {
        assertEquals(Connector.Outcome.CONNECTED, EpollConnector.outcome(0));
        assertEquals(Connector.Outcome.REFUSED, EpollConnector.outcome(111));
        assertEquals(Connector.Outcome.UNREACHABLE, EpollConnector.outcome(113));
        assertEquals(Connector.Outcome.UNREACHABLE, EpollConnector.outcome(101));
        assertEquals(Connector.Outcome.FAILED, EpollConnector.outcome(110), "ETIMEDOUT: retried, not a verdict");
        // shortages on our side stop the scan with exit 1 and the cause, never a filtered verdict
        for (int errno : new int[] {11, 12, 23, 24, 99, 105}) {
            dev.netkit.NetkitException e = EpollConnector.localError("socket()", errno).orElseThrow();
            assertEquals(1, e.exitCode());
        }
        assertTrue(EpollConnector.localError("socket()", 24).orElseThrow().getMessage()
                .contains("socket() failed with EMFILE: too many open files"));
        assertTrue(EpollConnector.localError("connect()", 111).isEmpty(), "a refusal is the network's answer");
    }

    @Test
    void nativeConnectsTimeOutSilentlyAndCancel() throws IOException {
        // a connect that really pends: the listener's accept queue is full, so the kernel drops our SYN
        assertTrue(EpollConnector.available());
        new EpollConnector().close(); // the library loaded: its file is open for good
        try (PendingPort pending = new PendingPort()) {
            long before = openFiles();
            EpollConnector c = new EpollConnector();
            int[] ids = new int[4];
            Connector.Outcome[] out = new Connector.Outcome[4];
            assertNull(c.start(70, InetAddress.getLoopbackAddress(), pending.port()), "not decided at once");
            assertTrue(openFiles() >= before + 2, "an epoll and a socket open");
            long start = System.nanoTime();
            assertEquals(0, c.poll(start + 300 * MS, ids, out), "still pending at the deadline");
            assertTrue(System.nanoTime() - start >= 290 * MS, "poll waited for the deadline");
            c.cancel(70);
            int closedPort;
            try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = gone.getLocalPort();
            }
            Connector.Outcome now = c.start(71, InetAddress.getLoopbackAddress(), closedPort);
            int n = now == null ? c.poll(System.nanoTime() + 1000 * MS, ids, out) : 1;
            assertEquals(1, n);
            assertEquals(Connector.Outcome.REFUSED, now == null ? out[0] : now);
            if (now == null) {
                assertEquals(71, ids[0], "slot ids above the first table size come back as given");
            }
            c.close();
            assertEquals(before, openFiles(), "cancel and close leave no descriptor open");
        }
    }

    /** How many file descriptors this process has open now. */
    static long openFiles() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Over ::1 when the machine has it (the lab and CI do). */
    static void loopback6(java.util.function.Supplier<Connector> connector) throws IOException {
        InetAddress lo6 = IpLiteral.parseOrNull("::1");
        try (ServerSocket open = new ServerSocket(0, 50, lo6)) {
            PortTable t = new ConnectScanner(100, 50 * MS, 50 * MS, 1, connector).scan(List.of(lo6),
                    List.of(open.getLocalPort()), ScanControl.none());
            assertEquals(PortState.OPEN, t.results(0).get(0).state());
        } catch (java.net.SocketException e) {
            // no IPv6 loopback here
        }
    }

    static void loopback(java.util.function.Supplier<Connector> connector) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, lo)) {
            closed = gone.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0, 50, lo)) {
            PortTable t = new ConnectScanner(100, 50 * MS, 50 * MS, 1, connector).scan(List.of(lo),
                    List.of(open.getLocalPort(), closed), ScanControl.none());
            assertEquals(PortState.OPEN, t.results(0).stream().filter(r -> r.port() == open.getLocalPort())
                    .findFirst().orElseThrow().state());
            assertEquals(PortState.CLOSED, t.results(0).stream().filter(r -> r.port() == closed)
                    .findFirst().orElseThrow().state());
        }
    }

    @Test
    void bannersAreReadAsSentOrAskedForWithHttp() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket greeter = new ServerSocket(0, 5, lo); ServerSocket web = new ServerSocket(0, 5, lo);
             ServerSocket mute = new ServerSocket(0, 5, lo)) {
            Thread g = Thread.ofVirtual().start(() -> serve(greeter, false, "SSH-2.0-Test\u001b[31m\r\nmore\r\n"));
            Thread w = Thread.ofVirtual().start(() -> serve(web, true, "HTTP/1.0 200 OK\r\nServer: t\r\n\r\n"));
            BannerGrabber b = new BannerGrabber(300, 64, 4);
            assertEquals("SSH-2.0-Test\u001b[31m\r\nmore\r\n", b.grab(lo, greeter.getLocalPort()));
            // silent at first, so it gets HEAD / HTTP/1.0 and answers that
            assertEquals("HTTP/1.0 200 OK\r\nServer: t\r\n\r\n", b.grab(lo, web.getLocalPort()));
            long t0 = System.nanoTime();
            assertNull(b.grab(lo, mute.getLocalPort()), "a service that never speaks has no banner");
            assertTrue(System.nanoTime() - t0 < 2_000 * MS, "bounded in time");
            assertEquals("SSH-2.0-Test\u001b[31m", BannerGrabber.firstLine("SSH-2.0-Test\u001b[31m\r\nmore"));
            g.join(2000);
            w.join(2000);
        }
    }

    @Test
    void aBannerIsCutAtTheSizeLimit() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket talker = new ServerSocket(0, 5, lo)) {
            Thread g = Thread.ofVirtual().start(() -> serve(talker, false, "x".repeat(10_000)));
            assertEquals("x".repeat(64), new BannerGrabber(300, 64, 1).grab(lo, talker.getLocalPort()));
            g.join(2000);
        }
    }

    /** Accepts one connection; says {@code text} at once, or after reading a request line when {@code ask}. */
    static void serve(ServerSocket s, boolean ask, String text) {
        try (Socket c = s.accept()) {
            c.setSoTimeout(3000);
            if (ask) {
                byte[] buf = new byte[64];
                int n = c.getInputStream().read(buf);
                if (n <= 0 || !new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("HEAD / HTTP/1.0")) {
                    return;
                }
            }
            OutputStream o = c.getOutputStream();
            o.write(text.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            Thread.sleep(200);
        } catch (IOException | InterruptedException e) {
            // the test sees no banner
        }
    }
}
