package dev.netkit.dns;

import dev.netkit.system.Libc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket of one dig -f try (a plain descriptor, unconnected, IP_RECVERR), with scripted peers on loopback. */
class QuerySocketTest {
    private static final byte[] QUERY = "a query".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theServersDatagramIsReturnedWithItsLength() throws Exception {
        exchange(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void theServersDatagramIsReturnedWithItsLengthOverIpv6() throws Exception {
        exchange(InetAddress.getByName("::1"));
    }

    /**
     * The query leaves from the socket's random ephemeral port; the server's reply is returned with its length, one
     * from another port of the same address is FOREIGN, and an empty queue is NONE.
     */
    private static void exchange(InetAddress loopback) throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket other = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            server.setSoTimeout(2000);
            QuerySocket s = QuerySocket.open(null, (InetSocketAddress) server.getLocalSocketAddress());
            try {
                assertTrue(s.port >= 32768 && s.port <= 60999, "port " + s.port + " in the ephemeral range");
                assertTrue(GuardedUdpClient.IN_USE.contains(s.port));
                byte[] buf = new byte[512];
                assertEquals(QuerySocket.NONE, s.receive(buf), "nothing queued yet");

                s.send(QUERY);
                DatagramPacket p = new DatagramPacket(new byte[512], 512);
                server.receive(p);
                assertArrayEquals(QUERY, Arrays.copyOf(p.getData(), p.getLength()));
                assertEquals(s.port, p.getPort(), "sent from the socket's port");

                byte[] reply = "the answer".getBytes(StandardCharsets.US_ASCII);
                other.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                awaitReadable(s);
                assertEquals(QuerySocket.FOREIGN, s.receive(buf), "same address, another port");
                assertEquals(QuerySocket.NONE, s.receive(buf));

                server.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                awaitReadable(s);
                Arrays.fill(buf, (byte) 0);
                assertEquals(reply.length, s.receive(buf));
                assertArrayEquals(reply, Arrays.copyOf(buf, reply.length));

                server.send(new DatagramPacket(new byte[0], 0, p.getSocketAddress()));
                awaitReadable(s);
                assertEquals(0, s.receive(buf), "an empty datagram from the server is length 0, not NONE");
                assertEquals(QuerySocket.NONE, s.receive(buf));
            } finally {
                s.close();
            }
        }
    }

    /** A closed port at the server: IP_RECVERR makes the unconnected socket's next read fail as refused. */
    @Test
    void aClosedServerPortThrowsPortUnreachable() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetSocketAddress closed;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            closed = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        QuerySocket s = QuerySocket.open(null, closed);
        try {
            s.send(QUERY);
            byte[] buf = new byte[512];
            PortUnreachableException refused = null;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (refused == null && System.nanoTime() < deadline) {
                try {
                    assertEquals(QuerySocket.NONE, s.receive(buf), "nothing but the error may come");
                    Libc.poll(new int[] {s.fd(), Libc.POLLIN}, 1, 100);
                } catch (PortUnreachableException e) {
                    refused = e;
                }
            }
            assertNotNull(refused, "no PortUnreachableException within 2 s");
            assertEquals("connection refused", refused.getMessage());
        } finally {
            s.close();
        }
    }

    /** drainForeign reads everything queued and counts only the datagrams that did not come from the server. */
    @Test
    void drainForeignCountsOnlyOthersDatagrams() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket other = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            QuerySocket s = QuerySocket.open(null, (InetSocketAddress) server.getLocalSocketAddress());
            try {
                byte[] buf = new byte[512];
                assertEquals(0, s.drainForeign(buf), "nothing queued");
                InetSocketAddress to = new InetSocketAddress(loopback, s.port);
                other.send(new DatagramPacket(new byte[] {1}, 1, to));
                server.send(new DatagramPacket(new byte[] {2}, 1, to));
                other.send(new DatagramPacket(new byte[] {3}, 1, to));
                server.send(new DatagramPacket(new byte[] {4}, 1, to));
                int foreign = 0;
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (foreign < 2 && System.nanoTime() < deadline) {
                    Libc.poll(new int[] {s.fd(), Libc.POLLIN}, 1, 100);
                    foreign += s.drainForeign(buf);
                }
                Libc.poll(new int[] {s.fd(), Libc.POLLIN}, 1, 100); // a straggler would be counted now
                foreign += s.drainForeign(buf);
                assertEquals(2, foreign, "two foreign datagrams, the server's two not counted");
                assertEquals(QuerySocket.NONE, s.receive(buf), "the server's were read too");
            } finally {
                s.close();
            }
        }
    }

    /** close() frees the port in IN_USE and in the kernel: another socket can bind it. */
    @Test
    void closeFreesThePort() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        QuerySocket s = QuerySocket.open(null, new InetSocketAddress(loopback, 9));
        int port = s.port;
        try {
            assertTrue(GuardedUdpClient.IN_USE.contains(port));
            assertThrows(java.net.BindException.class, () -> new DatagramSocket(new InetSocketAddress(loopback, port))
                    .close(), "the socket holds the port");
        } finally {
            s.close();
        }
        s.close(); // a second close does nothing (no other descriptor closed, no port freed twice)
        assertFalse(GuardedUdpClient.IN_USE.contains(port), "port " + port + " still marked in use");
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(loopback, port))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    /** A source port another query holds is refused; one of another family than the server's too. */
    @Test
    void aSourcePortInUseOrOfTheWrongFamilyIsRefused() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetSocketAddress server = new InetSocketAddress(loopback, 9);
        QuerySocket first = QuerySocket.open(null, server);
        try {
            IOException e = assertThrows(IOException.class,
                    () -> QuerySocket.open(new InetSocketAddress(loopback, first.port), server).close());
            assertEquals("source port " + first.port + " is in use by another query", e.getMessage());
            assertTrue(GuardedUdpClient.IN_USE.contains(first.port), "the refusal left the holder's port marked");
        } finally {
            first.close();
        }
        IOException e = assertThrows(IOException.class,
                () -> QuerySocket.open(new InetSocketAddress(InetAddress.getByName("::1"), 0), server).close());
        assertTrue(e.getMessage().contains("different address families"), e.getMessage());
    }

    /** A given source port is used as it is, and freed again when the socket closes. */
    @Test
    void aGivenSourcePortIsUsed() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            port = probe.getLocalPort();
        }
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            server.setSoTimeout(2000);
            QuerySocket s = QuerySocket.open(new InetSocketAddress(loopback, port),
                    (InetSocketAddress) server.getLocalSocketAddress());
            try {
                assertEquals(port, s.port);
                assertTrue(GuardedUdpClient.IN_USE.contains(port));
                s.send(QUERY);
                DatagramPacket p = new DatagramPacket(new byte[512], 512);
                server.receive(p);
                assertEquals(port, p.getPort());
                assertEquals(loopback, p.getAddress());
            } finally {
                s.close();
            }
            assertFalse(GuardedUdpClient.IN_USE.contains(port));
        }
    }

    /** The ports-in-use set: a port is taken once until it is freed. */
    @Test
    void portsInUseTakesAPortOnceUntilFreed() {
        GuardedUdpClient.PortsInUse ports = new GuardedUdpClient.PortsInUse();
        assertFalse(ports.contains(40000));
        assertTrue(ports.add(40000));
        assertFalse(ports.add(40000), "taken twice");
        assertTrue(ports.contains(40000));
        assertFalse(ports.contains(40001), "only that port");
        assertTrue(ports.add(40001));
        ports.remove(40000);
        assertFalse(ports.contains(40000));
        assertTrue(ports.contains(40001), "freeing one leaves the other");
        assertTrue(ports.add(40000), "free again");
        ports.remove(12345); // freeing a port never taken changes nothing
        assertFalse(ports.contains(12345));
        for (int edge : new int[] {0, 1, 65535}) {
            assertTrue(ports.add(edge));
            assertFalse(ports.add(edge));
            assertTrue(ports.contains(edge));
        }
    }

    /** Two threads taking the same ports at once: each port goes to exactly one of them. */
    @Test
    void portsInUseGivesEachPortToOneThread() throws Exception {
        GuardedUdpClient.PortsInUse ports = new GuardedUdpClient.PortsInUse();
        int n = 20_000;
        int[] won = new int[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int me = t;
            threads[t] = new Thread(() -> {
                for (int p = 32768; p < 32768 + n; p++) {
                    if (ports.add(p)) {
                        won[me]++;
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
            assertFalse(t.isAlive());
        }
        assertEquals(n, won[0] + won[1]);
        for (int p = 32768; p < 32768 + n; p++) {
            assertTrue(ports.contains(p));
        }
    }

    /**
     * An ICMP host unreachable for the query (a soft error: the connected sockets of GuardedUdpClient's pair and of
     * BIND's dig never see it and wait for the answer or the timeout) must not fail the try either. A forged ICMP
     * error over loopback, through a raw socket (root), quoting the query's addresses and ports.
     */
    @Test
    void aHostUnreachableIsIgnoredAsOnAConnectedSocket() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int raw = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_ICMP);
        org.junit.jupiter.api.Assumptions.assumeTrue(raw >= 0, "a raw socket needs CAP_NET_RAW: " + Libc.error(raw));
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(loopback, 0));
             java.nio.channels.DatagramChannel connected = java.nio.channels.DatagramChannel.open()) {
            InetSocketAddress to = (InetSocketAddress) server.getLocalSocketAddress();
            connected.bind(new InetSocketAddress(loopback, 0)).connect(to).configureBlocking(false);
            connected.write(java.nio.ByteBuffer.wrap(QUERY));
            QuerySocket s = QuerySocket.open(null, to);
            try {
                s.send(QUERY);
                byte[] dst = dev.netkit.system.SocketAddress.encode(loopback, 0);
                for (int sourcePort : new int[] {((InetSocketAddress) connected.getLocalAddress()).getPort(), s.port}) {
                    byte[] icmp = unreachable(1, sourcePort, to.getPort());
                    assertEquals(icmp.length, Libc.sendto(raw, icmp, icmp.length, 0, dst, dst.length));
                }
                Thread.sleep(200); // loopback delivers at once; the margin is generous
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
                assertEquals(null, connected.receive(b), "the connected socket: no error, nothing to read");
                // the control: the same forgery as a port unreachable (a hard error) does reach the connected socket
                int connectedPort = ((InetSocketAddress) connected.getLocalAddress()).getPort();
                byte[] refused = unreachable(3, connectedPort, to.getPort());
                assertEquals(refused.length, Libc.sendto(raw, refused, refused.length, 0, dst, dst.length));
                Thread.sleep(200);
                assertThrows(PortUnreachableException.class, () -> connected.receive(b));
                assertEquals(QuerySocket.NONE, s.receive(new byte[512]), "the query's socket: likewise");
            } finally {
                s.close();
            }
        } finally {
            Libc.close(raw);
        }
    }

    /**
     * The ICMP errors a connected socket reports (hard ones: a filter's admin-prohibited, code 13; a protocol
     * unreachable, code 2) fail the try at once with the kernel's message, as on GuardedUdpClient's pair, instead
     * of waiting for the deadline.
     */
    @Test
    void aHardIcmpErrorFailsTheTryAsOnAConnectedSocket() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int raw = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_ICMP);
        org.junit.jupiter.api.Assumptions.assumeTrue(raw >= 0, "a raw socket needs CAP_NET_RAW: " + Libc.error(raw));
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            InetSocketAddress to = (InetSocketAddress) server.getLocalSocketAddress();
            byte[] dst = dev.netkit.system.SocketAddress.encode(loopback, 0);
            for (int code : new int[] {13, 2}) {
                QuerySocket s = QuerySocket.open(null, to);
                try {
                    s.send(QUERY);
                    byte[] icmp = unreachable(code, s.port, to.getPort());
                    assertEquals(icmp.length, Libc.sendto(raw, icmp, icmp.length, 0, dst, dst.length));
                    awaitReadable(s);
                    java.io.IOException e = assertThrows(java.io.IOException.class, () -> s.receive(new byte[512]),
                            "code " + code);
                    assertEquals(code == 13 ? "No route to host" : "Protocol not available", e.getMessage());
                    assertEquals(QuerySocket.NONE, s.receive(new byte[512]), "the error was read off the socket");
                } finally {
                    s.close();
                }
            }
        } finally {
            Libc.close(raw);
        }
        assertTrue(QuerySocket.hardIcmpError(false, 3, 3) && QuerySocket.hardIcmpError(false, 12, 0)
                && !QuerySocket.hardIcmpError(false, 3, 1) && !QuerySocket.hardIcmpError(false, 11, 0));
        assertTrue(QuerySocket.hardIcmpError(true, 1, 1) && QuerySocket.hardIcmpError(true, 1, 4)
                && QuerySocket.hardIcmpError(true, 4, 0) && !QuerySocket.hardIcmpError(true, 1, 3)
                && !QuerySocket.hardIcmpError(true, 3, 0));
    }

    /** A datagram from the server's port but another address (127.0.0.2) is not the server's: FOREIGN. */
    @Test
    void anotherAddressOnTheServersPortIsForeign() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"),
                     server.getLocalPort()))) {
            QuerySocket s = QuerySocket.open(null, (InetSocketAddress) server.getLocalSocketAddress());
            try {
                s.send(QUERY);
                other.send(new DatagramPacket(QUERY, QUERY.length, loopback, s.port));
                awaitReadable(s);
                assertEquals(QuerySocket.FOREIGN, s.receive(new byte[512]));
                server.send(new DatagramPacket(QUERY, QUERY.length, loopback, s.port));
                awaitReadable(s);
                assertEquals(QUERY.length, s.receive(new byte[512]), "the server's own datagram");
            } finally {
                s.close();
            }
        }
    }

    /** A query to the wildcard address reaches this host, whose answer comes from loopback: it is the server's. */
    @Test
    void theWildcardServerIsThisHostOverLoopback() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0))) {
            server.setSoTimeout(2000);
            QuerySocket s = QuerySocket.open(null, new InetSocketAddress(InetAddress.getByName("0.0.0.0"),
                    server.getLocalPort()));
            try {
                s.send(QUERY);
                DatagramPacket p = new DatagramPacket(new byte[512], 512);
                server.receive(p);
                server.send(new DatagramPacket(QUERY, QUERY.length, p.getSocketAddress()));
                awaitReadable(s);
                assertEquals(QUERY.length, s.receive(new byte[512]));
            } finally {
                s.close();
            }
        }
    }

    /** ICMP destination unreachable (code 1: host, 3: port), quoting a UDP datagram 127.0.0.1:from -> 127.0.0.1:to. */
    private static byte[] unreachable(int code, int from, int to) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 20 + 8);
        b.put((byte) 3).put((byte) code).putShort((short) 0).putInt(0); // type, code, checksum, unused
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + QUERY.length)).putInt(0x4000) // DF
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                .put(new byte[] {127, 0, 0, 1});
        b.putShort((short) from).putShort((short) to).putShort((short) (8 + QUERY.length)).putShort((short) 0);
        byte[] a = b.array();
        int sum = 0;
        for (int i = 0; i < a.length; i += 2) {
            sum += (a[i] & 0xff) << 8 | (a[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        a[2] = (byte) (~sum >> 8);
        a[3] = (byte) ~sum;
        return a;
    }

    /** Waits (2 s at most) until the socket has something to read. */
    private static void awaitReadable(QuerySocket s) {
        int[] pfd = {s.fd(), Libc.POLLIN};
        assertEquals(1, Libc.poll(pfd, 1, 2000), "nothing arrived within 2 s");
    }
}
