package dev.netkit.ping;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc socket calls the probe channels need, bound by JNA's direct mapping (the fastest JNA call path).
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

    static {
        // Without this, JNA's first library lookup runs '/sbin/ldconfig -p' (a process per netkit run).
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path",
                    "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu"
                            + ":/lib64:/usr/lib64:/lib:/usr/lib");
        }
        Native.register(Libc.class, "c"); // the class named: register("c") finds its caller by reflection (slow)
    }

    private Libc() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, byte[] value, int length);

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    static native int bind(int fd, byte[] address, int length);

    static native int connect(int fd, byte[] address, int length);

    static native int getsockname(int fd, byte[] address, int[] length);

    static native long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

    static native long recvmsg(int fd, Pointer message, int flags);

    static native int poll(int[] fds, long count, int timeoutMillis);

    static native int close(int fd);

    static native Pointer strerror(int errno);

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
