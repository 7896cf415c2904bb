package dev.netkit.dns;

import dev.netkit.system.IpLiteral;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * UDP for {@link DnsChannel#KERNEL} (and so dnsjava's {@code SimpleResolver}) that keeps listening past forged answers (RFC 5452): each query
 * gets its own random source port, and a datagram whose source address, id or question does not match the
 * query is dropped and counted instead of ending the query (dnsjava's own client fails the whole query on a
 * wrong id).
 * <p>
 * Two sockets share the port (SO_REUSEADDR): one connected to the server, which the kernel prefers for the
 * server's datagrams and which reports an ICMP port unreachable as "connection refused", as dig does; and
 * one unconnected, which receives what other addresses and ports send to the port, so that is counted.
 */
final class GuardedUdpClient {
    // Linux's ephemeral range (net.ipv4.ip_local_port_range).
    private static final int PORT_LOW = 32768;
    private static final int PORT_HIGH = 60999;
    // SO_REUSEADDR would let two of this process's concurrent queries share a port: ports in use are skipped
    static final PortsInUse IN_USE = new PortsInUse();

    /**
     * The source ports this process's queries hold. A flag per port under a lock, not a concurrent set of boxed
     * Integers: dig -f takes and frees a thousand ports, and the concurrent map's methods were a good part of
     * what the JIT compiled while the batch ran (a BitSet rescans its words on every clear).
     */
    static final class PortsInUse {
        private final boolean[] ports = new boolean[65536];

        /** Takes the port; false when it is already taken. */
        synchronized boolean add(int port) {
            if (ports[port]) {
                return false;
            }
            ports[port] = true;
            return true;
        }

        synchronized void remove(int port) {
            ports[port] = false;
        }

        synchronized boolean contains(int port) {
            return ports[port];
        }
    }
    /** The wildcard addresses a query's sockets bind to, made once. */
    static final InetAddress ANY4 = wildcard(4);
    static final InetAddress ANY6 = wildcard(16);

    private static InetAddress wildcard(int length) {
        try {
            return InetAddress.getByAddress(new byte[length]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }

    private final AtomicInteger dropped = new AtomicInteger();
    private volatile int lastSize;

    int dropped() {
        return dropped.get();
    }

    int lastSize() {
        return lastSize;
    }

    byte[] exchange(InetSocketAddress local, InetSocketAddress remote, Message query, byte[] data,
                    int max, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pair opened;
        try {
            opened = openPair(local, remote);
        } catch (RuntimeException e) {
            // a source address of another family than the server's: this try fails, as a refused one does
            throw new IOException(e.toString(), e);
        }
        try (Pair pair = opened) {
            DatagramSocket server = pair.connected().socket();
            server.send(new DatagramPacket(data, data.length));
            byte[] buf = new byte[Math.max(max, 512)];
            try {
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new SocketTimeoutException("timed out");
                    }
                    server.setSoTimeout((int) Math.max(1, left));
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    if (matches(remote, p, query, in)) {
                        lastSize = in.length;
                        return in;
                    }
                    dropped.incrementAndGet();
                }
            } finally {
                dropped.addAndGet(countOthers(pair.others()));
            }
        }
    }

    /**
     * The two sockets of one try on one random port (or {@code local}'s): {@code connected} to the server and
     * blocking, {@code others} unconnected and non-blocking. Closing the pair frees the port at once. (A batch's
     * tries use {@link QuerySocket}, one plain descriptor each.)
     */
    record Pair(DatagramChannel connected, DatagramChannel others, int port) implements java.io.Closeable {
        @Override
        public void close() {
            closeQuietly(connected);
            closeQuietly(others);
            IN_USE.remove(port);
        }
    }

    static Pair openPair(InetSocketAddress local, InetSocketAddress server) throws IOException {
        ProtocolFamily family = family(server.getAddress());
        DatagramChannel others = bindRandomPort(local, server.getAddress(), family);
        int port = -1;
        DatagramChannel connected = null;
        try {
            InetSocketAddress bound = (InetSocketAddress) others.getLocalAddress();
            port = bound.getPort();
            connected = DatagramChannel.open(family);
            connected.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            connected.bind(bound);
            // non-blocking before connect: connect drains the socket, switching a blocking one to non-blocking
            // and back (four fcntl calls a query)
            connected.configureBlocking(false);
            connected.connect(server);
            connected.configureBlocking(true);
            return new Pair(connected, others, port);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connected);
            closeQuietly(others);
            if (port >= 0) {
                IN_USE.remove(port);
            }
            throw e;
        }
    }

    static void closeQuietly(java.nio.channels.Channel c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing a datagram socket does not fail in a way that matters here
        }
    }

    /** What other sources sent to the query's port meanwhile (already queued: a non-blocking read, no wait). */
    static int countOthers(DatagramChannel others) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n = 0;
        try {
            while (n < 1024 && others.receive(buf.clear()) != null) {
                n++;
            }
        } catch (IOException e) {
            // nothing (more) to read
        }
        return n;
    }

    /** Same server address and port, same id, same question: anything else is not our answer. */
    static boolean matches(InetSocketAddress remote, DatagramPacket p, Message query, byte[] in) {
        return p.getPort() == remote.getPort() && p.getAddress().equals(remote.getAddress()) && matches(query, in);
    }

    /** Same id and question as the query (the source is checked by the caller, or by a connected socket). */
    static boolean matches(Message query, byte[] in) {
        if (in.length < 12) {
            return false;
        }
        int id = ((in[0] & 0xff) << 8) | (in[1] & 0xff);
        if (id != query.getHeader().getID()) {
            return false;
        }
        int questions = ((in[4] & 0xff) << 8) | (in[5] & 0xff);
        if (questions == 0 && (in[3] & 0x0f) != 0) {
            // an error without the question (NSD's NOTAUTH for a bad TSIG): the id and source matched, as dig
            return true;
        }
        if (questions != 1) {
            return false;
        }
        try {
            // only the question is read here; dnsjava parses the whole answer once it is accepted
            org.xbill.DNS.DNSInput wire = new org.xbill.DNS.DNSInput(in);
            wire.jump(12);
            Name name = new Name(wire);
            int type = wire.readU16();
            int dclass = wire.readU16();
            Record mine = query.getQuestion();
            return name.equals(mine.getName()) && type == mine.getType() && dclass == mine.getDClass();
        } catch (IOException e) {
            return false;
        }
    }

    /** A non-blocking socket on a random free port (or {@code local}'s), SO_REUSEADDR for its twin. */
    static DatagramChannel bindRandomPort(InetSocketAddress local, InetAddress remote) throws IOException {
        return bindRandomPort(local, remote, null);
    }

    /**
     * The same in the family of the server's address (null: a dual-stack socket, as {@link DatagramSocket}
     * makes its twin): an IPv4 socket needs fewer system calls to set up.
     */
    static DatagramChannel bindRandomPort(InetSocketAddress local, InetAddress remote, ProtocolFamily family)
            throws IOException {
        InetAddress bindAddress = local != null ? local.getAddress() : family == null ? null
                : family == StandardProtocolFamily.INET ? ANY4 : ANY6;
        if (local != null && local.getPort() != 0) {
            if (!IN_USE.add(local.getPort())) {
                throw new IOException("source port " + local.getPort() + " is in use by another query");
            }
            try {
                return reusable(local, family);
            } catch (IOException | RuntimeException e) {
                IN_USE.remove(local.getPort());
                throw e;
            }
        }
        IOException last = null;
        for (int i = 0; i < 64; i++) {
            int port = randomPort();
            if (!IN_USE.add(port)) {
                continue;
            }
            try {
                return reusable(new InetSocketAddress(bindAddress, port), family);
            } catch (IOException e) {
                IN_USE.remove(port);
                last = e;
            } catch (RuntimeException e) {
                // not a busy port (an address of the wrong family): another port would fail the same way
                IN_USE.remove(port);
                throw e;
            }
        }
        throw new IOException("no free source port to query " + IpLiteral.format(remote), last);
    }

    /** A random port of Linux's ephemeral range, for a query's source port (RFC 5452). */
    static int randomPort() {
        return PORT_LOW + RandomBits.below(PORT_HIGH - PORT_LOW + 1);
    }

    /** The protocol family of an address. */
    static ProtocolFamily family(InetAddress a) {
        return a instanceof java.net.Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    private static DatagramChannel reusable(InetSocketAddress at, ProtocolFamily family) throws IOException {
        DatagramChannel c = family == null ? DatagramChannel.open() : DatagramChannel.open(family);
        try {
            c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            c.bind(at);
            c.configureBlocking(false);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
