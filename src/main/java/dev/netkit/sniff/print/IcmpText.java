package dev.netkit.sniff.print;

import dev.netkit.packet.Checksum;
import dev.netkit.packet.Frame;
import dev.netkit.packet.IcmpExtension;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.MessageBytes;
import dev.netkit.sniff.SniffedPacket;

/** tcpdump's ICMP text (print-icmp.c), and the datagram an ICMP or ICMPv6 error quotes (-v). */
final class IcmpText {
    /** RFC 8335's probe of an interface, by name, index or address. */
    private static final int EXTENDED_ECHO_REQUEST = 42;
    private static final int EXTENDED_ECHO_REPLY = 43;
    private final TcpdumpText text;

    IcmpText(TcpdumpText text) {
        this.text = text;
    }

    /**
     * The ICMP line and, with -v, a wrong checksum, the quoted datagram, an error's multi-part extension and an
     * extended echo's interface (print-icmp.c's icmp_print).
     */
    void print(SniffedPacket p, StringBuilder b, Icmpv4Message m, int length) {
        byte[] d = p.frame().data();
        int at = text.transportStart;
        int end = Math.min(text.payloadEnd, d.length);
        print(b, m, length);
        if (text.verbose == 0) {
            return;
        }
        if (!fragmented(p) && at + length <= end) {
            wrongChecksum(b, d, at, length);
        }
        quotedPacket(p, b);
        int type = m.type().value();
        boolean whole = true;
        if (length > IcmpExtensionText.OFFSET && (type == 3 || type == 11 || type == 12)) {
            whole = IcmpExtensionText.multipart(b, d, at, length, end);
        } else if (type == EXTENDED_ECHO_REQUEST || type == EXTENDED_ECHO_REPLY) {
            whole = IcmpExtensionText.extendedEcho(b, (int) m.restOfHeader() & 0xff, type == EXTENDED_ECHO_REQUEST,
                    m.code(), new IcmpExtension(d, at + 8, end));
        }
        if (!whole) {
            TcpdumpText.trunc(b, "icmp");
        }
    }

    /**
     * An ICMP header the capture cut: tcpdump prints the type's text when the bytes it reads for it were captured,
     * then the cut.
     */
    void truncated(SniffedPacket p, StringBuilder b, int length) {
        byte[] d = p.frame().data();
        int at = text.transportStart;
        int n = Math.min(text.payloadEnd, d.length) - at;
        MessageBytes header = new MessageBytes("icmp", d, at, text.payloadEnd);
        int type = header.has(0, 2) ? header.byteAt(0) : -1;
        // types whose text reads past the first 4 bytes are cut before anything is printed
        String name = switch (type) {
            case 4 -> "source quench";
            case 10 -> "router solicitation";
            case 15 -> "information request";
            case 16 -> "information reply";
            case 17 -> "address mask request";
            case 12 -> header.byteAt(1) != 0 ? "parameter problem - code " + header.byteAt(1) : null;
            case -1, 0, 3, 5, 8, 9, 11, 13, 14, 18, EXTENDED_ECHO_REQUEST, EXTENDED_ECHO_REPLY -> null;
            default -> "type-#" + type;
        };
        if (name != null) {
            b.append("ICMP ").append(name).append(", length ").append(Math.max(0, length));
            if (text.verbose == 0) {
                return;
            }
            if (!fragmented(p) && length <= n && wrongChecksum(b, d, at, length)) {
                // the checksum was wrong and its field was not captured
                TcpdumpText.trunc(b, "icmp");
            } else if (type == 4 || type == 12) {
                b.append("\n\t [|icmp]"); // the quoted datagram's length field is cut
            }
            return;
        }
        TcpdumpText.trunc(b, "icmp");
    }

    /**
     * Appends tcpdump's "(wrong icmp cksum ...)" when the message's checksum is wrong; true when it is wrong but
     * its field is not there to print.
     */
    private static boolean wrongChecksum(StringBuilder b, byte[] d, int at, int length) {
        int sum = Checksum.of(d, at, length);
        if (sum == 0) {
            return false;
        }
        if (length < 4) {
            return true;
        }
        int field = new MessageBytes("icmp", d, at, at + length).u16At(2);
        b.append(" (wrong icmp cksum ");
        AddressText.hex(b, field);
        b.append(" (->");
        AddressText.hex(b, Checksums.shouldBe(field, sum));
        b.append(")!)");
        return false;
    }

    /** tcpdump checks no checksum of a fragment (its bytes are not all there). */
    private static boolean fragmented(SniffedPacket p) {
        return p.decoded().ipv4().map(h -> (h.flags() & Ipv4Header.FLAG_MORE_FRAGMENTS) != 0
                || h.fragmentOffset() != 0).orElse(false);
    }

    static void print(StringBuilder b, Icmpv4Message m, int length) {
        b.append("ICMP ");
        if (m instanceof Icmpv4Message.Echo e) {
            b.append(e.request() ? "echo request" : "echo reply")
                    .append(", id ").append(e.identifier()).append(", seq ").append(e.sequence());
        } else if (m instanceof Icmpv4Message.DestinationUnreachable u) {
            unreachable(b, u);
        } else if (m instanceof Icmpv4Message.TimeExceeded t) {
            b.append(switch (t.code()) {
                case 0 -> "time exceeded in-transit";
                case 1 -> "ip reassembly time exceeded";
                default -> "time exceeded-#" + t.code();
            });
        } else if (m instanceof Icmpv4Message.Redirect r) {
            String kind = switch (r.code()) {
                case 0 -> "redirect %s to net %s";
                case 1 -> "redirect %s to host %s";
                case 2 -> "redirect-tos %s to net %s";
                case 3 -> "redirect-tos %s to host %s";
                default -> "redirect-#" + r.code() + " %s to %s";
            };
            String quotedDst = quotedDestination(r.quotedFrame());
            b.append(kind.replaceFirst("%s", quotedDst).replace("%s", AddressText.ip(r.gateway())));
        } else if (m instanceof Icmpv4Message.Other o) {
            b.append(switch (o.type().value()) {
                case 4 -> "source quench";
                case 9 -> "router advertisement";
                case 10 -> "router solicitation";
                case 12 -> "parameter problem - octet " + ((o.restOfHeader() >>> 24) & 0xff);
                case 13 -> "time stamp query id " + ((o.restOfHeader() >>> 16) & 0xffff) + " seq "
                        + (o.restOfHeader() & 0xffff);
                case 14 -> "time stamp reply id " + ((o.restOfHeader() >>> 16) & 0xffff) + " seq "
                        + (o.restOfHeader() & 0xffff) + timestamps(o.data());
                case 15 -> "information request";
                case 16 -> "information reply";
                case 17 -> "address mask request";
                case 18 -> "address mask is 0x" + Long.toHexString(o.restOfHeader());
                case EXTENDED_ECHO_REQUEST, EXTENDED_ECHO_REPLY -> "extended echo "
                        + (o.type().value() == EXTENDED_ECHO_REQUEST ? "request" : "reply") + ", id "
                        + ((o.restOfHeader() >>> 16) & 0xffff) + ", seq " + ((o.restOfHeader() >>> 8) & 0xff);
                default -> "type-#" + o.type().value();
            });
        }
        b.append(", length ").append(Math.max(0, length));
    }

    /**
     * A time stamp reply's three times as tcpdump prints them: milliseconds since midnight UT as
     * hours:minutes:seconds.millis, the hours not wrapped at 24 (RFC 792's "non-standard" high bit included).
     */
    private static String timestamps(byte[] d) {
        if (d.length < 12) {
            return "";
        }
        MessageBytes w = new MessageBytes("icmp", d, 0, d.length);
        return ": org " + clock(w.u32At(0)) + ", recv " + clock(w.u32At(4)) + ", xmit " + clock(w.u32At(8));
    }

    private static String clock(long ms) {
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** tcpdump -v shows the datagram an ICMP error quotes, indented on the next line. */
    void quotedPacket(SniffedPacket p, StringBuilder b) {
        if (text.verbose == 0) {
            return;
        }
        byte[] bytes = quoted(p.decoded().layers().get(p.decoded().layers().size() - 1));
        if (bytes == null) {
            return;
        }
        Frame q = p.decoded().quoted().orElseGet(() -> Frame.decode(dev.netkit.packet.LinkType.RAW, bytes));
        if (q.layers().isEmpty()) {
            if (bytes.length < 4 && p.decoded().icmpv4().isPresent()) {
                b.append("\n\t [|icmp]"); // the quoted length field, which tcpdump reads first, is cut
            }
            return;
        }
        int wire = bytes.length;
        byte[] datagram = bytes;
        if (q.layers().get(0) instanceof Ipv4Header h) {
            // the quoted header's length is the datagram's: a longer message holds extensions after it
            wire = h.totalLength();
            datagram = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, wire));
        }
        SniffedPacket inner = new SniffedPacket(p.number(), new dev.netkit.capture.CapturedFrame(
                p.frame().timestampNanos(), dev.netkit.packet.LinkType.RAW, wire, datagram), q, null, null);
        int saved = text.transportStart;
        b.append("\n\t");
        if (q.layers().get(0) instanceof Ipv4Header h) {
            text.ip.print(inner, b, h, q.layers(), 1, !text.link);
        } else if (q.layers().get(0) instanceof Ipv6Header h) {
            text.ip6.print(inner, b, h, q.layers(), 1, !text.link);
        }
        text.transportStart = saved;
    }

    /** The datagram an ICMP error quotes, or null; an if chain, not a pattern switch: see IpDemux. */
    private static byte[] quoted(Layer last) {
        if (last instanceof Icmpv4Message.ErrorMessage e) {
            return e.quoted();
        } else if (last instanceof Icmpv4Message.Other o && (o.type().value() == 4 || o.type().value() == 12)) {
            // source quench and parameter problem quote the datagram too (tcpdump's ICMP_ERRTYPE)
            return o.data();
        } else if (last instanceof Icmpv6Message.DestinationUnreachable u) {
            return u.quoted();
        } else if (last instanceof Icmpv6Message.PacketTooBig t) {
            return t.quoted();
        } else if (last instanceof Icmpv6Message.TimeExceeded t) {
            return t.quoted();
        }
        return null;
    }

    private static String quotedDestination(Frame q) {
        return q.ipv4().map(h -> AddressText.ip(h.destination())).orElse("[|ip]");
    }

    private static void unreachable(StringBuilder b, Icmpv4Message.DestinationUnreachable u) {
        Frame q = u.quotedFrame();
        String dst = quotedDestination(q);
        int code = u.reason().value();
        switch (code) {
            case 0 -> b.append("net ").append(dst).append(" unreachable");
            case 1 -> b.append("host ").append(dst).append(" unreachable");
            case 2 -> {
                int proto = q.ipv4().map(h -> h.protocol().value()).orElse(0);
                b.append(dst).append(" protocol ").append(proto).append(" unreachable");
            }
            case 3 -> {
                int proto = q.ipv4().map(h -> h.protocol().value()).orElse(0);
                int port = quotedPort(q);
                if (proto == 17) {
                    b.append(dst).append(" udp port ").append(port).append(" unreachable");
                } else if (proto == 6) {
                    b.append(dst).append(" tcp port ").append(port).append(" unreachable");
                } else {
                    b.append(dst).append(" protocol ").append(proto).append(" port ").append(port)
                            .append(" unreachable");
                }
            }
            case 4 -> {
                b.append(dst).append(" unreachable - need to frag");
                if (u.nextHopMtu() != 0) {
                    b.append(" (mtu ").append(u.nextHopMtu()).append(')');
                }
            }
            case 5 -> b.append(dst).append(" unreachable - source route failed");
            case 6 -> b.append("net ").append(dst).append(" unreachable - unknown");
            case 7 -> b.append("host ").append(dst).append(" unreachable - unknown");
            case 8 -> b.append(dst).append(" unreachable - source host isolated");
            case 9 -> b.append("net ").append(dst).append(" unreachable - admin prohibited");
            case 10 -> b.append("host ").append(dst).append(" unreachable - admin prohibited");
            case 11 -> b.append("net ").append(dst).append(" unreachable - tos prohibited");
            case 12 -> b.append("host ").append(dst).append(" unreachable - tos prohibited");
            case 13 -> b.append("host ").append(dst).append(" unreachable - admin prohibited filter");
            case 14 -> b.append("host ").append(dst).append(" unreachable - host precedence violation");
            case 15 -> b.append("host ").append(dst).append(" unreachable - precedence cutoff");
            default -> b.append(dst).append(" unreachable - #").append(code);
        }
    }

    /** The destination port of the quoted TCP or UDP header (its first 4 bytes suffice). */
    static int quotedPort(Frame q) {
        if (q.udp().isPresent()) {
            return q.udp().get().destinationPort();
        }
        if (q.tcp().isPresent()) {
            return q.tcp().get().destinationPort();
        }
        byte[] rest = q.payload();
        // TCP's and UDP's destination port is bytes 2-3 (RFC 9293, RFC 768)
        return rest.length >= 4 ? new MessageBytes("icmp", rest, 0, rest.length).u16At(2) : 0;
    }
}
