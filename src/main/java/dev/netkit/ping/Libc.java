package dev.netkit.ping;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libc socket calls the probe channels need, through JNA's {@link Function} objects (the fastest JNA start).
 * Constants are Linux x86_64/aarch64 values from the kernel's uapi headers.
 */
final class Libc {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 04000;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_RAW = 255;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_TIMESTAMPNS = 35;
    static final int IP_TTL = 2;
    static final int IP_HDRINCL = 3;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_RECVERR = 11;
    static final int IP_RECVTTL = 12;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MTU_DISCOVER = 23;
    static final int IPV6_RECVERR = 25;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_ERRQUEUE = 0x2000;
    static final short POLLIN = 1;
    static final short POLLOUT = 4;
    static final short POLLERR = 8;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EPERM = 1;
    static final int EMSGSIZE = 90;
    static final int ECONNREFUSED = 111;
    static final int EHOSTUNREACH = 113;
    static final int EINPROGRESS = 115;
    static final int F_GETFL = 3;

    // Called through JNA's Function objects, not its direct mapping (Native.register): registering native methods
    // builds JNA's Structure.FFIType table first (annotation proxies, reflection), 30-45 ms of a cold start, while
    // binding these functions takes about 1 ms. A Function call costs more (arguments boxed, about half a flood's
    // rate), so only a flood (ping -f, through ProbeChannel.expectFlood) asks for Direct with preferDirect(): it is
    // registered on another thread and used from then on. A trace or a plain ping never pays for the registration.
    private static final NativeLibrary C;
    private static final Function SOCKET;
    private static final Function SETSOCKOPT;
    private static final Function GETSOCKOPT;
    private static final Function BIND;
    private static final Function CONNECT;
    private static final Function GETSOCKNAME;
    private static final Function SENDTO;
    private static final Function RECVMSG;
    private static final Function POLL;
    private static final Function CLOSE;
    private static final Function STRERROR;
    private static final java.util.concurrent.atomic.AtomicBoolean REGISTERING =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static volatile boolean registered;
    private static volatile boolean direct;

    static {
        C = dev.netkit.system.NativeLibc.library();
        SOCKET = C.getFunction("socket");
        SETSOCKOPT = C.getFunction("setsockopt");
        GETSOCKOPT = C.getFunction("getsockopt");
        BIND = C.getFunction("bind");
        CONNECT = C.getFunction("connect");
        GETSOCKNAME = C.getFunction("getsockname");
        SENDTO = C.getFunction("sendto");
        RECVMSG = C.getFunction("recvmsg");
        POLL = C.getFunction("poll");
        CLOSE = C.getFunction("close");
        STRERROR = C.getFunction("strerror");
    }

    /** The same calls by JNA's direct mapping: the fastest per call, the slowest to set up. */
    private static final class Direct {
        static {
            Native.register(Direct.class, C); // the class named: register(name) finds its caller by reflection
        }

        static native long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

        static native long recvmsg(int fd, Pointer message, int flags);

        static native int poll(int[] fds, long count, int timeoutMillis);

        static native int setsockopt(int fd, int level, int name, byte[] value, int length);
    }

    private Libc() {
    }

    /** Registers {@link Direct} on another thread (once) and uses it from then on: for a flood of calls. */
    static void preferDirect() {
        if (registered) {
            direct = true;
        } else if (REGISTERING.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("netkit-libc-direct").start(() -> {
                try {
                    Direct.sendto(-1, null, 0, 0, null, 0); // forces registration; EBADF
                    registered = true;
                    direct = true;
                } catch (Throwable e) {
                    // stay with the Function calls
                }
            });
        }
    }

    /** Back to the Function calls, after any registration under way has ended (tests: one JVM runs them all). */
    static void useFunctions() throws InterruptedException {
        for (int i = 0; i < 1000 && REGISTERING.get() && !registered; i++) {
            Thread.sleep(10);
        }
        direct = false;
    }

    private static boolean direct() {
        return direct;
    }

    /** True once the direct mapping is in use (tests). */
    static boolean usingDirect() {
        return direct;
    }

    static int socket(int domain, int type, int protocol) {
        return SOCKET.invokeInt(new Object[] {domain, type, protocol});
    }

    static int setsockopt(int fd, int level, int name, byte[] value, int length) {
        return direct() ? Direct.setsockopt(fd, level, name, value, length)
                : SETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
    }

    static int getsockopt(int fd, int level, int name, byte[] value, int[] length) {
        return GETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
    }

    static int bind(int fd, byte[] address, int length) {
        return BIND.invokeInt(new Object[] {fd, address, length});
    }

    static int connect(int fd, byte[] address, int length) {
        return CONNECT.invokeInt(new Object[] {fd, address, length});
    }

    static int getsockname(int fd, byte[] address, int[] length) {
        return GETSOCKNAME.invokeInt(new Object[] {fd, address, length});
    }

    static long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength) {
        return direct() ? Direct.sendto(fd, buffer, length, flags, address, addressLength)
                : SENDTO.invokeLong(new Object[] {fd, buffer, length, flags, address, addressLength});
    }

    static long recvmsg(int fd, Pointer message, int flags) {
        return direct() ? Direct.recvmsg(fd, message, flags) : RECVMSG.invokeLong(new Object[] {fd, message, flags});
    }

    static int poll(int[] fds, long count, int timeoutMillis) {
        return direct() ? Direct.poll(fds, count, timeoutMillis)
                : POLL.invokeInt(new Object[] {fds, count, timeoutMillis});
    }

    static int close(int fd) {
        return CLOSE.invokeInt(new Object[] {fd});
    }

    static Pointer strerror(int errno) {
        return STRERROR.invokePointer(new Object[] {errno});
    }

    static int errno() {
        return Native.getLastError();
    }

    static String error(int errno) {
        Pointer p = strerror(errno);
        return p == null ? "errno " + errno : p.getString(0);
    }

    static byte[] intValue(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static int setInt(int fd, int level, int name, int value) {
        return setsockopt(fd, level, name, intValue(value), 4);
    }
}
