package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.VrrpMessage;

/**
 * tcpdump's VRRP text (print-vrrp.c; VRRPv2 RFC 3768, VRRPv3 RFC 5798 over IPv4 and IPv6): version and type, the
 * TTL when it is not 255, the router id, priority, authentication (v2) and interval; with -v a bad checksum, the
 * virtual addresses and a simple password. Where the capture ends the text ends with {@code [|vrrp]}.
 */
final class VrrpText {
    static final int PROTOCOL = 112;

    private VrrpText() {
    }

    /**
     * The VRRP message at {@code [off, end)} of the frame: {@code length} is the IP payload's length, {@code ttl}
     * the IP TTL or hop limit, {@code v6} whether the addresses are IPv6 ones, {@code checksum} the check tcpdump
     * makes with -v over the whole message (0 when right, -1 when not computable, as Checksums returns it).
     */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int ttl, boolean v6,
            java.util.function.IntSupplier checksum, int verbose) {
        VrrpMessage m = new VrrpMessage(d, off, end, v6);
        b.append("VRRP");
        try {
            body(b, m, length, ttl, v6, checksum, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|vrrp]");
        }
    }

    private static void body(StringBuilder b, VrrpMessage m, int length, int ttl, boolean v6,
            java.util.function.IntSupplier checksum, int verbose) {
        int version = m.version();
        int type = m.type();
        b.append('v').append(version).append(", ");
        if (type == VrrpMessage.TYPE_ADVERTISEMENT) {
            b.append("Advertisement");
        } else {
            b.append("unknown type (").append(type).append(')');
        }
        if (ttl != 255) {
            b.append(", (ttl ").append(ttl).append(')');
        }
        if (version < 2 || version > 3 || type != VrrpMessage.TYPE_ADVERTISEMENT) {
            return;
        }
        int vrid = m.virtualRouterId();
        int priority = m.priority();
        b.append(", vrid ").append(vrid).append(", prio ").append(priority);
        int authType = 0;
        if (version == 2) {
            authType = m.authenticationType();
            b.append(", authtype ").append(authType == VrrpMessage.AUTH_NONE ? "none"
                    : authType == VrrpMessage.AUTH_SIMPLE ? "simple" : authType == VrrpMessage.AUTH_AH ? "ah"
                    : "#" + authType);
            int interval = m.interval();
            b.append(", intvl ").append(interval).append("s, length ").append(length);
        } else {
            int interval = m.interval();
            b.append(", intvl ").append(interval).append("cs, length ").append(length);
        }
        if (verbose == 0) {
            return;
        }
        int count = m.addressCount();
        // tcpdump checks the sum only over a message captured whole
        if (m.length() >= length && checksum.getAsInt() > 0) {
            int field = m.checksum();
            b.append(", (bad vrrp cksum ").append(Integer.toHexString(field)).append(')');
        }
        b.append(", addrs");
        if (count > 1) {
            b.append('(').append(count).append(')');
        }
        b.append(':');
        char separator = ' ';
        for (int i = 0; i < count; i++) {
            byte[] a = m.address(i);
            b.append(separator);
            if (v6) {
                AddressText.ipv6(b, a, 0);
            } else {
                AddressText.ipv4(b, a, 0);
            }
            separator = ',';
        }
        if (version == 2 && authType == VrrpMessage.AUTH_SIMPLE) {
            b.append(" auth \"");
            for (int i = 0; i < VrrpMessage.AUTH_DATA_LENGTH; i++) {
                int c = m.authenticationByte(i);
                if (c == 0) {
                    break;
                }
                WireString.character(b, c);
            }
            b.append('"');
        }
    }
}
