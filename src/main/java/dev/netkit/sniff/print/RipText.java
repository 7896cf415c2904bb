package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.RipMessage;
import dev.netkit.packet.RipngMessage;

/**
 * tcpdump's RIP text (print-rip.c, RFC 1058 and RFC 2453 with RFC 4822's authentication; print-ripng.c, RFC 2080):
 * version, command and length; with -v each route entry and authentication entry; with -vv the message in hex too.
 * RIPng prints its routes on one line ({@code ripng-resp 2: ...}), one a line with -vv.
 */
final class RipText {
    static final int PORT = 520;
    static final int RIPNG_PORT = 521;
    private static final int ROUTE = RipMessage.ENTRY_LENGTH;
    private static final String[] COMMANDS = {null, "Request", "Response", "Trace on", "Trace off", null,
            "Triggered Request", "Triggered Response", "Triggered Acknowledgement", "Update Request",
            "Update Response", "Update Acknowledge"};

    private RipText() {
    }

    /** The RIP message at {@code [off, end)} of the frame; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        RipMessage m = new RipMessage(d, off, end);
        int len = Math.min(m.length(), length);
        if (len < RipMessage.HEADER_LENGTH) {
            TcpdumpText.trunc(b, "rip");
            return;
        }
        try {
            body(b, m, len - RipMessage.HEADER_LENGTH, length, verbose);
        } catch (MalformedPacketException e) {
            TcpdumpText.trunc(b, "rip");
        }
    }

    private static void body(StringBuilder b, RipMessage m, int len, int length, int verbose) {
        int version = m.version();
        int command = m.command();
        b.append(verbose >= 1 ? "\n\t" : "").append("RIPv").append(version).append(", ")
                .append(command < COMMANDS.length && COMMANDS[command] != null ? COMMANDS[command]
                        : "unknown command (" + command + ")").append(", length: ").append(length);
        if (verbose < 1) {
            return;
        }
        if (command == RipMessage.COMMAND_REQUEST || command == RipMessage.COMMAND_RESPONSE) {
            if (version == 1 || version == 2) {
                b.append(", routes: ").append(length / ROUTE).append(version == 2 ? " or less" : "");
                entries(b, m, len, version);
            } else {
                b.append(", unknown version");
            }
        } else if (command < 3 || command > 11) {
            if (verbose <= 1) {
                HexDump.hex(b, m.message(length), 0, length);
            }
        }
        if (verbose > 1) {
            HexDump.hex(b, m.message(length), 0, length);
        }
    }

    private static void entries(StringBuilder b, RipMessage m, int len, int version) {
        for (int i = 0; len != 0; i++) {
            int size = version == 1 ? entryV1(b, m, i, len) : entryV2(b, m, i, len);
            if (size == 0) {
                TcpdumpText.trunc(b, "rip");
                return;
            }
            if (len < size) {
                b.append(" [remaining entries length ").append(len).append(" < ").append(size)
                        .append("] (invalid)");
                return;
            }
            len -= size;
        }
    }

    /** An RFC 1058 entry: its size, or 0 when it does not fit. */
    private static int entryV1(StringBuilder b, RipMessage m, int i, int remaining) {
        if (remaining < ROUTE || !m.hasEntry(i, ROUTE)) {
            return 0;
        }
        int family = m.family(i);
        if (family != RipMessage.FAMILY_IPV4 && family != RipMessage.FAMILY_UNSPECIFIED) {
            b.append("\n\t AFI ").append(family(family)).append(", ");
            dump(b, m, i, RipMessage.ENTRY_DATA, ROUTE - RipMessage.ENTRY_DATA);
            return ROUTE;
        }
        if (m.routeTag(i) != 0 || m.mask(i) != 0 || m.nextHop(i) != 0) {
            dump(b, m, i, 0, ROUTE); // must-be-zero fields that are not
            return ROUTE;
        }
        b.append(family == RipMessage.FAMILY_UNSPECIFIED ? "\n\t  AFI 0, " : "\n\t  ");
        AddressText.ipv4(b, m.address(i), 0).append(", metric: ").append(m.metric(i));
        return ROUTE;
    }

    /** An RFC 2453 entry or authentication entry: its size, or 0 when it does not fit. */
    private static int entryV2(StringBuilder b, RipMessage m, int i, int remaining) {
        if (remaining < RipMessage.ENTRY_DATA || !m.hasEntry(i, RipMessage.ENTRY_DATA)) {
            return 0;
        }
        int family = m.family(i);
        if (family == RipMessage.FAMILY_AUTHENTICATION) {
            int type = m.authenticationType(i);
            int left = remaining - RipMessage.ENTRY_DATA;
            switch (type) {
                case RipMessage.AUTH_SIMPLE_PASSWORD -> {
                    b.append("\n\t  Simple Text Authentication data: ");
                    byte[] password = m.password(i);
                    WireString.appendUntilNul(b, password, 0, password.length, password.length);
                }
                case RipMessage.AUTH_CRYPTOGRAPHIC -> {
                    if (!m.hasEntry(i, ROUTE) || left < ROUTE - RipMessage.ENTRY_DATA) {
                        return 0;
                    }
                    b.append("\n\t  Auth header: Packet Len ").append(m.authPacketLength(i)).append(", Key-ID ")
                            .append(m.authKeyId(i)).append(", Auth Data Len ").append(m.authDataLength(i))
                            .append(", SeqNo ").append(m.authSequence(i)).append(", MBZ ")
                            .append(m.authReserved(i, 0)).append(", MBZ ").append(m.authReserved(i, 1));
                }
                default -> {
                    b.append(type == RipMessage.AUTH_TRAILER ? "\n\t  Auth trailer:"
                            : "\n\t  Unknown (" + type + ") Authentication data:");
                    dump(b, m, i, RipMessage.ENTRY_DATA, left);
                    return RipMessage.ENTRY_DATA + left; // the trailer, or what is not understood, runs to the end
                }
            }
        } else if (family != RipMessage.FAMILY_IPV4 && family != RipMessage.FAMILY_UNSPECIFIED) {
            b.append("\n\t  AFI ").append(family(family));
            dump(b, m, i, RipMessage.ENTRY_DATA, ROUTE - RipMessage.ENTRY_DATA);
        } else {
            if (!m.hasEntry(i, ROUTE) || remaining < ROUTE) {
                return 0;
            }
            String address = AddressText.ipv4(new StringBuilder(), m.address(i), 0).toString();
            String prefix = Integer.toString(prefixLength(m.mask(i)));
            b.append("\n\t  AFI ").append(family == RipMessage.FAMILY_IPV4 ? "IPv4" : "0").append(", ")
                    .append(" ".repeat(Math.max(0, 15 - address.length()))).append(address).append('/')
                    .append(prefix).append(" ".repeat(Math.max(0, 2 - prefix.length())))
                    .append(String.format(", tag 0x%04x", m.routeTag(i))).append(", metric: ")
                    .append(m.metric(i)).append(", next-hop: ");
            if (m.nextHop(i) != 0) {
                AddressText.ipv4(b, m.nextHopAddress(i), 0);
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

    /** The {@code n} bytes from {@code from} into entry {@code i} in hex, as far as they were captured. */
    private static void dump(StringBuilder b, RipMessage m, int i, int from, int n) {
        byte[] captured = m.capturedEntryBytes(i, from, n);
        HexDump.hex(b, "\n\t  ", captured, 0, captured.length);
        m.entryBytes(i, from, n); // throws when the capture cut them
    }

    /** A RIPng message (RFC 2080) at {@code [off, end)}; {@code length} is the UDP payload's length. */
    static void printNg(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        RipngMessage m = new RipngMessage(d, off, end);
        try {
            ng(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            TcpdumpText.trunc(b, "ripng");
        }
    }

    private static void ng(StringBuilder b, RipngMessage m, int length, int verbose) {
        int version = m.version();
        if (version != 1) {
            b.append("ripng [version ").append(version).append(", must be 1] (invalid)");
            return;
        }
        int command = m.command();
        if (command != RipngMessage.COMMAND_REQUEST && command != RipngMessage.COMMAND_RESPONSE) {
            b.append(" ripng-").append(command).append(" ?? ").append(length).append(" (invalid)");
            return;
        }
        if (length < RipngMessage.HEADER_LENGTH) {
            b.append(" (invalid)");
            return;
        }
        int left = length - RipngMessage.HEADER_LENGTH;
        int count = left / RipngMessage.ENTRY_LENGTH;
        boolean request = command == RipngMessage.COMMAND_REQUEST;
        if (request && count == 1 && m.metric(0) == RipngMessage.METRIC_INFINITY
                && java.util.Arrays.equals(m.prefix(0), new byte[16])) {
            b.append(" ripng-req dump");
            return;
        }
        b.append(request ? " ripng-req " : " ripng-resp ").append(count);
        if (count * RipngMessage.ENTRY_LENGTH != left) {
            b.append('[').append(length).append(']');
        }
        b.append(':');
        for (int i = 0; left >= RipngMessage.ENTRY_LENGTH; left -= RipngMessage.ENTRY_LENGTH, i++) {
            b.append(verbose > 1 ? "\n\t" : " ");
            AddressText.ipv6(b, m.prefix(i), 0).append('/').append(m.prefixLength(i));
            int tag = m.routeTag(i);
            if (tag != 0) {
                b.append(" [").append(tag).append(']');
            }
            int metric = m.metric(i);
            if (metric != 0 && !request) {
                b.append(" (").append(metric).append(')');
            }
        }
        if (left != 0) {
            b.append(" (invalid)");
        }
    }
}
