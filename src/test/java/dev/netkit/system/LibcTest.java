package dev.netkit.system;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netkit's JNI socket library (src/main/c/netkit-libc.c): results, -errno on failure, recvmsg with timestamps. */
class LibcTest {
    private static final int EBADF = 9;
    private static final int EINVAL = 22;

    @Test
    void failuresReturnMinusErrno() {
        Libc.ensureLoaded();
        assertEquals(-EBADF, Libc.close(-1));
        assertEquals(-EBADF, Libc.sendto(-1, new byte[1], 1, 0, null, 0));
        assertEquals(-EBADF, Libc.setInt(-1, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 1));
        assertEquals(-EBADF, Libc.recvmsg(-1, 0, Libc.MSG_DONTWAIT));
        assertEquals("Bad file descriptor", Libc.error(-EBADF));
        assertEquals("Bad file descriptor", Libc.error(EBADF));
        assertEquals(0, Libc.poll(new int[0], 0, 0));
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        assertTrue(fd >= 0, "socket: " + Libc.error(fd));
        assertEquals(0, Libc.close(fd));
        assertEquals(-EBADF, Libc.close(fd), "closed twice");
        assertEquals(-97 /* EAFNOSUPPORT */, Libc.socket(12345, Libc.SOCK_DGRAM, 0));
    }

    @Test
    void lengthsBeyondTheirArraysAreRejectedBeforeAnyCopy() {
        Libc.ensureLoaded();
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        assertTrue(fd >= 0, "socket: " + Libc.error(fd));
        try {
            assertEquals(-EINVAL, Libc.sendto(fd, new byte[1], 100, 0, null, 0));
            assertEquals(-EINVAL, Libc.sendto(fd, new byte[1], 1_000_000_000, 0, null, 0), "no 1 GB allocation");
            assertEquals(-EINVAL, Libc.sendto(fd, new byte[1], -1, 0, null, 0));
            assertEquals(-EINVAL, Libc.sendto(fd, new byte[1], 1, 0, new byte[4], 16));
            assertEquals(-EINVAL, Libc.sendto(fd, new byte[1], 1, 0, new byte[16], -1));
            assertEquals(-EINVAL, Libc.bind(fd, new byte[4], 16));
            assertEquals(-EINVAL, Libc.bind(fd, new byte[16], -1));
            assertEquals(-EINVAL, Libc.connect(fd, new byte[4], 16));
            assertEquals(-EINVAL, Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, new byte[2], 4));
            assertEquals(-EINVAL, Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, new byte[4], -4));

            int[] pfd = {fd, Libc.POLLIN};
            assertEquals(-EINVAL, Libc.poll(pfd, 2, 0), "count larger than the array");
            assertEquals(-EINVAL, Libc.poll(pfd, 0x40000001, 0), "2 * count overflows an int");
            assertEquals(-EINVAL, Libc.poll(new int[2 * 5000], 5000, 0), "above the cap");
            assertEquals(-EINVAL, Libc.poll(pfd, -1, 0));
            assertEquals(-EINVAL, Libc.poll(null, 1, 0));

            int[] four = {4};
            assertEquals(-EINVAL, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, new byte[4], new int[0]));
            assertEquals(-EINVAL, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, new byte[4], null));
            assertEquals(-EINVAL, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, null, four));
            assertEquals(-EINVAL, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, new byte[2], four));
            assertEquals(-EINVAL, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, new byte[4], new int[] {-1}));
            assertEquals(-EINVAL, Libc.getsockname(fd, new byte[16], new int[0]));
            assertEquals(-EINVAL, Libc.getsockname(fd, new byte[16], null));
            assertEquals(-EINVAL, Libc.getsockname(fd, null, new int[] {16}));
            assertEquals(-EINVAL, Libc.getsockname(fd, new byte[4], new int[] {16}));
            assertEquals(4, four[0], "rejected calls leave the length alone");

            // the same socket still works after all of that: no exception was left pending
            byte[] value = new byte[4];
            assertEquals(0, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, value, four));
            assertEquals(4, four[0]);
            assertTrue((value[0] & 0xff | (value[1] & 0xff) << 8 | (value[2] & 0xff) << 16) > 0, "a buffer size");
            assertEquals(0, Libc.poll(pfd, 1, 0), "nothing to read");
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    @Test
    void loopbackDatagramComesBackWithItsSenderAndAKernelTimestamp() throws Exception {
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        assertTrue(fd >= 0, "socket: " + Libc.error(fd));
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            byte[] any = SocketAddress.encode(loopback, 0);
            assertEquals(0, Libc.bind(fd, any, any.length));
            byte[] local = new byte[128];
            int[] len = {128};
            assertEquals(0, Libc.getsockname(fd, local, len));
            assertEquals(16, len[0]);
            assertEquals(loopback, SocketAddress.decode(local, 0, len[0]));
            int port = (local[2] & 0xff) << 8 | (local[3] & 0xff);
            assertTrue(port > 0);
            assertEquals(0, Libc.setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1));
            byte[] value = new byte[4];
            int[] valueLength = {4};
            assertEquals(0, Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, value, valueLength));
            assertEquals(4, valueLength[0]);
            assertEquals(1, value[0]);

            byte[] payload = "netkit jni".getBytes(StandardCharsets.US_ASCII);
            long before = nanos();
            assertEquals(payload.length, Libc.sendto(fd, payload, payload.length, 0, local, len[0]));
            int[] pfd = {fd, Libc.POLLIN};
            assertEquals(1, Libc.poll(pfd, 1, 5000));
            assertEquals(Libc.POLLIN, pfd[1] >>> 16, "revents in the high half");

            // struct msghdr, iovec, name, control and data in one direct buffer, as KernelProbeChannel lays them out
            ByteBuffer area = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
            long base = Libc.address(area);
            assertNotEquals(0, base);
            area.putLong(64, base + 2048).putLong(72, 1024); // iovec
            area.putLong(0, base + 128).putInt(8, 128); // name
            area.putLong(16, base + 64).putLong(24, 1); // iov
            area.putLong(32, base + 256).putLong(40, 1024); // control
            long n = Libc.recvmsg(fd, base, Libc.MSG_DONTWAIT);
            long after = nanos();
            assertEquals(payload.length, n);
            byte[] got = new byte[(int) n];
            area.get(2048, got);
            assertArrayEquals(payload, got);
            byte[] name = new byte[area.getInt(8)];
            area.get(128, name);
            assertEquals(loopback, SocketAddress.decode(name, 0, name.length));
            long controlLength = area.getLong(40);
            assertTrue(controlLength >= 32, "a control message");
            assertEquals(Libc.SOL_SOCKET, area.getInt(256 + 8));
            assertEquals(Libc.SO_TIMESTAMPNS, area.getInt(256 + 12));
            long stamp = area.getLong(256 + 16) * 1_000_000_000L + area.getLong(256 + 24);
            assertTrue(stamp >= before - 1_000_000 && stamp <= after + 1_000_000,
                    "kernel timestamp " + stamp + " within [" + before + ", " + after + "]");
            assertEquals(-Libc.EAGAIN, Libc.recvmsg(fd, base, Libc.MSG_DONTWAIT), "nothing more: EAGAIN");
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    private static long nanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
