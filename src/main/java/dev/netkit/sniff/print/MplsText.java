package dev.netkit.sniff.print;

import dev.netkit.packet.LinkType;
import dev.netkit.sniff.SniffedPacket;

import java.util.Arrays;

/**
 * An MPLS label stack (RFC 3032) as tcpdump's print-mpls.c prints it: each entry's label, traffic class, bottom
 * of stack and TTL, then the payload the label or its first nibble says: IPv4 or IPv6 through their printers,
 * anything else as tcpdump's default hex and ASCII.
 */
final class MplsText {
    /** tcpdump's mpls_labelname: the reserved labels 0-15 (RFC 3032 section 2.1, RFC 7274), named with -v. */
    private static final String[] RESERVED = {"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL",
            "implicit NULL"};

    private MplsText() {
    }

    /** The stack at {@code from} in {@code d} (captured to {@code end}), {@code length} bytes on the wire. */
    static void print(TcpdumpText text, SniffedPacket p, StringBuilder b, byte[] d, int from, int end, int length) {
        b.append("MPLS");
        int at = from;
        int depth = 0;
        long entry;
        do {
            if (length < 4) {
                b.append(" (invalid)");
                return;
            }
            if (at + 4 > end) {
                b.append(" [|mpls]");
                return;
            }
            entry = (d[at] & 0xffL) << 24 | (d[at + 1] & 0xff) << 16 | (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff);
            int label = (int) (entry >>> 12);
            b.append(depth > 0 && text.verbose > 0 ? "\n\t" : " ").append("(label ").append(label);
            depth++;
            if (text.verbose > 0 && label < 16) {
                b.append(" (").append(label < RESERVED.length ? RESERVED[label] : "rsvd").append(')');
            }
            b.append(", tc ").append((entry >> 9) & 7);
            if ((entry & 0x100) != 0) {
                b.append(", [S]");
            }
            b.append(", ttl ").append(entry & 0xff).append(')');
            at += 4;
            length -= 4;
        } while ((entry & 0x100) == 0);
        int label = (int) (entry >>> 12);
        LinkType type;
        if (label == 0 || label == 3) {
            type = LinkType.IPV4;
        } else if (label == 2) {
            type = LinkType.IPV6;
        } else {
            if (length < 1) {
                return;
            }
            int first = at < end ? d[at] & 0xff : 0;
            type = first >= 0x45 && first <= 0x4f ? LinkType.IPV4 : first >= 0x60 && first <= 0x6f ? LinkType.IPV6
                    : null;
        }
        if (type == null) {
            text.defaultPrint(b, d, at);
            return;
        }
        b.append(text.verbose > 0 ? "\n\t" : " ");
        byte[] inner = Arrays.copyOfRange(d, Math.min(at, end), end);
        text.innerBytes(p, b, inner, Math.max(length, inner.length), type);
    }
}
