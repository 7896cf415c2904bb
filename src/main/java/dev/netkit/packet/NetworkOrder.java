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
