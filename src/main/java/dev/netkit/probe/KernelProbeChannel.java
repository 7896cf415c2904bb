package dev.netkit.probe;

import dev.netkit.system.Libc;
import dev.netkit.system.MessageReader;
import dev.netkit.system.Privileges;
import dev.netkit.system.QueuedError;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes through the kernel's sockets, so its routing applies and loopback, tun and Ethernet all work.
 * With CAP_NET_RAW: raw ICMP/ICMPv6 sockets send echoes and hear every ICMP error, UDP probes are built whole
 * (IPv4 id = token, constant ports: Paris traceroute), TCP SYNs go out by connect() with a TTL (or, for Paris
 * probes, built whole with a constant source port and the token in the sequence number) and their answers are heard
 * on a raw TCP socket. Without it: ICMP datagram sockets (net.ipv4.ping_group_range) for echoes and
 * connect() for TCP and a UDP socket per UDP probe, with errors from the socket error queue (IP_RECVERR). Receive times are kernel timestamps
 * (SO_TIMESTAMPNS), send times are read just before sendto(), as iputils does. One sender per probe method
 * ({@link IcmpEchoSender}, {@link UdpProbeSender}, {@link TcpProbeSender}) over shared {@link KernelSockets};
 * this class polls the sockets and decodes what they hear.
 */
public final class KernelProbeChannel implements ProbeChannel {
    private static final int UDP_SOURCE_PORT = Probe.UDP_SOURCE_PORT;
    private static final int TCP_PARIS_PORT = Probe.TCP_PARIS_PORT;

    private final boolean privileged;
    private final ReplyDecoder decoder;
    private final ReplyDecoder dgramDecoder = new ReplyDecoder(-1, UDP_SOURCE_PORT, TCP_PARIS_PORT);
    private final KernelSockets sockets;
    private final IcmpEchoSender echo;
    private final UdpProbeSender udp;
    private final TcpProbeSender tcp;
    private final MessageReader reader = new MessageReader();
    private final GrantedSockets granted;

    /**
     * @param iface bind to this interface (ping -I IFACE), or null
     * @param source send from this address (ping -I ADDR), or null
     */
    public KernelProbeChannel(String iface, InetAddress source) {
        this(iface, source, null);
    }

    private KernelProbeChannel(String iface, InetAddress source, GrantedSockets granted) {
        Libc.ensureLoaded();
        this.privileged = granted != null || rawAllowed();
        int echoId = (int) (Libc.pid() & 0xffff);
        this.decoder = new ReplyDecoder(echoId, UDP_SOURCE_PORT, TCP_PARIS_PORT);
        this.granted = granted;
        this.sockets = new KernelSockets(privileged, granted, iface, source);
        this.echo = new IcmpEchoSender(sockets, echoId);
        this.udp = new UdpProbeSender(sockets);
        this.tcp = new TcpProbeSender(sockets);
    }

    /**
     * The channel for TCP probes (trace -T): raw sockets of this process's own as root; else, when this user may run
     * netkit-helper, raw sockets it opens (path "helper-raw"); else connect() per probe, which needs nothing.
     */
    public static KernelProbeChannel forTcp(String iface, InetAddress source) {
        Libc.ensureLoaded();
        if (rawAllowed() || !GrantedSockets.available()) {
            return new KernelProbeChannel(iface, source);
        }
        return new KernelProbeChannel(iface, source, new GrantedSockets(iface));
    }

    /**
     * CAP_NET_RAW in this process's effective set: capget through the library (reading /proc/self/status as
     * {@link Privileges} does costs a few ms of a cold start), {@link Privileges} when that call fails.
     */
    private static boolean rawAllowed() {
        long caps = Libc.effectiveCapabilities();
        return caps >= 0 ? (caps & (1L << Privileges.CAP_NET_RAW)) != 0 : Privileges.has(Privileges.CAP_NET_RAW);
    }

    public boolean privileged() {
        return privileged;
    }

    @Override
    public String path(ProbeMethod method) {
        if (privileged) {
            return granted != null ? "helper-raw" : "raw";
        }
        return switch (method) {
            case ICMP -> "icmp-datagram";
            case UDP -> "udp-recverr";
            case TCP -> "tcp-connect";
        };
    }

    @Override
    public long now() {
        return KernelSockets.now();
    }

    @Override
    public void prepare(InetAddress destination, ProbeMethod method) {
        if (granted != null) {
            granted.route(destination);
        }
        if (method == ProbeMethod.ICMP || privileged) {
            sockets.openIcmp(sockets.family(destination instanceof Inet6Address));
        }
    }

    @Override
    public Sent send(Probe probe) throws IOException {
        if (granted != null) {
            granted.route(probe.destination());
        }
        KernelSockets.Family f = sockets.family(probe.ipv6());
        return switch (probe.method()) {
            case ICMP -> echo.send(f, probe);
            case UDP -> udp.send(f, probe);
            case TCP -> tcp.send(f, probe);
        };
    }

    /** The kernel's path MTU towards {@code destination} (IP_MTU on a connected UDP socket). */
    public static int pathMtu(InetAddress destination) {
        return KernelSockets.pathMtu(destination);
    }

    // ---- receiving

    @Override
    public Reply receive(long deadlineNanos) throws IOException {
        while (true) {
            if (!sockets.pending.isEmpty() && sockets.pending.peek().from() == null && !drainedBeforeLocal) {
                // A local error is queued at send time: what already arrived from the network comes first.
                drainedBeforeLocal = true;
                Reply local = sockets.pending.poll();
                receiveQueued();
                sockets.pending.add(local);
            }
            if (!sockets.pending.isEmpty()) {
                drainedBeforeLocal = false;
                return sockets.pending.poll();
            }
            if (pollFds == null || pollOpened != sockets.opened() || (!privileged && (!tcp.connecting.isEmpty()
                    || !udp.open.isEmpty()))) {
                buildPollSet();
            }
            // What already arrived first: one recvmsg per socket, and poll only when nothing had (iputils does so).
            if (!polledAtDeadline && readQueued()) {
                continue;
            }
            int count = pollFds.length / 2;
            long left = deadlineNanos == Long.MIN_VALUE ? 0 : deadlineNanos - now();
            if (count == 0) {
                if (left > 0) {
                    sleepNanos(left);
                }
                return null;
            }
            if (left <= 0 && polledAtDeadline) {
                polledAtDeadline = false;
                return null;
            }
            polledAtDeadline = left <= 0;
            int[] pfd = pollFds;
            for (int i = 0; i < count; i++) {
                pfd[2 * i + 1] = pollKinds[i] == TCP_CONNECTING ? (Libc.POLLOUT | Libc.POLLERR)
                        : pollKinds[i] == UDP_WAITING ? Libc.POLLERR : Libc.POLLIN;
            }
            int timeout = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
            int n = Libc.poll(pfd, count, timeout);
            if (n < 0) {
                if (n == -4) {
                    continue; // EINTR
                }
                throw new IOException("poll: " + Libc.error(n));
            }
            for (int i = 0; i < count; i++) {
                int revents = (pfd[2 * i + 1] >>> 16) & 0xffff;
                if (revents == 0) {
                    continue;
                }
                int fd = pfd[2 * i];
                int kind = pollKinds[i];
                if (kind == TCP_CONNECTING) {
                    tcpConnectDone(fd, revents);
                } else if (kind == UDP_WAITING) {
                    udpAnswered(fd);
                } else {
                    drain(fd, kind);
                }
            }
        }
    }

    /** Poll set kinds of the unprivileged per-probe sockets (the others: 4, 6 ICMP; 14, 16 raw TCP). */
    private static final int TCP_CONNECTING = 100;
    private static final int UDP_WAITING = 101;

    private int[] pollFds;
    private int pollOpened;
    private int[] pollKinds;

    /** The descriptors receive() polls: ICMP and raw TCP sockets, and (unprivileged) connecting TCP sockets. */
    private void buildPollSet() {
        pollOpened = sockets.opened();
        List<int[]> list = new ArrayList<>();
        for (KernelSockets.Family f : sockets.families()) {
            if (f.icmp >= 0) {
                list.add(new int[] {f.icmp, f.v6 ? 6 : 4});
            }
            if (f.tcpRaw >= 0) {
                list.add(new int[] {f.tcpRaw, f.v6 ? 16 : 14});
            }
        }
        if (!privileged) {
            for (TcpProbeSender.Connecting c : tcp.connecting.values()) {
                list.add(new int[] {c.fd(), TCP_CONNECTING});
            }
            for (UdpProbeSender.Open o : udp.open.values()) {
                list.add(new int[] {o.fd(), UDP_WAITING});
            }
        }
        pollFds = new int[list.size() * 2];
        pollKinds = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            pollFds[2 * i] = list.get(i)[0];
            pollKinds[i] = list.get(i)[1];
        }
    }

    private boolean drainedBeforeLocal;

    /** Reads whatever the receive sockets hold right now, without waiting. */
    private void receiveQueued() {
        for (KernelSockets.Family f : sockets.families()) {
            if (f.icmp >= 0) {
                while (readOne(f.icmp, f.v6 ? 6 : 4)) {
                    // keep reading
                }
                drain(f.icmp, f.v6 ? 6 : 4);
            }
            if (f.tcpRaw >= 0) {
                while (readOne(f.tcpRaw, f.v6 ? 16 : 14)) {
                    // keep reading
                }
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads from the receive sockets, without waiting, until one reply of ours is pending; true when one is. */
    private boolean readQueued() {
        int[] pfd = pollFds;
        for (int i = 0; i < pollKinds.length; i++) {
            if (pollKinds[i] < TCP_CONNECTING && readOne(pfd[2 * i], pollKinds[i])) {
                return true;
            }
        }
        return false;
    }

    /** Reads one socket (and its error queue) without blocking until a reply of ours is pending or none is left. */
    private void drain(int fd, int kind) {
        boolean v6 = kind == 6 || kind == 16;
        KernelSockets.Family f = sockets.family(v6);
        boolean got = readOne(fd, kind);
        if (!got && f.icmpDgram && fd == f.icmp) {
            drainErrors(fd, v6, ProbeMethod.ICMP, -1, null);
        }
    }

    /** recvmsg until one message decodes to a reply of ours (queued in pending) or the socket is empty. */
    private boolean readOne(int fd, int kind) {
        boolean v6 = kind == 6 || kind == 16;
        KernelSockets.Family f = sockets.family(v6);
        for (int round = 0; round < 256; round++) {
            long n = reader.receive(fd, Libc.MSG_DONTWAIT);
            if (n < 0) {
                return false;
            }
            int len = (int) n;
            byte[] buffer = reader.data(len);
            long lastTime = reader.time();
            int lastTtl = reader.ttl();
            Reply r;
            if (kind == 4) {
                r = f.icmpDgram ? dgramDecoder.icmp4(buffer, 0, len, reader.sender(), lastTtl, lastTime)
                        : decoder.ipv4(buffer, 0, len, lastTime);
            } else if (kind == 6) {
                r = (f.icmpDgram ? dgramDecoder : decoder).icmp6(buffer, 0, len, reader.sender(), lastTtl, lastTime);
            } else if (kind == 14) {
                r = decoder.ipv4(buffer, 0, len, lastTime);
            } else {
                r = decoder.tcp(buffer, 0, len, reader.sender(), lastTtl, lastTime);
            }
            if (r != null) {
                sockets.pending.add(r);
                return true;
            }
        }
        return false;
    }

    /** An unprivileged UDP probe's socket has an error queued: the router's or destination's ICMP answer. */
    private void udpAnswered(int fd) {
        for (var e : udp.open.entrySet()) {
            if (e.getValue().fd() == fd) {
                int port = e.getKey();
                boolean v6 = e.getValue().destination() instanceof Inet6Address;
                if (drainErrors(fd, v6, ProbeMethod.UDP, port, e.getValue().destination())) {
                    udp.done(port);
                    pollFds = null; // its descriptor is closed: poll must not see it again
                }
                return;
            }
        }
    }

    private void tcpConnectDone(int fd, int revents) {
        int port = -1;
        TcpProbeSender.Connecting tp = null;
        for (var e : tcp.connecting.entrySet()) {
            if (e.getValue().fd() == fd) {
                port = e.getKey();
                tp = e.getValue();
            }
        }
        if (tp == null) {
            return;
        }
        boolean v6 = tp.destination() instanceof Inet6Address;
        if (drainErrors(fd, v6, ProbeMethod.TCP, port, tp.destination())) {
            return; // an ICMP error from a router; the SYN is still retried by the kernel
        }
        byte[] v = new byte[4];
        int[] len = {4};
        Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ERROR, v, len);
        int err = v[0] & 0xff | (v[1] & 0xff) << 8;
        long t = now();
        tcp.connecting.remove(port);
        Libc.close(fd);
        pollFds = null;
        if (err == 0) {
            sockets.pending.add(new Reply(tp.destination(), ReplyKind.TCP_SYN_ACK, ProbeMethod.TCP, tp.destination(), port,
                    -1, -1, 0, -1, 0, t));
        } else if (err == Libc.ECONNREFUSED) {
            sockets.pending.add(new Reply(tp.destination(), ReplyKind.TCP_RESET, ProbeMethod.TCP, tp.destination(), port,
                    -1, -1, 0, -1, 0, t));
        }
    }

    /** Errors from the socket's error queue (IP_RECVERR): ICMP errors for unprivileged sockets. */
    private boolean drainErrors(int fd, boolean v6, ProbeMethod method, int token, InetAddress destination) {
        boolean any = false;
        for (int round = 0; round < 64; round++) {
            long n = reader.receive(fd, Libc.MSG_DONTWAIT | Libc.MSG_ERRQUEUE);
            if (n < 0 || reader.error() == null) {
                break;
            }
            QueuedError ee = QueuedError.parse(reader.error());
            if (!ee.fromIcmp()) {
                continue;
            }
            int type = ee.type();
            int code = ee.code();
            int tok = token;
            InetAddress dst = destination;
            if (method == ProbeMethod.ICMP) {
                int len = (int) n;
                tok = ReplyDecoder.echoSequence(reader.data(len), len, v6);
                if (tok < 0) {
                    continue;
                }
                dst = reader.sender();
            }
            ReplyKind kind = switch (v6 ? 100 + type : type) {
                case 11, 103 -> ReplyKind.TIME_EXCEEDED;
                case 102 -> ReplyKind.PACKET_TOO_BIG;
                case 3 -> code == 4 ? ReplyKind.PACKET_TOO_BIG : ReplyKind.UNREACHABLE;
                case 101 -> ReplyKind.UNREACHABLE;
                default -> ReplyKind.OTHER_ERROR;
            };
            sockets.pending.add(new Reply(ee.offender(), kind, method, dst, tok, type, code,
                    kind == ReplyKind.PACKET_TOO_BIG ? (int) ee.info() : 0, -1, 0, reader.time()));
            any = true;
        }
        return any;
    }

    private boolean polledAtDeadline;

    @Override
    public void close() {
        sockets.close();
        pollFds = null;
        tcp.close();
        udp.close();
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
