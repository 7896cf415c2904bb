package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.RouterRenumberingMessage;

/**
 * tcpdump's router renumbering text (print-icmp6.c, RFC 2894): the code and sequence number, then a command's
 * match-prefix part and its use-prefix parts; -v adds flags, segment, delays, ordinals and lifetimes. Where the
 * capture ends the text says {@code [|icmp6]}.
 */
final class Icmp6RenumberingText {
    private Icmp6RenumberingText() {
    }

    /** The text after "router renumbering"; false when the capture ended inside the message. */
    static boolean print(StringBuilder b, RouterRenumberingMessage m, int verbose) {
        try {
            return body(b, m, verbose);
        } catch (MalformedPacketException e) {
            return false;
        }
    }

    private static boolean body(StringBuilder b, RouterRenumberingMessage m, int verbose) {
        long reserved = m.reserved(); // the header's last field: nothing is printed unless it all came
        int code = m.code();
        b.append(switch (code) {
            case 0 -> ", command";
            case 1 -> ", result";
            case 255 -> ", sequence number reset";
            default -> ", code-#" + code;
        });
        b.append(", seq=").append(m.sequenceNumber());
        if (verbose > 0) {
            int flags = m.flags();
            b.append('[');
            if (flags != 0) {
                String[] names = {"T", "R", "A", "S", "P"};
                for (int i = 0; i < names.length; i++) {
                    if ((flags & (0x80 >> i)) != 0) {
                        b.append(names[i]);
                    }
                }
                b.append(',');
            }
            b.append("seg=").append(m.segmentNumber()).append(',').append("maxdelay=").append(m.maxDelay());
            if (reserved != 0) {
                b.append("rsvd=0x").append(Long.toHexString(reserved));
            }
            b.append(']');
        }
        if (code != RouterRenumberingMessage.COMMAND) {
            return true;
        }
        RouterRenumberingMessage.MatchPrefix match = m.matchPrefix();
        b.append(verbose > 1 ? "\n\t" : " ").append("match(");
        int op = match.opCode();
        b.append(op == 1 ? "add" : op == 2 ? "change" : op == 3 ? "setglobal" : "#" + op);
        if (verbose > 0) {
            b.append(",ord=").append(match.ordinal()).append(",min=").append(match.minLength()).append(",max=")
                    .append(match.maxLength());
        }
        AddressText.ipv6(b.append(','), match.prefix(), 0).append('/').append(match.matchLength()).append(')');
        int uses = match.useCount();
        if (uses < 0) {
            return false;
        }
        for (int k = 0; k < uses; k++) {
            use(b, m.usePrefix(k), verbose);
        }
        return true;
    }

    private static void use(StringBuilder b, RouterRenumberingMessage.UsePrefix u, int verbose) {
        b.append(verbose > 1 ? "\n\t" : " ").append("use(");
        int flags = u.flags();
        if (flags != 0) {
            b.append((flags & 0x80) != 0 ? "V" : "").append((flags & 0x40) != 0 ? "P" : "").append(',');
        }
        if (verbose > 0) {
            b.append("mask=0x").append(Integer.toHexString(u.flagMask())).append(",raflags=0x")
                    .append(Integer.toHexString(u.raFlags())).append(',');
            lifetime(b, "vltime=", u.validLifetime());
            lifetime(b, "pltime=", u.preferredLifetime());
        }
        AddressText.ipv6(b, u.prefix(), 0).append('/').append(u.useLength()).append('/').append(u.keepLength())
                .append(')');
    }

    private static void lifetime(StringBuilder b, String name, long v) {
        b.append(name).append(v == 0xffffffffL ? "infty" : String.valueOf(v)).append(',');
    }
}
