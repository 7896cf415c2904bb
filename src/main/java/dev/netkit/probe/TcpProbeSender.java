package dev.netkit.probe;

import dev.netkit.packet.PacketBuilder;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Libc;
import dev.netkit.system.SocketAddress;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * TCP SYN probes: by connect() with a TTL (the source port is the token; without CAP_NET_RAW the connecting sockets
 * themselves tell the answer), or, for Paris probes, built whole with a constant source port and the token in the
 * sequence number. With CAP_NET_RAW the answers are heard on a raw TCP socket.
 */
final class TcpProbeSender {
    private final KernelSockets sockets;
    /** The connecting sockets by local port (the probe's token). */
    final Map<Integer, Connecting> connecting = new HashMap<>();
    private final Map<InetAddress, InetAddress> sources = new HashMap<>();

    /** A connect() in progress. */
    record Connecting(int fd, InetAddress destination, long sentNanos) {
    }

    TcpProbeSender(KernelSockets sockets) {
        this.sockets = sockets;
    }

    Sent send(KernelSockets.Family f, Probe p) throws IOException {
        if (sockets.privileged) {
            sockets.openIcmp(f);
            sockets.openTcpReceiver(f);
        }
        if (sockets.privileged && p.flow() >= 0) {
            return sendParis(f, p);
        }
        expire();
        int fd = KernelSockets.check(Libc.socket(f.v6 ? Libc.AF_INET6 : Libc.AF_INET,
                Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK, 0), "TCP socket");
        if (p.ttl() > 0) {
            Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_UNICAST_HOPS : Libc.IP_TTL, p.ttl());
        }
        Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_RECVERR : Libc.IP_RECVERR, 1);
        Libc.setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1);
        sockets.bindToDevice(fd);
        sockets.bindSource(fd, f.v6, 0);
        byte[] sa = SocketAddress.encode(p.destination(), p.port());
        long t = KernelSockets.now();
        int r = Libc.connect(fd, sa, sa.length);
        int e = r < 0 ? -r : 0;
        byte[] local = new byte[128];
        int[] len = {128};
        Libc.getsockname(fd, local, len);
        int port = ((local[2] & 0xff) << 8) | (local[3] & 0xff);
        if (r < 0 && e != Libc.EINPROGRESS) {
            Libc.close(fd);
            ReplyKind kind = e == Libc.ECONNREFUSED ? ReplyKind.TCP_RESET : ReplyKind.UNREACHABLE;
            sockets.pending.add(new Reply(kind == ReplyKind.TCP_RESET ? p.destination() : null, kind, ProbeMethod.TCP,
                    p.destination(), port, -1, -1, 0, -1, 0, KernelSockets.now()));
            return new Sent(t, port);
        }
        connecting.put(port, new Connecting(fd, p.destination(), t));
        return new Sent(t, port);
    }

    /**
     * A SYN built whole by the packet builder (Paris traceroute, {@link Probe#parisSyn}, the injection channel's SYN):
     * source port {@code TCP_PARIS_PORT + flow}, the token in the upper half of the sequence number, so every probe of
     * a flow has the same addresses and ports (and, over IPv6, flow label). Over IPv4 it leaves by the raw
     * IP socket with our own IP header, over IPv6 by the raw TCP socket that also hears the answers. Our kernel
     * resets the SYN-ACKs it gets back (no socket owns the port), so no connection is left open.
     */
    private Sent sendParis(KernelSockets.Family f, Probe p) throws IOException {
        InetAddress src = sourceFor(p.destination());
        int ttl = p.ttl() > 0 ? p.ttl() : 64;
        PacketBuilder b = PacketBuilder.ip();
        if (f.v6) {
            b.ipv6((Inet6Address) src, (Inet6Address) p.destination()).hopLimit(ttl);
        } else {
            b.ipv4((Inet4Address) src, (Inet4Address) p.destination()).ttl(ttl).identification(p.token());
        }
        byte[] datagram = b.tcp(p.parisSyn(f.v6 ? 1440 : 1460), new byte[0]).build();
        if (f.v6) {
            // the raw TCP socket takes the segment (its checksum is the builder's, over our pseudo-header)
            if (f.ttlTcp != ttl) {
                Libc.setInt(f.tcpRaw, Libc.IPPROTO_IPV6, Libc.IPV6_UNICAST_HOPS, ttl);
                f.ttlTcp = ttl;
            }
            return sockets.transmit(f.tcpRaw, Arrays.copyOfRange(datagram, 40, datagram.length), p, 0);
        }
        sockets.openRawSender(f);
        return sockets.transmit(f.udp, datagram, p, 0);
    }

    /** The address the kernel sends from towards {@code destination} (getsockname of a connected UDP socket). */
    private InetAddress sourceFor(InetAddress destination) throws IOException {
        if (sockets.source != null) {
            return sockets.source;
        }
        InetAddress known = sources.get(destination);
        if (known != null) {
            return known;
        }
        boolean v6 = destination instanceof Inet6Address;
        int fd = KernelSockets.check(Libc.socket(v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_DGRAM, 0), "UDP socket");
        try {
            sockets.bindToDevice(fd);
            byte[] sa = SocketAddress.encode(destination, 9);
            int r = Libc.connect(fd, sa, sa.length);
            if (r < 0) {
                throw new IOException("no route to " + IpLiteral.format(destination) + ": " + Libc.error(r));
            }
            byte[] local = new byte[128];
            int[] len = {128};
            Libc.getsockname(fd, local, len);
            InetAddress a = SocketAddress.decode(local, 0, len[0]);
            sources.put(destination, a);
            return a;
        } finally {
            Libc.close(fd);
        }
    }

    private void expire() {
        long old = KernelSockets.now() - 30_000_000_000L;
        for (Iterator<Connecting> it = connecting.values().iterator(); it.hasNext(); ) {
            Connecting c = it.next();
            if (c.sentNanos() < old) {
                Libc.close(c.fd());
                it.remove();
            }
        }
    }

    /** Closes the sockets still connecting. */
    void close() {
        for (Connecting c : connecting.values()) {
            Libc.close(c.fd());
        }
        connecting.clear();
    }
}
