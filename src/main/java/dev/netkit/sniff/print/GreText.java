package dev.netkit.sniff.print;

import dev.netkit.packet.EtherType;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;
import dev.netkit.sniff.SniffedPacket;

/**
 * tcpdump's GRE text (print-gre.c, RFC 2784/2890 version 0 and RFC 2637's PPTP version 1): version, with -v the
 * flags, the optional checksum, offset, key, sequence and source routes, then the payload: IPv4, IPv6 and bridged
 * Ethernet decoded as the packets they are, others named by their protocol number. A header cut short ends the
 * text with {@code [|gre]}.
 */
final class GreText {
    static final int PROTOCOL = 47;
    private static final BitNames FLAGS = BitNames.of(0x8000, "checksum present", 0x4000, "routing present",
            0x2000, "key present", 0x1000, "sequence# present", 0x0800, "source routing present", 0x0080,
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
        MessageBytes m = new MessageBytes("gre", p.frame().data(), off, end);
        try {
            if (length < 2) {
                m.need(0, 2);
                throw cut();
            }
            int version = m.u16At(0) & 7;
            b.append("GREv").append(version);
            switch (version) {
                case 0 -> version0(text, p, b, m, length);
                case 1 -> version1(text, b, m, length);
                default -> b.append(" ERROR: unknown-version");
            }
        } catch (MalformedPacketException e) {
            b.append(" [|gre]");
        }
    }

    private static void version0(TcpdumpText text, SniffedPacket p, StringBuilder b, MessageBytes m, int length) {
        int flags = flags(text, b, m, length);
        int at = 4;
        int protocol = m.u16At(2);
        if ((flags & 0xc000) != 0) {
            at = field(m, at, 2, length);
            if (text.verbose > 0) {
                b.append(", sum 0x").append(Integer.toHexString(m.u16At(at - 2)));
            }
            at = field(m, at, 2, length);
            b.append(", off 0x").append(Integer.toHexString(m.u16At(at - 2)));
        }
        if ((flags & 0x2000) != 0) {
            at = field(m, at, 4, length);
            b.append(", key=0x").append(Long.toHexString(m.u32At(at - 4)));
        }
        if ((flags & 0x1000) != 0) {
            at = field(m, at, 4, length);
            b.append(", seq ").append(m.u32At(at - 4));
        }
        if ((flags & 0x4000) != 0) {
            at = routes(b, m, at, length);
        }
        trailer(text, b, protocol, length);
        int from = m.offset() + at;
        int inner = length - at;
        switch (protocol) {
            case 0x0800 -> text.inner(p, b, from, inner, LinkType.IPV4);
            case 0x86dd -> text.inner(p, b, from, inner, LinkType.IPV6);
            case 0x6558 -> text.innerEthernet(p, b, from, inner);
            default -> b.append("gre-proto-0x").append(Integer.toHexString(protocol));
        }
    }

    /** PPTP's enhanced GRE: call id, sequence and acknowledgment; the PPP payload is not decoded. */
    private static void version1(TcpdumpText text, StringBuilder b, MessageBytes m, int length) {
        int flags = flags(text, b, m, length);
        int at = 4;
        int protocol = m.u16At(2);
        if ((flags & 0x2000) != 0) {
            at = field(m, at, 4, length);
            b.append(", call ").append(m.u32At(at - 4) & 0xffff);
        }
        if ((flags & 0x1000) != 0) {
            at = field(m, at, 4, length);
            b.append(", seq ").append(m.u32At(at - 4));
        }
        if ((flags & 0x0080) != 0) {
            at = field(m, at, 4, length);
            b.append(", ack ").append(m.u32At(at - 4));
        }
        if ((flags & 0x1000) == 0) {
            b.append(", no-payload");
        }
        if ((flags & 0x1000) == 0) {
            protocolName(text, b, protocol).append(", length ").append(length);
            return;
        }
        trailer(text, b, protocol, length);
        b.append("gre-proto-0x").append(Integer.toHexString(protocol));
    }

    /** The flags word, named with -v; the protocol type after it must be there too. */
    private static int flags(TcpdumpText text, StringBuilder b, MessageBytes m, int length) {
        int flags = m.u16At(0);
        if (text.verbose > 0) {
            FLAGS.append(b.append(", Flags ["), flags, "none").append(']');
        }
        field(m, 2, 2, length);
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

    /** The {@code n} bytes at {@code at} must be inside both the capture and the GRE length; where they end. */
    private static int field(MessageBytes m, int at, int n, int length) {
        m.need(at, n);
        if (length < at + n) {
            throw cut();
        }
        return at + n;
    }

    /** The source route entries (RFC 1701), up to the null entry; where they end. */
    private static int routes(StringBuilder b, MessageBytes m, int at, int length) {
        while (true) {
            at = field(m, at, 4, length);
            int family = m.u16At(at - 4);
            int offset = m.byteAt(at - 2);
            int size = m.byteAt(at - 1);
            if (family == 0 && size == 0) {
                return at;
            }
            int unit = family == 0x0800 ? 4 : family == 0xfffe ? 2 : 0;
            if (unit == 0) {
                b.append(", (rtaf=0x").append(Integer.toHexString(family)).append(')');
            } else {
                b.append(unit == 4 ? ", (rtaf=ip" : ", (rtaf=asn");
                if (offset % unit != 0) {
                    b.append(", badoffset=").append(offset);
                } else if (size % unit != 0) {
                    b.append(", badlength=").append(size);
                } else if (offset >= size) {
                    b.append(", badoff/len=").append(offset).append('/').append(size);
                } else {
                    for (int i = 0; i < size; i += unit) {
                        field(m, at + i, unit, length);
                        b.append(' ').append(i == offset ? "*" : "");
                        if (unit == 4) {
                            AddressText.ipv4(b, m.bytesAt(at + i, 4), 0);
                        } else {
                            b.append(Integer.toHexString(m.u16At(at + i)));
                        }
                    }
                }
                b.append(')');
            }
            at = field(m, at, size, length);
        }
    }

    private static MalformedPacketException cut() {
        return MalformedPacketException.truncated("gre", "header", 1, 0);
    }
}
