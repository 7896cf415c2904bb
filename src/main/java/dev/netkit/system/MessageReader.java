package dev.netkit.system;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;

/**
 * recvmsg(2) into one reusable direct buffer, and what its control messages (cmsg(3)) say: the kernel's receive
 * time (SO_TIMESTAMPNS), the TTL or hop limit (IP_RECVTTL, IPV6_RECVHOPLIMIT) and an error-queue entry
 * (IP_RECVERR, IPV6_RECVERR). One buffer per reader, so nothing is allocated per datagram.
 */
public final class MessageReader {
    // recvmsg's memory, one direct buffer: struct msghdr, its iovec, the sender's address, control messages, data.
    private static final int MSG_AT = 0;
    private static final int IOV_AT = 64;
    private static final int NAME_AT = 128;
    private static final int NAME_SIZE = 128;
    private static final int CONTROL_AT = 256;
    private static final int CONTROL_SIZE = 1024;
    private static final int DATA_AT = 1280;
    private static final int DATA_SIZE = 65536;
    private final ByteBuffer area = ByteBuffer.allocateDirect(DATA_AT + DATA_SIZE).order(ByteOrder.nativeOrder());
    private final long msgAddress;
    private final byte[] buffer = new byte[DATA_SIZE];
    private final ByteBuffer msgBuffer;
    private final ByteBuffer controlBuffer;
    private final ByteBuffer nameBuffer;
    private final ByteBuffer dataBuffer;
    private final byte[] nameBytes = new byte[NAME_SIZE];
    private byte[] lastNameBytes;

    private long time;
    private int ttl;
    private byte[] error;
    private InetAddress sender;

    public MessageReader() {
        long base = Libc.address(area);
        msgAddress = base + MSG_AT;
        // struct msghdr (x86_64/aarch64): name, namelen, iov, iovlen, control, controllen, flags; the buffer is zeroed
        area.putLong(IOV_AT, base + DATA_AT);
        area.putLong(IOV_AT + 8, DATA_SIZE);
        area.putLong(MSG_AT, base + NAME_AT);
        area.putLong(MSG_AT + 16, base + IOV_AT);
        area.putLong(MSG_AT + 24, 1);
        area.putLong(MSG_AT + 32, base + CONTROL_AT);
        msgBuffer = area.slice(MSG_AT, 56).order(ByteOrder.nativeOrder());
        controlBuffer = area.slice(CONTROL_AT, CONTROL_SIZE).order(ByteOrder.nativeOrder());
        nameBuffer = area.slice(NAME_AT, NAME_SIZE);
        dataBuffer = area.slice(DATA_AT, DATA_SIZE);
    }

    /**
     * One recvmsg on {@code fd}: the datagram's length, or -errno. On success {@link #time()}, {@link #ttl()},
     * {@link #error()} and {@link #sender()} describe it.
     */
    public long receive(int fd, int flags) {
        // msg_name, msg_iov and msg_control are set once (constructor); the kernel rewrites only the lengths.
        msgBuffer.putInt(8, NAME_SIZE);
        msgBuffer.putLong(40, CONTROL_SIZE);
        long n = Libc.recvmsg(fd, msgAddress, flags);
        if (n < 0) {
            return n;
        }
        time = 0;
        ttl = -1;
        error = null;
        int namelen = msgBuffer.getInt(8);
        sender = namelen > 0 ? nameFrom(Math.min(namelen, NAME_SIZE)) : null;
        long clen = msgBuffer.getLong(40);
        int off = 0;
        ByteBuffer cb = controlBuffer;
        while (off + 16 <= clen) {
            long cl = cb.getLong(off);
            int level = cb.getInt(off + 8);
            int type = cb.getInt(off + 12);
            if (cl < 16 || off + cl > clen) {
                break;
            }
            if (level == Libc.SOL_SOCKET && type == Libc.SO_TIMESTAMPNS) {
                time = cb.getLong(off + 16) * 1_000_000_000L + cb.getLong(off + 24);
            } else if ((level == Libc.IPPROTO_IP && type == Libc.IP_TTL)
                    || (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_HOPLIMIT)) {
                ttl = cb.getInt(off + 16);
            } else if ((level == Libc.IPPROTO_IP && type == Libc.IP_RECVERR)
                    || (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_RECVERR)) {
                byte[] ee = new byte[(int) cl - 16];
                cb.get(off + 16, ee);
                error = ee;
            }
            off += (int) ((cl + 7) & ~7L);
        }
        if (time == 0) {
            Instant t = Instant.now();
            time = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }
        return n;
    }

    /** The received datagram's first {@code length} bytes, in an array this reader reuses. */
    public byte[] data(int length) {
        dataBuffer.get(0, buffer, 0, length);
        return buffer;
    }

    /** The kernel's receive time in epoch nanoseconds (or the time of reading when it gave none). */
    public long time() {
        return time;
    }

    /** The TTL or hop limit the datagram arrived with, or -1. */
    public int ttl() {
        return ttl;
    }

    /** The error-queue entry that came with the message, or null (see {@link QueuedError#parse}). */
    public byte[] error() {
        return error;
    }

    /** The sender's address (for the error queue: the original destination), or null. */
    public InetAddress sender() {
        return sender;
    }

    /** The sender's address; the same InetAddress as last time when the bytes are the same. */
    private InetAddress nameFrom(int length) {
        nameBuffer.get(0, nameBytes, 0, length);
        if (sender != null && lastNameBytes != null && lastNameBytes.length == length
                && Arrays.equals(lastNameBytes, 0, length, nameBytes, 0, length)) {
            return sender;
        }
        lastNameBytes = Arrays.copyOf(nameBytes, length);
        return SocketAddress.decode(nameBytes, 0, length);
    }
}
