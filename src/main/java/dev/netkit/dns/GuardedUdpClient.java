package dev.netkit.dns;

import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.io.UdpIoClient;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * UDP for dnsjava's {@code SimpleResolver} that keeps listening past forged answers (RFC 5452): each query
 * gets its own socket on a random source port, and a datagram whose source address, id or question does
 * not match the query is dropped and counted instead of ending the query. dnsjava's own client connects
 * its socket (so the kernel drops other sources silently) and fails the whole query on a wrong id.
 */
final class GuardedUdpClient implements UdpIoClient {
    private static final SecureRandom RANDOM = new SecureRandom();
    // Linux's ephemeral range (net.ipv4.ip_local_port_range).
    private static final int PORT_LOW = 32768;
    private static final int PORT_HIGH = 60999;

    private final AtomicInteger dropped = new AtomicInteger();
    private volatile int lastSize;

    int dropped() {
        return dropped.get();
    }

    int lastSize() {
        return lastSize;
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote,
                                                       Message query, byte[] data, int max, Duration timeout) {
        // blocking in the caller's thread: netkit's callers are (virtual) threads of their own, and a query
        // needs no selector thread when it owns its socket
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        try {
            f.complete(exchange(local, remote, query, data, max, timeout));
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    private byte[] exchange(InetSocketAddress local, InetSocketAddress remote, Message query, byte[] data,
                            int max, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = bindRandomPort(local, remote.getAddress())) {
            socket.send(new DatagramPacket(data, data.length, remote));
            byte[] buf = new byte[Math.max(max, 512)];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("timed out");
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
                if (matches(remote, p, query, in)) {
                    lastSize = in.length;
                    return in;
                }
                dropped.incrementAndGet();
            }
        }
    }

    /** Same server address and port, same id, same question: anything else is not our answer. */
    static boolean matches(InetSocketAddress remote, DatagramPacket p, Message query, byte[] in) {
        if (p.getPort() != remote.getPort() || !p.getAddress().equals(remote.getAddress()) || in.length < 12) {
            return false;
        }
        int id = ((in[0] & 0xff) << 8) | (in[1] & 0xff);
        if (id != query.getHeader().getID()) {
            return false;
        }
        try {
            Record q = new Message(in).getQuestion();
            Record mine = query.getQuestion();
            return q != null && q.getName().equals(mine.getName()) && q.getType() == mine.getType()
                    && q.getDClass() == mine.getDClass();
        } catch (IOException e) {
            return false;
        }
    }

    private static DatagramSocket bindRandomPort(InetSocketAddress local, InetAddress remote) throws IOException {
        InetAddress bindAddress = local != null ? local.getAddress() : null;
        if (local != null && local.getPort() != 0) {
            return new DatagramSocket(local);
        }
        SocketException last = null;
        for (int i = 0; i < 64; i++) {
            int port = PORT_LOW + RANDOM.nextInt(PORT_HIGH - PORT_LOW + 1);
            try {
                return new DatagramSocket(new InetSocketAddress(bindAddress, port));
            } catch (SocketException e) {
                last = e;
            }
        }
        throw new IOException("no free source port to query " + remote.getHostAddress(), last);
    }
}
