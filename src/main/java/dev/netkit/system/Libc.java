package dev.netkit.system;

/**
 * The few libc calls of ping's and trace's probe channels and of dig's batches, through netkit's own small JNI library
 * (src/main/c/netkit-libc.c, built by Maven into target/native/libnetkit-libc.so). Not JNA: its start-up (the class
 * Native, java.util.logging, the jar's first resource lookup) costs 16-23 ms, more than a whole trace of the lab;
 * this library loads in about a millisecond (docs/trace.md). Calls return -errno on failure.
 * Constants are Linux x86_64/aarch64 values from the kernel's uapi headers.
 */
public final class Libc {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int EFD_NONBLOCK = 04000;
    public static final int EFD_CLOEXEC = 02000000;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final int IPPROTO_RAW = 255;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_RCVBUF = 8;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_TIMESTAMPNS = 35;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_RECVERR = 11;
    public static final int IP_RECVTTL = 12;
    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MTU_DISCOVER = 23;
    public static final int IPV6_RECVERR = 25;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_ERRQUEUE = 0x2000;
    public static final short POLLIN = 1;
    public static final short POLLOUT = 4;
    public static final short POLLERR = 8;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EPERM = 1;
    public static final int EMSGSIZE = 90;
    public static final int EADDRINUSE = 98;
    public static final int ECONNREFUSED = 111;
    /** sock_extended_err's ee_origin for an ICMP and an ICMPv6 error. */
    public static final int SO_EE_ORIGIN_ICMP = 2;
    public static final int SO_EE_ORIGIN_ICMP6 = 3;
    public static final int EHOSTUNREACH = 113;
    public static final int EINPROGRESS = 115;

    /** The system property naming the library's file (the launcher sets it, see scripts/lib/common.sh). */
    static final String PATH_PROPERTY = "netkit.libc";
    static final String FILE_NAME = "libnetkit-libc.so";
    /** Why the library did not load, or null when it did. */
    private static final String LOAD_ERROR;

    static {
        String path = System.getProperty(PATH_PROPERTY);
        String error = null;
        try {
            if (path == null) {
                path = besideCode();
            }
            System.load(path);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            error = "cannot load netkit's socket library " + (path == null ? FILE_NAME : path) + " (" + e.getMessage()
                    + "): rebuild it with ./mvnw -q -DskipTests package";
        }
        LOAD_ERROR = error;
    }

    private Libc() {
    }

    /**
     * target/native/libnetkit-libc.so next to the jar (target/netkit.jar) or the classes (target/classes) this class
     * came from: for JVMs started without the launcher's property (tests, lab tests' child JVMs).
     */
    private static String besideCode() {
        try {
            java.nio.file.Path code = java.nio.file.Path.of(
                    Libc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("native").resolve(FILE_NAME).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("no " + PATH_PROPERTY + " property, and no class location to look beside");
        }
    }

    /** Throws when the library could not be loaded, with a message saying why and what to do. */
    public static void ensureLoaded() {
        if (LOAD_ERROR != null) {
            throw new dev.netkit.NetkitException(1, LOAD_ERROR);
        }
    }

    // The calls. Each returns its result, or -errno when it failed (read in C right after the call).

    public static native int socket(int domain, int type, int protocol);

    public static native int setsockopt(int fd, int level, int name, byte[] value, int length);

    /** setsockopt with a C int value. */
    public static native int setInt(int fd, int level, int name, int value);

    /** {@code length[0]}: in, the bytes {@code value} may take; out, the option's length. */
    public static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    public static native int bind(int fd, byte[] address, int length);

    public static native int connect(int fd, byte[] address, int length);

    /** {@code length[0]}: in, the bytes {@code address} may take; out, the address's whole length. */
    public static native int getsockname(int fd, byte[] address, int[] length);

    /** {@code address} may be null (with length 0) on a connected socket. */
    public static native long sendto(int fd, byte[] buffer, int length, int flags, byte[] address, int addressLength);

    /** read(2) into {@code buffer}'s first {@code length} bytes: on a socket, the next datagram. */
    public static native int read(int fd, byte[] buffer, int length);

    /**
     * recvfrom(2) into {@code buffer}'s first {@code length} bytes, the sender's struct sockaddr into {@code address}:
     * {@code addressLength[0]} is in, the bytes {@code address} may take, and out, the sender address's length.
     */
    public static native int recvfrom(int fd, byte[] buffer, int length, int flags, byte[] address,
                                      int[] addressLength);

    /**
     * The next entry of a socket's error queue (IP_RECVERR), read without waiting: its struct sock_extended_err packed
     * as {@code ee_errno | ee_origin << 32 | ee_type << 40 | ee_code << 48}, or -errno (-EAGAIN: the queue is empty).
     */
    public static native long errorQueue(int fd);

    /** write(2) of {@code buffer}'s first {@code length} bytes. */
    public static native int write(int fd, byte[] buffer, int length);

    /** eventfd(2) with a counter of 0: poll sees it readable once a thread wrote an 8-byte count to it. */
    public static native int eventfd(int flags);

    /** recvmsg with a struct msghdr at native address {@code message} (inside a direct buffer, see address). */
    public static native long recvmsg(int fd, long message, int flags);

    /** The native address of a direct buffer's first byte. */
    public static native long address(java.nio.ByteBuffer direct);

    /**
     * poll on {@code count} struct pollfd held as pairs of ints: descriptor, then events in the low 16 bits;
     * revents come back in the high 16 bits.
     */
    public static native int poll(int[] fds, int count, int timeoutMillis);

    public static native int close(int fd);

    public static native int getpid();

    /**
     * This process's id: getpid through the library when it loaded (ProcessHandle's first use starts a thread pool,
     * about a millisecond of a trace), ProcessHandle otherwise.
     */
    public static long pid() {
        return LOAD_ERROR == null ? getpid() : ProcessHandle.current().pid();
    }

    /** kill(2): signal {@code sig} to {@code pid}, or to the process group -pid; 0 or -errno. */
    public static native int kill(int pid, int sig);

    /** getpgid(2): the process group of {@code pid} (0: this process), or -errno. */
    public static native int getpgid(int pid);

    /** tcgetpgrp(3): the foreground process group of the terminal on {@code fd}, or -errno (-ENOTTY: no terminal). */
    public static native int tcgetpgrp(int fd);

    /**
     * ethtool's link settings of the interface named by {@code name} (ASCII): speed in Mb/s (-1 unknown), duplex
     * (0 half, 1 full, -1 unknown), autonegotiation (0/1) and port into {@code out}; 0 or -errno (-EOPNOTSUPP: none).
     */
    public static native int ethtoolLink(byte[] name, int[] out);

    public static final int EOPNOTSUPP = 95;

    /** This process's effective capabilities (capget, as CapEff in /proc/self/status), or -errno. */
    public static native long effectiveCapabilities();

    /** The C library's message for a (positive) errno value. */
    public static native String strerror(int errno);

    /** The message for {@code errno}, positive or negative (as the calls return it). */
    public static String error(int errno) {
        String s = strerror(Math.abs(errno));
        return s == null ? "errno " + Math.abs(errno) : s;
    }

    // scan's connect scanner: one epoll set for many non-blocking connects (epoll(7))

    public static final int EPOLL_CLOEXEC = 02000000;
    public static final int EPOLLOUT = 4;
    public static final int SO_LINGER = 13;
    public static final int ENETUNREACH = 101;

    /** True when the library loaded (else {@link #ensureLoaded} says why). */
    public static boolean loaded() {
        return LOAD_ERROR == null;
    }

    /** epoll_create1: the set's descriptor, or -errno. */
    public static native int epollCreate(int flags);

    /** epoll_ctl EPOLL_CTL_ADD of {@code fd} for {@code events}, tagged {@code id}: 0, or -errno. */
    public static native int epollAdd(int epfd, int fd, int events, int id);

    /** epoll_wait for at most {@code ids.length} events: their ids in {@code ids}, and how many; or -errno. */
    public static native int epollWait(int epfd, int[] ids, int timeoutMillis);

    // scan's sweep: a batch of frames in one system call

    /** The most messages {@link #sendmmsg} takes in one call. */
    public static final int MAX_BATCH = 256;
    public static final int ENOBUFS = 105;

    /**
     * sendmmsg(2) of {@code count} (1 to {@link #MAX_BATCH}) messages from the direct buffer {@code frames}: message
     * i is {@code lengths[first + i]} bytes, packed one after the other from byte {@code offset}. For a socket that
     * has its destination already (a packet socket bound to an interface, a connected datagram socket). The
     * messages sent (fewer than {@code count} when one failed after others went), or -errno when the first failed.
     */
    public static native int sendmmsg(int fd, java.nio.ByteBuffer frames, int offset, int[] lengths, int first,
                                      int count);

    // netkit-helper's socket hand-over (issue 18, docs/privileges.md)

    /**
     * Starts {@code path} (no arguments, empty environment) with one end of a new Unix stream socket pair as its
     * stdin, stdout and stderr on /dev/null: {@code ids[0]} its pid, {@code ids[1]} our end. 0, or -errno.
     */
    public static native int spawnWithSocket(String path, int[] ids);

    /**
     * recvmsg of at most {@code length} (up to 2048) bytes and of one descriptor passed with them (SCM_RIGHTS):
     * {@code fd[0]} gets it, or -1. The bytes read, or -errno.
     */
    public static native int receiveDescriptor(int sock, byte[] buffer, int length, int[] fd);

    /** waitpid for {@code pid}: its exit status, 128 + the signal that ended it, or -errno. */
    public static native int waitExit(int pid);
}
