package dev.netkit.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's security and failure behaviour, with scripted servers on loopback. */
class DnsClientTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final QueryOptions FAST = QueryOptions.DIG.withTimeout(Duration.ofSeconds(2)).withTries(1);

    static Message answer(Message query, Name name, String address) throws Exception {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
        m.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName(address)), Section.ANSWER);
        return m;
    }

    /**
     * A server that, before the genuine answer, sends three forgeries: the right id from another socket, a
     * wrong id from the server's own socket, and the right id for another question.
     */
    @Test
    void forgedResponsesAreDroppedAndCounted() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[512];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    forgeThenAnswer(server, attacker, q, p.getSocketAddress(), 50, "198.18.10.10");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            DnsExchange x = new DnsClient().query(Name.fromString("server.netkit.test."), Type.A, DClass.IN,
                    List.of((InetSocketAddress) server.getLocalSocketAddress()), FAST);
            t.join(5000);
            assertEquals("198.18.10.10", ((ARecord) x.response().getSection(Section.ANSWER).get(0))
                    .getAddress().getHostAddress());
            assertEquals(3, x.droppedResponses());
            assertEquals("UDP", x.transport());
        }
    }

    /**
     * The three forgeries (the right id from another socket, a wrong id from the server's socket, the right id
     * for another question), then after {@code pauseMs} the genuine answer.
     */
    static void forgeThenAnswer(DatagramSocket server, DatagramSocket attacker, Message q, SocketAddress client,
                                long pauseMs, String genuine) throws Exception {
        Name name = q.getQuestion().getName();
        send(attacker, answer(q, name, "6.6.6.1").toWire(), client);
        Message wrongId = answer(q, name, "6.6.6.2");
        wrongId.getHeader().setID((q.getHeader().getID() + 1) & 0xffff);
        send(server, wrongId.toWire(), client);
        send(server, answer(q, Name.fromString("evil.example."), "6.6.6.3").toWire(), client);
        Thread.sleep(pauseMs);
        send(server, answer(q, name, genuine).toWire(), client);
    }

    static void send(DatagramSocket s, byte[] data, SocketAddress to) throws Exception {
        s.send(new DatagramPacket(data, data.length, to));
    }

    /**
     * A bind that throws a RuntimeException (an IPv6 source on an IPv4 socket) frees the port it reserved: the
     * same port can be asked for again and fails the same way, not as "in use by another query".
     */
    @Test
    void aBindOfTheWrongFamilyFreesItsPort() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = s.getLocalPort();
        }
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("::1"), port);
        for (int i = 0; i < 2; i++) {
            assertThrows(java.nio.channels.UnsupportedAddressTypeException.class, () -> GuardedUdpClient
                    .bindRandomPort(local, LOOPBACK, java.net.StandardProtocolFamily.INET).close());
            assertThrows(java.nio.channels.UnsupportedAddressTypeException.class, () -> GuardedUdpClient
                    .openPair(local, new InetSocketAddress(LOOPBACK, 9)).close());
        }
        assertTrue(!GuardedUdpClient.IN_USE.contains(port), "port " + port + " is still marked in use");
    }

    @Test
    void silentServerGivesNoServerReachedAfterEveryTry() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            long t0 = System.nanoTime();
            NoServerReachedException e = assertThrows(NoServerReachedException.class, () -> new DnsClient().query(
                    Name.fromString("server.netkit.test."), Type.A, DClass.IN,
                    List.of((InetSocketAddress) silent.getLocalSocketAddress()),
                    QueryOptions.DIG.withTimeout(Duration.ofSeconds(1)).withTries(2)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(9, e.exitCode());
            assertEquals("connection timed out; no servers could be reached", e.getMessage());
            assertEquals(2, e.failures().size());
            assertTrue(e.failures().get(0).endsWith(": timed out"), e.failures().get(0));
            assertTrue(ms >= 1900 && ms < 6000, "two tries of one second took " + ms + " ms");
        }
    }

    /** Every query gets a fresh random id and a fresh random source port (RFC 5452). */
    @Test
    void idAndSourcePortAreRandomPerQuery() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Set<Integer> ids = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        byte[] buf = new byte[512];
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        server.receive(p);
                        Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                        ids.add(q.getHeader().getID());
                        ports.add(p.getPort());
                        send(server, answer(q, q.getQuestion().getName(), "198.18.10.10").toWire(),
                                p.getSocketAddress());
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            for (int i = 0; i < 10; i++) {
                new DnsClient().query(Name.fromString("server.netkit.test."), Type.A, DClass.IN,
                        List.of((InetSocketAddress) server.getLocalSocketAddress()), FAST);
            }
            t.join(5000);
            assertEquals(null, failure.get());
            assertTrue(ids.size() >= 9, "ids " + ids);
            assertTrue(ports.size() >= 9, "ports " + ports);
            assertTrue(ports.stream().allMatch(p -> p >= 32768 && p <= 60999), "ports " + ports);
        }
    }

    @Test
    void aaaaIsPrintedInCanonicalForm() throws Exception {
        assertEquals("2001:db8:10::10", RecordText.ipv6(InetAddress.getByName("2001:db8:10:0:0:0:0:10").getAddress()));
        assertEquals("2001:db8::1:0:0:1", RecordText.ipv6(InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()));
        assertEquals("::", RecordText.ipv6(new byte[16]));
        assertEquals("2001:db8:0:1:1:1:1:1", RecordText.ipv6(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()));
    }
}
