package dev.netkit.system;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** struct sockaddr_in / sockaddr_in6 as bytes, for the socket calls of {@link Libc}. */
public final class SocketAddress {
    private SocketAddress() {
    }

    public static byte[] encode(InetAddress address, int port) {
        boolean v6 = address instanceof Inet6Address;
        byte[] sa = new byte[v6 ? 28 : 16];
        int family = v6 ? Libc.AF_INET6 : Libc.AF_INET;
        sa[0] = (byte) family; // sa_family is host order (little-endian here)
        sa[1] = (byte) (family >> 8);
        sa[2] = (byte) (port >> 8);
        sa[3] = (byte) port;
        byte[] a = address.getAddress();
        if (v6) {
            System.arraycopy(a, 0, sa, 8, 16);
            int scope = ((Inet6Address) address).getScopeId();
            sa[24] = (byte) scope;
            sa[25] = (byte) (scope >> 8);
            sa[26] = (byte) (scope >> 16);
            sa[27] = (byte) (scope >> 24);
        } else {
            System.arraycopy(a, 0, sa, 4, 4);
        }
        return sa;
    }

    /** The address in a sockaddr, or null when it is neither IPv4 nor IPv6 or too short. */
    public static InetAddress decode(byte[] b, int offset, int length) {
        if (length < 8) {
            return null;
        }
        int family = (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
        try {
            if (family == Libc.AF_INET && length >= 8) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, offset + 4, offset + 8));
            }
            if (family == Libc.AF_INET6 && length >= 24) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, offset + 8, offset + 24));
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }
}
