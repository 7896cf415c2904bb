package dev.netkit.sniff.print;

import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;
import dev.netkit.packet.MplsLabel;
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
        MplsLabel entry;
        do {
            if (length < 4) {
                b.append(" (invalid)");
                return;
            }
            try {
                entry = MplsLabel.parse(d, at, end);
            } catch (MalformedPacketException e) {
                b.append(" [|mpls]");
                return;
            }
            int label = entry.label();
            b.append(depth > 0 && text.verbose > 0 ? "\n\t" : " ").append("(label ").append(label);
            depth++;
            if (text.verbose > 0 && label < MplsLabel.RESERVED_LIMIT) {
                b.append(" (").append(label < RESERVED.length ? RESERVED[label] : "rsvd").append(')');
            }
            b.append(", tc ").append(entry.trafficClass());
            if (entry.bottomOfStack()) {
                b.append(", [S]");
            }
            b.append(", ttl ").append(entry.ttl()).append(')');
            at += MplsLabel.LENGTH;
            length -= MplsLabel.LENGTH;
        } while (!entry.bottomOfStack());
        int label = entry.label();
        LinkType type;
        if (label == MplsLabel.IPV4_EXPLICIT_NULL || label == MplsLabel.IMPLICIT_NULL) {
            type = LinkType.IPV4;
        } else if (label == MplsLabel.IPV6_EXPLICIT_NULL) {
            type = LinkType.IPV6;
        } else {
            if (length < 1) {
                return;
            }
            // the IP version and header length a payload starts with
            MessageBytes payload = new MessageBytes("mpls", d, at, end);
            int first = payload.has(0, 1) ? payload.byteAt(0) : 0;
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
