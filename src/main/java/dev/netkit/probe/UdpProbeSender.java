package dev.netkit.probe;

import dev.netkit.system.Libc;
import dev.netkit.system.SocketAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * UDP probes (traceroute's default). With CAP_NET_RAW built whole: over IPv4 with our own IP header (id = token,
 * constant ports: Paris traceroute), over IPv6 on a raw UDP socket with the token in the payload. Without it, as
 * traceroute's unprivileged default and tracepath do: one ordinary UDP socket per probe with IP_RECVERR, whose
 * error queue holds the routers' time-exceeded and unreachable messages; the token is the socket's local port (so,
 * like -T by connect(), the source port changes the flow).
 */
final class UdpProbeSender {
    /** Sockets kept for late answers at most this long, and at most this many (traceroute waits 5 s by default). */
    private static final long KEEP_NANOS = 30_000_000_000L;
    private static final int MAX_OPEN = 512;

    private final KernelSockets sockets;
    /** The unprivileged probes' sockets by local port (the probe's token). */
    final Map<Integer, Open> open = new HashMap<>();

    /** An unprivileged probe's socket, waiting for its answer in the error queue. */
    record Open(int fd, InetAddress destination, long sentNanos) {
    }

    UdpProbeSender(KernelSockets sockets) {
        this.sockets = sockets;
    }

    Sent send(KernelSockets.Family f, Probe p) throws IOException {
        if (!sockets.privileged) {
            return sendByDatagramSocket(f, p);
        }
        sockets.openIcmp(f);
        sockets.openRawSender(f);
        if (f.v6) {
            sockets.setTtl(f, f.udp, p.ttl(), false);
            sockets.setPmtu(f, f.udp, p.pmtu() == null ? PmtuMode.DONT : p.pmtu(), false);
            byte[] packet = new byte[8 + Math.max(2, p.size())];
            udpHeader(packet, 0, p.port(), p.flow());
            packet[8] = (byte) (p.token() >> 8);
            packet[9] = (byte) p.token();
            Probe.fill(packet, 10, p.pattern());
            return sockets.transmit(f.udp, packet, p, 0);
        }
        byte[] packet = new byte[20 + 8 + p.size()];
        packet[0] = 0x45;
        packet[4] = (byte) (p.token() >> 8);
        packet[5] = (byte) p.token();
        if (p.pmtu() == PmtuMode.DO) {
            packet[6] = 0x40;
        }
        packet[8] = (byte) (p.ttl() > 0 ? p.ttl() : 64);
        packet[9] = 17;
        if (sockets.source != null) {
            System.arraycopy(sockets.source.getAddress(), 0, packet, 12, 4);
        }
        System.arraycopy(p.destination().getAddress(), 0, packet, 16, 4);
        udpHeader(packet, 20, p.port(), p.flow());
        Probe.fill(packet, 28, p.pattern());
        // IPv4 total length, checksum and (when zero) id are filled by the kernel for IP_HDRINCL; the UDP checksum
        // may stay zero over IPv4 (RFC 768).
        return sockets.transmit(f.udp, packet, p, 0);
    }

    private Sent sendByDatagramSocket(KernelSockets.Family f, Probe p) throws IOException {
        expire();
        int fd = KernelSockets.check(Libc.socket(f.v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_DGRAM, 0),
                "UDP socket");
        int level = f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP;
        try {
            if (p.ttl() > 0) {
                Libc.setInt(fd, level, f.v6 ? Libc.IPV6_UNICAST_HOPS : Libc.IP_TTL, p.ttl());
            }
            PmtuMode pmtu = p.pmtu() == null ? PmtuMode.DONT : p.pmtu();
            Libc.setInt(fd, level, f.v6 ? Libc.IPV6_MTU_DISCOVER : Libc.IP_MTU_DISCOVER, switch (pmtu) {
                case DONT -> 0;
                case WANT -> 1;
                case DO -> 2;
            });
            Libc.setInt(fd, level, f.v6 ? Libc.IPV6_RECVERR : Libc.IP_RECVERR, 1);
            Libc.setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1);
            sockets.bindToDevice(fd);
            sockets.bindSource(fd, f.v6, 0);
            if (sockets.source == null) {
                byte[] any = SocketAddress.encode(InetAddress.getByAddress(new byte[f.v6 ? 16 : 4]), 0);
                Libc.bind(fd, any, any.length); // the local port, the token, known before the probe leaves
            }
            byte[] local = new byte[128];
            int[] len = {128};
            Libc.getsockname(fd, local, len);
            int port = ((local[2] & 0xff) << 8) | (local[3] & 0xff);
            byte[] payload = new byte[p.size()];
            Probe.fill(payload, 0, p.pattern());
            Sent sent = sockets.transmit(fd, payload, p, p.port());
            open.put(port, new Open(fd, p.destination(), sent.timeNanos()));
            return new Sent(sent.timeNanos(), port);
        } catch (IOException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Closes the socket of the probe with this token (its answer came). */
    void done(int port) {
        Open o = open.remove(port);
        if (o != null) {
            Libc.close(o.fd());
        }
    }

    private void expire() {
        long old = KernelSockets.now() - KEEP_NANOS;
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (o.sentNanos() < old || open.size() >= MAX_OPEN) {
                Libc.close(o.fd());
                it.remove();
            }
        }
    }

    /** Closes the sockets still waiting. */
    void close() {
        for (Open o : open.values()) {
            Libc.close(o.fd());
        }
        open.clear();
    }

    private static void udpHeader(byte[] packet, int at, int port, int flow) {
        int len = packet.length - at;
        int sport = Probe.UDP_SOURCE_PORT + Math.max(0, flow);
        packet[at] = (byte) (sport >> 8);
        packet[at + 1] = (byte) sport;
        packet[at + 2] = (byte) (port >> 8);
        packet[at + 3] = (byte) port;
        packet[at + 4] = (byte) (len >> 8);
        packet[at + 5] = (byte) len;
    }
}
