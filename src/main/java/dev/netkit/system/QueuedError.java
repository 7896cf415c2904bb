package dev.netkit.system;

import java.net.InetAddress;

/**
 * One entry of a socket's error queue (IP_RECVERR, ip(7)): struct sock_extended_err and the address of the
 * node that sent the ICMP error (SO_EE_OFFENDER), or null when the entry carries none.
 */
public record QueuedError(int errno, int origin, int type, int code, long info, InetAddress offender) {

    /** The entry from the control message's bytes (struct sock_extended_err, then the offender's sockaddr). */
    public static QueuedError parse(byte[] ee) {
        int errno = (ee[0] & 0xff) | (ee[1] & 0xff) << 8 | (ee[2] & 0xff) << 16 | (ee[3] & 0xff) << 24;
        long info = (ee[8] & 0xff) | (ee[9] & 0xff) << 8 | (ee[10] & 0xff) << 16 | (long) (ee[11] & 0xff) << 24;
        InetAddress offender = ee.length >= 16 + 8 ? SocketAddress.decode(ee, 16, ee.length - 16) : null;
        return new QueuedError(errno, ee[4] & 0xff, ee[5] & 0xff, ee[6] & 0xff, info, offender);
    }

    /** True when an ICMP or ICMPv6 message caused it (not a local error). */
    public boolean fromIcmp() {
        return origin == Libc.SO_EE_ORIGIN_ICMP || origin == Libc.SO_EE_ORIGIN_ICMP6;
    }
}
