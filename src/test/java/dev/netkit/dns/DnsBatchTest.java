package dev.netkit.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import static dev.netkit.dns.DnsClientTest.FAST;
import static dev.netkit.dns.DnsClientTest.LOOPBACK;
import static dev.netkit.dns.DnsClientTest.forgeThenAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch engine keeps the single query's guarantees: random id and port, forgeries dropped and counted. */
class DnsBatchTest {

    /**
     * Every query of a batch gets, before its genuine answer, the three forgeries of
     * {@link DnsClientTest#forgedResponsesAreDroppedAndCounted}: from another socket, with a wrong id, for
     * another question. Each is dropped and counted; each query gets its own random id and source port.
     */
    @Test
    void forgeriesAreDroppedAndCountedForEveryQueryOfABatch() throws Exception {
        int n = 20;
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Set<Integer> ids = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread t = answer(server, attacker, n, failure, (q, p) -> {
                ids.add(q.getHeader().getID());
                ports.add(p.getPort());
            });
            DnsBatch batch = new DnsBatch(4);
            List<CompletableFuture<DnsExchange>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(batch.add(Name.fromString("h" + i + ".netkit.test."), Type.A, DClass.IN,
                        List.of((InetSocketAddress) server.getLocalSocketAddress()), FAST));
            }
            batch.start();
            for (int i = 0; i < n; i++) {
                DnsExchange x = results.get(i).get(10, TimeUnit.SECONDS);
                assertEquals("198.18.10." + i, ((ARecord) x.response().getSection(Section.ANSWER).get(0))
                        .getAddress().getHostAddress());
                assertEquals(3, x.droppedResponses(), "query " + i);
                assertEquals("UDP", x.transport());
            }
            t.join(5000);
            assertEquals(null, failure.get());
            assertTrue(ids.size() >= n - 1, "ids " + ids);
            assertTrue(ports.size() >= n - 1, "ports " + ports);
            assertTrue(ports.stream().allMatch(p -> p >= 32768 && p <= 60999), "ports " + ports);
        }
    }

    /**
     * dig -f hands each lookup to the batch as soon as its line is read: a batch opened first takes queries
     * while it runs, each answered even when the thread was idle waiting for it (here each query is added only
     * once the one before was answered), with the same guarantees; once sealed it takes none, and a batch closed
     * before it was sealed fails what is added later instead of leaving it waiting.
     */
    @Test
    void anOpenedBatchAnswersQueriesAddedWhileItRuns() throws Exception {
        int n = 5;
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread t = answer(server, attacker, n, failure, (q, p) -> { });
            DnsBatch batch = new DnsBatch(4);
            batch.open();
            for (int i = 0; i < n; i++) {
                Thread.sleep(20); // the batch's thread is waiting for work when the query comes
                DnsExchange x = batch.add(Name.fromString("h" + i + ".netkit.test."), Type.A, DClass.IN,
                        List.of((InetSocketAddress) server.getLocalSocketAddress()), FAST).get(10, TimeUnit.SECONDS);
                assertEquals("198.18.10." + i, ((ARecord) x.response().getSection(Section.ANSWER).get(0))
                        .getAddress().getHostAddress());
                assertEquals(3, x.droppedResponses(), "query " + i);
            }
            batch.seal();
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> batch.add(
                    Name.fromString("late.netkit.test."), Type.A, DClass.IN,
                    List.of((InetSocketAddress) server.getLocalSocketAddress()), FAST));
            t.join(5000);
            assertEquals(null, failure.get());
        }
        DnsBatch closed = new DnsBatch(4);
        closed.open();
        closed.close();
        Thread.sleep(50); // its thread ends
        CompletableFuture<DnsExchange> late = closed.add(Name.fromString("late.netkit.test."), Type.A, DClass.IN,
                List.of(new InetSocketAddress(LOOPBACK, 9)), FAST);
        // a future failed with a CancellationException throws it from get()
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> late.get(10, TimeUnit.SECONDS));
    }

    /**
     * Answers {@code n} queries on {@code server}, each after the forgeries of {@link DnsClientTest#forgeThenAnswer}
     * from {@code attacker}, with 198.18.10.N for a name hN; {@code seen} gets each query and its datagram first.
     * The thread's first failure goes to {@code failure}.
     */
    private static Thread answer(DatagramSocket server, DatagramSocket attacker, int n,
                                 AtomicReference<Exception> failure, BiConsumer<Message, DatagramPacket> seen) {
        return Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    byte[] buf = new byte[512];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    seen.accept(q, p);
                    forgeThenAnswer(server, attacker, q, p.getSocketAddress(), 5,
                            "198.18.10." + q.getQuestion().getName().getLabelString(0).substring(1));
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
    }

    /** A silent server: each try times out, then the next; a closed port is refused at once, as dig says. */
    @Test
    void silentAndClosedServersFailEachTryAsDigSaysIt() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            closedPort = s.getLocalPort();
        }
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            DnsBatch batch = new DnsBatch(8);
            QueryOptions twice = QueryOptions.DIG.withTimeout(Duration.ofSeconds(1)).withTries(2);
            CompletableFuture<DnsExchange> timedOut = batch.add(Name.fromString("server.netkit.test."), Type.A,
                    DClass.IN, List.of((InetSocketAddress) silent.getLocalSocketAddress()), twice);
            CompletableFuture<DnsExchange> refused = batch.add(Name.fromString("server.netkit.test."), Type.A,
                    DClass.IN, List.of(new InetSocketAddress(LOOPBACK, closedPort)), twice);
            long t0 = System.nanoTime();
            batch.start();
            NoServerReachedException e = cause(timedOut);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("connection timed out; no servers could be reached", e.getMessage());
            assertEquals(List.of("communications error to 127.0.0.1#" + silent.getLocalPort() + ": timed out",
                    "communications error to 127.0.0.1#" + silent.getLocalPort() + ": timed out"), e.failures());
            assertTrue(ms >= 1900 && ms < 6000, "two tries of one second took " + ms + " ms");
            NoServerReachedException r = cause(refused);
            assertEquals("no servers could be reached", r.getMessage());
            assertEquals(List.of("communications error to 127.0.0.1#" + closedPort + ": connection refused",
                    "communications error to 127.0.0.1#" + closedPort + ": connection refused"), r.failures());
        }
    }

    /** Several servers in BIND dig's order over UDP: the first one all its tries, then each other once. */
    @Test
    void severalServersAreTriedInDigsOrder() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            closedPort = s.getLocalPort();
        }
        DnsBatch batch = new DnsBatch(8);
        List<InetSocketAddress> servers = List.of(new InetSocketAddress("127.0.0.2", closedPort),
                new InetSocketAddress("127.0.0.3", closedPort), new InetSocketAddress("127.0.0.4", closedPort));
        CompletableFuture<DnsExchange> f = batch.add(Name.fromString("server.netkit.test."), Type.A, DClass.IN,
                servers, QueryOptions.DIG.withTimeout(Duration.ofSeconds(1)).withTries(3));
        batch.start();
        String refused = "communications error to 127.0.0.%d#" + closedPort + ": connection refused";
        assertEquals(List.of(refused.formatted(2), refused.formatted(2), refused.formatted(2), refused.formatted(3),
                refused.formatted(4)), cause(f).failures());
        assertEquals(cause(f).failures(), failures(() -> new DnsClient().query(Name.fromString("server.netkit.test."),
                Type.A, DClass.IN, servers, QueryOptions.DIG.withTimeout(Duration.ofSeconds(1)).withTries(3))));
    }

    /**
     * A query dnsjava cannot build (type 70000) and a source address of the wrong family (IPv6 to an IPv4 server)
     * throw a RuntimeException, not an IOException: each fails its own job, once per try, and the jobs around
     * them still complete (the batch once lost such a job and dig -f waited for it forever).
     */
    @Test
    void aRuntimeExceptionFailsOnlyItsOwnJob() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            closedPort = s.getLocalPort();
        }
        InetSocketAddress closed = new InetSocketAddress(LOOPBACK, closedPort);
        QueryOptions twice = QueryOptions.DIG.withTimeout(Duration.ofSeconds(1)).withTries(2);
        DnsBatch batch = new DnsBatch(1);
        CompletableFuture<DnsExchange> badType = batch.add(Name.fromString("a.example."), 70000, DClass.IN,
                List.of(closed), twice);
        CompletableFuture<DnsExchange> badClass = batch.add(Name.fromString("b.example."), Type.A, 70001,
                List.of(closed), twice);
        CompletableFuture<DnsExchange> wrongFamily = batch.add(Name.fromString("c.example."), Type.A, DClass.IN,
                List.of(closed), twice.withSource(java.net.InetAddress.getByName("::1")));
        CompletableFuture<DnsExchange> refused = batch.add(Name.fromString("d.example."), Type.A, DClass.IN,
                List.of(closed), twice);
        batch.start();
        String at = "communications error to 127.0.0.1#" + closedPort + ": ";
        List<String> typeFailures = cause(badType).failures();
        assertEquals(2, typeFailures.size(), typeFailures.toString());
        assertTrue(typeFailures.get(0).startsWith(at) && typeFailures.get(0).contains("type"), typeFailures.get(0));
        assertEquals(2, cause(badClass).failures().size());
        List<String> familyFailures = cause(wrongFamily).failures();
        assertEquals(2, familyFailures.size(), familyFailures.toString());
        assertEquals(List.of(at + "connection refused", at + "connection refused"), cause(refused).failures());
    }

    /**
     * A server that sets TC over UDP and answers over TCP, behind a closed port: the batch asks it again over
     * TCP only (not once more over UDP, not the closed port again), keeps the closed port's failure line and
     * marks the exchange as a TCP fallback.
     */
    @Test
    void aTruncatedAnswerIsAskedAgainOfTheSameServerOverTcp() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            closedPort = s.getLocalPort();
        }
        try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 5, LOOPBACK);
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, tcp.getLocalPort()))) {
            java.util.concurrent.atomic.AtomicInteger udpQueries = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger tcpQueries = new java.util.concurrent.atomic.AtomicInteger();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        byte[] buf = new byte[512];
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        udp.receive(p);
                        udpQueries.incrementAndGet();
                        Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                        Message tc = new Message(q.getHeader().getID());
                        tc.getHeader().setFlag(org.xbill.DNS.Flags.QR);
                        tc.getHeader().setFlag(org.xbill.DNS.Flags.TC);
                        tc.addRecord(q.getQuestion(), Section.QUESTION);
                        DnsClientTest.send(udp, tc.toWire(), p.getSocketAddress());
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        try (java.net.Socket c = tcp.accept()) {
                            c.setSoTimeout(5000);
                            java.io.DataInputStream in = new java.io.DataInputStream(c.getInputStream());
                            byte[] q = new byte[in.readUnsignedShort()];
                            in.readFully(q);
                            tcpQueries.incrementAndGet();
                            Message query = new Message(q);
                            byte[] a = DnsClientTest.answer(query, query.getQuestion().getName(), "198.18.10.10")
                                    .toWire();
                            java.io.DataOutputStream out = new java.io.DataOutputStream(c.getOutputStream());
                            out.writeShort(a.length);
                            out.write(a);
                            out.flush();
                        }
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            DnsBatch batch = new DnsBatch(4);
            CompletableFuture<DnsExchange> f = batch.add(Name.fromString("server.netkit.test."), Type.A, DClass.IN,
                    List.of(new InetSocketAddress(LOOPBACK, closedPort),
                            (InetSocketAddress) udp.getLocalSocketAddress()),
                    QueryOptions.DIG.withTimeout(Duration.ofSeconds(2)).withTries(1));
            batch.start();
            DnsExchange x = f.get(10, TimeUnit.SECONDS);
            assertEquals("TCP", x.transport());
            assertTrue(x.truncatedRetry());
            assertEquals(udp.getLocalSocketAddress(), x.server());
            assertEquals(List.of("communications error to 127.0.0.1#" + closedPort + ": connection refused"),
                    x.failures());
            assertEquals("198.18.10.10", ((ARecord) x.response().getSection(Section.ANSWER).get(0)).getAddress()
                    .getHostAddress());
            assertEquals(1, udpQueries.get(), "UDP queries");
            assertEquals(1, tcpQueries.get(), "TCP queries");
        }
    }

    /** An empty datagram on the query's connected socket is not the answer: dropped and counted, as a forgery. */
    @Test
    void anEmptyDatagramIsDroppedAndCounted() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[512];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    DnsClientTest.send(server, new byte[0], p.getSocketAddress());
                    Thread.sleep(50);
                    DnsClientTest.send(server, DnsClientTest.answer(q, q.getQuestion().getName(), "198.18.10.10")
                            .toWire(), p.getSocketAddress());
                } catch (Exception e) {
                    // the query then times out and the test says so
                }
            });
            DnsBatch batch = new DnsBatch(4);
            CompletableFuture<DnsExchange> f = batch.add(Name.fromString("server.netkit.test."), Type.A, DClass.IN,
                    List.of((InetSocketAddress) server.getLocalSocketAddress()), FAST);
            batch.start();
            DnsExchange x = f.get(10, TimeUnit.SECONDS);
            assertEquals(1, x.droppedResponses());
            assertEquals("UDP", x.transport());
        }
    }

    /** A closed batch stops: the queries in flight and queued fail at once instead of running out their tries. */
    @Test
    void closeStopsTheBatch() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            DnsBatch batch = new DnsBatch(1);
            QueryOptions slow = QueryOptions.DIG.withTimeout(Duration.ofSeconds(5)).withTries(3);
            List<CompletableFuture<DnsExchange>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(batch.add(Name.fromString("h" + i + ".netkit.test."), Type.A, DClass.IN,
                        List.of((InetSocketAddress) silent.getLocalSocketAddress()), slow));
            }
            batch.start();
            Thread.sleep(200);
            long t0 = System.nanoTime();
            batch.close();
            for (CompletableFuture<DnsExchange> f : fs) {
                org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                        () -> f.get(3, TimeUnit.SECONDS));
            }
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
        }
    }

    private interface Query {
        DnsExchange run() throws Exception;
    }

    private static List<String> failures(Query q) throws Exception {
        try {
            q.run();
            throw new AssertionError("an answer from a closed port");
        } catch (NoServerReachedException e) {
            return e.failures();
        }
    }

    private static NoServerReachedException cause(CompletableFuture<DnsExchange> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(NoServerReachedException.class, e.getCause());
        }
        throw new AssertionError("the query did not fail");
    }
}
