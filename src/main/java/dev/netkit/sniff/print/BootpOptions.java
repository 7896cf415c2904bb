package dev.netkit.sniff.print;

import dev.netkit.packet.BootpMessage;

import java.util.Locale;

/**
 * tcpdump's text for the DHCP options of a BOOTP message (print-bootp.c's rfc1048_print): one line per option,
 * {@code Name (tag), length N: value}, the value formatted by the option's kind. A value that cannot be what
 * its option says is marked {@code (invalid)}; bytes an option does not use are reported as trailing data.
 */
final class BootpOptions {
    private static final String[] AGENT_SUBOPTIONS = {"Unknown", "Circuit-ID", "Remote-ID", "Unknown", "Unknown",
            "Unknown", "Subscriber-ID"};

    private static final int PAD = 0;
    private static final int END = 255;

    private BootpOptions() {
    }

    static void print(StringBuilder b, BootpMessage m, byte[] d, int verbose) {
        b.append("\n\t  Vendor-rfc1048 Extensions");
        b.append(String.format(Locale.ROOT, "\n\t    Magic Cookie 0x%08x", m.u32At(BootpMessage.VENDOR, "cookie")));
        int at = BootpMessage.VENDOR + 4;
        while (m.has(at)) {
            int tag = m.byteAt(at++, "option");
            if ((tag == PAD || tag == END) && verbose < 3) {
                if (tag == END) {
                    return;
                }
                continue;
            }
            String entry = BootpText.optionName(tag);
            char kind = entry.charAt(0);
            int len = tag == PAD || tag == END ? 0 : m.byteAt(at++, "option length");
            b.append("\n\t    ").append(entry, 1, entry.length()).append(" (").append(tag).append("), length ")
                    .append(len).append(len > 0 ? ": " : "");
            if (tag == PAD) {
                // -vvv counts a run of pad octets; END is printed and the loop goes on past it, as tcpdump's does
                int run = 1;
                while (m.has(at) && m.byteAt(at, "option") == PAD) {
                    at++;
                    run++;
                }
                if (run > 1) {
                    b.append(", occurs ").append(run);
                }
            }
            m.bytesAt(at, len, entry.substring(1));
            int end = at + len;
            if (tag == 53 && len == 1) {
                b.append(BootpText.messageType(m.byteAt(at, "DHCP message type")));
            } else if (tag == 55) {
                for (int i = 0; i < len; i++) {
                    int inner = m.byteAt(at + i, "parameter");
                    b.append(i % 4 == 0 ? "\n\t      " : ", ");
                    String n = BootpText.optionName(inner);
                    b.append(n, 1, n.length()).append(" (").append(inner).append(')');
                }
            } else {
                if (kind == '?') {
                    kind = (len & 1) != 0 ? 'b' : (len & 2) != 0 ? 's' : 'l';
                }
                int left = value(b, m, d, tag, kind, at, len);
                if (left > 0) {
                    b.append("\n\t  trailing data length ").append(left);
                }
            }
            at = end;
        }
    }

    /** The option's value; returns how many of its bytes were left unprinted. */
    private static int value(StringBuilder b, BootpMessage m, byte[] d, int tag, char kind, int at, int len) {
        int base = m.offset();
        switch (kind) {
            case 'a' -> {
                WireString.append(b.append('"'), d, base + at, len, d.length);
                b.append('"');
                return 0;
            }
            case 'i', 'l', 'L' -> {
                int i = 0;
                for (; len - i >= 4; i += 4) {
                    b.append(i > 0 ? "," : "");
                    if (kind == 'i') {
                        AddressText.ipv4(b, m.address(at + i, "address"), 0);
                    } else {
                        long v = m.u32At(at + i, "value");
                        b.append(kind == 'L' ? (int) v : v);
                    }
                }
                return len - i;
            }
            case 'p' -> {
                if (len < 8 || len % 8 != 0) {
                    b.append(len == 0 ? " " : "").append("[length != N x 8 bytes]");
                    return 0;
                }
                for (int i = 0; i < len; i += 8) {
                    AddressText.ipv4(b.append(i > 0 ? "," : "").append('('), m.address(at + i, "address"), 0);
                    AddressText.ipv4(b.append(':'), m.address(at + i + 4, "address"), 0).append(')');
                }
                return 0;
            }
            case 's' -> {
                int i = 0;
                for (; len - i >= 2; i += 2) {
                    b.append(i > 0 ? "," : "").append(m.u16At(at + i, "value"));
                }
                return len - i;
            }
            case 'B' -> {
                if (len != 1) {
                    b.append("[length != 1 byte] (invalid)");
                    return 0;
                }
                int v = m.byteAt(at, "boolean");
                b.append(v == 0 ? "N" : v == 1 ? "Y" : v + "?");
                return 0;
            }
            case '$' -> {
                return special(b, m, d, tag, at, len);
            }
            default -> {
                for (int i = 0; i < len; i++) {
                    int v = m.byteAt(at + i, "value");
                    if (kind == 'x') {
                        b.append(i > 0 ? ":" : "").append(String.format(Locale.ROOT, "%02x", v));
                    } else {
                        b.append(i > 0 ? "." : "").append(v);
                    }
                }
                return 0;
            }
        }
    }

    private static int special(StringBuilder b, BootpMessage m, byte[] d, int tag, int at, int len) {
        int base = m.offset();
        switch (tag) {
            case 46, 52 -> {
                if (len < 1) {
                    b.append("[length < 1 byte] (invalid)");
                    return 0;
                }
                int v = m.byteAt(at, "value");
                String name = tag == 46 ? switch (v) {
                    case 1 -> "b-node";
                    case 2 -> "p-node";
                    case 4 -> "m-node";
                    case 8 -> "h-node";
                    default -> "#" + v;
                } : switch (v) {
                    case 1 -> "file";
                    case 2 -> "sname";
                    case 3 -> "file+sname";
                    default -> "#" + v;
                };
                b.append(name);
                return len - 1;
            }
            case 81 -> {
                if (len < 3) {
                    b.append("[length < 3 bytes] (invalid)");
                    return 0;
                }
                int flags = m.byteAt(at, "FQDN flags");
                if ((flags & 0xf0) != 0) {
                    b.append("[MBZ nibble 0x").append(Integer.toHexString(flags >> 4)).append(" != 0]  (invalid)");
                }
                if ((flags & 0x0f) != 0) {
                    b.append('[').append((flags & 1) != 0 ? "S" : "").append((flags & 2) != 0 ? "O" : "")
                            .append((flags & 4) != 0 ? "E" : "").append((flags & 8) != 0 ? "N" : "").append("] ");
                }
                int r1 = m.byteAt(at + 1, "rcode1");
                int r2 = m.byteAt(at + 2, "rcode2");
                if (r1 != 0 || r2 != 0) {
                    b.append(r1).append('/').append(r2).append(' ');
                }
                WireString.append(b.append('"'), d, base + at + 3, len - 3, d.length);
                b.append('"');
                return 0;
            }
            case 61 -> {
                if (len < 1) {
                    b.append("[length < 1 byte] (invalid)");
                    return 0;
                }
                int type = m.byteAt(at, "client id type");
                if (type == 0) {
                    WireString.append(b.append('"'), d, base + at + 1, len - 1, d.length);
                    b.append('"');
                    return 0;
                }
                b.append(switch (type) {
                    case 0x1 -> "ether";
                    case 0x6 -> "ieee802";
                    case 0x7 -> "arcnet";
                    case 0xf -> "frelay";
                    case 0x17 -> "strip";
                    case 0x18 -> "ieee1394";
                    default -> "hardware-type " + type + ",";
                }).append(' ');
                for (int i = 1; i < len; i++) {
                    b.append(i > 1 ? ":" : "").append(String.format(Locale.ROOT, "%02x", m.byteAt(at + i, "id")));
                }
                return 0;
            }
            case 82 -> {
                return agent(b, m, d, at, len);
            }
            case 121, 249 -> {
                return classlessRoutes(b, m, at, len);
            }
            case 77 -> {
                return userClass(b, m, d, at, len);
            }
            case 143 -> {
                return sztpRedirect(b, m, d, at, len);
            }
            default -> {
                b.append("[unknown special tag ").append(tag).append(", size ").append(len).append(']');
                return 0;
            }
        }
    }

    /** SZTP redirect (RFC 8572 section 8.3): URIs, each after its two-byte length. */
    private static int sztpRedirect(StringBuilder b, BootpMessage m, byte[] d, int at, int len) {
        while (len >= 2) {
            int n = m.u16At(at, "URI length");
            at += 2;
            len -= 2;
            b.append("\n\t\t    length ").append(n).append(": ");
            if (len < n) {
                b.append("length goes past end of option");
                return 0;
            }
            WireString.append(b.append('"'), d, m.offset() + at, n, d.length);
            b.append('"');
            at += n;
            len -= n;
        }
        if (len != 0) {
            b.append("[length < 2 bytes] (invalid)");
        }
        return 0;
    }

    private static int agent(StringBuilder b, BootpMessage m, byte[] d, int at, int len) {
        int i = 0;
        while (len - i >= 2) {
            int sub = m.byteAt(at + i, "suboption");
            int subLen = m.byteAt(at + i + 1, "suboption length");
            i += 2;
            String name = sub < AGENT_SUBOPTIONS.length ? AGENT_SUBOPTIONS[sub] : "Unknown";
            b.append("\n\t      ").append(name).append(" SubOption ").append(sub).append(", length ")
                    .append(subLen).append(": ");
            if (subLen > len - i) {
                b.setLength(b.length() - 2);
                b.append(": length goes past end of option");
                return 0;
            }
            if (sub == 1 || sub == 2 || sub == 6) {
                WireString.append(b, d, m.offset() + at + i, subLen, d.length);
            } else {
                HexDump.hex(b, "\n\t\t", d, m.offset() + at + i, subLen);
            }
            i += subLen;
        }
        return len - i;
    }

    private static int classlessRoutes(StringBuilder b, BootpMessage m, int at, int len) {
        if (len < 5) {
            b.append("[length < 5 bytes] (invalid)");
            return 0;
        }
        int i = 0;
        while (i < len) {
            b.append(i > 0 ? "," : "");
            int width = m.byteAt(at + i++, "mask width");
            if (width > 32) {
                b.append("[Mask width (").append(width).append(") > 32] (invalid)");
                return 0;
            }
            int octets = (width + 7) / 8;
            if (len - i < octets + 4) {
                b.append("[Remaining length (").append(len - i).append(") < ").append(octets + 4)
                        .append(" bytes] (invalid)");
                return 0;
            }
            b.append('(');
            if (width == 0) {
                b.append("default");
            } else {
                for (int k = 0; k < 4; k++) {
                    b.append(k > 0 ? "." : "").append(k < octets ? m.byteAt(at + i + k, "destination") : 0);
                }
                b.append('/').append(width);
            }
            i += octets;
            AddressText.ipv4(b.append(':'), m.address(at + i, "router"), 0).append(')');
            i += 4;
        }
        return 0;
    }

    private static int userClass(StringBuilder b, BootpMessage m, byte[] d, int at, int len) {
        if (len < 2) {
            b.append("[length < 2 bytes] (invalid)");
            return 0;
        }
        int i = 0;
        for (int n = 1; i < len; n++) {
            int subLen = m.byteAt(at + i++, "user class length");
            b.append("\n\t      instance#").append(n).append(": ");
            if (subLen == 0) {
                b.append("[suboption length == 0] (invalid)");
                return 0;
            }
            if (len - i < subLen) {
                b.append("[length ").append(len - i).append(" < suboption length ").append(subLen)
                        .append(" (invalid)");
                return 0;
            }
            WireString.append(b.append('"'), d, m.offset() + at + i, subLen, d.length);
            b.append("\", length ").append(subLen);
            i += subLen;
        }
        return 0;
    }
}
