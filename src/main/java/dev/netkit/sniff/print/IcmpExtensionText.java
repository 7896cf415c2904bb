package dev.netkit.sniff.print;

import dev.netkit.packet.Checksum;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * tcpdump's -v text for ICMP extension objects (print-icmp.c): the multi-part extension structure of an ICMP
 * error (RFC 4884) with its MPLS label stack (RFC 4950), interface information (RFC 5837) and interface
 * identification (RFC 8335) objects, and the extended echo's lines (RFC 8335), which ICMPv6 shares. Every method
 * reads only {@code d[..end)} and returns false where tcpdump's read would pass the capture (it then prints
 * {@code [|icmp]}).
 */
final class IcmpExtensionText {
    /** The extension structure follows the 8-byte header and 128 bytes of original datagram (RFC 4884). */
    static final int OFFSET = 136;
    /** An object cut by the capture: the text stops there. */
    private static final int CUT = Integer.MIN_VALUE;
    private static final int VERSION = 2;

    private IcmpExtensionText() {
    }

    /**
     * The multi-part extension of the ICMP message at {@code icmp}, {@code plen} bytes long by its IP header.
     * Without a length field tcpdump takes the extension only when its checksum is right.
     */
    static boolean multipart(StringBuilder b, byte[] d, int icmp, int plen, int end) {
        end = Math.min(end, d.length);
        if (icmp + OFFSET + 5 > end) {
            return false;
        }
        int ext = icmp + OFFSET;
        int hlen = plen - OFFSET;
        boolean whole = ext + hlen <= end;
        if ((d[icmp + 5] & 0xff) == 0 && whole && Checksum.of(d, ext, hlen) != 0) {
            return true;
        }
        int version = (d[ext] & 0xff) >> 4;
        b.append("\n\tICMP Multi-Part extension v").append(version);
        if (version != VERSION) {
            b.append(" packet not supported");
            return true;
        }
        if (whole) {
            b.append(", checksum 0x");
            AddressText.hex4(b, u16(d, ext + 2));
            b.append(" (").append(Checksum.of(d, ext, hlen) != 0 ? "in" : "").append("correct), length ")
                    .append(hlen);
        }
        // unsigned as in tcpdump: a structure shorter than its own header leaves a "long" rest, read until the cut
        long rest = (hlen - 4) & 0xffffffffL;
        int at = ext + 4;
        while (rest > 4) {
            int n = object(b, d, at, end);
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
     * An extended echo's -v line: a request's interface object (behind its own extension header at
     * {@code data}), a reply's code and state (RFC 8335 section 3).
     */
    static boolean extendedEcho(StringBuilder b, byte[] d, int xinfo, boolean request, int code, int data, int end) {
        end = Math.min(end, d.length);
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
        if (data + 1 > end) {
            return false;
        }
        if ((d[data] & 0xff) >> 4 != VERSION) {
            b.append(" (invalid)");
            return true;
        }
        if (data + 6 > end) {
            return false;
        }
        // one object, its header right after the extension header, so the checksum covers both
        int len = u16(d, data + 4) + 4;
        if (data + len <= end) {
            b.append(", checksum 0x");
            AddressText.hex4(b, u16(d, data + 2));
            b.append(" (").append(Checksum.of(d, data, len) != 0 ? "in" : "").append("correct), length ").append(len);
        }
        return object(b, d, data + 4, end) != CUT;
    }

    /** One object: its length, -1 when malformed (the structure ends), or CUT. */
    private static int object(StringBuilder b, byte[] d, int at, int end) {
        if (at + 4 > end) {
            return CUT;
        }
        int len = u16(d, at);
        int cls = d[at + 2] & 0xff;
        int ctype = d[at + 3] & 0xff;
        b.append("\n\t  ").append(switch (cls) {
            case 1 -> "MPLS Stack Entry Object";
            case 2 -> "Interface Information Object";
            case 3 -> "Interface Identification Object";
            default -> "unknown";
        }).append(" (").append(cls).append("), Class-Type: ").append(ctype).append(", length ").append(len);
        if (cls == 0 || len < 4) {
            return -1;
        }
        Body o = new Body(d, at + 4, len - 4, end);
        int r = switch (cls) {
            case 1 -> ctype == 1 ? mplsEntry(b, o) : o.unknown(b);
            case 2 -> interfaceInformation(b, o, ctype);
            case 3 -> interfaceIdentification(b, o, ctype);
            default -> o.unknown(b);
        };
        return r == CUT || r < 0 ? r : len;
    }

    /** An object's body: {@code length} bytes from {@code at}; a read first checks the capture, then the length. */
    private static final class Body {
        final byte[] d;
        int at;
        int length;
        final int end;

        Body(byte[] d, int at, int length, int end) {
            this.d = d;
            this.at = at;
            this.length = length;
            this.end = end;
        }

        /** tcpdump's CHECK_TLEN: CUT past the capture, 1 (the object ends) past the length, else 0. */
        int check(int n) {
            return at + n > end ? CUT : length < n ? 1 : 0;
        }

        void skip(int n) {
            at += n;
            length -= n;
        }

        int unknown(StringBuilder b) {
            HexDump.hex(b, "\n\t    ", d, at, Math.max(0, Math.min(length, end - at)));
            return 0;
        }
    }

    private static int mplsEntry(StringBuilder b, Body o) {
        int c = o.check(4);
        if (c != 0) {
            return c;
        }
        long raw = u32(o.d, o.at);
        b.append("\n\t    label ").append(raw >>> 12).append(", tc ").append((raw >> 9) & 7);
        if ((raw & 0x100) != 0) {
            b.append(", [S]");
        }
        b.append(", ttl ").append(raw & 0xff);
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
            b.append("\n\t    Interface Index: ").append(u32(o.d, o.at));
            o.skip(4);
        }
        if ((ctype & 4) != 0) {
            b.append("\n\t    IP Address sub-object: ");
            if ((c = o.check(4)) != 0) {
                return c;
            }
            int afi = u16(o.d, o.at);
            o.skip(4);
            int size = afi == 1 ? 4 : afi == 2 ? 16 : 0;
            if (size == 0) {
                b.append("Unknown Address Family Identifier");
                return -1;
            }
            if ((c = o.check(size)) != 0) {
                return c;
            }
            b.append(address(o.d, o.at, size));
            o.skip(size);
        }
        if ((ctype & 2) != 0) {
            if ((c = o.check(1)) != 0) {
                return c;
            }
            int n = o.d[o.at] & 0xff;
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
            if (!name(b, o.d, o.at + 1, n - 1, o.end)) {
                return CUT;
            }
            o.skip(n);
        }
        if ((ctype & 1) != 0) {
            if ((c = o.check(4)) != 0) {
                return c;
            }
            b.append("\n\t    MTU: ").append(u32(o.d, o.at));
        }
        return 0;
    }

    /** RFC 8335 section 2.1: the interface by name (1), index (2) or address (3). */
    private static int interfaceIdentification(StringBuilder b, Body o, int ctype) {
        int c;
        switch (ctype) {
            case 1 -> {
                b.append("\n\t    Interface Name, length ").append(o.length).append(": ");
                return name(b, o.d, o.at, o.length, o.end) ? 0 : CUT;
            }
            case 2 -> {
                if ((c = o.check(4)) != 0) {
                    return c;
                }
                b.append("\n\t    Interface Index: ").append(u32(o.d, o.at));
                return 0;
            }
            case 3 -> {
                b.append("\n\t    IP Address sub-object: ");
                if ((c = o.check(4)) != 0) {
                    return c;
                }
                int afi = u16(o.d, o.at);
                int addressLength = o.d[o.at + 2] & 0xff;
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
                if (o.at + 4 + size > o.end) {
                    return CUT;
                }
                b.append(address(o.d, o.at + 4, size));
                return 0;
            }
            default -> {
                return o.unknown(b);
            }
        }
    }

    /** Up to {@code n} bytes of a name, ending at a NUL (nd_printjnp); false when the capture ends first. */
    private static boolean name(StringBuilder b, byte[] d, int at, int n, int end) {
        for (int i = 0; i < n; i++) {
            if (at + i >= end) {
                return false;
            }
            if (d[at + i] == 0) {
                return true;
            }
            WireString.character(b, d[at + i]);
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

    static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    static long u32(byte[] d, int at) {
        return ((long) u16(d, at) << 16) | u16(d, at + 2);
    }
}
