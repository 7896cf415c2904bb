package dev.netkit.sniff.print;

import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.sniff.SniffedPacket;

/** tcpdump's ICMP text (print-icmp.c), and the datagram an ICMP or ICMPv6 error quotes (-v). */
final class IcmpText {
    private final TcpdumpText text;

    IcmpText(TcpdumpText text) {
        this.text = text;
    }

    static void print(StringBuilder b, Icmpv4Message m, int length) {
        b.append("ICMP ");
        switch (m) {
            case Icmpv4Message.Echo e -> b.append(e.request() ? "echo request" : "echo reply")
                    .append(", id ").append(e.identifier()).append(", seq ").append(e.sequence());
            case Icmpv4Message.DestinationUnreachable u -> unreachable(b, u);
            case Icmpv4Message.TimeExceeded t -> b.append(switch (t.code()) {
                case 0 -> "time exceeded in-transit";
                case 1 -> "ip reassembly time exceeded";
                default -> "time exceeded-#" + t.code();
            });
            case Icmpv4Message.Redirect r -> {
                String kind = switch (r.code()) {
                    case 0 -> "redirect %s to net %s";
                    case 1 -> "redirect %s to host %s";
                    case 2 -> "redirect-tos %s to net %s";
                    case 3 -> "redirect-tos %s to host %s";
                    default -> "redirect-#" + r.code() + " %s to %s";
                };
                String quotedDst = quotedDestination(r.quotedFrame());
                b.append(kind.replaceFirst("%s", quotedDst).replace("%s", AddressText.ip(r.gateway())));
            }
            case Icmpv4Message.Other o -> b.append(switch (o.type().value()) {
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
        java.nio.ByteBuffer w = java.nio.ByteBuffer.wrap(d);
        return ": org " + clock(Integer.toUnsignedLong(w.getInt(0))) + ", recv "
                + clock(Integer.toUnsignedLong(w.getInt(4))) + ", xmit " + clock(Integer.toUnsignedLong(w.getInt(8)));
    }

    private static String clock(long ms) {
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** tcpdump -v shows the datagram an ICMP error quotes, indented on the next line. */
    void quotedPacket(SniffedPacket p, StringBuilder b) {
        if (text.verbose == 0) {
            return;
        }
        Frame q = p.decoded().quoted().orElse(null);
        if (q == null || q.layers().isEmpty()) {
            return;
        }
        byte[] bytes = switch (p.decoded().layers().get(p.decoded().layers().size() - 1)) {
            case Icmpv4Message.DestinationUnreachable u -> u.quoted();
            case Icmpv4Message.TimeExceeded t -> t.quoted();
            case Icmpv4Message.Redirect r -> r.quoted();
            case Icmpv6Message.DestinationUnreachable u -> u.quoted();
            case Icmpv6Message.PacketTooBig t -> t.quoted();
            case Icmpv6Message.TimeExceeded t -> t.quoted();
            default -> null;
        };
        if (bytes == null) {
            return;
        }
        SniffedPacket inner = new SniffedPacket(p.number(), new dev.netkit.capture.CapturedFrame(
                p.frame().timestampNanos(), dev.netkit.packet.LinkType.RAW, bytes.length, bytes), q, null, null);
        int saved = text.transportStart;
        b.append("\n\t");
        switch (q.layers().get(0)) {
            case Ipv4Header h -> text.ip.print(inner, b, h, q.layers(), 1, true);
            case Ipv6Header h -> text.ip6.print(inner, b, h, q.layers(), 1, true);
            default -> {
            }
        }
        text.transportStart = saved;
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
        return rest.length >= 4 ? ((rest[2] & 0xff) << 8) | (rest[3] & 0xff) : 0;
    }
}
