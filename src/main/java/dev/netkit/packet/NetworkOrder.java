package dev.netkit.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Big-endian reads and writes of unsigned fields (RFC 1700 "network byte order"); callers check bounds. */
final class NetworkOrder {
    private NetworkOrder() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    static void put8(byte[] b, int i, int v) {
        b[i] = (byte) v;
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        put16(b, i, (int) (v >>> 16));
        put16(b, i + 2, (int) v);
    }

    /** Reads one address at an offset: {@link #ipv4} or {@link #ipv6}. */
    interface AddressReader<A extends InetAddress> {
        A read(byte[] b, int i);
    }

    /**
     * Up to {@code count} addresses of {@code size} bytes from {@code at}, as many as end before {@code end}
     * (a source list that claims more than the packet holds is cut, not read past its end).
     */
    static <A extends InetAddress> java.util.List<A> addresses(byte[] b, int at, int count, int end, int size,
            AddressReader<A> read) {
        int fit = (int) Math.max(0, Math.min(count, (end - (long) at) / size));
        java.util.List<A> out = new java.util.ArrayList<>(fit);
        for (int i = 0; i < fit; i++) {
            out.add(read.read(b, at + size * i));
        }
        return java.util.List.copyOf(out);
    }

    static Inet4Address ipv4(byte[] b, int i) {
        byte[] a = new byte[4];
        System.arraycopy(b, i, a, 0, 4);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Inet6Address ipv6(byte[] b, int i) {
        byte[] a = new byte[16];
        System.arraycopy(b, i, a, 0, 16);
        try {
            // The scope form keeps ::ffff:a.b.c.d an Inet6Address instead of turning it into IPv4.
            return Inet6Address.getByAddress(null, a, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static void putAddress(byte[] b, int i, InetAddress a) {
        byte[] raw = a.getAddress();
        System.arraycopy(raw, 0, b, i, raw.length);
    }

    static byte[] copy(byte[] b, int i, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, i, out, 0, n);
        return out;
    }
}
