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
    private static final int EFAULT = 14;

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

    /** An eventfd counts what is written to it: poll sees it readable, one read returns the sum and resets it. */
    @Test
    void eventfdWrittenIsReadableAndReadsItsCount() {
        Libc.ensureLoaded();
        int fd = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        assertTrue(fd >= 0, "eventfd: " + Libc.error(fd));
        try {
            int[] pfd = {fd, Libc.POLLIN};
            assertEquals(0, Libc.poll(pfd, 1, 0), "a new eventfd is not readable");
            byte[] count = new byte[8];
            assertEquals(-Libc.EAGAIN, Libc.read(fd, count, 8), "a count of 0 would block");

            assertEquals(8, Libc.write(fd, count(2), 8));
            assertEquals(8, Libc.write(fd, count(5), 8));
            assertEquals(-EINVAL, Libc.write(fd, count(1), 4), "the kernel takes only 8-byte counts");
            pfd[1] = Libc.POLLIN;
            assertEquals(1, Libc.poll(pfd, 1, 2000));
            assertEquals(Libc.POLLIN, pfd[1] >>> 16);

            assertEquals(8, Libc.read(fd, count, 8));
            assertEquals(7, ByteBuffer.wrap(count).order(ByteOrder.nativeOrder()).getLong(), "2 + 5");
            pfd[1] = Libc.POLLIN;
            assertEquals(0, Libc.poll(pfd, 1, 0), "the read reset the count");
            assertEquals(-Libc.EAGAIN, Libc.read(fd, count, 8));
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    /** read and write check their lengths against the array before the system call (which then never runs). */
    @Test
    void readAndWriteRejectLengthsOutsideTheirArrays() {
        Libc.ensureLoaded();
        int fd = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        assertTrue(fd >= 0, "eventfd: " + Libc.error(fd));
        try {
            byte[] one = count(1);
            assertEquals(-EINVAL, Libc.write(fd, one, 9));
            assertEquals(-EINVAL, Libc.write(fd, one, -1));
            assertEquals(-EINVAL, Libc.write(fd, one, Integer.MIN_VALUE));
            assertEquals(-EINVAL, Libc.write(fd, new byte[8], 1_000_000_000), "no 1 GB allocation");
            assertEquals(-EINVAL, Libc.write(fd, new byte[4096], 4097), "above the stack buffer too");
            assertEquals(-EFAULT, Libc.write(fd, null, 8));
            int[] pfd = {fd, Libc.POLLIN};
            assertEquals(0, Libc.poll(pfd, 1, 0), "none of those wrote");

            assertEquals(8, Libc.write(fd, one, 8));
            byte[] into = new byte[8];
            java.util.Arrays.fill(into, (byte) 0x5a);
            assertEquals(-EINVAL, Libc.read(fd, into, 9));
            assertEquals(-EINVAL, Libc.read(fd, into, -8));
            assertEquals(-EINVAL, Libc.read(fd, into, Integer.MIN_VALUE));
            assertEquals(-EINVAL, Libc.read(fd, new byte[8], 1_000_000_000));
            assertEquals(-EINVAL, Libc.read(fd, new byte[4096], 4097));
            assertEquals(-EFAULT, Libc.read(fd, null, 8));
            for (byte b : into) {
                assertEquals((byte) 0x5a, b, "a rejected read copies nothing");
            }
            pfd[1] = Libc.POLLIN;
            assertEquals(1, Libc.poll(pfd, 1, 0), "none of those read the count");
            assertEquals(8, Libc.read(fd, into, 8));
            assertEquals(1, ByteBuffer.wrap(into).order(ByteOrder.nativeOrder()).getLong());
            assertEquals(-EBADF, Libc.read(-1, into, 8));
            assertEquals(-EBADF, Libc.write(-1, into, 8));
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    /**
     * recvfrom gives the datagram, the sender's struct sockaddr and its length; -EAGAIN when nothing is queued
     * (and then leaves the address length alone).
     */
    @Test
    void recvfromGivesTheDatagramAndItsSender() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int receiver = boundUdp(loopback);
        int sender = -1;
        try {
            sender = boundUdp(loopback);
            byte[] to = localAddress(receiver);
            byte[] fromExpected = localAddress(sender);
            byte[] payload = "recvfrom over loopback".getBytes(StandardCharsets.US_ASCII);
            assertEquals(payload.length, Libc.sendto(sender, payload, payload.length, 0, to, to.length));
            int[] pfd = {receiver, Libc.POLLIN};
            assertEquals(1, Libc.poll(pfd, 1, 2000));

            byte[] buf = new byte[512];
            byte[] from = new byte[128];
            int[] fromLength = {from.length};
            assertEquals(payload.length, Libc.recvfrom(receiver, buf, buf.length, Libc.MSG_DONTWAIT, from, fromLength));
            assertArrayEquals(payload, java.util.Arrays.copyOf(buf, payload.length));
            assertEquals(16, fromLength[0], "a struct sockaddr_in");
            assertEquals(loopback, SocketAddress.decode(from, 0, fromLength[0]));
            assertArrayEquals(java.util.Arrays.copyOf(fromExpected, 8), java.util.Arrays.copyOf(from, 8),
                    "family, the sender's port and address");

            int[] untouched = {from.length};
            assertEquals(-Libc.EAGAIN, Libc.recvfrom(receiver, buf, buf.length, Libc.MSG_DONTWAIT, from, untouched));
            assertEquals(from.length, untouched[0]);

            // a datagram longer than the length asked for is cut there; an address array shorter than the sender's
            // address gets its first bytes, and the length says how long the whole address was
            assertEquals(payload.length, Libc.sendto(sender, payload, payload.length, 0, to, to.length));
            pfd[1] = Libc.POLLIN;
            assertEquals(1, Libc.poll(pfd, 1, 2000));
            byte[] cut = new byte[16];
            java.util.Arrays.fill(cut, (byte) 0x5a);
            byte[] shortFrom = new byte[8];
            java.util.Arrays.fill(shortFrom, (byte) 0x5a);
            int[] shortLength = {4};
            assertEquals(6, Libc.recvfrom(receiver, cut, 6, 0, shortFrom, shortLength));
            assertArrayEquals(java.util.Arrays.copyOf(payload, 6), java.util.Arrays.copyOf(cut, 6));
            assertEquals((byte) 0x5a, cut[6], "nothing past the length");
            assertEquals(16, shortLength[0]);
            assertArrayEquals(java.util.Arrays.copyOf(fromExpected, 4), java.util.Arrays.copyOf(shortFrom, 4));
            assertArrayEquals(new byte[] {0x5a, 0x5a, 0x5a, 0x5a}, java.util.Arrays.copyOfRange(shortFrom, 4, 8),
                    "nothing past addressLength[0]");
            assertEquals(-Libc.EAGAIN, Libc.recvfrom(receiver, buf, buf.length, Libc.MSG_DONTWAIT, from, fromLength),
                    "the rest of the cut datagram is gone");
        } finally {
            assertEquals(0, Libc.close(receiver));
            if (sender >= 0) {
                assertEquals(0, Libc.close(sender));
            }
        }
    }

    /** Every invalid length or address array makes recvfrom return -EINVAL without receiving anything. */
    @Test
    void recvfromRejectsLengthsOutsideTheirArrays() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int fd = boundUdp(loopback);
        try {
            byte[] self = localAddress(fd);
            byte[] payload = {1, 2, 3};
            assertEquals(3, Libc.sendto(fd, payload, 3, 0, self, self.length));
            int[] pfd = {fd, Libc.POLLIN};
            assertEquals(1, Libc.poll(pfd, 1, 2000));

            byte[] buf = new byte[16];
            byte[] from = new byte[28];
            int[] len = {28};
            int f = Libc.MSG_DONTWAIT;
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, 17, f, from, len), "length beyond the buffer");
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, -1, f, from, len));
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, Integer.MIN_VALUE, f, from, len));
            assertEquals(-EINVAL, Libc.recvfrom(fd, new byte[16], 1_000_000_000, f, from, len), "no 1 GB allocation");
            assertEquals(-EINVAL, Libc.recvfrom(fd, new byte[4096], 4097, f, from, len), "above the stack buffer too");
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, 16, f, from, null), "no address length");
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, 16, f, from, new int[0]), "an empty address length");
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, 16, f, from, new int[] {29}), "beyond the address array");
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, 16, f, from, new int[] {-1}));
            assertEquals(-EINVAL, Libc.recvfrom(fd, buf, 16, f, null, new int[] {0}), "no address array");
            assertEquals(-EFAULT, Libc.recvfrom(fd, null, 16, f, from, len), "no buffer");
            assertEquals(28, len[0], "rejected calls leave the length alone");
            assertArrayEquals(new byte[16], buf, "and copy nothing");
            assertArrayEquals(new byte[28], from);

            assertEquals(3, Libc.recvfrom(fd, buf, 16, f, from, len), "the datagram is still queued");
            assertArrayEquals(payload, java.util.Arrays.copyOf(buf, 3));
            assertEquals(16, len[0]);
            assertArrayEquals(java.util.Arrays.copyOf(self, 8), java.util.Arrays.copyOf(from, 8));
            assertEquals(-EBADF, Libc.recvfrom(-1, buf, 16, f, from, len));
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    /**
     * With MSG_TRUNC recvfrom(2) returns the datagram's whole length, longer than what it copied: the library must
     * still copy at most {@code length} bytes into the array (never past it, never bytes it did not receive).
     */
    @Test
    void recvfromWithMsgTruncCopiesOnlyTheLengthAsked() throws Exception {
        final int msgTrunc = 0x20;
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int fd = boundUdp(loopback);
        try {
            byte[] self = localAddress(fd);
            byte[] payload = new byte[100];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i + 1);
            }
            byte[] from = new byte[16];
            int[] len = {16};
            for (int arrayLength : new int[] {64, 8}) {
                assertEquals(100, Libc.sendto(fd, payload, 100, 0, self, self.length));
                int[] pfd = {fd, Libc.POLLIN};
                assertEquals(1, Libc.poll(pfd, 1, 2000));
                byte[] buf = new byte[arrayLength];
                java.util.Arrays.fill(buf, (byte) 0x5a);
                int n = Libc.recvfrom(fd, buf, 8, msgTrunc, from, len); // an 8-byte array: AIOOBE past it
                assertEquals(100, n, "MSG_TRUNC: the datagram's real length");
                assertArrayEquals(java.util.Arrays.copyOf(payload, 8), java.util.Arrays.copyOf(buf, 8));
                for (int i = 8; i < arrayLength; i++) {
                    assertEquals((byte) 0x5a, buf[i], "byte " + i + " of " + arrayLength + ", past the length");
                }
            }
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    /**
     * sendmmsg sends each message of the batch as its own datagram, in order, from where the offset and the lengths
     * say in the direct buffer (here a socket connected to itself over loopback).
     */
    @Test
    void sendmmsgSendsEachMessageOfTheBatchInOrder() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int fd = boundUdp(loopback);
        try {
            byte[] self = localAddress(fd);
            ByteBuffer frames = ByteBuffer.allocateDirect(64);
            frames.put(new byte[] {9, 9, 9}); // before the offset: not sent
            byte[][] messages = {{1, 2, 3}, {4}, {5, 6, 7, 8, 9, 10, 11}};
            for (byte[] m : messages) {
                frames.put(m);
            }
            int[] lengths = {99, 3, 1, 7}; // from index 1
            assertEquals(-89 /* EDESTADDRREQ */, Libc.sendmmsg(fd, frames, 3, lengths, 1, 3), "no destination yet");
            assertEquals(0, Libc.connect(fd, self, self.length));
            assertEquals(3, Libc.sendmmsg(fd, frames, 3, lengths, 1, 3));
            byte[] buf = new byte[64];
            byte[] from = new byte[16];
            for (byte[] m : messages) {
                int[] pfd = {fd, Libc.POLLIN};
                assertEquals(1, Libc.poll(pfd, 1, 2000));
                int[] len = {16};
                assertEquals(m.length, Libc.recvfrom(fd, buf, buf.length, Libc.MSG_DONTWAIT, from, len));
                assertArrayEquals(m, java.util.Arrays.copyOf(buf, m.length));
            }
            assertEquals(-Libc.EAGAIN, Libc.recvfrom(fd, buf, buf.length, Libc.MSG_DONTWAIT, from, new int[] {16}),
                    "three datagrams, no more");
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    /** Every invalid batch makes sendmmsg return -EINVAL without sending anything. */
    @Test
    void sendmmsgRejectsBatchesOutsideItsBuffers() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int fd = boundUdp(loopback);
        try {
            byte[] self = localAddress(fd);
            assertEquals(0, Libc.connect(fd, self, self.length));
            ByteBuffer frames = ByteBuffer.allocateDirect(16);
            int[] lengths = new int[300];
            java.util.Arrays.fill(lengths, 1);
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, lengths, 0, 0), "no message");
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, lengths, 0, Libc.MAX_BATCH + 1), "above the cap");
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, lengths, 299, 2), "beyond the lengths");
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, lengths, -1, 1));
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, null, 0, 1));
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, lengths, 0, 17), "17 bytes in a 16-byte buffer");
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 16, lengths, 0, 1), "past its end");
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, -1, lengths, 0, 1));
            assertEquals(-EINVAL, Libc.sendmmsg(fd, frames, 0, new int[] {-1}, 0, 1));
            assertEquals(-EINVAL, Libc.sendmmsg(fd, ByteBuffer.allocate(16), 0, lengths, 0, 1), "not direct");
            assertEquals(-EINVAL, Libc.sendmmsg(fd, null, 0, lengths, 0, 1));
            int[] pfd = {fd, Libc.POLLIN};
            assertEquals(0, Libc.poll(pfd, 1, 0), "none of those sent");
            assertEquals(16, Libc.sendmmsg(fd, frames, 0, lengths, 0, 16), "sixteen 1-byte datagrams fit");
            assertEquals(-EBADF, Libc.sendmmsg(-1, frames, 0, lengths, 0, 1));
        } finally {
            assertEquals(0, Libc.close(fd));
        }
    }

    /** A native-order 64-bit count, as an eventfd takes it. */
    private static byte[] count(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, n).array();
    }

    /** A UDP socket bound to {@code address} and a kernel-chosen port. */
    private static int boundUdp(InetAddress address) {
        Libc.ensureLoaded();
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        assertTrue(fd >= 0, "socket: " + Libc.error(fd));
        byte[] at = SocketAddress.encode(address, 0);
        int r = Libc.bind(fd, at, at.length);
        if (r != 0) {
            Libc.close(fd);
        }
        assertEquals(0, r, "bind");
        return fd;
    }

    /** The socket's struct sockaddr_in (getsockname). */
    private static byte[] localAddress(int fd) {
        byte[] sa = new byte[16];
        int[] len = {16};
        assertEquals(0, Libc.getsockname(fd, sa, len));
        assertEquals(16, len[0]);
        return sa;
    }

    private static long nanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
