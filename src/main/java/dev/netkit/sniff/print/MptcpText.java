package dev.netkit.sniff.print;

import dev.netkit.packet.MptcpOption;
import dev.netkit.packet.TcpHeader;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * tcpdump's text for a Multipath TCP option (print-mptcp.c): {@code mptcp LENGTH SUBTYPE} and the subtype's
 * fields. A length its subtype cannot have (for the segment's SYN and ACK flags) makes it false, and the TCP
 * printer then ends the line with {@code [bad opt]} as tcpdump does.
 */
final class MptcpText {
    private static final String[] SUBTYPES = {"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail",
            "fast-close", "tcprst", "unknown"};
    /** MP_TCPRST's flag letters, from bit 3 down (print-mptcp.c's order). */
    private static final String RESET_FLAGS = "UVWT";
    private static final String[] RESET_REASONS = {"Unspecified error", "MPTCP-specific error", "Lack of resources",
            "Administratively prohibited", "Too much outstanding data", "Unacceptable performance",
            "Middlebox interference"};

    private MptcpText() {
    }

    static boolean print(StringBuilder b, MptcpOption o, int tcpFlags) {
        int len = o.optionLength();
        if (len < 3) {
            return false;
        }
        int subtype = Math.min(o.subtype(), SUBTYPES.length - 1);
        b.append(' ').append(len).append(' ').append(SUBTYPES[subtype]);
        boolean syn = (tcpFlags & TcpHeader.SYN) != 0;
        boolean ack = (tcpFlags & TcpHeader.ACK) != 0;
        return switch (subtype) {
            case MptcpOption.CAPABLE -> capable(b, o, len, syn, ack);
            case MptcpOption.JOIN -> join(b, o, len, syn, ack);
            case MptcpOption.DSS -> dss(b, o, len, syn);
            case MptcpOption.ADD_ADDR -> addAddress(b, o, len);
            case MptcpOption.REMOVE_ADDR -> {
                if (len < 4) {
                    yield false;
                }
                b.append(" id");
                for (int i = 3; i < len; i++) {
                    b.append(' ').append(o.byteAt(i));
                }
                yield true;
            }
            case MptcpOption.PRIO -> {
                if (len != 3 && len != 4) {
                    yield false;
                }
                b.append((o.byteAt(2) & 1) != 0 ? " backup" : " non-backup");
                if (len == 4) {
                    b.append(" id ").append(o.byteAt(3));
                }
                yield true;
            }
            case MptcpOption.FAIL, MptcpOption.FAST_CLOSE -> {
                if (len != 12) {
                    yield false;
                }
                long v = o.u64At(4);
                b.append(subtype == MptcpOption.FAIL ? " seq " + Long.toUnsignedString(v)
                        : " key 0x" + Long.toHexString(v));
                yield true;
            }
            case MptcpOption.TCP_RESET -> {
                if (len != 4) {
                    yield false;
                }
                StringBuilder flags = new StringBuilder();
                for (int i = 0; i < RESET_FLAGS.length(); i++) {
                    if ((o.byteAt(2) & (8 >> i)) != 0) {
                        flags.append(RESET_FLAGS.charAt(i));
                    }
                }
                int reason = o.byteAt(3);
                b.append(" flags [").append(flags.isEmpty() ? "none" : flags).append("] reason ")
                        .append(reason < RESET_REASONS.length ? RESET_REASONS[reason]
                                : String.format("unknown (0x%02x)", reason));
                yield true;
            }
            default -> true;
        };
    }

    private static boolean capable(StringBuilder b, MptcpOption o, int len, boolean syn, boolean ack) {
        if (!((len == 12 || len == 4) && syn) && !((len == 20 || len == 22) && ack && !syn)) {
            return false;
        }
        int version = o.byteAt(2) & 0xf;
        if (version > 1) {
            b.append(" Unknown Version (").append(version).append(')');
            return true;
        }
        b.append(" v").append(version);
        if ((o.byteAt(3) & MptcpOption.CAPABLE_CHECKSUM) != 0) {
            b.append(" csum");
        }
        if (len == 12 || len >= 20) {
            b.append(" {0x").append(Long.toHexString(o.u64At(4)));
            if (len >= 20) {
                b.append(",0x").append(Long.toHexString(o.u64At(12)));
            }
            b.append('}');
        }
        return true;
    }

    private static boolean join(StringBuilder b, MptcpOption o, int len, boolean syn, boolean ack) {
        if (!(len == 12 && syn) && !(len == 16 && syn && ack) && !(len == 24 && ack)) {
            return false;
        }
        if (len != 24) {
            if ((o.byteAt(2) & 1) != 0) {
                b.append(" backup");
            }
            b.append(" id ").append(o.byteAt(3));
        }
        switch (len) {
            case 12 -> b.append(" token 0x").append(Long.toHexString(o.u32At(4))).append(" nonce 0x")
                    .append(Long.toHexString(o.u32At(8)));
            case 16 -> b.append(" hmac 0x").append(Long.toHexString(o.u64At(4))).append(" nonce 0x")
                    .append(Long.toHexString(o.u32At(12)));
            default -> {
                b.append(" hmac 0x");
                for (byte x : o.bytesAt(4, 20)) {
                    AddressText.hex2(b, x);
                }
            }
        }
        return true;
    }

    private static boolean dss(StringBuilder b, MptcpOption o, int len, boolean syn) {
        if (len < 4 || syn) {
            return false;
        }
        int flags = o.byteAt(3);
        if ((flags & MptcpOption.DSS_FIN) != 0) {
            b.append(" fin");
        }
        int at = 4;
        if ((flags & MptcpOption.DSS_ACK) != 0) {
            b.append(" ack ");
            int n = (flags & MptcpOption.DSS_ACK8) != 0 ? 8 : 4;
            if (len - at < n) {
                return false;
            }
            b.append(n == 8 ? Long.toUnsignedString(o.u64At(at)) : Long.toString(o.u32At(at)));
            at += n;
        }
        if ((flags & MptcpOption.DSS_DSN) != 0) {
            b.append(" seq ");
            int n = (flags & MptcpOption.DSS_DSN8) != 0 ? 8 : 4;
            if (len - at < n) {
                return false;
            }
            b.append(n == 8 ? Long.toUnsignedString(o.u64At(at)) : Long.toString(o.u32At(at)));
            at += n;
            if (len - at < 4) {
                return false;
            }
            b.append(" subseq ").append(o.u32At(at));
            at += 4;
            if (len - at < 2) {
                return false;
            }
            b.append(" len ").append(o.u16At(at));
            at += 2;
            if (len - at >= 2) {
                b.append(" csum 0x").append(Integer.toHexString(o.u16At(at)));
                at += 2;
            }
        }
        return at == len;
    }

    private static boolean addAddress(StringBuilder b, MptcpOption o, int len) {
        boolean v4 = len == 8 || len == 10 || len == 16 || len == 18;
        boolean v6 = len == 20 || len == 22 || len == 28 || len == 30;
        if (!v4 && !v6) {
            return false;
        }
        b.append(' ').append(switch (o.byteAt(2) & 0xf) {
            case 0x6 -> "v0-ip6";
            case 0x4 -> "v0-ip4";
            case 0x1 -> "v1-echo";
            case 0x0 -> "v1";
            default -> "[bad version/echo]";
        });
        b.append(" id ").append(o.byteAt(3));
        int size = v4 ? 4 : 16;
        AddressText.ip(b.append(' '), address(o.bytesAt(4, size)));
        int after = 4 + size;
        boolean port = len == after + 2 || len == after + 10;
        if (port) {
            b.append(':').append(o.u16At(after));
            after += 2;
        }
        if (len == after + 8) {
            b.append(" hmac 0x").append(Long.toHexString(o.u64At(after)));
        }
        return true;
    }

    private static InetAddress address(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
