package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;

/**
 * tcpdump's RIP text (print-rip.c, RFC 1058 and RFC 2453 with RFC 4822's authentication; print-ripng.c, RFC 2080):
 * version, command and length; with -v each route entry and authentication entry; with -vv the message in hex too.
 * RIPng prints its routes on one line ({@code ripng-resp 2: ...}), one a line with -vv.
 */
final class RipText {
    static final int PORT = 520;
    static final int RIPNG_PORT = 521;
    private static final int ROUTE = 20;
    private static final String[] COMMANDS = {null, "Request", "Response", "Trace on", "Trace off", null,
            "Triggered Request", "Triggered Response", "Triggered Acknowledgement", "Update Request",
            "Update Response", "Update Acknowledge"};

    private RipText() {
    }

    /** The RIP message at {@code [off, end)} of the frame; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        MessageBytes m = new MessageBytes("rip", d, off, end);
        int len = Math.min(m.length(), length);
        if (len < 4) {
            TcpdumpText.trunc(b, "rip");
            return;
        }
        try {
            body(b, m, len - 4, length, verbose);
        } catch (MalformedPacketException e) {
            TcpdumpText.trunc(b, "rip");
        }
    }

    private static void body(StringBuilder b, MessageBytes m, int len, int length, int verbose) {
        int version = m.byteAt(1);
        int command = m.byteAt(0);
        b.append(verbose >= 1 ? "\n\t" : "").append("RIPv").append(version).append(", ")
                .append(command < COMMANDS.length && COMMANDS[command] != null ? COMMANDS[command]
                        : "unknown command (" + command + ")").append(", length: ").append(length);
        if (verbose < 1) {
            return;
        }
        if (command == 1 || command == 2) {
            if (version == 1 || version == 2) {
                b.append(", routes: ").append(length / ROUTE).append(version == 2 ? " or less" : "");
                entries(b, m, len, version);
            } else {
                b.append(", unknown version");
            }
        } else if (command < 3 || command > 11) {
            if (verbose <= 1) {
                m.need(0, length);
                HexDump.hex(b, m.buffer(), m.offset(), length);
            }
        }
        if (verbose > 1) {
            m.need(0, length);
            HexDump.hex(b, m.buffer(), m.offset(), length);
        }
    }

    private static void entries(StringBuilder b, MessageBytes m, int len, int version) {
        int at = 4;
        while (len != 0) {
            int size = version == 1 ? entryV1(b, m, at, len) : entryV2(b, m, at, len);
            if (size == 0) {
                TcpdumpText.trunc(b, "rip");
                return;
            }
            if (len < size) {
                b.append(" [remaining entries length ").append(len).append(" < ").append(size)
                        .append("] (invalid)");
                return;
            }
            at += size;
            len -= size;
        }
    }

    /** An RFC 1058 entry: its size, or 0 when it does not fit. */
    private static int entryV1(StringBuilder b, MessageBytes m, int at, int remaining) {
        if (remaining < ROUTE || !m.has(at, ROUTE)) {
            return 0;
        }
        int family = m.u16At(at);
        if (family != 2 && family != 0) {
            b.append("\n\t AFI ").append(family(family)).append(", ");
            dump(b, m, at + 4, ROUTE - 4);
            return ROUTE;
        }
        if (m.u16At(at + 2) != 0 || m.u32At(at + 8) != 0 || m.u32At(at + 12) != 0) {
            dump(b, m, at, ROUTE); // must-be-zero fields that are not
            return ROUTE;
        }
        b.append(family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
        AddressText.ipv4(b, m.bytesAt(at + 4, 4), 0).append(", metric: ").append(m.u32At(at + 16));
        return ROUTE;
    }

    /** An RFC 2453 entry or authentication entry: its size, or 0 when it does not fit. */
    private static int entryV2(StringBuilder b, MessageBytes m, int at, int remaining) {
        if (remaining < 4 || !m.has(at, 4)) {
            return 0;
        }
        int family = m.u16At(at);
        if (family == 0xffff) {
            int type = m.u16At(at + 2);
            int left = remaining - 4;
            switch (type) {
                case 2 -> {
                    b.append("\n\t  Simple Text Authentication data: ");
                    m.need(at + 4, 16);
                    WireString.appendUntilNul(b, m.buffer(), m.offset() + at + 4, 16, m.offset() + m.length());
                }
                case 3 -> {
                    if (!m.has(at + 4, 16) || left < 16) {
                        return 0;
                    }
                    b.append("\n\t  Auth header: Packet Len ").append(m.u16At(at + 4)).append(", Key-ID ")
                            .append(m.byteAt(at + 6)).append(", Auth Data Len ").append(m.byteAt(at + 7))
                            .append(", SeqNo ").append(m.u32At(at + 8)).append(", MBZ ").append(m.u32At(at + 12))
                            .append(", MBZ ").append(m.u32At(at + 16));
                }
                default -> {
                    b.append(type == 1 ? "\n\t  Auth trailer:" : "\n\t  Unknown (" + type + ") Authentication data:");
                    dump(b, m, at + 4, left);
                    return 4 + left; // the trailer, or what is not understood, runs to the end
                }
            }
        } else if (family != 2 && family != 0) {
            b.append("\n\t  AFI ").append(family(family));
            dump(b, m, at + 4, ROUTE - 4);
        } else {
            if (!m.has(at, ROUTE) || remaining < ROUTE) {
                return 0;
            }
            String address = AddressText.ipv4(new StringBuilder(), m.bytesAt(at + 4, 4), 0).toString();
            String prefix = Integer.toString(prefixLength(m.u32At(at + 8)));
            b.append("\n\t  AFI ").append(family == 2 ? "IPv4" : "0").append(", ")
                    .append(" ".repeat(Math.max(0, 15 - address.length()))).append(address).append('/')
                    .append(prefix).append(" ".repeat(Math.max(0, 2 - prefix.length())))
                    .append(String.format(", tag 0x%04x", m.u16At(at + 2))).append(", metric: ")
                    .append(m.u32At(at + 16)).append(", next-hop: ");
            if (m.u32At(at + 12) != 0) {
                AddressText.ipv4(b, m.bytesAt(at + 12, 4), 0);
            } else {
                b.append("self");
            }
        }
        return ROUTE;
    }

    /** A netmask's prefix length, or -1 when its ones are not contiguous (tcpdump's mask2plen). */
    private static int prefixLength(long mask) {
        int ones = Long.bitCount(mask);
        long contiguous = ones == 0 ? 0 : (0xffffffffL << (32 - ones)) & 0xffffffffL;
        return mask == contiguous ? ones : -1;
    }

    /** BSD address family numbers, as tcpdump names them. */
    private static String family(int family) {
        return switch (family) {
            case 2 -> "IPv4";
            case 6 -> "NS";
            case 7 -> "ISO";
            case 16 -> "Appletalk";
            case 23 -> "IPX";
            case 24, 28, 30 -> "IPv6";
            default -> "Unknown (" + family + ")";
        };
    }

    private static void dump(StringBuilder b, MessageBytes m, int at, int n) {
        int captured = Math.max(0, Math.min(n, m.length() - at));
        HexDump.hex(b, "\n\t  ", m.buffer(), m.offset() + at, captured);
        m.need(at, n);
    }

    /** A RIPng message (RFC 2080) at {@code [off, end)}; {@code length} is the UDP payload's length. */
    static void printNg(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        MessageBytes m = new MessageBytes("ripng", d, off, end);
        try {
            ng(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            TcpdumpText.trunc(b, "ripng");
        }
    }

    private static void ng(StringBuilder b, MessageBytes m, int length, int verbose) {
        int version = m.byteAt(1);
        if (version != 1) {
            b.append("ripng [version ").append(version).append(", must be 1] (invalid)");
            return;
        }
        int command = m.byteAt(0);
        if (command != 1 && command != 2) {
            b.append(" ripng-").append(command).append(" ?? ").append(length).append(" (invalid)");
            return;
        }
        if (length < 4) {
            b.append(" (invalid)");
            return;
        }
        int left = length - 4;
        int count = left / ROUTE;
        if (command == 1 && count == 1 && m.byteAt(4 + 19) == 16 && java.util.Arrays.equals(m.bytesAt(4, 16),
                new byte[16])) {
            b.append(" ripng-req dump");
            return;
        }
        b.append(command == 1 ? " ripng-req " : " ripng-resp ").append(count);
        if (count * ROUTE != left) {
            b.append('[').append(length).append(']');
        }
        b.append(':');
        for (int at = 4; left >= ROUTE; left -= ROUTE, at += ROUTE) {
            b.append(verbose > 1 ? "\n\t" : " ");
            AddressText.ipv6(b, m.bytesAt(at, 16), 0).append('/').append(m.byteAt(at + 18));
            int tag = m.u16At(at + 16);
            if (tag != 0) {
                b.append(" [").append(tag).append(']');
            }
            int metric = m.byteAt(at + 19);
            if (metric != 0 && command == 2) {
                b.append(" (").append(metric).append(')');
            }
        }
        if (left != 0) {
            b.append(" (invalid)");
        }
    }
}
