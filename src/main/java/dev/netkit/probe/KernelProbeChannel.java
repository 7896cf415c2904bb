package dev.netkit.probe;

import dev.netkit.system.Libc;
import dev.netkit.system.SocketAddress;
import dev.netkit.system.IpLiteral;
import dev.netkit.NetkitException;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.system.Privileges;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Probes through the kernel's sockets, so its routing applies and loopback, tun and Ethernet all work.
 * With CAP_NET_RAW: raw ICMP/ICMPv6 sockets send echoes and hear every ICMP error, UDP probes are built whole
 * (IPv4 id = token, constant ports: Paris traceroute), TCP SYNs go out by connect() with a TTL (or, for Paris
 * probes, built whole with a constant source port and the token in the sequence number) and their answers are heard
 * on a raw TCP socket. Without it: ICMP datagram sockets (net.ipv4.ping_group_range) for echoes and
 * connect() for TCP, with errors from the socket error queue (IP_RECVERR). Receive times are kernel timestamps
 * (SO_TIMESTAMPNS), send times are read just before sendto(), as iputils does.
 */
public final class KernelProbeChannel implements ProbeChannel {
    private static final int UDP_SOURCE_PORT = Probe.UDP_SOURCE_PORT;
    private static final int TCP_PARIS_PORT = Probe.TCP_PARIS_PORT;

    private final boolean privileged;
    private final String iface;
    private final InetAddress source;
    private final int echoId;
    private final ReplyDecoder decoder;
    private final ReplyDecoder dgramDecoder = new ReplyDecoder(-1, UDP_SOURCE_PORT, TCP_PARIS_PORT);
    private final Map<Integer, Family> families = new HashMap<>();
    private final Map<Integer, TcpProbe> tcpProbes = new HashMap<>();
    private final ArrayDeque<Reply> pending = new ArrayDeque<>();
    // recvmsg's memory, one direct buffer: struct msghdr, its iovec, the sender's address, control messages, data.
    private static final int MSG_AT = 0;
    private static final int IOV_AT = 64;
    private static final int NAME_AT = 128;
    private static final int NAME_SIZE = 128;
    private static final int CONTROL_AT = 256;
    private static final int CONTROL_SIZE = 1024;
    private static final int DATA_AT = 1280;
    private static final int DATA_SIZE = 65536;
    private final java.nio.ByteBuffer area = java.nio.ByteBuffer.allocateDirect(DATA_AT + DATA_SIZE)
            .order(java.nio.ByteOrder.nativeOrder());
    private final long msgAddress;
    private final byte[] buffer = new byte[65536];
    private final java.nio.ByteBuffer msgBuffer;
    private final java.nio.ByteBuffer controlBuffer;
    private final java.nio.ByteBuffer nameBuffer;
    private final java.nio.ByteBuffer dataBuffer;

    /** The sockets of one address family, opened when first needed. */
    private static final class Family {
        final boolean v6;
        int icmp = -1;
        boolean icmpDgram;
        int udp = -1;
        int tcpRaw = -1;
        int ttlTcp = -1;
        int ttlIcmp = -1;
        int ttlUdp = -1;
        PmtuMode pmtuIcmp;
        PmtuMode pmtuUdp;

        Family(boolean v6) {
            this.v6 = v6;
        }
    }

    private record TcpProbe(int fd, InetAddress destination, long sentNanos) {
    }

    /**
     * @param iface bind to this interface (ping -I IFACE), or null
     * @param source send from this address (ping -I ADDR), or null
     */
    public KernelProbeChannel(String iface, InetAddress source) {
        Libc.ensureLoaded();
        this.privileged = rawAllowed();
        this.iface = iface;
        this.source = source;
        this.echoId = (int) (Libc.pid() & 0xffff);
        this.decoder = new ReplyDecoder(echoId, UDP_SOURCE_PORT, TCP_PARIS_PORT);
        long base = Libc.address(area);
        msgAddress = base + MSG_AT;
        // struct msghdr (x86_64/aarch64): name, namelen, iov, iovlen, control, controllen, flags; the buffer is zeroed
        area.putLong(IOV_AT, base + DATA_AT);
        area.putLong(IOV_AT + 8, DATA_SIZE);
        area.putLong(MSG_AT, base + NAME_AT);
        area.putLong(MSG_AT + 16, base + IOV_AT);
        area.putLong(MSG_AT + 24, 1);
        area.putLong(MSG_AT + 32, base + CONTROL_AT);
        msgBuffer = area.slice(MSG_AT, 56).order(java.nio.ByteOrder.nativeOrder());
        controlBuffer = area.slice(CONTROL_AT, CONTROL_SIZE).order(java.nio.ByteOrder.nativeOrder());
        nameBuffer = area.slice(NAME_AT, NAME_SIZE);
        dataBuffer = area.slice(DATA_AT, DATA_SIZE);
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
    public long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public void prepare(InetAddress destination, ProbeMethod method) {
        if (method != ProbeMethod.TCP || privileged) {
            openIcmp(family(destination instanceof Inet6Address));
        }
    }

    private Family family4;
    private Family family6;

    private Family family(boolean v6) {
        Family f = v6 ? family6 : family4;
        if (f == null) {
            f = families.computeIfAbsent(v6 ? 6 : 4, k -> new Family(v6));
            if (v6) {
                family6 = f;
            } else {
                family4 = f;
            }
        }
        return f;
    }

    @Override
    public Sent send(Probe probe) throws IOException {
        Family f = family(probe.ipv6());
        return switch (probe.method()) {
            case ICMP -> sendEcho(f, probe);
            case UDP -> sendUdp(f, probe);
            case TCP -> sendTcp(f, probe);
        };
    }

    // ---- ICMP echo

    private void openIcmp(Family f) {
        if (f.icmp >= 0) {
            return;
        }
        int domain = f.v6 ? Libc.AF_INET6 : Libc.AF_INET;
        int proto = f.v6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
        if (privileged) {
            f.icmp = check(Libc.socket(domain, Libc.SOCK_RAW, proto), "raw ICMP socket");
            installIcmpFilter(f.icmp, f.v6);
        } else {
            int fd = Libc.socket(domain, Libc.SOCK_DGRAM, proto);
            if (fd < 0) {
                int e = -fd;
                if (e == Libc.EACCES || e == Libc.EPERM) {
                    throw NetkitException.privilege("ICMP (net.ipv4.ping_group_range does not include this group)");
                }
                throw new NetkitException(1, "cannot open an ICMP socket: " + Libc.error(e));
            }
            f.icmp = fd;
            f.icmpDgram = true;
            Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_RECVERR : Libc.IP_RECVERR, 1);
            if (!f.v6) {
                Libc.setInt(fd, Libc.IPPROTO_IP, Libc.IP_RECVTTL, 1);
            }
        }
        prepareReceiver(f.icmp, f.v6);
        pollFds = null;
        Libc.setInt(f.icmp, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 1 << 20);
        bindSource(f.icmp, f.v6, 0);
    }

    /** Lets the kernel drop ICMP we never match (echo requests, router adverts...), as iputils does. */
    private static void installIcmpFilter(int fd, boolean v6) {
        if (v6) {
            // struct icmp6_filter: 256 bits, a set bit blocks the type
            byte[] filter = new byte[32];
            java.util.Arrays.fill(filter, (byte) 0xff);
            for (int type : new int[] {1, 2, 3, 4, 129}) {
                filter[type >> 3] &= (byte) ~(1 << (type & 7));
            }
            Libc.setsockopt(fd, Libc.IPPROTO_ICMPV6, 1, filter, filter.length);
        } else {
            // ICMP_FILTER (SOL_RAW): a set bit blocks the type
            int pass = (1 << 0) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 11) | (1 << 12);
            Libc.setInt(fd, 255, 1, ~pass);
        }
    }

    private void prepareReceiver(int fd, boolean v6) {
        Libc.setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1);
        if (v6) {
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, 1);
        }
        if (iface != null) {
            byte[] n = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
            int r = Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, n, n.length);
            if (r < 0) {
                throw NetkitException.usage("cannot use interface '" + iface + "': " + Libc.error(r));
            }
        }
    }

    private void bindSource(int fd, boolean v6, int port) {
        if (source == null && port == 0) {
            return;
        }
        if (source != null && (source instanceof Inet6Address) != v6) {
            throw NetkitException.usage("source address " + IpLiteral.format(source) + " is not of the target's family");
        }
        byte[] sa = SocketAddress.encode(source != null ? source : anyAddress(v6), port);
        int r = Libc.bind(fd, sa, sa.length);
        if (r < 0) {
            throw NetkitException.usage("cannot send from " + (source == null ? "port " + port : IpLiteral.format(source))
                    + ": " + Libc.error(r));
        }
    }

    private static InetAddress anyAddress(boolean v6) {
        try {
            return InetAddress.getByAddress(new byte[v6 ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private Sent sendEcho(Family f, Probe p) throws IOException {
        openIcmp(f);
        setTtl(f, f.icmp, p.ttl(), true);
        setPmtu(f, f.icmp, p.pmtu(), true);
        byte[] packet = echoTemplate(f.v6, p.size(), p.pattern());
        packet[6] = (byte) (p.token() >> 8);
        packet[7] = (byte) p.token();
        if (!f.v6 && !f.icmpDgram) {
            // The template's sum plus the sequence number: no pass over the payload per probe (flood).
            int sum = dev.netkit.packet.Checksum.finish(echoSum + p.token());
            packet[2] = (byte) (sum >> 8);
            packet[3] = (byte) sum;
        }
        return transmit(f.icmp, packet, p, 0);
    }

    private byte[] echoPacket;
    private long echoSum;
    private boolean echoV6;
    private byte[] echoPattern;

    /** The echo request without sequence number and checksum, built again only when size or pattern change. */
    private byte[] echoTemplate(boolean v6, int size, byte[] pattern) {
        if (echoPacket == null || echoPacket.length != 8 + size || echoV6 != v6 || echoPattern != pattern) {
            byte[] packet = new byte[8 + size];
            packet[0] = (byte) (v6 ? 128 : 8);
            packet[4] = (byte) (echoId >> 8);
            packet[5] = (byte) echoId;
            fillPayload(packet, 8, pattern);
            echoSum = dev.netkit.packet.Checksum.sum(packet, 0, packet.length);
            echoPacket = packet;
            echoV6 = v6;
            echoPattern = pattern;
        }
        byte[] packet = echoPacket;
        packet[2] = 0;
        packet[3] = 0;
        return packet;
    }

    private static void fillPayload(byte[] packet, int from, byte[] pattern) {
        Probe.fill(packet, from, pattern);
    }

    private InetAddress lastDestination;
    private int lastPort;
    private byte[] lastSockaddr;

    private Sent transmit(int fd, byte[] packet, Probe p, int port) throws IOException {
        if (p.destination() != lastDestination || port != lastPort) {
            lastSockaddr = SocketAddress.encode(p.destination(), port);
            lastDestination = p.destination();
            lastPort = port;
        }
        byte[] sa = lastSockaddr;
        if (p.flowLabel() != 0 && p.ipv6()) {
            sa = labelled(fd, p.flowLabel(), p.destination(), sa);
        }
        long t = now();
        long n = Libc.sendto(fd, packet, packet.length, 0, sa, sa.length);
        if (n < 0) {
            int e = (int) -n;
            if (e == Libc.EMSGSIZE) {
                // The kernel already knows the path MTU is smaller: report it like ping's "local error".
                pending.add(new Reply(null, ReplyKind.PACKET_TOO_BIG, p.method(), p.destination(), p.token(),
                        -1, -1, pathMtu(p.destination()), -1, 0, t));
                return new Sent(t, p.token());
            }
            if (e == Libc.EHOSTUNREACH || e == 101 /* ENETUNREACH */) {
                pending.add(new Reply(null, ReplyKind.UNREACHABLE, p.method(), p.destination(), p.token(),
                        -1, -1, 0, -1, 0, t));
                return new Sent(t, p.token());
            }
            throw new IOException("sendto " + IpLiteral.format(p.destination()) + ": " + Libc.error(e));
        }
        return new Sent(t, p.token());
    }

    /** Flow labels registered per socket: fd << 20 | label. */
    private final java.util.Set<Long> flowLabels = new java.util.HashSet<>();
    private final java.util.Set<Integer> flowSenders = new java.util.HashSet<>();

    /**
     * {@code sa} with the IPv6 flow label {@code label} in sin6_flowinfo. Linux sends a socket's own label only once
     * the socket has leased it (IPV6_FLOWLABEL_MGR, shared within this process) and IPV6_FLOWINFO_SEND is on; when the
     * kernel refuses, the probe goes without (the kernel's own label).
     */
    private byte[] labelled(int fd, int label, InetAddress destination, byte[] sa) {
        long key = (long) fd << 20 | label;
        if (!flowLabels.contains(key)) {
            byte[] req = new byte[32]; // struct in6_flowlabel_req
            System.arraycopy(destination.getAddress(), 0, req, 0, 16);
            req[17] = (byte) (label >> 16);
            req[18] = (byte) (label >> 8);
            req[19] = (byte) label;
            req[20] = IPV6_FL_A_GET;
            req[21] = IPV6_FL_S_PROCESS;
            req[22] = IPV6_FL_F_CREATE; // flr_flags, host order
            if (Libc.setsockopt(fd, Libc.IPPROTO_IPV6, IPV6_FLOWLABEL_MGR, req, req.length) < 0
                    || (flowSenders.add(fd) && Libc.setInt(fd, Libc.IPPROTO_IPV6, IPV6_FLOWINFO_SEND, 1) < 0)) {
                return sa;
            }
            flowLabels.add(key);
        }
        byte[] out = sa.clone();
        out[5] = (byte) (label >> 16);
        out[6] = (byte) (label >> 8);
        out[7] = (byte) label;
        return out;
    }

    private static final int IPV6_FLOWLABEL_MGR = 32;
    private static final int IPV6_FLOWINFO_SEND = 33;
    private static final byte IPV6_FL_A_GET = 0;
    private static final byte IPV6_FL_S_PROCESS = 2;
    private static final byte IPV6_FL_F_CREATE = 1;

    /** The kernel's path MTU towards {@code destination} (IP_MTU on a connected UDP socket). */
    public static int pathMtu(InetAddress destination) {
        Libc.ensureLoaded();
        boolean v6 = destination instanceof Inet6Address;
        int fd = Libc.socket(v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        if (fd < 0) {
            return 0;
        }
        try {
            byte[] sa = SocketAddress.encode(destination, 9);
            if (Libc.connect(fd, sa, sa.length) < 0) {
                return 0;
            }
            byte[] v = new byte[4];
            int[] len = {4};
            if (Libc.getsockopt(fd, v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, v6 ? 24 : 14, v, len) < 0) {
                return 0;
            }
            return (v[0] & 0xff) | (v[1] & 0xff) << 8 | (v[2] & 0xff) << 16 | (v[3] & 0xff) << 24;
        } finally {
            Libc.close(fd);
        }
    }

    private void setTtl(Family f, int fd, int ttl, boolean icmp) {
        if (ttl <= 0 || ttl == (icmp ? f.ttlIcmp : f.ttlUdp)) {
            return;
        }
        Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_UNICAST_HOPS : Libc.IP_TTL, ttl);
        if (icmp) {
            f.ttlIcmp = ttl;
        } else {
            f.ttlUdp = ttl;
        }
    }

    private void setPmtu(Family f, int fd, PmtuMode mode, boolean icmp) {
        if (mode == null || mode == (icmp ? f.pmtuIcmp : f.pmtuUdp)) {
            return;
        }
        int v = switch (mode) {
            case DONT -> 0;
            case WANT -> 1;
            case DO -> 2;
        };
        Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_MTU_DISCOVER : Libc.IP_MTU_DISCOVER, v);
        if (icmp) {
            f.pmtuIcmp = mode;
        } else {
            f.pmtuUdp = mode;
        }
    }

    // ---- UDP

    private Sent sendUdp(Family f, Probe p) throws IOException {
        if (!privileged) {
            throw NetkitException.privilege("UDP probes (raw sockets)");
        }
        openIcmp(f);
        openRawSender(f);
        if (f.v6) {
            setTtl(f, f.udp, p.ttl(), false);
            setPmtu(f, f.udp, p.pmtu() == null ? PmtuMode.DONT : p.pmtu(), false);
            byte[] packet = new byte[8 + Math.max(2, p.size())];
            udpHeader(packet, 0, p.port(), p.flow());
            packet[8] = (byte) (p.token() >> 8);
            packet[9] = (byte) p.token();
            fillPayload(packet, 10, p.pattern());
            return transmit(f.udp, packet, p, 0);
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
        if (source != null) {
            System.arraycopy(source.getAddress(), 0, packet, 12, 4);
        }
        System.arraycopy(p.destination().getAddress(), 0, packet, 16, 4);
        udpHeader(packet, 20, p.port(), p.flow());
        fillPayload(packet, 28, p.pattern());
        // IPv4 total length, checksum and (when zero) id are filled by the kernel for IP_HDRINCL; the UDP checksum
        // may stay zero over IPv4 (RFC 768).
        return transmit(f.udp, packet, p, 0);
    }

    /** The socket UDP probes (and IPv4 Paris TCP SYNs) leave by: raw UDP over IPv6, raw IP with our header over IPv4. */
    private void openRawSender(Family f) {
        if (f.udp >= 0) {
            return;
        }
        if (f.v6) {
            f.udp = check(Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW, Libc.IPPROTO_UDP), "raw UDP socket");
            Libc.setInt(f.udp, Libc.IPPROTO_IPV6, Libc.IPV6_CHECKSUM, 6);
            bindSource(f.udp, true, 0);
        } else {
            f.udp = check(Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, Libc.IPPROTO_RAW), "raw IP socket");
            Libc.setInt(f.udp, Libc.IPPROTO_IP, Libc.IP_HDRINCL, 1);
        }
        if (iface != null) {
            byte[] n = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
            Libc.setsockopt(f.udp, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, n, n.length);
        }
    }

    private static void udpHeader(byte[] packet, int at, int port, int flow) {
        int len = packet.length - at;
        int sport = UDP_SOURCE_PORT + Math.max(0, flow);
        packet[at] = (byte) (sport >> 8);
        packet[at + 1] = (byte) sport;
        packet[at + 2] = (byte) (port >> 8);
        packet[at + 3] = (byte) port;
        packet[at + 4] = (byte) (len >> 8);
        packet[at + 5] = (byte) len;
    }

    // ---- TCP

    private Sent sendTcp(Family f, Probe p) throws IOException {
        if (privileged) {
            openIcmp(f);
            if (f.tcpRaw < 0) {
                f.tcpRaw = check(Libc.socket(f.v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_RAW, Libc.IPPROTO_TCP),
                        "raw TCP socket");
                prepareReceiver(f.tcpRaw, f.v6);
                pollFds = null;
            }
        }
        if (privileged && p.flow() >= 0) {
            return sendTcpParis(f, p);
        }
        expireTcp();
        int fd = check(Libc.socket(f.v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK, 0),
                "TCP socket");
        if (p.ttl() > 0) {
            Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_UNICAST_HOPS : Libc.IP_TTL, p.ttl());
        }
        Libc.setInt(fd, f.v6 ? Libc.IPPROTO_IPV6 : Libc.IPPROTO_IP, f.v6 ? Libc.IPV6_RECVERR : Libc.IP_RECVERR, 1);
        Libc.setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1);
        if (iface != null) {
            byte[] n = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, n, n.length);
        }
        bindSource(fd, f.v6, 0);
        byte[] sa = SocketAddress.encode(p.destination(), p.port());
        long t = now();
        int r = Libc.connect(fd, sa, sa.length);
        int e = r < 0 ? -r : 0;
        byte[] local = new byte[128];
        int[] len = {128};
        Libc.getsockname(fd, local, len);
        int port = ((local[2] & 0xff) << 8) | (local[3] & 0xff);
        if (r < 0 && e != Libc.EINPROGRESS) {
            Libc.close(fd);
            ReplyKind kind = e == Libc.ECONNREFUSED ? ReplyKind.TCP_RESET : ReplyKind.UNREACHABLE;
            pending.add(new Reply(kind == ReplyKind.TCP_RESET ? p.destination() : null, kind, ProbeMethod.TCP,
                    p.destination(), port, -1, -1, 0, -1, 0, now()));
            return new Sent(t, port);
        }
        tcpProbes.put(port, new TcpProbe(fd, p.destination(), t));
        return new Sent(t, port);
    }

    /**
     * A SYN built whole by the packet builder (Paris traceroute, {@link Probe#parisSyn}, the injection channel's SYN):
     * source port {@code TCP_PARIS_PORT + flow}, the token in the upper half of the sequence number, so every probe of
     * a flow has the same addresses and ports (and, over IPv6, flow label). Over IPv4 it leaves by the raw
     * IP socket with our own IP header, over IPv6 by the raw TCP socket that also hears the answers. Our kernel
     * resets the SYN-ACKs it gets back (no socket owns the port), so no connection is left open.
     */
    private Sent sendTcpParis(Family f, Probe p) throws IOException {
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
            return transmit(f.tcpRaw, java.util.Arrays.copyOfRange(datagram, 40, datagram.length), p, 0);
        }
        openRawSender(f);
        return transmit(f.udp, datagram, p, 0);
    }

    private final Map<InetAddress, InetAddress> sources = new HashMap<>();

    /** The address the kernel sends from towards {@code destination} (getsockname of a connected UDP socket). */
    private InetAddress sourceFor(InetAddress destination) throws IOException {
        if (source != null) {
            return source;
        }
        InetAddress known = sources.get(destination);
        if (known != null) {
            return known;
        }
        boolean v6 = destination instanceof Inet6Address;
        int fd = check(Libc.socket(v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_DGRAM, 0), "UDP socket");
        try {
            if (iface != null) {
                byte[] n = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
                Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, n, n.length);
            }
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

    private void expireTcp() {
        long old = now() - 30_000_000_000L;
        for (Iterator<TcpProbe> it = tcpProbes.values().iterator(); it.hasNext(); ) {
            TcpProbe tp = it.next();
            if (tp.sentNanos() < old) {
                Libc.close(tp.fd());
                it.remove();
            }
        }
    }

    // ---- receiving

    @Override
    public Reply receive(long deadlineNanos) throws IOException {
        while (true) {
            if (!pending.isEmpty() && pending.peek().from() == null && !drainedBeforeLocal) {
                // A local error is queued at send time: what already arrived from the network comes first.
                drainedBeforeLocal = true;
                Reply local = pending.poll();
                receiveQueued();
                pending.add(local);
            }
            if (!pending.isEmpty()) {
                drainedBeforeLocal = false;
                return pending.poll();
            }
            if (pollFds == null || (!privileged && !tcpProbes.isEmpty())) {
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
                pfd[2 * i + 1] = pollKinds[i] == 100 ? (Libc.POLLOUT | Libc.POLLERR) : Libc.POLLIN;
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
                if (kind == 100) {
                    tcpConnectDone(fd, revents);
                } else {
                    drain(fd, kind);
                }
            }
        }
    }

    private int[] pollFds;
    private int[] pollKinds;

    /** The descriptors receive() polls: ICMP and raw TCP sockets, and (unprivileged) connecting TCP sockets. */
    private void buildPollSet() {
        List<int[]> list = new ArrayList<>();
        for (Family f : families.values()) {
            if (f.icmp >= 0) {
                list.add(new int[] {f.icmp, f.v6 ? 6 : 4});
            }
            if (f.tcpRaw >= 0) {
                list.add(new int[] {f.tcpRaw, f.v6 ? 16 : 14});
            }
        }
        if (!privileged) {
            for (TcpProbe tp : tcpProbes.values()) {
                list.add(new int[] {tp.fd(), 100});
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
        for (Family f : families.values()) {
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
            if (pollKinds[i] != 100 && readOne(pfd[2 * i], pollKinds[i])) {
                return true;
            }
        }
        return false;
    }

    /** Reads one socket (and its error queue) without blocking until a reply of ours is pending or none is left. */
    private void drain(int fd, int kind) {
        boolean v6 = kind == 6 || kind == 16;
        Family f = family(v6);
        boolean got = readOne(fd, kind);
        if (!got && f.icmpDgram && fd == f.icmp) {
            drainErrors(fd, v6, ProbeMethod.ICMP, -1, null);
        }
    }

    /** recvmsg until one message decodes to a reply of ours (queued in pending) or the socket is empty. */
    private boolean readOne(int fd, int kind) {
        boolean v6 = kind == 6 || kind == 16;
        Family f = family(v6);
        for (int round = 0; round < 256; round++) {
            long n = recv(fd, Libc.MSG_DONTWAIT);
            if (n < 0) {
                return false;
            }
            int len = (int) n;
            dataBuffer.get(0, buffer, 0, len);
            Reply r;
            if (kind == 4) {
                r = f.icmpDgram ? dgramDecoder.icmp4(buffer, 0, len, sourceAddress(), lastTtl, lastTime)
                        : decoder.ipv4(buffer, 0, len, lastTime);
            } else if (kind == 6) {
                r = (f.icmpDgram ? dgramDecoder : decoder).icmp6(buffer, 0, len, sourceAddress(), lastTtl, lastTime);
            } else if (kind == 14) {
                r = decoder.ipv4(buffer, 0, len, lastTime);
            } else {
                r = decoder.tcp(buffer, 0, len, sourceAddress(), lastTtl, lastTime);
            }
            if (r != null) {
                pending.add(r);
                return true;
            }
        }
        return false;
    }

    private void tcpConnectDone(int fd, int revents) {
        int port = -1;
        TcpProbe tp = null;
        for (var e : tcpProbes.entrySet()) {
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
        tcpProbes.remove(port);
        Libc.close(fd);
        if (err == 0) {
            pending.add(new Reply(tp.destination(), ReplyKind.TCP_SYN_ACK, ProbeMethod.TCP, tp.destination(), port,
                    -1, -1, 0, -1, 0, t));
        } else if (err == Libc.ECONNREFUSED) {
            pending.add(new Reply(tp.destination(), ReplyKind.TCP_RESET, ProbeMethod.TCP, tp.destination(), port,
                    -1, -1, 0, -1, 0, t));
        }
    }

    /** Errors from the socket's error queue (IP_RECVERR): ICMP errors for unprivileged sockets. */
    private boolean drainErrors(int fd, boolean v6, ProbeMethod method, int token, InetAddress destination) {
        boolean any = false;
        for (int round = 0; round < 64; round++) {
            long n = recv(fd, Libc.MSG_DONTWAIT | Libc.MSG_ERRQUEUE);
            if (n < 0 || lastError == null) {
                break;
            }
            byte[] ee = lastError;
            int origin = ee[4] & 0xff;
            if (origin != 2 && origin != 3) {
                continue;
            }
            int type = ee[5] & 0xff;
            int code = ee[6] & 0xff;
            long info = (ee[8] & 0xff) | (ee[9] & 0xff) << 8 | (ee[10] & 0xff) << 16 | (long) (ee[11] & 0xff) << 24;
            InetAddress offender = ee.length >= 16 + 8 ? SocketAddress.decode(ee, 16, ee.length - 16) : null;
            int tok = token;
            InetAddress dst = destination;
            if (method == ProbeMethod.ICMP) {
                int len = (int) n;
                dataBuffer.get(0, buffer, 0, len);
                tok = ReplyDecoder.echoSequence(buffer, len, v6);
                if (tok < 0) {
                    continue;
                }
                dst = lastName;
            }
            ReplyKind kind = switch (v6 ? 100 + type : type) {
                case 11, 103 -> ReplyKind.TIME_EXCEEDED;
                case 102 -> ReplyKind.PACKET_TOO_BIG;
                case 3 -> code == 4 ? ReplyKind.PACKET_TOO_BIG : ReplyKind.UNREACHABLE;
                case 101 -> ReplyKind.UNREACHABLE;
                default -> ReplyKind.OTHER_ERROR;
            };
            pending.add(new Reply(offender, kind, method, dst, tok, type, code,
                    kind == ReplyKind.PACKET_TOO_BIG ? (int) info : 0, -1, 0, lastTime));
            any = true;
        }
        return any;
    }

    private boolean polledAtDeadline;
    private long lastTime;
    private int lastTtl;
    private byte[] lastError;
    private InetAddress lastName;

    /** recvmsg into {@link #dataBuffer}, setting lastTime, lastTtl, lastError, lastName from the control messages. */
    private long recv(int fd, int flags) {
        // msg_name, msg_iov and msg_control are set once (constructor); the kernel rewrites only the lengths.
        msgBuffer.putInt(8, NAME_SIZE);
        msgBuffer.putLong(40, CONTROL_SIZE);
        long n = Libc.recvmsg(fd, msgAddress, flags);
        if (n < 0) {
            return n;
        }
        lastTime = 0;
        lastTtl = -1;
        lastError = null;
        int namelen = msgBuffer.getInt(8);
        lastName = namelen > 0 ? nameFrom(Math.min(namelen, 128)) : null;
        long clen = msgBuffer.getLong(40);
        int off = 0;
        java.nio.ByteBuffer cb = controlBuffer;
        while (off + 16 <= clen) {
            long cl = cb.getLong(off);
            int level = cb.getInt(off + 8);
            int type = cb.getInt(off + 12);
            if (cl < 16 || off + cl > clen) {
                break;
            }
            if (level == Libc.SOL_SOCKET && type == Libc.SO_TIMESTAMPNS) {
                lastTime = cb.getLong(off + 16) * 1_000_000_000L + cb.getLong(off + 24);
            } else if ((level == Libc.IPPROTO_IP && type == Libc.IP_TTL)
                    || (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_HOPLIMIT)) {
                lastTtl = cb.getInt(off + 16);
            } else if ((level == Libc.IPPROTO_IP && type == Libc.IP_RECVERR)
                    || (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_RECVERR)) {
                byte[] ee = new byte[(int) cl - 16];
                cb.get(off + 16, ee);
                lastError = ee;
            }
            off += (int) ((cl + 7) & ~7L);
        }
        if (lastTime == 0) {
            lastTime = now();
        }
        return n;
    }

    private final byte[] nameBytes = new byte[128];
    private byte[] lastNameBytes;

    /** The sender's address; the same InetAddress as last time when the bytes are the same. */
    private InetAddress nameFrom(int length) {
        nameBuffer.get(0, nameBytes, 0, length);
        if (lastName != null && lastNameBytes != null && lastNameBytes.length == length
                && java.util.Arrays.equals(lastNameBytes, 0, length, nameBytes, 0, length)) {
            return lastName;
        }
        lastNameBytes = java.util.Arrays.copyOf(nameBytes, length);
        return SocketAddress.decode(nameBytes, 0, length);
    }

    private InetAddress sourceAddress() {
        return lastName;
    }

    private static int check(int fd, String what) {
        if (fd < 0) {
            int e = -fd;
            if (e == Libc.EPERM || e == Libc.EACCES) {
                throw NetkitException.privilege("a " + what);
            }
            throw new NetkitException(1, "cannot open a " + what + ": " + Libc.error(e));
        }
        return fd;
    }

    @Override
    public void close() {
        for (Family f : families.values()) {
            for (int fd : new int[] {f.icmp, f.udp, f.tcpRaw}) {
                if (fd >= 0) {
                    Libc.close(fd);
                }
            }
        }
        families.clear();
        pollFds = null;
        for (TcpProbe tp : tcpProbes.values()) {
            Libc.close(tp.fd());
        }
        tcpProbes.clear();
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
