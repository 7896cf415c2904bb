package dev.netkit.dns;

import dev.netkit.system.Libc;
import dev.netkit.system.SocketAddress;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;

/**
 * The two sockets of one {@link DnsBatch} try, as {@link GuardedUdpClient#openPair} makes them, but as plain
 * descriptors through netkit's JNI library ({@link Libc}) instead of NIO channels: one non-blocking socket connected
 * to the server (the kernel gives it the server's datagrams and reports a closed port as "connection refused"),
 * and an unconnected twin on the same random port (SO_REUSEADDR) that receives what anyone else sends there, to be
 * counted. A batch of a thousand queries opens two thousand sockets: through NIO each costs a channel object, its
 * locks and a selector registration, about half the batch thread's CPU and some 200 more methods for the JIT to
 * compile while the batch runs; here a try is a dozen system calls and no more.
 */
final class RawUdpPair {
    // Linux's ephemeral range (net.ipv4.ip_local_port_range), as GuardedUdpClient
    private static final int PORT_LOW = 32768;
    private static final int PORT_HIGH = 60999;
    private static final int TYPE = Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC;

    final int connected;
    final int others;
    final int port;

    private RawUdpPair(int connected, int others, int port) {
        this.connected = connected;
        this.others = others;
        this.port = port;
    }

    /**
     * A pair on a random free port in the ephemeral range (or {@code local}'s port), bound to {@code local}'s
     * address or the wildcard, connected to {@code server}. Its port is in {@link GuardedUdpClient#IN_USE} until
     * {@link #close()}.
     */
    static RawUdpPair open(InetSocketAddress local, InetSocketAddress server) throws IOException {
        Libc.ensureLoaded();
        InetAddress remote = server.getAddress();
        boolean v6 = remote instanceof Inet6Address;
        if (local != null && (local.getAddress() instanceof Inet6Address) != v6) {
            throw new IOException("source address " + DnsClient.hostText(local.getAddress())
                    + " and server " + DnsClient.hostText(remote) + " are of different address families");
        }
        int family = v6 ? Libc.AF_INET6 : Libc.AF_INET;
        InetAddress bindAddress = local != null ? local.getAddress() : v6 ? GuardedUdpClient.ANY6 : GuardedUdpClient.ANY4;
        if (local != null && local.getPort() != 0) {
            if (!GuardedUdpClient.IN_USE.add(local.getPort())) {
                throw new IOException("source port " + local.getPort() + " is in use by another query");
            }
            int others = bound(family, SocketAddress.encode(bindAddress, local.getPort()), local.getPort());
            return connect(family, others, bindAddress, local.getPort(), server);
        }
        int last = 0;
        for (int i = 0; i < 64; i++) {
            int port = PORT_LOW + RandomBits.below(PORT_HIGH - PORT_LOW + 1);
            if (!GuardedUdpClient.IN_USE.add(port)) {
                continue;
            }
            int others = socket(family, SocketAddress.encode(bindAddress, port));
            if (others >= 0) {
                return connect(family, others, bindAddress, port, server);
            }
            GuardedUdpClient.IN_USE.remove(port);
            if (others != -Libc.EADDRINUSE) {
                throw error(others);
            }
            last = others;
        }
        throw new IOException("no free source port to query " + DnsClient.hostText(remote) + ": "
                + Libc.error(last == 0 ? -Libc.EADDRINUSE : last));
    }

    /** The unconnected twin on a port already in IN_USE (freed again when this fails). */
    private static int bound(int family, byte[] at, int port) throws IOException {
        int fd = socket(family, at);
        if (fd < 0) {
            GuardedUdpClient.IN_USE.remove(port);
            throw error(fd);
        }
        return fd;
    }

    /** The connected socket next to {@code others}; on failure both are closed and the port freed. */
    private static RawUdpPair connect(int family, int others, InetAddress bindAddress, int port,
                                      InetSocketAddress server) throws IOException {
        int fd = socket(family, SocketAddress.encode(bindAddress, port));
        if (fd >= 0) {
            byte[] to = SocketAddress.encode(server.getAddress(), server.getPort());
            int r = Libc.connect(fd, to, to.length);
            if (r == 0) {
                return new RawUdpPair(fd, others, port);
            }
            Libc.close(fd);
            fd = r;
        }
        Libc.close(others);
        GuardedUdpClient.IN_USE.remove(port);
        throw error(fd);
    }

    /** A non-blocking datagram socket with SO_REUSEADDR bound to {@code at}, or -errno. */
    private static int socket(int family, byte[] at) {
        int fd = Libc.socket(family, TYPE, 0);
        if (fd < 0) {
            return fd;
        }
        int r = Libc.setInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
        if (r == 0) {
            r = Libc.bind(fd, at, at.length);
        }
        if (r < 0) {
            Libc.close(fd);
            return r;
        }
        return fd;
    }

    /** Sends the query to the server. */
    void send(byte[] wire) throws IOException {
        long n = Libc.sendto(connected, wire, wire.length, 0, null, 0);
        if (n < 0) {
            throw error((int) n);
        }
    }

    /**
     * The next datagram the server sent, read into {@code buf}: its length (0 for an empty one), or -1 when none is
     * queued. A closed port at the server (an ICMP port unreachable) throws PortUnreachableException.
     */
    int receive(byte[] buf) throws IOException {
        int n = Libc.read(connected, buf, buf.length);
        if (n == -Libc.EAGAIN) {
            return -1;
        }
        if (n < 0) {
            throw error(n);
        }
        return n;
    }

    /** How many datagrams others sent to the port meanwhile (already queued: read without waiting). */
    int countOthers(byte[] buf) {
        int n = 0;
        while (n < 1024 && Libc.read(others, buf, buf.length) >= 0) {
            n++;
        }
        return n;
    }

    /** Closes both sockets and frees the port. */
    void close() {
        Libc.close(connected);
        Libc.close(others);
        GuardedUdpClient.IN_USE.remove(port);
    }

    private static IOException error(int errno) {
        return errno == -Libc.ECONNREFUSED ? new PortUnreachableException("connection refused")
                : new IOException(Libc.error(errno));
    }
}
