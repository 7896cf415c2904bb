package dev.netkit.sniff.print;

import dev.netkit.packet.IcmpExtension;
import dev.netkit.packet.Icmpv4Packet;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MplsLabel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * tcpdump's -v text for ICMP extension objects (print-icmp.c): the multi-part extension structure of an ICMP
 * error (RFC 4884) with its MPLS label stack (RFC 4950), interface information (RFC 5837) and interface
 * identification (RFC 8335) objects, and the extended echo's lines (RFC 8335), which ICMPv6 shares. Every field
 * is read through {@link IcmpExtension}; a method returns false where tcpdump's read would pass the capture (it
 * then prints {@code [|icmp]}).
 */
final class IcmpExtensionText {
    /** The extension structure follows the 8-byte header and 128 bytes of original datagram (RFC 4884). */
    static final int OFFSET = IcmpExtension.ICMPV4_OFFSET;
    /** An object cut by the capture: the text stops there. */
    private static final int CUT = Integer.MIN_VALUE;

    private IcmpExtensionText() {
    }

    /**
     * The multi-part extension of the ICMP message at {@code icmp}, {@code plen} bytes long by its IP header.
     * Without a length field tcpdump takes the extension only when its checksum is right.
     */
    static boolean multipart(StringBuilder b, byte[] d, int icmp, int plen, int end) {
        IcmpExtension m = new IcmpExtension(d, icmp + OFFSET, end);
        if (!m.has(0, 5)) {
            return false;
        }
        // RFC 4884's length of the original datagram, in the rest of the ICMP header
        int originalLength = (int) (Icmpv4Packet.newChecked(d, icmp, OFFSET).restOfHeader() >>> 16) & 0xff;
        int hlen = plen - OFFSET;
        boolean whole = m.has(0, hlen);
        if (originalLength == 0 && whole && !m.checksumCorrect(hlen)) {
            return true;
        }
        int version = m.version();
        b.append("\n\tICMP Multi-Part extension v").append(version);
        if (version != IcmpExtension.VERSION) {
            b.append(" packet not supported");
            return true;
        }
        if (whole) {
            b.append(", checksum 0x");
            AddressText.hex4(b, m.checksum());
            b.append(" (").append(m.checksumCorrect(hlen) ? "" : "in").append("correct), length ").append(hlen);
        }
        // unsigned as in tcpdump: a structure shorter than its own header leaves a "long" rest, read until the cut
        long rest = (hlen - 4) & 0xffffffffL;
        int at = IcmpExtension.HEADER;
        while (rest > 4) {
            int n = object(b, m, at);
            if (n == CUT) {
                return false;
            }
            if (n < 0 || rest < n) {
                return true;
            }
            rest -= n;
            at += n;
        }
        return true;
    }

    /**
     * An extended echo's -v line: a request's interface object (behind its own extension header {@code m}), a
     * reply's code and state (RFC 8335 section 3) from {@code xinfo}, the header's last byte.
     */
    static boolean extendedEcho(StringBuilder b, int xinfo, boolean request, int code, IcmpExtension m) {
        if (!request) {
            int state = (xinfo & 0xe0) >> 5;
            b.append("\n\tCode ").append(code).append(" (").append(switch (code) {
                case 0 -> "No error";
                case 1 -> "Malformed Query";
                case 2 -> "No Such Interface";
                case 3 -> "No Such Table Entry";
                case 4 -> "Multiple Interfaces Satisfy Query";
                default -> "Unknown";
            }).append("), State ").append(state).append(" (").append(switch (state) {
                case 0 -> "Reserved";
                case 1 -> "Incomplete";
                case 2 -> "Reachable";
                case 3 -> "Stale";
                case 4 -> "Delay";
                case 5 -> "Probe";
                case 6 -> "Failed";
                default -> "Unknown";
            }).append("), active ").append((xinfo >> 2) & 1).append(" ipv4 ").append((xinfo >> 1) & 1)
                    .append(" ipv6 ").append(xinfo & 1);
            return true;
        }
        b.append("\n\t").append((xinfo & 1) != 0 ? "Local" : "Remote").append(" Interface");
        try {
            if (m.version() != IcmpExtension.VERSION) {
                b.append(" (invalid)");
                return true;
            }
            // one object, its header right after the extension header, so the checksum covers both
            int len = m.u16At(IcmpExtension.HEADER) + 4; // the object's length field
            if (m.has(0, len)) {
                b.append(", checksum 0x");
                AddressText.hex4(b, m.checksum());
                b.append(" (").append(m.checksumCorrect(len) ? "" : "in").append("correct), length ").append(len);
            }
        } catch (MalformedPacketException e) {
            return false;
        }
        return object(b, m, IcmpExtension.HEADER) != CUT;
    }

    /** One object: its length, -1 when malformed (the structure ends), or CUT. */
    private static int object(StringBuilder b, IcmpExtension m, int at) {
        if (!m.has(at, IcmpExtension.HEADER)) {
            return CUT;
        }
        IcmpExtension.ObjectHeader h = m.object(at);
        int len = h.length();
        int cls = h.classNum();
        int ctype = h.cType();
        b.append("\n\t  ").append(switch (cls) {
            case IcmpExtension.MPLS_STACK -> "MPLS Stack Entry Object";
            case IcmpExtension.INTERFACE_INFORMATION -> "Interface Information Object";
            case IcmpExtension.INTERFACE_IDENTIFICATION -> "Interface Identification Object";
            default -> "unknown";
        }).append(" (").append(cls).append("), Class-Type: ").append(ctype).append(", length ").append(len);
        if (cls == 0 || len < 4) {
            return -1;
        }
        Body o = new Body(m, at + 4, len - 4);
        int r = switch (cls) {
            case IcmpExtension.MPLS_STACK -> ctype == 1 ? mplsEntry(b, o) : o.unknown(b);
            case IcmpExtension.INTERFACE_INFORMATION -> interfaceInformation(b, o, ctype);
            case IcmpExtension.INTERFACE_IDENTIFICATION -> interfaceIdentification(b, o, ctype);
            default -> o.unknown(b);
        };
        return r == CUT || r < 0 ? r : len;
    }

    /** An object's body: {@code length} bytes from {@code at}; a read first checks the capture, then the length. */
    private static final class Body {
        final IcmpExtension m;
        int at;
        int length;

        Body(IcmpExtension m, int at, int length) {
            this.m = m;
            this.at = at;
            this.length = length;
        }

        /** tcpdump's CHECK_TLEN: CUT past the capture, 1 (the object ends) past the length, else 0. */
        int check(int n) {
            return !m.has(at, n) ? CUT : length < n ? 1 : 0;
        }

        void skip(int n) {
            at += n;
            length -= n;
        }

        int unknown(StringBuilder b) {
            HexDump.hex(b, "\n\t    ", m.buffer(), m.offset() + at, Math.max(0, Math.min(length, m.length() - at)));
            return 0;
        }
    }

    private static int mplsEntry(StringBuilder b, Body o) {
        int c = o.check(4);
        if (c != 0) {
            return c;
        }
        MplsLabel entry = MplsLabel.of(o.m.u32At(o.at));
        b.append("\n\t    label ").append(entry.label()).append(", tc ").append(entry.trafficClass());
        if (entry.bottomOfStack()) {
            b.append(", [S]");
        }
        b.append(", ttl ").append(entry.ttl());
        return 0;
    }

    /** RFC 5837: the class type's bits say which of index, address, name and MTU follow, in that order. */
    private static int interfaceInformation(StringBuilder b, Body o, int ctype) {
        b.append("\n\t    Interface Role: ").append(switch (ctype >> 6) {
            case 0 -> "Incoming IP Interface";
            case 1 -> "Sub-IP Component of Incoming IP Interface";
            case 2 -> "Outgoing IP Interface";
            default -> "IP Next hop";
        });
        int c;
        if ((ctype & 8) != 0) {
            if ((c = o.check(4)) != 0) {
                return c;
            }
            b.append("\n\t    Interface Index: ").append(o.m.u32At(o.at));
            o.skip(4);
        }
        if ((ctype & 4) != 0) {
            b.append("\n\t    IP Address sub-object: ");
            if ((c = o.check(4)) != 0) {
                return c;
            }
            int afi = o.m.u16At(o.at);
            o.skip(4);
            int size = afi == 1 ? 4 : afi == 2 ? 16 : 0;
            if (size == 0) {
                b.append("Unknown Address Family Identifier");
                return -1;
            }
            if ((c = o.check(size)) != 0) {
                return c;
            }
            b.append(address(o.m.bytesAt(o.at, size), 0, size));
            o.skip(size);
        }
        if ((ctype & 2) != 0) {
            if ((c = o.check(1)) != 0) {
                return c;
            }
            int n = o.m.byteAt(o.at);
            b.append("\n\t    Interface Name");
            if (n < 1) {
                b.append(" [length ").append(n).append("] (invalid)");
                return 0;
            }
            if ((c = o.check(n)) != 0) {
                return c;
            }
            if (n % 4 != 0 || n > 64) {
                b.append(" [length ").append(n).append(n % 4 != 0 ? " != N x 4]" : " > 64]").append(" (invalid)");
                return 0;
            }
            b.append(", length ").append(n).append(": ");
            if (!name(b, o.m, o.at + 1, n - 1)) {
                return CUT;
            }
            o.skip(n);
        }
        if ((ctype & 1) != 0) {
            if ((c = o.check(4)) != 0) {
                return c;
            }
            b.append("\n\t    MTU: ").append(o.m.u32At(o.at));
        }
        return 0;
    }

    /** RFC 8335 section 2.1: the interface by name (1), index (2) or address (3). */
    private static int interfaceIdentification(StringBuilder b, Body o, int ctype) {
        int c;
        switch (ctype) {
            case 1 -> {
                b.append("\n\t    Interface Name, length ").append(o.length).append(": ");
                return name(b, o.m, o.at, o.length) ? 0 : CUT;
            }
            case 2 -> {
                if ((c = o.check(4)) != 0) {
                    return c;
                }
                b.append("\n\t    Interface Index: ").append(o.m.u32At(o.at));
                return 0;
            }
            case 3 -> {
                b.append("\n\t    IP Address sub-object: ");
                if ((c = o.check(4)) != 0) {
                    return c;
                }
                int afi = o.m.u16At(o.at);
                int addressLength = o.m.byteAt(o.at + 2);
                // tcpdump counts the sub-object's header off the length but reads the address after it
                o.length -= 4;
                if ((c = o.check(addressLength)) != 0) {
                    return c;
                }
                int size = afi == 1 ? 4 : afi == 2 ? 16 : 0;
                if (size == 0) {
                    b.append("Unknown Address Family Identifier");
                    return -1;
                }
                if (addressLength != size) {
                    b.append("[length ").append(addressLength).append(" != ").append(size).append("] ");
                }
                if (!o.m.has(o.at + 4, size)) {
                    return CUT;
                }
                b.append(address(o.m.bytesAt(o.at + 4, size), 0, size));
                return 0;
            }
            default -> {
                return o.unknown(b);
            }
        }
    }

    /** Up to {@code n} bytes of a name, ending at a NUL (nd_printjnp); false when the capture ends first. */
    private static boolean name(StringBuilder b, IcmpExtension m, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (!m.has(at + i, 1)) {
                return false;
            }
            int c = m.byteAt(at + i);
            if (c == 0) {
                return true;
            }
            WireString.character(b, (byte) c);
        }
        return true;
    }

    static String address(byte[] d, int at, int size) {
        try {
            return AddressText.ip(InetAddress.getByAddress(Arrays.copyOfRange(d, at, at + size)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes are always an address
        }
    }
}
