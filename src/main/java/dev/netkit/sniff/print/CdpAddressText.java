package dev.netkit.sniff.print;

import dev.netkit.packet.MessageBytes;

/**
 * The address TLVs of CDP as tcpdump prints them (print-cdp.c): a count, then per address its protocol (an NLPID
 * for IPv4, an LLC/SNAP header for IPv6, anything else in hex) and the address; IPv4 prefixes with their lengths.
 */
final class CdpAddressText {
    private static final byte[] SNAP_IPV6 = {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0, (byte) 0x86, (byte) 0xdd};

    private CdpAddressText() {
    }

    static void addresses(StringBuilder b, MessageBytes m, int at, int l) {
        if (l < 4) {
            b.append(" (not enough space for num)");
            m.need(at, l);
            return;
        }
        long num = m.u32At(at);
        int p = at + 4;
        l -= 4;
        while (num != 0) {
            if (l < 2) {
                b.append(" (not enough space for PT+PL)");
                m.need(p, l);
                return;
            }
            int pt = m.byteAt(p);
            int pl = m.byteAt(p + 1);
            p += 2;
            l -= 2;
            if (l < pl + 2) {
                b.append(" (not enough space for P+AL)");
                m.need(p, l);
                return;
            }
            int al = m.u16At(p + pl);
            boolean ipv4 = pt == 1 && pl == 1 && m.byteAt(p) == 0xcc && al == 4;
            boolean ipv6 = pt == 2 && pl == 8 && java.util.Arrays.equals(m.bytesAt(p, 8), SNAP_IPV6) && al == 16;
            if (!ipv4 && !ipv6) {
                b.append(String.format("pt=0x%02x, pl=%d, pb=", pt, pl));
                for (int i = 0; i < pl; i++) {
                    b.append(String.format(" %02x", m.byteAt(p + i)));
                }
                b.append(", al=").append(al).append(", a=");
            }
            p += pl + 2;
            l -= pl + 2;
            if (l < al) {
                b.append(" (not enough space for A)");
                m.need(p, l);
                return;
            }
            if (ipv4) {
                AddressText.ipv4(b.append("IPv4 (").append(num).append(") "), m.bytesAt(p, 4), 0);
            } else if (ipv6) {
                AddressText.ipv6(b.append("IPv6 (").append(num).append(") "), m.bytesAt(p, 16), 0);
            } else {
                for (int i = 0; i < al; i++) {
                    b.append(String.format(" %02x", m.byteAt(p + i)));
                }
            }
            p += al;
            l -= al;
            num--;
            if (num != 0) {
                b.append(' ');
            }
        }
        if (l != 0) {
            b.append(" (").append(l).append(" bytes of stray data)");
        }
    }

    static void prefixes(StringBuilder b, MessageBytes m, int at, int l) {
        if (l % 5 != 0) {
            b.append(" [length ").append(l).append(" is not a multiple of 5]");
            m.need(at, l);
            return;
        }
        b.append(" IPv4 Prefixes (").append(l / 5).append("):");
        for (int p = at; p < at + l; p += 5) {
            b.append(' ').append(m.byteAt(p)).append('.').append(m.byteAt(p + 1)).append('.').append(m.byteAt(p + 2))
                    .append('.').append(m.byteAt(p + 3)).append('/').append(m.byteAt(p + 4));
        }
    }
}
