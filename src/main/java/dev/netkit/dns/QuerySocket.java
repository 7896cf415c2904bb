package dev.netkit.dns;

import dev.netkit.system.Libc;
import dev.netkit.system.SocketAddress;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;

/**
 * The socket of one {@link DnsBatch} try: a plain non-blocking UDP descriptor through netkit's JNI library
 * ({@link Libc}), on a random port of the ephemeral range, not connected. It keeps the guarantees of
 * {@link GuardedUdpClient}'s pair of sockets with half the system calls:
 * <ul>
 * <li>every datagram to the port arrives here, and one whose source is not the server is dropped and counted
 * (the pair's unconnected twin counted those);</li>
 * <li>IP_RECVERR makes the kernel report an ICMP error for the query on this unconnected socket: a closed port at the
 * server fails the next read with "connection refused", and the other errors the kernel calls hard (a filter's
 * admin-prohibited, a parameter problem, ...) with their own message, as on the pair's connected socket. It
 * reports the soft errors too (host or network unreachable, time exceeded), which a connected socket (and so BIND's
 * dig) does not see: {@link #receive} reads each ICMP error's type and code off the socket's error queue, fails
 * the try on a hard one and ignores a soft one, and the try waits for its answer or its deadline.</li>
 * </ul>
 * A batch of a thousand queries opens a thousand of these: through NIO channels each cost a channel object, its
 * locks and a selector registration, and some 200 more methods for the JIT to compile while the batch ran.
 */
final class QuerySocket {
    private static final int TYPE = Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC;
    /** {@link #receive}: no datagram is queued. */
    static final int NONE = -1;
    /** {@link #receive}: a datagram came from another address or port than the server's (dropped). */
    static final int FOREIGN = -2;

    private int fd;
    final int port;
    /** The server's struct sockaddr, as sendto takes it and recvfrom gives the sender. */
    private final byte[] server;
    private final byte[] from;
    private final int[] fromLength = new int[1];

    private QuerySocket(int fd, int port, byte[] server) {
        this.fd = fd;
        this.port = port;
        this.server = server;
        this.from = new byte[server.length];
    }

    /**
     * A socket on a random free port in the ephemeral range (or {@code local}'s port), bound to {@code local}'s
     * address or the wildcard, for {@code server}. Its port is in {@link GuardedUdpClient#IN_USE} until
     * {@link #close()}.
     */
    static QuerySocket open(InetSocketAddress local, InetSocketAddress server) throws IOException {
        Libc.ensureLoaded();
        InetAddress remote = server.getAddress();
        boolean v6 = remote instanceof Inet6Address;
        if (local != null && (local.getAddress() instanceof Inet6Address) != v6) {
            throw new IOException("source address " + DnsClient.hostText(local.getAddress())
                    + " and server " + DnsClient.hostText(remote) + " are of different address families");
        }
        // the wildcard address reaches this host, whose answer comes from loopback (as connect makes of it)
        if (remote.isAnyLocalAddress()) {
            remote = v6 ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        }
        byte[] to = SocketAddress.encode(remote, server.getPort());
        InetAddress bindAddress = local != null ? local.getAddress() : v6 ? GuardedUdpClient.ANY6 : GuardedUdpClient.ANY4;
        if (local != null && local.getPort() != 0) {
            if (!GuardedUdpClient.IN_USE.add(local.getPort())) {
                throw new IOException("source port " + local.getPort() + " is in use by another query");
            }
            int fd = socket(v6, SocketAddress.encode(bindAddress, local.getPort()));
            if (fd < 0) {
                GuardedUdpClient.IN_USE.remove(local.getPort());
                throw error(fd);
            }
            return new QuerySocket(fd, local.getPort(), to);
        }
        int last = -Libc.EADDRINUSE;
        for (int i = 0; i < 64; i++) {
            int port = GuardedUdpClient.randomPort();
            if (!GuardedUdpClient.IN_USE.add(port)) {
                continue;
            }
            int fd = socket(v6, SocketAddress.encode(bindAddress, port));
            if (fd >= 0) {
                return new QuerySocket(fd, port, to);
            }
            GuardedUdpClient.IN_USE.remove(port);
            if (fd != -Libc.EADDRINUSE) {
                throw error(fd);
            }
            last = fd;
        }
        throw new IOException("no free source port to query " + DnsClient.hostText(remote) + ": " + Libc.error(last));
    }

    /** A non-blocking datagram socket that reports ICMP errors, bound to {@code at}; or -errno. */
    private static int socket(boolean v6, byte[] at) {
        int fd = Libc.socket(v6 ? Libc.AF_INET6 : Libc.AF_INET, TYPE, 0);
        if (fd < 0) {
            return fd;
        }
        int r = v6 ? Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVERR, 1)
                : Libc.setInt(fd, Libc.IPPROTO_IP, Libc.IP_RECVERR, 1);
        if (r == 0) {
            r = Libc.bind(fd, at, at.length);
        }
        if (r < 0) {
            Libc.close(fd);
            return r;
        }
        return fd;
    }

    int fd() {
        return fd;
    }

    /** Sends the query to the server. */
    void send(byte[] wire) throws IOException {
        long n = Libc.sendto(fd, wire, wire.length, 0, server, server.length);
        if (n < 0) {
            throw error((int) n);
        }
    }

    /**
     * The next datagram, read into {@code buf}: its length when the server sent it (0 for an empty one),
     * {@link #FOREIGN} when another address or port did, {@link #NONE} when none is queued. An ICMP error for the
     * query (a closed port at the server: PortUnreachableException) throws.
     */
    int receive(byte[] buf) throws IOException {
        fromLength[0] = from.length;
        int n = Libc.recvfrom(fd, buf, buf.length, 0, from, fromLength);
        if (n == -Libc.EAGAIN) {
            return NONE;
        }
        if (n < 0) {
            // an error the kernel reported for the socket: an ICMP one has its entry in the error queue, read here
            // (so poll stops reporting it); a hard one fails the try as on a connected socket, a soft one is
            // ignored (a datagram queued behind it is read at the next poll); one without an ICMP entry fails it
            boolean hard = false;
            boolean icmp = false;
            for (int i = 0; i < 64; i++) {
                long e = Libc.errorQueue(fd);
                if (e < 0) {
                    break;
                }
                int origin = (int) (e >>> 32) & 0xff;
                if (origin == Libc.SO_EE_ORIGIN_ICMP || origin == Libc.SO_EE_ORIGIN_ICMP6) {
                    icmp = true;
                    hard |= hardIcmpError(origin == Libc.SO_EE_ORIGIN_ICMP6, (int) (e >>> 40) & 0xff,
                            (int) (e >>> 48) & 0xff);
                }
            }
            if (hard || !icmp) {
                throw error(n);
            }
            return NONE;
        }
        return fromServer() ? n : FOREIGN;
    }

    /**
     * The sender is the server: the same family, port and address (IPv4: bytes 0-7 of struct sockaddr_in; IPv6:
     * bytes 0-3 and 8-23 of struct sockaddr_in6, the flow label aside).
     */
    private boolean fromServer() {
        if (fromLength[0] != server.length) {
            return false;
        }
        int addressEnd = server.length == 16 ? 8 : 24;
        for (int i = 0; i < addressEnd; i++) {
            if ((i < 4 || i >= 8 || server.length == 16) && from[i] != server[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the kernel reports this ICMP error on a connected UDP socket without IP_RECVERR (a "hard" error:
     * Linux's icmp_err_convert and icmpv6_err_convert): IPv4 destination unreachable for a protocol or port,
     * an unknown or isolated network or host, an administrative prohibition or precedence; parameter problems;
     * ICMPv6 destination unreachable for an administrative prohibition, a port, a policy or a reject route.
     */
    static boolean hardIcmpError(boolean v6, int type, int code) {
        if (v6) {
            return (type == 1 && (code == 1 || code == 4 || code == 5 || code == 6)) || type == 4;
        }
        return (type == 3 && (code == 2 || code == 3 || (code >= 6 && code <= 10) || (code >= 13 && code <= 15)))
                || type == 12;
    }

    /** Reads what is still queued (without waiting) and says how many of those datagrams came from others. */
    int drainForeign(byte[] buf) {
        int n = 0;
        for (int i = 0; i < 1024; i++) {
            try {
                int r = receive(buf);
                if (r == NONE) {
                    break;
                }
                if (r == FOREIGN) {
                    n++;
                }
            } catch (IOException e) {
                break; // an error queued for the socket: nothing more to count
            }
        }
        return n;
    }

    /** Closes the socket and frees the port (once: a second call does nothing). */
    void close() {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
            GuardedUdpClient.IN_USE.remove(port);
        }
    }

    private static IOException error(int errno) {
        return errno == -Libc.ECONNREFUSED ? new PortUnreachableException("connection refused")
                : new IOException(Libc.error(errno));
    }
}
