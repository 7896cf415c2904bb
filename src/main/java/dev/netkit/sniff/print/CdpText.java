package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;

/**
 * tcpdump's CDP text (print-cdp.c, Cisco Discovery Protocol over SNAP): version, TTL and the device id; with -v the
 * checksum and one line per TLV, decoded where tcpdump decodes it and in hex otherwise. A wrong length is
 * {@code (invalid)}; a capture that ends inside the message ends the text with {@code [|cdp]}.
 */
final class CdpText {
    /** The SNAP protocol id of CDP under Cisco's OUI. */
    static final int PID = 0x2000;
    private static final BitNames CAPABILITIES = BitNames.of(1, "Router", 2, "Transparent Bridge",
            4, "Source Route Bridge", 8, "L2 Switch", 0x10, "L3 capable", 0x20, "IGMP snooping", 0x40, "L1 capable");
    /** Names by type; null where tcpdump knows none. */
    private static final String[] NAMES = {null, "Device-ID", "Address", "Port-ID", "Capability", "Version String",
            "Platform", "Prefixes", "Protocol-Hello option", "VTP Management Domain", "Native VLAN ID", "Duplex",
            null, null, "ATA-186 VoIP VLAN assignment", "ATA-186 VoIP VLAN request", "power consumption", "MTU",
            "AVVID trust bitmap", "AVVID untrusted ports CoS", "System Name", "System Object ID (not decoded)",
            "Management Addresses", "Physical Location"};
    /** The shortest and longest value of each type tcpdump checks (-1: any). */
    private static final int[] MIN = {-1, -1, -1, -1, 4, -1, -1, -1, -1, -1, 2, 1, -1, -1, 3, 2, 1, 4, 1, 1, -1, -1,
            4, 1};
    private static final int[] MAX = {-1, -1, -1, -1, 4, -1, -1, -1, -1, -1, 2, 1, -1, -1, 3, 3, 3, 4, 1, 1, -1, -1,
            -1, -1};

    private CdpText() {
    }

    /** The CDP message at {@code [off, end)} of the frame; {@code length} is what the 802.3 length leaves it. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        MessageBytes m = new MessageBytes("cdp", d, off, end);
        try {
            body(b, m, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|cdp]");
        }
    }

    private static void body(StringBuilder b, MessageBytes m, int length, int verbose) {
        if (length < 4) {
            b.append(" (packet length ").append(length).append(" < 4)");
            invalid(b, m, 0, length);
            return;
        }
        b.append("CDPv").append(m.byteAt(0)).append(", ttl: ").append(m.byteAt(1)).append('s');
        int checksum = m.u16At(2);
        if (verbose > 0) {
            b.append(String.format(", checksum: 0x%04x (unverified), length %d", checksum, length));
        }
        int at = 4;
        int left = length - 4;
        while (left > 0) {
            if (left < 4) {
                b.append(" (remaining packet length ").append(left).append(" < 4)");
                invalid(b, m, at, left);
                return;
            }
            int type = m.u16At(at);
            int len = m.u16At(at + 2);
            String name = type < NAMES.length && NAMES[type] != null ? NAMES[type] : "unknown field type";
            // a type inside tcpdump's table without an entry is neither named nor dumped
            boolean known = type < NAMES.length;
            boolean always = type == 1;
            if (len < 4) {
                if (verbose > 0) {
                    b.append("\n\t").append(name).append(String.format(" (0x%02x), TLV length: %d byte%s (too short)",
                            type, len, len == 1 ? "" : "s"));
                } else {
                    b.append(", ").append(name).append(" TLV length ").append(len).append(" too short");
                }
                invalid(b, m, at, left);
                return;
            }
            if (len > left) {
                b.append(" (TLV length ").append(len).append(" > ").append(left).append(')');
                invalid(b, m, at, left);
                return;
            }
            at += 4;
            left -= 4;
            len -= 4;
            if (verbose > 0) {
                b.append("\n\t").append(name).append(String.format(" (0x%02x), value length: %d byte%s: ", type, len,
                        len == 1 ? "" : "s"));
            } else if (always) {
                b.append(", ").append(name).append(' ');
            }
            boolean covered = false;
            if (known) {
                if (MIN[type] > 0 && len < MIN[type] || MAX[type] > 0 && len > MAX[type]) {
                    b.append(" (malformed TLV)");
                } else if (verbose > 0 || always) {
                    value(b, m, at, len, type);
                    covered = true;
                }
            }
            if (verbose > 0 && !covered) {
                m.need(at, len);
                HexDump.hex(b, "\n\t  ", m.buffer(), m.offset() + at, len);
            }
            at += len;
            left -= len;
        }
        if (verbose < 1) {
            b.append(", length ").append(length);
        }
    }

    private static void invalid(StringBuilder b, MessageBytes m, int at, int left) {
        b.append(" (invalid)");
        m.need(at, left);
    }

    private static void value(StringBuilder b, MessageBytes m, int at, int len, int type) {
        switch (type) {
            case 1, 3, 6, 9, 0x14 -> {
                b.append('\'');
                if (WireString.append(b, m.buffer(), m.offset() + at, len, m.offset() + m.length())) {
                    m.need(at, len); // the characters before the cut are printed, as tcpdump does
                }
                b.append('\'');
            }
            case 2, 0x16 -> CdpAddressText.addresses(b, m, at, len);
            case 4 -> {
                long v = m.u32At(at);
                CAPABILITIES.append(b.append(String.format("(0x%08x): ", v)), v, "none");
            }
            case 5 -> {
                b.append("\n\t  ");
                for (int i = 0; i < len; i++) {
                    int c = m.byteAt(at + i);
                    if (c == '\n') {
                        b.append("\n\t  ");
                    } else {
                        WireString.character(b, c);
                    }
                }
            }
            case 7 -> CdpAddressText.prefixes(b, m, at, len);
            case 0x0a -> b.append(m.u16At(at));
            case 0x0b -> b.append(m.byteAt(at) != 0 ? "full" : "half");
            case 0x0e, 0x0f -> b.append(len == 2 ? String.format("unknown 0x%04x", m.u16At(at))
                    : "app " + m.byteAt(at) + ", vlan " + m.u16At(at + 1));
            case 0x10 -> {
                long v = len == 1 ? m.byteAt(at) : len == 2 ? m.u16At(at) : m.u24At(at);
                b.append(String.format("%1.2fW", v / 1000.0));
            }
            case 0x11 -> b.append(m.u32At(at)).append(" bytes");
            case 0x12, 0x13 -> b.append(String.format("0x%02x", m.byteAt(at)));
            case 0x17 -> {
                b.append(String.format("0x%02x", m.byteAt(at)));
                if (len > 1) {
                    m.need(at + 1, len - 1);
                    WireString.append(b.append('/'), m.buffer(), m.offset() + at + 1, len - 1,
                            m.offset() + m.length());
                }
            }
            default -> m.need(at, len); // the hello option, the object id and the unnamed: not decoded
        }
    }
}
