package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;

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
        MessageBytes m = new MessageBytes("vrrp", d, off, end);
        b.append("VRRP");
        try {
            body(b, m, length, ttl, v6, checksum, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|vrrp]");
        }
    }

    private static void body(StringBuilder b, MessageBytes m, int length, int ttl, boolean v6,
            java.util.function.IntSupplier checksum, int verbose) {
        int version = m.byteAt(0) >> 4;
        int type = m.byteAt(0) & 0x0f;
        b.append('v').append(version).append(", ");
        if (type == 1) {
            b.append("Advertisement");
        } else {
            b.append("unknown type (").append(type).append(')');
        }
        if (ttl != 255) {
            b.append(", (ttl ").append(ttl).append(')');
        }
        if (version < 2 || version > 3 || type != 1) {
            return;
        }
        int vrid = m.byteAt(1);
        int priority = m.byteAt(2);
        b.append(", vrid ").append(vrid).append(", prio ").append(priority);
        int authType = 0;
        if (version == 2) {
            authType = m.byteAt(4);
            b.append(", authtype ").append(authType == 0 ? "none" : authType == 1 ? "simple"
                    : authType == 2 ? "ah" : "#" + authType);
            int interval = m.byteAt(5);
            b.append(", intvl ").append(interval).append("s, length ").append(length);
        } else {
            int interval = (m.byteAt(4) & 0x0f) << 8 | m.byteAt(5);
            b.append(", intvl ").append(interval).append("cs, length ").append(length);
        }
        if (verbose == 0) {
            return;
        }
        int count = m.byteAt(3);
        // tcpdump checks the sum only over a message captured whole
        if (m.has(0, length) && checksum.getAsInt() > 0) {
            int field = m.u16At(6);
            b.append(", (bad vrrp cksum ").append(Integer.toHexString(field)).append(')');
        }
        b.append(", addrs");
        if (count > 1) {
            b.append('(').append(count).append(')');
        }
        b.append(':');
        char separator = ' ';
        int at = 8;
        for (int i = 0; i < count; i++) {
            byte[] a = m.bytesAt(at, v6 ? 16 : 4);
            b.append(separator);
            if (v6) {
                AddressText.ipv6(b, a, 0);
            } else {
                AddressText.ipv4(b, a, 0);
            }
            at += a.length;
            separator = ',';
        }
        if (version == 2 && authType == 1) {
            b.append(" auth \"");
            for (int i = 0; i < 8; i++) {
                int c = m.byteAt(at + i);
                if (c == 0) {
                    break;
                }
                WireString.character(b, c);
            }
            b.append('"');
        }
    }
}
