package dev.netkit.system;

import dev.netkit.NetkitException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's rtnetlink dumps (rtnetlink(7)), read through {@link Libc}'s socket calls: links, addresses, routes,
 * rules and neighbours of the calling thread's network namespace, without forking {@code ip} (a fork and ip's JSON
 * cost more than the rest of {@code netkit route}). Message and attribute layouts are the kernel's uapi headers
 * (linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h, neighbour.h, fib_rules.h), in the host's byte order.
 */
final class Rtnetlink {
    static final int RTM_GETLINK = 18;
    static final int RTM_GETADDR = 22;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;
    static final int RTM_GETRULE = 34;

    private static final int AF_NETLINK = 16;
    private static final int NETLINK_ROUTE = 0;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_DUMP = 0x300;
    private static final int NLM_F_ACK = 4;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_CREATE = 0x400;
    private static final int HEADER = 16;
    /** Larger than the kernel's biggest dump datagram (32 KiB), so no message is cut. */
    private static final int RECEIVE = 64 * 1024;

    private Rtnetlink() {
    }

    /**
     * Every message of the dump {@code type} asks for; {@code family} is the request's fixed header (ifinfomsg,
     * ifaddrmsg, rtmsg, ndmsg or fib_rule_hdr) with its first byte the address family.
     */
    static List<Message> dump(int type, byte[] family) {
        int fd = open();
        try {
            send(fd, type, NLM_F_DUMP, family);
            List<Message> out = new ArrayList<>();
            byte[] buf = new byte[RECEIVE];
            while (true) {
                int n = receive(fd, buf);
                ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(buf, n)).order(ByteOrder.nativeOrder());
                for (int at = 0; at + HEADER <= n; ) {
                    int len = b.getInt(at);
                    int kind = b.getShort(at + 4) & 0xffff;
                    if (len < HEADER || at + len > n) {
                        throw new NetkitException(1, "rtnetlink: a message of " + len + " bytes at " + at + " of "
                                + n);
                    }
                    if (kind == NLMSG_DONE) {
                        return out;
                    }
                    if (kind == NLMSG_ERROR) {
                        int errno = len >= HEADER + 4 ? b.getInt(at + HEADER) : 0;
                        if (errno != 0) {
                            throw new NetkitException(1, "rtnetlink: " + Libc.error(errno));
                        }
                        return out;
                    }
                    if (kind == type - 2) { // the RTM_NEW* answering the RTM_GET* asked
                        out.add(new Message(b, at + HEADER, at + len));
                    }
                    at += align(len);
                }
            }
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * Asks the kernel for one change ({@code type} RTM_NEW* or RTM_DEL*, with {@code flags} such as NLM_F_CREATE and
     * NLM_F_REPLACE) whose body is {@code body} (the fixed header and its attributes); returns the kernel's answer,
     * 0 or -errno (-EPERM without CAP_NET_ADMIN).
     */
    static int change(int type, int flags, byte[] body) {
        int fd = open();
        try {
            send(fd, type, NLM_F_ACK | flags, body);
            byte[] buf = new byte[RECEIVE];
            while (true) {
                int n = receive(fd, buf);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.nativeOrder());
                if (n >= HEADER + 4 && (b.getShort(4) & 0xffff) == NLMSG_ERROR) {
                    return b.getInt(HEADER); // the acknowledgement: 0, or -errno
                }
            }
        } finally {
            Libc.close(fd);
        }
    }

    /** One datagram of the kernel's answer into {@code buf}; its length. */
    private static int receive(int fd, byte[] buf) {
        byte[] from = new byte[12];
        int[] fromLength = {from.length};
        while (true) {
            int n = Libc.recvfrom(fd, buf, buf.length, 0, from, fromLength);
            if (n == -Libc.EINTR) {
                continue;
            }
            if (n < 0) {
                throw new NetkitException(1, "cannot read the kernel's answer (rtnetlink): " + Libc.error(n));
            }
            return n;
        }
    }

    private static int open() {
        Libc.ensureLoaded();
        int fd = Libc.socket(AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw new NetkitException(1, "cannot open an rtnetlink socket: " + Libc.error(fd));
        }
        return fd;
    }

    /** Sends one request of {@code type} with {@code flags} (besides NLM_F_REQUEST) and its body to the kernel. */
    private static void send(int fd, int type, int flags, byte[] body) {
        ByteBuffer req = ByteBuffer.allocate(HEADER + body.length).order(ByteOrder.nativeOrder());
        req.putInt(HEADER + body.length).putShort((short) type).putShort((short) (NLM_F_REQUEST | flags))
                .putInt(1).putInt(0).put(body);
        byte[] kernel = new byte[12]; // struct sockaddr_nl: the kernel is port 0
        kernel[0] = AF_NETLINK;
        long sent = Libc.sendto(fd, req.array(), req.capacity(), 0, kernel, kernel.length);
        if (sent < 0) {
            throw new NetkitException(1, "cannot ask the kernel (rtnetlink): " + Libc.error((int) sent));
        }
    }

    /** Appends one attribute (type, payload, padding) to {@code out}. */
    static void attribute(java.io.ByteArrayOutputStream out, int type, byte[] payload) {
        ByteBuffer a = ByteBuffer.allocate(align(4 + payload.length)).order(ByteOrder.nativeOrder());
        a.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        out.writeBytes(a.array());
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    /** A request header of {@code length} bytes whose first byte is {@code family} (all else zero: no filter). */
    static byte[] family(int length, int family) {
        byte[] h = new byte[length];
        h[0] = (byte) family;
        return h;
    }

    /**
     * One message: its fixed header at {@code body} (read with {@link #u8}, {@link #u16}, {@link #u32}) and its
     * attributes after {@code headerLength} bytes, found by type (the kernel sends each type once per level).
     */
    static final class Message {
        private final ByteBuffer b;
        private final int body;
        private final int end;
        private int[] attributes; // offset of each type's payload, with its length in the next slot

        Message(ByteBuffer b, int body, int end) {
            this.b = b;
            this.body = body;
            this.end = end;
        }

        int u8(int offset) {
            return b.get(body + offset) & 0xff;
        }

        int u16(int offset) {
            return b.getShort(body + offset) & 0xffff;
        }

        long u32(int offset) {
            return b.getInt(body + offset) & 0xffffffffL;
        }

        /** Indexes the attributes after a fixed header of {@code headerLength} bytes; returns this. */
        Message attributes(int headerLength) {
            attributes = index(body + align(headerLength), end, new int[0]);
            return this;
        }

        private int[] index(int from, int to, int[] found) {
            for (int at = from; at + 4 <= to; ) {
                int len = b.getShort(at) & 0xffff;
                int type = b.getShort(at + 2) & 0x3fff; // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
                if (len < 4 || at + len > to) {
                    break;
                }
                if (2 * type + 1 >= found.length) {
                    found = java.util.Arrays.copyOf(found, Math.max(2 * type + 2, 2 * found.length));
                }
                if (found[2 * type] == 0) {
                    found[2 * type] = at + 4;
                    found[2 * type + 1] = len - 4;
                }
                at += align(len);
            }
            return found;
        }

        boolean has(int type) {
            return 2 * type < attributes.length && attributes[2 * type] != 0;
        }

        /** The attribute's payload, or null when the message has none of that type. */
        byte[] bytes(int type) {
            if (!has(type)) {
                return null;
            }
            byte[] v = new byte[attributes[2 * type + 1]];
            b.get(attributes[2 * type], v);
            return v;
        }

        /** A u32 attribute, or {@code absent}. */
        long u32Attribute(int type, long absent) {
            return has(type) && attributes[2 * type + 1] >= 4 ? b.getInt(attributes[2 * type]) & 0xffffffffL : absent;
        }

        /** A u8 attribute, or {@code absent}. */
        int u8Attribute(int type, int absent) {
            return has(type) && attributes[2 * type + 1] >= 1 ? b.get(attributes[2 * type]) & 0xff : absent;
        }

        /** A u64 at {@code offset} inside the attribute (a field of a struct such as rtnl_link_stats64). */
        long u64Attribute(int type, int offset) {
            return has(type) && attributes[2 * type + 1] >= offset + 8 ? b.getLong(attributes[2 * type] + offset) : 0;
        }

        /** A NUL-terminated string attribute, or null. */
        String string(int type) {
            byte[] v = bytes(type);
            if (v == null) {
                return null;
            }
            int n = 0;
            while (n < v.length && v[n] != 0) {
                n++;
            }
            return new String(v, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        }

        /**
         * The messages nested in an attribute that holds a list of fixed headers each followed by attributes (the
         * struct rtnexthop list of RTA_MULTIPATH): each element's length is the u16 at its start.
         */
        List<Message> list(int type, int headerLength) {
            List<Message> out = new ArrayList<>();
            if (!has(type)) {
                return out;
            }
            int at = attributes[2 * type];
            int to = at + attributes[2 * type + 1];
            while (at + headerLength <= to) {
                int len = b.getShort(at) & 0xffff;
                if (len < headerLength || at + len > to) {
                    break;
                }
                out.add(new Message(b, at, at + len).attributes(headerLength));
                at += align(len);
            }
            return out;
        }
    }

    /**
     * An IPv4 or IPv6 address as ip prints it (inet_ntop): RFC 5952, and an IPv4-compatible one (::a.b.c.d, the
     * first 96 bits zero and more than ::ffff) with the IPv4 part dotted as inet_ntop writes it.
     */
    static String address(byte[] a) {
        if (a.length == 16) {
            boolean compat = true;
            for (int i = 0; i < 12; i++) {
                compat &= a[i] == 0;
            }
            if (compat && ((a[12] | a[13]) & 0xff) != 0) {
                return "::" + (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
            }
        }
        return IpLiteral.format(IpLiteral.byBytes(a));
    }
}
