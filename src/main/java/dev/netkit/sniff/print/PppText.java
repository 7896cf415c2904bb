package dev.netkit.sniff.print;

import dev.netkit.packet.LinkType;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;
import dev.netkit.packet.PppControlMessage;
import dev.netkit.packet.PppHeader;
import dev.netkit.sniff.SniffedPacket;

import java.util.Arrays;
import java.util.Map;

/**
 * PPP as tcpdump prints it (print-ppp.c): LINKTYPE_PPP's line (ppp_if_print, with -e the protocol's name, number
 * and length), LINKTYPE_PPP_SERIAL's (ppp_hdlc_if_print: the protocol's name before every packet), then the
 * payload: IPv4 and IPv6 through their printers, the control protocols' code, id and length (-v: the encoded
 * length, echo magic numbers), and a frame still in RFC 1662's octet stuffing un-escaped first.
 */
final class PppText {
    /** tcpdump's ppptype2str. */
    private static final Map<Integer, String> NAMES = TokenTable.parse("33:IP|35:OSI|37:NS|39:DECNET|41:APPLE"
            + "|43:IPX|45:VJC IP|47:VJNC IP|49:BRPDU|51:STII|53:VINES|641:MPLS|643:MPLS|253:Compressed|61:MLPPP"
            + "|87:IP6|513:HELLO|561:LUXCOM|563:SNS|32801:IPCP|32803:OSICP|32805:NSCP|32807:DECNETCP"
            + "|32809:APPLECP|32811:IPXCP|32819:STIICP|32821:VINESCP|32855:IP6CP|33409:MPLSCP|49185:LCP|49187:PAP"
            + "|49189:LQM|49699:CHAP|49703:EAP|49191:SPAP|49443:Old-SPAP|49195:BACP|49197:BAP|49213:MLPPP-CP"
            + "|33021:CCP");
    /** tcpdump's cpcodes: the codes of LCP and the other control protocols (RFC 1661 section 5). */
    private static final Map<Integer, String> CODES = TokenTable.parse("0:Vendor-Extension|1:Conf-Request"
            + "|2:Conf-Ack|3:Conf-Nack|4:Conf-Reject|5:Term-Request|6:Term-Ack|7:Code-Reject|8:Prot-Reject"
            + "|9:Echo-Request|10:Echo-Reply|11:Disc-Req|12:Ident|13:Time-Rem|14:Reset-Req|15:Reset-Ack");

    private PppText() {
    }

    /** The packet after its time stamp, for a frame whose first layer is {@code h}. */
    static void print(TcpdumpText text, SniffedPacket p, StringBuilder b, PppHeader h, int wire) {
        byte[] d = p.frame().data();
        if (p.frame().linkType().value() == LinkType.PPP_SERIAL.value()) {
            hdlcLink(text, p, b, h, wire);
            return;
        }
        if (text.link) {
            if (h.address() == PppHeader.PPPD_IN) {
                b.append("In  ");
            } else if (h.address() == PppHeader.PPPD_OUT) {
                b.append("Out ");
            }
            String name = NAMES.get(h.protocol());
            b.append(name == null ? "unknown" : name).append(" (0x");
            AddressText.hex4(b, h.protocol());
            b.append("), length ").append(wire);
            if (name == null) {
                return;
            }
            b.append(": ");
        }
        protocol(text, p, b, h.protocol(), d, h.length(), d.length, wire - h.length());
    }

    /** ppp_hdlc_if_print: RFC 1662 framing; another address byte is Cisco HDLC or unknown. */
    private static void hdlcLink(TcpdumpText text, SniffedPacket p, StringBuilder b, PppHeader h, int wire) {
        byte[] d = p.frame().data();
        if (text.link) {
            AddressText.hex2(b, h.address());
            b.append(' ');
            AddressText.hex2(b, h.control());
            b.append(' ').append(wire).append(' ');
        }
        if (h.address() != PppHeader.ALL_STATIONS) {
            b.append("unknown addr ");
            AddressText.hex2(b, h.protocol() >> 8); // parseHdlc read these two bytes as the protocol
            b.append("; ctrl ");
            AddressText.hex2(b, h.protocol());
            return;
        }
        b.append(name(h.protocol())).append(": ");
        protocol(text, p, b, h.protocol(), d, h.length(), d.length, wire - h.length());
    }

    private static String name(int protocol) {
        String name = NAMES.get(protocol);
        return name != null ? name : String.format("unknown PPP protocol (0x%04x)", protocol);
    }

    /**
     * handle_ppp: the payload of {@code protocol} at {@code from} in {@code d}, {@code end} its captured end,
     * {@code length} its length on the wire.
     */
    private static void protocol(TcpdumpText text, SniffedPacket p, StringBuilder b, int protocol, byte[] d,
            int from, int end, int length) {
        if ((protocol & 0xff00) == 0x7e00) {
            unescape(text, p, b, d, from - 1, end);
            return;
        }
        switch (protocol) {
            case 0xc021, 0x8021, 0x8023, 0x8281, 0x8057, 0x80fd, 0xc02b -> control(text, b, protocol, d, from, end,
                    length);
            case 0x003d -> multilink(text, b, d, from, end, length);
            case 0x0021, 0x002f, 0x0800 -> ip(text, p, b, d, from, end, length, LinkType.IPV4);
            case 0x0057, 0x86dd -> ip(text, p, b, d, from, end, length, LinkType.IPV6);
            case 0x0281, 0x0283 -> MplsText.print(text, p, b, d, from, end, length);
            case 0x00fd -> b.append("compressed PPP data");
            default -> {
                b.append(name(protocol)).append(' ');
                HexDump.hex(b, d, Math.min(from, end), Math.max(0, Math.min(length, end - from)));
            }
        }
    }

    private static void ip(TcpdumpText text, SniffedPacket p, StringBuilder b, byte[] d, int from, int end,
            int length, LinkType type) {
        byte[] inner = Arrays.copyOfRange(d, Math.min(from, end), end);
        text.innerBytes(p, b, inner, Math.max(length, inner.length), type);
    }

    /**
     * ppp_hdlc: a frame still octet-stuffed (RFC 1662 section 4.2, 0x7d escapes the next byte XOR 0x20), un-escaped
     * over the captured bytes, then its protocol guessed: one byte of IPv4 or IPv6, an address and control, or
     * two bytes of protocol.
     */
    private static void unescape(TcpdumpText text, SniffedPacket p, StringBuilder b, byte[] d, int from, int end) {
        byte[] u = new byte[Math.max(0, end - from)];
        int n = 0;
        for (int i = from; i < end; i++) {
            int c = d[i] & 0xff;
            if (c == 0x7d) {
                if (i + 1 >= end) {
                    break;
                }
                c = (d[++i] & 0xff) ^ 0x20;
            }
            u[n++] = (byte) c;
        }
        if (n == 0) {
            return;
        }
        MessageBytes m = new MessageBytes("ppp", u, 0, n);
        int first = m.byteAt(0);
        if (first == 0x21 || first == 0x57) {
            ip(text, p, b, u, 1, n, n - 1, first == 0x21 ? LinkType.IPV4 : LinkType.IPV6);
            return;
        }
        if (n < 2) {
            TcpdumpText.trunc(b, "ppp");
            return;
        }
        int two = m.u16At(0);
        int at = 2;
        if (two == (PppHeader.ALL_STATIONS << 8 | PppHeader.UI)) {
            if (n < 4) {
                TcpdumpText.trunc(b, "ppp");
                return;
            }
            two = m.u16At(2);
            at = 4;
        }
        if ((two & 0xff00) == 0x7e00) {
            b.append(String.format("(protocol 0x%04x invalid)", two));
        } else {
            protocol(text, p, b, two, u, at, n, n - at);
        }
    }

    /** handle_ctrl_proto: LCP, IPCP, IP6CP, CCP, BACP and the others of RFC 1661's packet format. */
    private static void control(TcpdumpText text, StringBuilder b, int protocol, byte[] d, int from, int end,
            int length) {
        String name = NAMES.getOrDefault(protocol, String.format("unknown ctrl-proto (0x%04x)", protocol));
        b.append(name).append(", ");
        if (length < 4) {
            b.append("[|").append(name).append(']');
            return;
        }
        try {
            control(text, b, protocol, new PppControlMessage(d, from, end), length);
        } catch (MalformedPacketException e) {
            b.append("[|").append(name).append(']');
        }
    }

    private static void control(TcpdumpText text, StringBuilder b, int protocol, PppControlMessage m, int length) {
        int code = m.code();
        int id = m.identifier();
        b.append(CODES.getOrDefault(code, "Unknown Opcode")).append(" (0x");
        AddressText.hex2(b, code);
        b.append("), id ").append(id).append(", length ").append(length + 2);
        if (text.verbose == 0) {
            return;
        }
        int encoded = m.declaredLength();
        if (encoded < 4) {
            b.append("\n\tencoded length ").append(encoded).append(" (< 4))");
            return;
        }
        if (encoded > length) {
            b.append("\n\tencoded length ").append(encoded).append(" (> packet length ").append(length).append("))");
            return;
        }
        b.append("\n\tencoded length ").append(encoded).append(" (=Option(s) length ").append(encoded - 4)
                .append(')');
        if (encoded == 4) {
            return;
        }
        if (text.verbose > 1) {
            // from the protocol field, as print-ppp.c dumps it
            HexDump.hex(b, m.buffer(), m.offset() - 2, Math.min(6, m.length() + 2));
        }
        if (protocol == 0x8021 && code >= PppControlMessage.CONFIGURE_REQUEST
                && code <= PppControlMessage.CONFIGURE_REJECT) {
            ipcpOptions(text, b, m, encoded);
            return;
        }
        boolean magic = code >= PppControlMessage.ECHO_REQUEST && code <= PppControlMessage.TIME_REMAINING;
        if (magic && encoded >= 8) {
            long number = m.magicNumber();
            b.append("\n\t  Magic-Num 0x").append(String.format("%08x", number));
            if (encoded > 8) {
                b.append("\n\t  -----trailing data-----");
                HexDump.hex(b, "\n\t  ", m.buffer(), m.offset() + 8, Math.max(0, Math.min(encoded - 8,
                        m.length() - 8)));
            }
        }
    }

    /** handle_mlppp: Multilink PPP's 12-bit sequence number and begin/end flags (RFC 1990). */
    private static void multilink(TcpdumpText text, StringBuilder b, byte[] d, int from, int end, int length) {
        if (!text.link) {
            b.append("MLPPP, ");
        }
        MessageBytes m = new MessageBytes("mlppp", d, from, end);
        if (length < 2 || !m.has(0, 2)) {
            b.append("[|mlppp]");
            return;
        }
        int flags = m.byteAt(0) & 0xc0;
        String names = flags == 0 ? "none" : flags == 0xc0 ? "begin, end" : flags == 0x80 ? "begin" : "end";
        b.append(String.format("seq 0x%03x, Flags [%s], length %d", m.u16At(0) & 0x0fff, names, length));
    }
    /** tcpdump's ipcpopt_values. */
    private static final Map<Integer, String> IPCP_OPTIONS = TokenTable.parse("1:IP-Addrs|2:IP-Comp|3:IP-Addr"
            + "|4:Home-Addr|129:Pri-DNS|130:Pri-NBNS|131:Sec-DNS|132:Sec-NBNS");

    /**
     * The options of an IPCP Configure-Request, -Ack, -Nak or -Reject (RFC 1332, RFC 1877, RFC 3544's IP header
     * compression), as print-ppp.c: each option checked against the encoded length, not the bytes left, and a
     * list that overruns it marked {@code [remaining options length N < M] (invalid)}.
     */
    private static void ipcpOptions(TcpdumpText text, StringBuilder b, PppControlMessage m, int encoded) {
        int left = encoded - 4;
        int at = PppControlMessage.HEADER;
        try {
            do {
                int advance = ipcpOption(text, b, m, at, encoded);
                if (advance <= 0) {
                    return;
                }
                if (left < advance) {
                    b.append(" [remaining options length ").append(left).append(" < ").append(advance)
                            .append("] (invalid)");
                    return;
                }
                left -= advance;
                at += advance;
            } while (left != 0);
        } catch (MalformedPacketException e) {
            b.append("[|ipcp]");
        }
    }

    /** One IPCP option; its length, or 0 to stop (bogus); throws where the capture ends inside it. */
    private static int ipcpOption(TcpdumpText text, StringBuilder b, PppControlMessage m, int at, int length) {
        if (length < 2) {
            return 0;
        }
        PppControlMessage.Option o = m.option(at);
        int opt = o.type();
        int len = o.length();
        if (length < len) {
            return 0;
        }
        b.append("\n\t  ").append(IPCP_OPTIONS.getOrDefault(opt, "unknown")).append(" Option (0x");
        AddressText.hex2(b, opt);
        b.append("), length ").append(len);
        if (len < 2) {
            b.append(" (length bogus, should be >= 2)");
            return 0;
        }
        int dump = at; // print-ppp.c dumps from where its suboption walk left its pointer
        switch (opt) {
            case 1 -> {
                if (len != 10) {
                    b.append(" (length bogus, should be = 10)");
                    return len;
                }
                byte[] addresses = m.bytesAt(o.data(), 8);
                AddressText.ipv4(b.append(": src "), addresses, 0);
                AddressText.ipv4(b.append(", dst "), addresses, 4);
            }
            case 2 -> {
                if (len < 4) {
                    b.append(" (length bogus, should be >= 4)");
                    return 0;
                }
                int comp = m.u16At(o.data());
                b.append(": ").append(comp == 0x2d ? "VJ-Comp" : comp == 0x61 ? "IP Header Compression" : "Unknown")
                        .append(" (0x");
                AddressText.hex2(b, comp);
                b.append("):");
                if (comp == 0x61) {
                    dump = headerCompression(b, m, at, len);
                    if (dump < 0) {
                        return 0;
                    }
                }
            }
            case 3, 4, 129, 130, 131, 132 -> {
                if (len != 6) {
                    b.append(" (length bogus, should be = 6)");
                    return 0;
                }
                AddressText.ipv4(b.append(": "), m.bytesAt(o.data(), 4), 0);
            }
            default -> {
                if (text.verbose < 2) {
                    HexDump.hex(b, "\n\t    ", m.buffer(), m.offset() + o.data(),
                            Math.max(0, Math.min(len - 2, m.length() - o.data())));
                }
            }
        }
        if (text.verbose > 1 && dump + len <= m.length()) {
            HexDump.hex(b, "\n\t    ", m.buffer(), m.offset() + dump + 2, len - 2);
        }
        return len;
    }

    /**
     * RFC 3544's IP header compression parameters and suboptions; where the walk ended (print-ppp.c dumps the
     * option's bytes from there at -vv), -2 when bogus; throws where the capture ends inside them.
     */
    private static int headerCompression(StringBuilder b, PppControlMessage m, int at, int len) {
        if (len < 14) {
            b.append(" (length bogus, should be >= 14)");
            return -2;
        }
        m.need(at, 16);
        b.append("\n\t    TCP Space ").append(m.u16At(at + 4)).append(", non-TCP Space ").append(m.u16At(at + 6))
                .append(", maxPeriod ").append(m.u16At(at + 8)).append(", maxTime ").append(m.u16At(at + 10))
                .append(", maxHdr ").append(m.u16At(at + 12));
        if (len == 14) {
            return at;
        }
        int left = len - 14;
        int p = at + 14;
        b.append("\n\t      Suboptions, length ").append(left);
        while (left >= 2) {
            PppControlMessage.Option sub = m.option(p);
            if (sub.type() == 0 || sub.length() == 0) {
                break;
            }
            int type = sub.type();
            b.append("\n\t\t").append(type == 1 ? "RTP-Compression" : type == 2 ? "Enhanced RTP-Compression"
                    : "Unknown").append(" Suboption #").append(type).append(", length ").append(sub.length());
            if (left < sub.length()) {
                b.append(" [remaining suboptions length ").append(left).append(" < ").append(sub.length())
                        .append("] (invalid)");
                break;
            }
            left -= sub.length();
            p += sub.length();
        }
        return p;
    }
}
