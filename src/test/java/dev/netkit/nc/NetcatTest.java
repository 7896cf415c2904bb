package dev.netkit.nc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine on loopback only (127.0.0.1 and ::1), every test bounded by a time-out. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NetcatTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A listener started on a free port in the background, with its events and output. */
    record Listener(CompletableFuture<Integer> exit, int port, List<NcEvent> events, ByteArrayOutputStream out,
                    Thread thread) {
        int await() throws Exception {
            return exit.get(15, TimeUnit.SECONDS);
        }
    }

    static Listener listen(NcOptions o, InetAddress address, InputStream stdin) throws Exception {
        List<NcEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Netcat nc = new Netcat(o, e -> {
            events.add(e);
            if (e instanceof NcEvent.Listening l) {
                bound.complete(l.local().getPort());
            }
        });
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                exit.complete(nc.listen(address, 0, stdin, out));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
                bound.completeExceptionally(t);
            }
        });
        return new Listener(exit, bound.get(5, TimeUnit.SECONDS), events, out, thread);
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static InputStream stdin(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    /** A port on 127.0.0.1 nobody listens on (bound and released, so the kernel answers with a reset). */
    static int closedTcpPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    @Test
    void tcpRelayCarriesBinaryClientToServerUntilEofOnBothSides() throws Exception {
        byte[] data = random(1 << 20);
        Listener server = listen(NcOptions.tcp(), LOOPBACK, stdin(new byte[0]));
        List<NcEvent> events = new ArrayList<>();
        ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        int code = new Netcat(NcOptions.tcp().withShutdownOnEof(true), events::add)
                .connect("127.0.0.1", List.of(LOOPBACK), server.port(), stdin(data), clientOut);
        assertEquals(0, code);
        assertEquals(0, server.await());
        assertArrayEquals(data, server.out().toByteArray());
        assertEquals(0, clientOut.size());
        assertInstanceOf(NcEvent.Connected.class, events.get(0));
        assertEquals(new NcEvent.Closed(data.length, 0), events.get(events.size() - 1));
        assertTrue(server.events().stream().anyMatch(e -> e instanceof NcEvent.Accepted), server.events().toString());
    }

    @Test
    void tcpRelayCarriesBinaryServerToClientAndClientEndsAtPeerEof() throws Exception {
        byte[] data = random(300_000);
        Listener server = listen(NcOptions.tcp().withShutdownOnEof(true), LOOPBACK, stdin(data));
        ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        int code = new Netcat(NcOptions.tcp(), e -> { })
                .connect("127.0.0.1", List.of(LOOPBACK), server.port(), stdin(new byte[0]), clientOut);
        assertEquals(0, code);
        assertArrayEquals(data, clientOut.toByteArray());
        assertEquals(0, server.await());
    }

    @Test
    void ipv6LoopbackWorks() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Listener server = listen(NcOptions.tcp().withFamily(Family.IPV6), v6, stdin(new byte[0]));
        int code = new Netcat(NcOptions.tcp().withShutdownOnEof(true), e -> { })
                .connect("::1", List.of(v6), server.port(), stdin("six\n".getBytes()),
                        new ByteArrayOutputStream());
        assertEquals(0, code);
        server.await();
        assertEquals("six\n", server.out().toString(StandardCharsets.US_ASCII));
        NcEvent.Accepted a = (NcEvent.Accepted) server.events().get(1);
        assertEquals(v6, a.peer().getAddress());
    }

    @Test
    void crlfTurnsEachLineFeedIntoCrLf() throws Exception {
        Listener server = listen(NcOptions.tcp(), LOOPBACK, stdin(new byte[0]));
        new Netcat(NcOptions.tcp().withShutdownOnEof(true).withCrlf(true), e -> { })
                .connect("127.0.0.1", List.of(LOOPBACK), server.port(),
                        stdin("GET / HTTP/1.0\n\n".getBytes()), new ByteArrayOutputStream());
        server.await();
        assertEquals("GET / HTTP/1.0\r\n\r\n", server.out().toString(StandardCharsets.US_ASCII));
    }

    @Test
    void maxBytesEndsTheListenerAfterThatMany() throws Exception {
        PipedOutputStream keepOpen = new PipedOutputStream();
        Listener server = listen(NcOptions.tcp().withMaxBytes(10), LOOPBACK, new PipedInputStream(keepOpen));
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress(LOOPBACK, server.port()))) {
            c.write(java.nio.ByteBuffer.wrap(random(100)));
            assertEquals(0, server.await());
        }
        keepOpen.close();
        assertArrayEquals(java.util.Arrays.copyOf(random(100), 10), server.out().toByteArray());
    }

    @Test
    void quitZeroEndsAtStdinEofWithoutWaitingForThePeer() throws Exception {
        PipedOutputStream keepOpen = new PipedOutputStream();
        Listener server = listen(NcOptions.tcp(), LOOPBACK, new PipedInputStream(keepOpen));
        long t0 = System.nanoTime();
        int code = new Netcat(NcOptions.tcp().withQuitAfterEof(Duration.ZERO), e -> { })
                .connect("127.0.0.1", List.of(LOOPBACK), server.port(), stdin("x".getBytes()),
                        new ByteArrayOutputStream());
        assertEquals(0, code);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertEquals(0, server.await());
        keepOpen.close();
        assertEquals("x", server.out().toString(StandardCharsets.US_ASCII));
    }

    @Test
    void idleTimeoutClosesASilentConnection() throws Exception {
        PipedOutputStream serverIn = new PipedOutputStream();
        Listener server = listen(NcOptions.tcp(), LOOPBACK, new PipedInputStream(serverIn));
        PipedOutputStream clientIn = new PipedOutputStream();
        long t0 = System.nanoTime();
        int code = new Netcat(NcOptions.tcp().withTimeout(Duration.ofMillis(300)), e -> { })
                .connect("127.0.0.1", List.of(LOOPBACK), server.port(), new PipedInputStream(clientIn),
                        new ByteArrayOutputStream());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, code);
        assertTrue(ms >= 250 && ms < 5000, ms + " ms");
        assertEquals(0, server.await());
        serverIn.close();
        clientIn.close();
    }

    @Test
    void checkReportsRefusal() throws Exception {
        int port = closedTcpPort();
        List<NcEvent> events = new ArrayList<>();
        boolean ok = new Netcat(NcOptions.tcp().withTimeout(Duration.ofSeconds(2)), events::add)
                .check("127.0.0.1", List.of(LOOPBACK), port);
        assertEquals(false, ok);
        NcEvent.ConnectFailed f = (NcEvent.ConnectFailed) events.get(0);
        assertEquals(NcEvent.Failure.REFUSED, f.failure());
        assertEquals("Connection refused", f.reason());
    }

    @Test
    void checkSucceedsOnAnOpenPortAndTriesTheNextAddress() throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
            List<NcEvent> events = new ArrayList<>();
            InetAddress v6 = InetAddress.getByName("::1");
            boolean ok = new Netcat(NcOptions.tcp(), events::add).check("localhost", List.of(v6, LOOPBACK), port);
            assertTrue(ok);
            assertEquals(NcEvent.Failure.REFUSED, ((NcEvent.ConnectFailed) events.get(0)).failure());
            assertEquals(new NcEvent.Connected(new Endpoint("localhost", LOOPBACK, port), Transport.TCP), events.get(1));
        }
    }

    /** A full accept queue makes Linux drop further SYNs: the port is silent, like a firewalled one. */
    @Test
    void checkReportsTimeOutNotRefusalForASilentPort() throws Exception {
        List<SocketChannel> fillers = new ArrayList<>();
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            s.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
            NcEvent.ConnectFailed timedOut = null;
            for (int i = 0; i < 8 && timedOut == null; i++) {
                List<NcEvent> events = new ArrayList<>();
                Netcat nc = new Netcat(NcOptions.tcp().withTimeout(Duration.ofMillis(400)), events::add);
                // Fill the queue with connections nobody accepts, then a check must time out.
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(new InetSocketAddress(LOOPBACK, port));
                fillers.add(c);
                if (!nc.check("127.0.0.1", List.of(LOOPBACK), port)) {
                    timedOut = (NcEvent.ConnectFailed) events.get(0);
                }
            }
            assertTrue(timedOut != null, "the accept queue never filled");
            assertEquals(NcEvent.Failure.TIMED_OUT, timedOut.failure());
            assertEquals("Operation now in progress", timedOut.reason());
        } finally {
            for (SocketChannel c : fillers) {
                c.close();
            }
        }
    }

    @Test
    void udpListenerAnswersTheLastPeer() throws Exception {
        NcOptions udp = NcOptions.tcp().withTransport(Transport.UDP);
        Listener server = listen(udp.withTimeout(Duration.ofMillis(1500)), LOOPBACK, stdin("pong\n".getBytes()));
        ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        List<NcEvent> events = new ArrayList<>();
        int code = new Netcat(udp.withQuitAfterEof(Duration.ofSeconds(1)), events::add)
                .connect("127.0.0.1", List.of(LOOPBACK), server.port(), stdin("ping\n".getBytes()),
                        clientOut);
        assertEquals(0, code);
        assertEquals("pong\n", clientOut.toString(StandardCharsets.US_ASCII));
        assertEquals(0, server.await());
        assertEquals("ping\n", server.out().toString(StandardCharsets.US_ASCII));
        NcEvent.Accepted a = (NcEvent.Accepted) server.events().get(1);
        assertEquals(LOOPBACK, a.peer().getAddress());
    }

    @Test
    void udpSplitsLargeInputIntoUnfragmentedDatagrams() throws Exception {
        byte[] data = random(5000);
        try (DatagramChannel rx = DatagramChannel.open(StandardProtocolFamily.INET)) {
            rx.bind(new InetSocketAddress(LOOPBACK, 0));
            int port = ((InetSocketAddress) rx.getLocalAddress()).getPort();
            int code = new Netcat(NcOptions.tcp().withTransport(Transport.UDP).withQuitAfterEof(Duration.ZERO), e -> { })
                    .connect("127.0.0.1", List.of(LOOPBACK), port, stdin(data),
                            new ByteArrayOutputStream());
            assertEquals(0, code);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(65536);
            int datagrams = 0;
            while (got.size() < data.length) {
                b.clear();
                rx.receive(b);
                assertTrue(b.position() <= UdpRelay.MAX_DATAGRAM, "datagram of " + b.position());
                got.write(b.array(), 0, b.position());
                datagrams++;
            }
            assertArrayEquals(data, got.toByteArray());
            assertEquals((data.length + UdpRelay.MAX_DATAGRAM - 1) / UdpRelay.MAX_DATAGRAM, datagrams);
        }
    }

    @Test
    void udpCheckTellsRefusedFromOpen() throws Exception {
        NcOptions udp = NcOptions.tcp().withTransport(Transport.UDP).withTimeout(Duration.ofMillis(500));
        try (DatagramChannel open = DatagramChannel.open(StandardProtocolFamily.INET)) {
            open.bind(new InetSocketAddress(LOOPBACK, 0));
            int openPort = ((InetSocketAddress) open.getLocalAddress()).getPort();
            int closedPort;
            try (DatagramChannel gone = DatagramChannel.open(StandardProtocolFamily.INET)) {
                gone.bind(new InetSocketAddress(LOOPBACK, 0));
                closedPort = ((InetSocketAddress) gone.getLocalAddress()).getPort();
            }
            List<NcEvent> events = new ArrayList<>();
            Netcat nc = new Netcat(udp, events::add);
            assertTrue(nc.check("127.0.0.1", List.of(LOOPBACK), openPort));
            assertEquals(false, nc.check("127.0.0.1", List.of(LOOPBACK), closedPort));
            assertInstanceOf(NcEvent.Connected.class, events.get(0));
            assertEquals(NcEvent.Failure.REFUSED, ((NcEvent.ConnectFailed) events.get(1)).failure());
        }
    }

    @Test
    void keepListeningServesClientsOneAfterAnother() throws Exception {
        Listener server = listen(NcOptions.tcp().withKeepListening(true), LOOPBACK, stdin(new byte[0]));
        for (String word : List.of("one\n", "two\n")) {
            int code = new Netcat(NcOptions.tcp().withShutdownOnEof(true), e -> { })
                    .connect("127.0.0.1", List.of(LOOPBACK), server.port(), stdin(word.getBytes()),
                            new ByteArrayOutputStream());
            assertEquals(0, code);
        }
        long accepted = 0;
        for (int i = 0; i < 50 && accepted < 2; i++) {
            accepted = server.events().stream().filter(e -> e instanceof NcEvent.Closed).count();
            Thread.sleep(20);
        }
        assertEquals("one\ntwo\n", server.out().toString(StandardCharsets.US_ASCII));
        assertTrue(!server.exit().isDone(), "a -k listener must keep listening");
        server.thread().interrupt();
        server.thread().join(5000);
        assertTrue(server.exit().isCompletedExceptionally());
    }

    @Test
    void connectToAClosedPortFailsWithExitOne() throws Exception {
        int port = closedTcpPort();
        List<NcEvent> events = new ArrayList<>();
        int code = new Netcat(NcOptions.tcp(), events::add).connect("127.0.0.1", List.of(LOOPBACK), port,
                stdin(new byte[0]), new ByteArrayOutputStream());
        assertEquals(1, code);
        assertEquals(NcEvent.Failure.REFUSED, ((NcEvent.ConnectFailed) events.get(0)).failure());
    }

    @Test
    void numericRefusesNamesWithoutLookingThemUp() {
        Netcat nc = new Netcat(NcOptions.tcp(), e -> { });
        assertEquals(2, org.junit.jupiter.api.Assertions.assertThrows(dev.netkit.NetkitException.class,
                () -> nc.resolve("server.netkit.test", true)).exitCode());
        assertEquals(List.of(LOOPBACK), nc.resolve("127.0.0.1", true));
        Netcat v6 = new Netcat(NcOptions.tcp().withFamily(Family.IPV6), e -> { });
        assertEquals(2, org.junit.jupiter.api.Assertions.assertThrows(dev.netkit.NetkitException.class,
                () -> v6.resolve("127.0.0.1", false)).exitCode());
    }

    @Test
    void crlfLeavesOtherBytesAlone() {
        assertArrayEquals("a\r\nb\r\nc".getBytes(), InputChunks.crlf("a\nb\nc".getBytes()));
        byte[] bin = {0, (byte) 0xff, 13};
        assertArrayEquals(bin, InputChunks.crlf(bin));
    }
}
