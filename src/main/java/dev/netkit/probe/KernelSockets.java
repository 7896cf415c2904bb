package dev.netkit.probe;

import dev.netkit.NetkitException;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Libc;
import dev.netkit.system.Privileges;
import dev.netkit.system.SocketAddress;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The kernel channel's sockets per address family and the one way out (sendto): what the probe senders share.
 * Local send errors (EMSGSIZE, no route) become replies in {@link #pending}, as ping reports them.
 */
final class KernelSockets {
    final boolean privileged;
    /** The raw sockets' source when netkit-helper opens them (not root, trace -T), else null: this process does. */
    final GrantedSockets granted;
    final String iface;
    final InetAddress source;
    final ArrayDeque<Reply> pending = new ArrayDeque<>();
    private final Map<Integer, Family> families = new HashMap<>();
    private Family family4;
    private Family family6;
    /** Counts receive sockets opened, so the channel knows when its poll set is stale. */
    private int opened;

    /** The sockets of one address family, opened when first needed. */
    static final class Family {
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

    KernelSockets(boolean privileged, GrantedSockets granted, String iface, InetAddress source) {
        this.privileged = privileged;
        this.granted = granted;
        this.iface = iface;
        this.source = source;
    }

    static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    Family family(boolean v6) {
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

    Iterable<Family> families() {
        return families.values();
    }

    int opened() {
        return opened;
    }

    /** The ICMP socket that hears echo replies and errors: raw with CAP_NET_RAW, a datagram socket without. */
    void openIcmp(Family f) {
        if (f.icmp >= 0) {
            return;
        }
        int domain = f.v6 ? Libc.AF_INET6 : Libc.AF_INET;
        int proto = f.v6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
        if (privileged) {
            f.icmp = raw(f, proto, f.v6 ? "icmp6" : "icmp4", "raw ICMP socket");
            installIcmpFilter(f.icmp, f.v6);
        } else {
            int fd = Libc.socket(domain, Libc.SOCK_DGRAM, proto);
            if (fd < 0) {
                int e = -fd;
                if (e == Libc.EACCES || e == Libc.EPERM) {
                    throw NetkitException.privilege("ICMP echo (net.ipv4.ping_group_range does not include group "
                            + Privileges.groupId() + ")", "or let the group use ICMP datagram sockets with 'sudo sysctl"
                            + " -w net.ipv4.ping_group_range=\"" + Privileges.groupId() + " " + Privileges.groupId()
                            + "\"'; without either, UDP and TCP probes (trace, trace -T, ping --tcp PORT) need none");
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
        opened++;
        Libc.setInt(f.icmp, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 1 << 20);
        bindSource(f.icmp, f.v6, 0);
    }

    /** The raw TCP socket that hears SYN-ACKs and resets (privileged only). */
    void openTcpReceiver(Family f) {
        if (f.tcpRaw < 0) {
            f.tcpRaw = raw(f, Libc.IPPROTO_TCP, f.v6 ? "tcp6" : "tcp4", "raw TCP socket");
            prepareReceiver(f.tcpRaw, f.v6);
            opened++;
        }
    }

    /** A raw socket of this process's own, or netkit-helper's ({@code kind}) when {@link #granted}. */
    private int raw(Family f, int protocol, String kind, String what) {
        if (granted != null) {
            return granted.open(kind, f.v6);
        }
        return check(Libc.socket(f.v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_RAW, protocol), what);
    }

    /** Lets the kernel drop ICMP we never match (echo requests, router adverts...), as iputils does. */
    private static void installIcmpFilter(int fd, boolean v6) {
        if (v6) {
            // struct icmp6_filter: 256 bits, a set bit blocks the type
            byte[] filter = new byte[32];
            Arrays.fill(filter, (byte) 0xff);
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
        int r = granted != null ? 0 : bindToDevice(fd); // the helper bound it, for good
        if (r < 0) {
            throw NetkitException.usage("cannot use interface '" + iface + "': " + Libc.error(r));
        }
    }

    /** SO_BINDTODEVICE to the chosen interface, if any: 0 or -errno. */
    int bindToDevice(int fd) {
        if (iface == null) {
            return 0;
        }
        byte[] n = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
        return Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, n, n.length);
    }

    void bindSource(int fd, boolean v6, int port) {
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

    /** The socket UDP probes (and IPv4 Paris TCP SYNs) leave by: raw UDP over IPv6, raw IP with our header over IPv4. */
    void openRawSender(Family f) {
        if (f.udp >= 0) {
            return;
        }
        if (f.v6) {
            f.udp = check(Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW, Libc.IPPROTO_UDP), "raw UDP socket");
            Libc.setInt(f.udp, Libc.IPPROTO_IPV6, Libc.IPV6_CHECKSUM, 6);
            bindSource(f.udp, true, 0);
        } else {
            f.udp = raw(f, Libc.IPPROTO_RAW, "ip4send", "raw IP socket");
            Libc.setInt(f.udp, Libc.IPPROTO_IP, Libc.IP_HDRINCL, 1);
        }
        if (granted == null) {
            bindToDevice(f.udp);
        }
    }

    private InetAddress lastDestination;
    private int lastPort;
    private byte[] lastSockaddr;

    Sent transmit(int fd, byte[] packet, Probe p, int port) throws IOException {
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
            // An ICMP error to an earlier probe on this socket (IP_RECVERR: datagram ICMP sockets) is also left in
            // the socket's pending error, which the next send returns instead of sending, and clears: iputils
            // sends again. The error itself is still in the error queue; a real local error repeats.
            t = now();
            n = Libc.sendto(fd, packet, packet.length, 0, sa, sa.length);
        }
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
    private final Set<Long> flowLabels = new HashSet<>();
    private final Set<Integer> flowSenders = new HashSet<>();

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
    static int pathMtu(InetAddress destination) {
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

    void setTtl(Family f, int fd, int ttl, boolean icmp) {
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

    void setPmtu(Family f, int fd, PmtuMode mode, boolean icmp) {
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

    static int check(int fd, String what) {
        if (fd < 0) {
            int e = -fd;
            if (e == Libc.EPERM || e == Libc.EACCES) {
                throw NetkitException.privilege("a " + what);
            }
            throw new NetkitException(1, "cannot open a " + what + ": " + Libc.error(e));
        }
        return fd;
    }

    /** Closes every family's sockets. */
    void close() {
        for (Family f : families.values()) {
            for (int fd : new int[] {f.icmp, f.udp, f.tcpRaw}) {
                if (fd >= 0) {
                    Libc.close(fd);
                }
            }
        }
        families.clear();
    }
}
