package dev.netkit.scan;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.netkit.NetkitException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Non-blocking connects made with the C library's own calls (JNA's direct mapping), as nmap makes them:
 * socket(SOCK_NONBLOCK), connect, one epoll for all, getsockopt(SO_ERROR), close. Five system calls a port where
 * a SocketChannel on a Selector makes ten, and no exception per refused port: a profile of {@code -sT -p-} showed
 * the JDK's ConnectException stack traces and strerror text costing about as much CPU as the kernel's socket
 * set-up. Linux on x86-64 and AArch64 only; {@link #best()} falls back to {@link SocketConnector} elsewhere.
 */
public final class NativeConnector implements Connector {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM_NONBLOCK_CLOEXEC = 1 | 0x800 | 0x80000;
    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    private static final int SO_LINGER = 13;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLOUT = 0x4;
    private static final int EINTR = 4;
    private static final int ENETUNREACH = 101;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTUNREACH = 113;
    private static final int EINPROGRESS = 115;
    /** Shortages on our side, named for the error message: the network said nothing about the port. */
    private static final java.util.Map<Integer, String> LOCAL_ERRORS = java.util.Map.of(
            11, "EAGAIN: no free local port", 12, "ENOMEM: out of kernel memory",
            23, "ENFILE: too many open files in the system", 24, "EMFILE: too many open files",
            99, "EADDRNOTAVAIL: no free local port", 105, "ENOBUFS: no buffer space");
    private static final boolean X86_64 = Platform.isIntel() && Platform.is64Bit();
    /** struct epoll_event: packed on x86-64 (12 bytes), naturally aligned on AArch64 (16). */
    private static final int EVENT_SIZE = X86_64 ? 12 : 16;
    private static final int EVENT_DATA = X86_64 ? 4 : 8;
    /** struct linger {1, 0}: close sends an RST and leaves no TIME_WAIT. */
    private static final byte[] LINGER_RESET = {1, 0, 0, 0, 0, 0, 0, 0};
    private static final String PROBLEM = load();

    /** The libc calls, direct-mapped (registered by {@link #load()}). */
    static final class C {
        private C() {
        }

        static native int socket(int domain, int type, int protocol);

        static native int connect(int fd, byte[] address, int length);

        static native int epoll_create1(int flags);

        static native int epoll_ctl(int epfd, int op, int fd, byte[] event);

        static native int epoll_wait(int epfd, byte[] events, int max, int timeoutMillis);

        static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

        static native int setsockopt(int fd, int level, int name, byte[] value, int length);

        static native int close(int fd);
    }

    private static String load() {
        if (!Platform.isLinux() || !(X86_64 || Platform.isARM() && Platform.is64Bit())) {
            return "not Linux on x86-64 or AArch64";
        }
        try {
            Native.register(C.class, dev.netkit.system.NativeLibc.library());
            return null;
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
    }

    private final byte[] addr = new byte[28];
    private final byte[] event = new byte[EVENT_SIZE];
    private final byte[] intValue = new byte[4];
    private final int[] intLength = new int[1];
    private byte[] events = new byte[EVENT_SIZE * 64];
    private final int epoll;
    /** The socket of each attempt in flight by id, -1 when none. */
    private int[] fds = new int[64];

    /**
     * Binds the C functions on a thread of their own: JNA's direct mapping takes tens of milliseconds to set up
     * on a cold start, which host discovery can hide. A connect scan that starts sooner waits for it (the class
     * is initialised once, whoever asks first).
     */
    public static void prepareInBackground() {
        Thread.ofPlatform().daemon().name("connect-prepare").start(NativeConnector::available);
    }

    /** True when this platform's C library can be called (else use {@link SocketConnector}). */
    public static boolean available() {
        return PROBLEM == null;
    }

    /** The real connector: this one where it works, the JDK's SocketChannels elsewhere. */
    public static Connector best() {
        return available() ? new NativeConnector() : new SocketConnector();
    }

    public NativeConnector() {
        if (!available()) {
            throw new IllegalStateException("native connects unavailable: " + PROBLEM);
        }
        Arrays.fill(fds, -1);
        epoll = C.epoll_create1(EPOLL_CLOEXEC);
        if (epoll < 0) {
            throw new IllegalStateException("epoll_create1 failed: errno " + Native.getLastError());
        }
    }

    @Override
    public Outcome start(int id, InetAddress address, int port) {
        byte[] b = address.getAddress();
        int fd = C.socket(b.length == 4 ? AF_INET : AF_INET6, SOCK_STREAM_NONBLOCK_CLOEXEC, 0);
        if (fd < 0) {
            int err = Native.getLastError();
            throw localError("socket()", err).orElseGet(() -> new NetkitException(1,
                    "connect scan: socket() failed: errno " + err));
        }
        int len = sockaddr(b, address, port);
        if (C.connect(fd, addr, len) == 0) {
            closeWithReset(fd);
            return Outcome.CONNECTED;
        }
        int err = Native.getLastError();
        if (err != EINPROGRESS) {
            C.close(fd);
            var local = localError("connect()", err);
            if (local.isPresent()) {
                throw local.get();
            }
            return outcome(err);
        }
        putInt(event, 0, EPOLLOUT);
        putInt(event, EVENT_DATA, id);
        putInt(event, EVENT_DATA + 4, 0);
        if (C.epoll_ctl(epoll, EPOLL_CTL_ADD, fd, event) != 0) {
            C.close(fd);
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
            case ECONNREFUSED -> Outcome.REFUSED;
            case EHOSTUNREACH, ENETUNREACH -> Outcome.UNREACHABLE;
            default -> Outcome.FAILED;
        };
    }

    /** Fills {@link #addr} with a sockaddr_in or sockaddr_in6 (family in host order, port big-endian). */
    private int sockaddr(byte[] ip, InetAddress address, int port) {
        Arrays.fill(addr, (byte) 0);
        int family = ip.length == 4 ? AF_INET : AF_INET6;
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
        if (events.length < EVENT_SIZE * max) {
            events = new byte[EVENT_SIZE * max];
        }
        long left = deadlineNanos - System.nanoTime();
        // rounded up: a wait that ends just before the deadline would only cost one more turn of the loop
        int timeoutMs = left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
        int n = C.epoll_wait(epoll, events, max, timeoutMs);
        if (n < 0) {
            int err = Native.getLastError();
            if (err == EINTR) {
                return 0;
            }
            throw new IllegalStateException("epoll_wait failed: errno " + err);
        }
        int k = 0;
        for (int e = 0; e < n; e++) {
            int id = getInt(events, e * EVENT_SIZE + EVENT_DATA);
            int fd = id >= 0 && id < fds.length ? fds[id] : -1;
            if (fd < 0) {
                continue;
            }
            intLength[0] = 4;
            int err = C.getsockopt(fd, SOL_SOCKET, SO_ERROR, intValue, intLength) == 0 ? getInt(intValue, 0) : -1;
            fds[id] = -1;
            if (err == 0) {
                closeWithReset(fd);
            } else {
                C.close(fd); // closing also takes it out of the epoll set
            }
            ids[k] = id;
            outcomes[k++] = outcome(err);
        }
        return k;
    }

    private static void closeWithReset(int fd) {
        C.setsockopt(fd, SOL_SOCKET, SO_LINGER, LINGER_RESET, LINGER_RESET.length);
        C.close(fd);
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
            C.close(fds[id]);
            fds[id] = -1;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] >= 0) {
                C.close(fds[i]);
                fds[i] = -1;
            }
        }
        C.close(epoll);
    }
}
