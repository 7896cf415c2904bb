package dev.netkit.sniff.print;

import dev.netkit.packet.EtherType;
import dev.netkit.packet.GreHeader;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.sniff.SniffedPacket;

/**
 * tcpdump's GRE text (print-gre.c, RFC 2784/2890 version 0 and RFC 2637's PPTP version 1): version, with -v the
 * flags, the optional checksum, offset, key, sequence and source routes, then the payload: IPv4, IPv6 and bridged
 * Ethernet decoded as the packets they are, others named by their protocol number. A header cut short ends the
 * text with {@code [|gre]}.
 */
final class GreText {
    static final int PROTOCOL = 47;
    private static final BitNames FLAGS = BitNames.of(GreHeader.FLAG_CHECKSUM, "checksum present",
            GreHeader.FLAG_ROUTING, "routing present", GreHeader.FLAG_KEY, "key present", GreHeader.FLAG_SEQUENCE,
            "sequence# present", GreHeader.FLAG_STRICT_ROUTE, "source routing present", GreHeader.FLAG_ACK,
            "ack present");

    private GreText() {
    }

    /** True when the packet is GRE over IPv4 or IPv6: its inner packet may be TCP, whose text has state. */
    static boolean tunnels(SniffedPacket p) {
        return p.decoded().ipv4().map(h -> h.protocol().value() == PROTOCOL).orElse(false)
                || p.decoded().ipv6().map(h -> h.nextHeader().value() == PROTOCOL).orElse(false);
    }

    /** The GRE packet at {@code [off, end)} of the frame, {@code length} long on the wire. */
    static void print(TcpdumpText text, SniffedPacket p, StringBuilder b, int off, int end, int length) {
        // a field must be inside both the capture and the GRE length
        GreHeader h = new GreHeader(p.frame().data(), off, Math.min(end, off + length));
        try {
            int version = h.version();
            b.append("GREv").append(version);
            switch (version) {
                case 0 -> version0(text, p, b, h, length);
                case 1 -> version1(text, b, h, length);
                default -> b.append(" ERROR: unknown-version");
            }
        } catch (MalformedPacketException e) {
            b.append(" [|gre]");
        }
    }

    private static void version0(TcpdumpText text, SniffedPacket p, StringBuilder b, GreHeader h, int length) {
        int flags = flags(text, b, h);
        int protocol = h.protocolType();
        if ((flags & (GreHeader.FLAG_CHECKSUM | GreHeader.FLAG_ROUTING)) != 0) {
            int sum = h.checksum();
            if (text.verbose > 0) {
                b.append(", sum 0x").append(Integer.toHexString(sum));
            }
            int offset = h.routingOffset();
            b.append(", off 0x").append(Integer.toHexString(offset));
        }
        if ((flags & GreHeader.FLAG_KEY) != 0) {
            long key = h.key();
            b.append(", key=0x").append(Long.toHexString(key));
        }
        if ((flags & GreHeader.FLAG_SEQUENCE) != 0) {
            long sequence = h.sequence();
            b.append(", seq ").append(sequence);
        }
        int at = h.fixedLength();
        if ((flags & GreHeader.FLAG_ROUTING) != 0) {
            at = routes(b, h, at);
        }
        trailer(text, b, protocol, length);
        int from = h.offset() + at;
        int inner = length - at;
        switch (protocol) {
            case 0x0800 -> text.inner(p, b, from, inner, LinkType.IPV4);
            case 0x86dd -> text.inner(p, b, from, inner, LinkType.IPV6);
            case GreHeader.PROTOCOL_ETHERNET -> text.innerEthernet(p, b, from, inner);
            default -> b.append("gre-proto-0x").append(Integer.toHexString(protocol));
        }
    }

    /** PPTP's enhanced GRE: call id, sequence and acknowledgment; the PPP payload is not decoded. */
    private static void version1(TcpdumpText text, StringBuilder b, GreHeader h, int length) {
        int flags = flags(text, b, h);
        int protocol = h.protocolType();
        if ((flags & GreHeader.FLAG_KEY) != 0) {
            int call = h.callId();
            b.append(", call ").append(call);
        }
        if ((flags & GreHeader.FLAG_SEQUENCE) != 0) {
            long sequence = h.sequence();
            b.append(", seq ").append(sequence);
        }
        if ((flags & GreHeader.FLAG_ACK) != 0) {
            long ack = h.acknowledgment();
            b.append(", ack ").append(ack);
        }
        if ((flags & GreHeader.FLAG_SEQUENCE) == 0) {
            b.append(", no-payload");
            protocolName(text, b, protocol).append(", length ").append(length);
            return;
        }
        trailer(text, b, protocol, length);
        b.append("gre-proto-0x").append(Integer.toHexString(protocol));
    }

    /** The flags word, named with -v; the protocol type after it must be there too. */
    private static int flags(TcpdumpText text, StringBuilder b, GreHeader h) {
        int flags = h.flagsAndVersion();
        if (text.verbose > 0) {
            FLAGS.append(b.append(", Flags ["), flags, "none").append(']');
        }
        h.protocolType();
        return flags;
    }

    private static void trailer(TcpdumpText text, StringBuilder b, int protocol, int length) {
        protocolName(text, b, protocol).append(", length ").append(length).append(text.verbose < 1 ? ": " : "\n\t");
    }

    private static StringBuilder protocolName(TcpdumpText text, StringBuilder b, int protocol) {
        if (text.link) {
            StringBuilder name = new StringBuilder();
            TcpdumpText.etherTypeText(name, EtherType.valueOf(protocol));
            // "ethertype IPv4 (0x0800)" there, "proto IPv4 (0x0800)" here; tcpdump says "unknown" where it knows none
            String named = name.substring("ethertype ".length());
            b.append(", proto ").append(named.startsWith("Unknown") ? "unknown" + named.substring(7) : named);
        }
        return b;
    }

    /** The source route entries (RFC 1701), up to the null entry; where they end. */
    private static int routes(StringBuilder b, GreHeader h, int at) {
        while (true) {
            GreHeader.SourceRoute r = h.sourceRoute(at);
            if (r.isLast()) {
                return r.next();
            }
            int unit = r.family() == GreHeader.ROUTE_IPV4 ? 4 : r.family() == GreHeader.ROUTE_ASN ? 2 : 0;
            if (unit == 0) {
                b.append(", (rtaf=0x").append(Integer.toHexString(r.family())).append(')');
            } else {
                b.append(unit == 4 ? ", (rtaf=ip" : ", (rtaf=asn");
                if (r.offset() % unit != 0) {
                    b.append(", badoffset=").append(r.offset());
                } else if (r.length() % unit != 0) {
                    b.append(", badlength=").append(r.length());
                } else if (r.offset() >= r.length()) {
                    b.append(", badoff/len=").append(r.offset()).append('/').append(r.length());
                } else {
                    for (int i = 0; i < r.length(); i += unit) {
                        if (unit == 4) {
                            byte[] address = h.routeAddress(r, i);
                            b.append(' ').append(i == r.offset() ? "*" : "");
                            AddressText.ipv4(b, address, 0);
                        } else {
                            int asn = h.routeAsn(r, i);
                            b.append(' ').append(i == r.offset() ? "*" : "").append(Integer.toHexString(asn));
                        }
                    }
                }
                b.append(')');
            }
            h.routeInformation(r);
            at = r.next();
        }
    }
}
