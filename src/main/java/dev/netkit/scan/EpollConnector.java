package dev.netkit.scan;

import dev.netkit.NetkitException;
import dev.netkit.system.Libc;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Non-blocking connects made with the C library's own calls (netkit's JNI library, {@link Libc}), as nmap makes
 * them: socket(SOCK_NONBLOCK), connect, one epoll for all, getsockopt(SO_ERROR), close. Five system calls a port
 * where a SocketChannel on a Selector makes ten, and no exception per refused port: a profile of {@code -sT -p-}
 * showed the JDK's ConnectException stack traces and strerror text costing about as much CPU as the kernel's
 * socket set-up. {@link #best()} falls back to {@link SocketConnector} when the library did not load.
 */
public final class EpollConnector implements Connector {
    private static final int SOCK_STREAM_NONBLOCK_CLOEXEC = Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC;
    /** Shortages on our side, named for the error message: the network said nothing about the port. */
    private static final java.util.Map<Integer, String> LOCAL_ERRORS = java.util.Map.of(
            11, "EAGAIN: no free local port", 12, "ENOMEM: out of kernel memory",
            23, "ENFILE: too many open files in the system", 24, "EMFILE: too many open files",
            99, "EADDRNOTAVAIL: no free local port", 105, "ENOBUFS: no buffer space");
    /** struct linger {1, 0}: close sends an RST and leaves no TIME_WAIT. */
    private static final byte[] LINGER_RESET = {1, 0, 0, 0, 0, 0, 0, 0};

    private final byte[] addr = new byte[28];
    private final byte[] intValue = new byte[4];
    private final int[] intLength = new int[1];
    private int[] ready = new int[64];
    private final int epoll;
    /** The socket of each attempt in flight by id, -1 when none. */
    private int[] fds = new int[64];

    /** True when the C library can be called (else use {@link SocketConnector}). */
    public static boolean available() {
        return Libc.loaded();
    }

    /** The real connector: this one where it works, the JDK's SocketChannels elsewhere. */
    public static Connector best() {
        return available() ? new EpollConnector() : new SocketConnector();
    }

    public EpollConnector() {
        Libc.ensureLoaded();
        Arrays.fill(fds, -1);
        epoll = Libc.epollCreate(Libc.EPOLL_CLOEXEC);
        if (epoll < 0) {
            throw new IllegalStateException("epoll_create1 failed: " + Libc.error(epoll));
        }
    }

    @Override
    public Outcome start(int id, InetAddress address, int port) {
        byte[] b = address.getAddress();
        int fd = Libc.socket(b.length == 4 ? Libc.AF_INET : Libc.AF_INET6, SOCK_STREAM_NONBLOCK_CLOEXEC, 0);
        if (fd < 0) {
            int err = -fd;
            throw localError("socket()", err).orElseGet(() -> new NetkitException(1,
                    "connect scan: socket() failed: errno " + err));
        }
        int len = sockaddr(b, address, port);
        int r = Libc.connect(fd, addr, len);
        if (r == 0) {
            closeWithReset(fd);
            return Outcome.CONNECTED;
        }
        int err = -r;
        if (err != Libc.EINPROGRESS) {
            Libc.close(fd);
            var local = localError("connect()", err);
            if (local.isPresent()) {
                throw local.get();
            }
            return outcome(err);
        }
        if (Libc.epollAdd(epoll, fd, Libc.EPOLLOUT, id) != 0) {
            Libc.close(fd);
            return Outcome.FAILED;
        }
        if (id >= fds.length) {
            int old = fds.length;
            fds = Arrays.copyOf(fds, Math.max(id + 1, old * 2));
            Arrays.fill(fds, old, fds.length, -1);
        }
        fds[id] = fd;
        return null;
    }

    /**
     * The scan's end when {@code errno} is a shortage on our side (descriptors, buffers, local ports): such a
     * probe never reached the network, and counting it as "filtered, no-response" would be a false verdict.
     */
    static java.util.Optional<NetkitException> localError(String call, int errno) {
        String name = LOCAL_ERRORS.get(errno);
        return name == null ? java.util.Optional.empty() : java.util.Optional.of(new NetkitException(1,
                "connect scan stopped: " + call + " failed with " + name + " (lower -T, or raise ulimit -n)"));
    }

    /** The verdict of a connect's errno, as nmap's: refused closed, unreachable filtered, the rest retried. */
    static Outcome outcome(int errno) {
        return switch (errno) {
            case 0 -> Outcome.CONNECTED;
            case Libc.ECONNREFUSED -> Outcome.REFUSED;
            case Libc.EHOSTUNREACH, Libc.ENETUNREACH -> Outcome.UNREACHABLE;
            default -> Outcome.FAILED;
        };
    }

    /** Fills {@link #addr} with a sockaddr_in or sockaddr_in6 (family in host order, port big-endian). */
    private int sockaddr(byte[] ip, InetAddress address, int port) {
        Arrays.fill(addr, (byte) 0);
        int family = ip.length == 4 ? Libc.AF_INET : Libc.AF_INET6;
        addr[0] = (byte) family; // little-endian on both platforms served
        addr[2] = (byte) (port >>> 8);
        addr[3] = (byte) port;
        if (ip.length == 4) {
            System.arraycopy(ip, 0, addr, 4, 4);
            return 16;
        }
        System.arraycopy(ip, 0, addr, 8, 16);
        putInt(addr, 24, address instanceof Inet6Address a6 ? a6.getScopeId() : 0);
        return 28;
    }

    @Override
    public int poll(long deadlineNanos, int[] ids, Outcome[] outcomes) {
        int max = ids.length;
        if (ready.length != max) {
            ready = new int[max];
        }
        long left = deadlineNanos - System.nanoTime();
        // rounded up: a wait that ends just before the deadline would only cost one more turn of the loop
        int timeoutMs = left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
        int n = Libc.epollWait(epoll, ready, timeoutMs);
        if (n < 0) {
            if (-n == Libc.EINTR) {
                return 0;
            }
            throw new IllegalStateException("epoll_wait failed: " + Libc.error(n));
        }
        int k = 0;
        for (int e = 0; e < n; e++) {
            int id = ready[e];
            int fd = id >= 0 && id < fds.length ? fds[id] : -1;
            if (fd < 0) {
                continue;
            }
            intLength[0] = 4;
            int err = Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ERROR, intValue, intLength) == 0
                    ? getInt(intValue, 0) : -1;
            fds[id] = -1;
            if (err == 0) {
                closeWithReset(fd);
            } else {
                Libc.close(fd); // closing also takes it out of the epoll set
            }
            ids[k] = id;
            outcomes[k++] = outcome(err);
        }
        return k;
    }

    private static void closeWithReset(int fd) {
        Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_LINGER, LINGER_RESET, LINGER_RESET.length);
        Libc.close(fd);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    @Override
    public void cancel(int id) {
        if (id < fds.length && fds[id] >= 0) {
            Libc.close(fds[id]);
            fds[id] = -1;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] >= 0) {
                Libc.close(fds[i]);
                fds[i] = -1;
            }
        }
        Libc.close(epoll);
    }
}
