package dev.netkit.sniff.print;

import dev.netkit.packet.Frame;
import dev.netkit.packet.IcmpExtension;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6Packet;
import dev.netkit.packet.MessageBytes;
import dev.netkit.packet.NdpOption;
import dev.netkit.packet.NodeInformationMessage;
import dev.netkit.packet.RouterRenumberingMessage;
import dev.netkit.sniff.SniffedPacket;

import java.util.List;

/** tcpdump's ICMPv6 text (print-icmp6.c): errors, echo, neighbour discovery with its options (-v), MLD. */
final class Icmp6Text {
    private static final int NONCE = 14;
    private static final int ROUTE_INFORMATION = 24;
    private static final int PREF64 = 38;
    /** The prefix length each prefix length code stands for (RFC 8781 section 4). */
    private static final String[] PREF64_LENGTHS = {"96", "64", "56", "48", "40", "32"};
    private static final int EXTENDED_ECHO_REQUEST = 160;
    private static final int EXTENDED_ECHO_REPLY = 161;
    private final TcpdumpText text;

    Icmp6Text(TcpdumpText text) {
        this.text = text;
    }

    void print(SniffedPacket p, StringBuilder b, Icmpv6Message m, int length) {
        icmp6Checksum(p, b);
        b.append("ICMP6, ");
        icmp6Body(p, b, m, length);
    }

    /** tcpdump -v's ICMPv6 checksum verdict before "ICMP6". */
    private void icmp6Checksum(SniffedPacket p, StringBuilder b) {
        if (text.verbose > 0) {
            int sum = Checksums.icmp6(p, text.transportStart);
            if (sum == 0) {
                b.append("[icmp6 sum ok] ");
            } else if (sum > 0) {
                int field = Icmpv6Packet.newChecked(p.frame().data(), text.transportStart,
                        Math.min(text.payloadEnd, p.frame().data().length) - text.transportStart).checksum();
                b.append("[bad icmp6 cksum 0x");
                AddressText.hex4(b, field);
                b.append(" -> 0x");
                AddressText.hex4(b, Checksums.shouldBe(field, sum));
                b.append("!] ");
            }
        }
    }

    /**
     * An MLD message shorter than ICMPv6's 8-byte header, which the codec does not decode: tcpdump still names
     * it and says its length is invalid. Returns false for anything else.
     */
    boolean shortMld(SniffedPacket p, StringBuilder b, int length) {
        byte[] d = p.frame().data();
        MessageBytes m = new MessageBytes("icmp6", d, text.transportStart, text.payloadEnd);
        if (!m.has(0, 1) || !MulticastText.isMld(m.byteAt(0))) {
            return false;
        }
        if (text.verbose > 0 && text.payloadEnd - text.transportStart == length) {
            int sum = Checksums.icmp6(p, text.transportStart, text.payloadEnd);
            b.append(sum == 0 ? "[icmp6 sum ok] " : sum > 0 ? "[bad icmp6 cksum] " : "");
        }
        b.append("ICMP6, ").append(icmp6TypeName(m.byteAt(0)));
        if (MulticastText.mld(b, d, text.transportStart, text.payloadEnd, length, text.verbose) && text.verbose == 0) {
            b.append(", length ").append(Math.max(0, length));
        }
        return true;
    }

    private void icmp6Body(SniffedPacket p, StringBuilder b, Icmpv6Message m, int length) {
        if (m instanceof Icmpv6Message.Echo e) {
            b.append(e.request() ? "echo request" : "echo reply")
                    .append(", id ").append(e.identifier()).append(", seq ").append(e.sequence());
        } else if (m instanceof Icmpv6Message.DestinationUnreachable u) {
            b.append("destination unreachable, ");
            Frame q = u.quotedFrame();
            String dst = q.ipv6().map(h -> AddressText.ip(h.destination())).orElse("[|ip6]");
            int code = u.reason().value();
            switch (code) {
                case 0 -> b.append("unreachable route ").append(dst);
                case 1 -> b.append("unreachable prohibited ").append(dst);
                case 2 -> b.append("beyond scope ").append(dst);
                case 3 -> b.append("unreachable address ").append(dst);
                case 4 -> {
                    b.append("unreachable port");
                    int proto = q.ipv6().map(h -> h.nextHeader().value()).orElse(0);
                    int port = IcmpText.quotedPort(q);
                    if (proto == 17) {
                        b.append(", ").append(dst).append(" udp port ").append(port);
                    } else if (proto == 6) {
                        b.append(", ").append(dst).append(" tcp port ").append(port);
                    } else {
                        b.append(", ").append(dst).append(" protocol ").append(proto).append(" port ")
                                .append(port).append(" unreachable");
                    }
                }
                default -> b.append("unknown unreach code (").append(code).append(')');
            }
        } else if (m instanceof Icmpv6Message.PacketTooBig t) {
            b.append("packet too big, mtu ").append(t.mtu());
        } else if (m instanceof Icmpv6Message.TimeExceeded t) {
            b.append("time exceeded in-transit");
            Frame q = t.quotedFrame();
            if (t.code() == 0) {
                b.append(" for ").append(q.ipv6().map(h -> AddressText.ip(h.destination())).orElse("[|ip6]"));
            } else if (t.code() == 1) {
                b.append(" (reassembly)");
            } else {
                b.append(", unknown code (").append(t.code()).append(')');
            }
        } else if (m instanceof Icmpv6Message.RouterSolicitation r) {
            b.append("router solicitation");
            if (text.verbose > 0) {
                b.append(", length ").append(length);
                ndOptions(p, b, r.options(), 8);
                return;
            }
        } else if (m instanceof Icmpv6Message.RouterAdvertisement r) {
            b.append("router advertisement");
            if (text.verbose > 0) {
                b.append(", length ").append(length);
                b.append("\n\thop limit ").append(r.currentHopLimit()).append(", Flags [");
                int fl = r.flags();
                StringBuilder names = new StringBuilder();
                if ((fl & 0x80) != 0) {
                    names.append("managed");
                }
                if ((fl & 0x40) != 0) {
                    names.append(names.isEmpty() ? "" : ", ").append("other stateful");
                }
                if ((fl & 0x20) != 0) {
                    names.append(names.isEmpty() ? "" : ", ").append("home agent");
                }
                b.append(names.isEmpty() ? "none" : names).append("], pref ")
                        .append(switch ((fl >> 3) & 3) {
                            case 1 -> "high";
                            case 3 -> "low";
                            case 2 -> "reserved";
                            default -> "medium";
                        })
                        .append(", router lifetime ").append(r.routerLifetime()).append("s, reachable time ")
                        .append(r.reachableTime()).append("ms, retrans timer ").append(r.retransmitTimer())
                        .append("ms");
                ndOptions(p, b, r.options(), 16);
                return;
            }
        } else if (m instanceof Icmpv6Message.NeighborSolicitation n) {
            b.append("neighbor solicitation");
            if (text.verbose > 0) {
                AddressText.ip(b.append(", length ").append(length).append(", who has "), n.target());
                ndOptions(p, b, n.options(), 24);
                return;
            }
            AddressText.ip(b.append(", who has "), n.target());
        } else if (m instanceof Icmpv6Message.NeighborAdvertisement n) {
            b.append("neighbor advertisement");
            if (text.verbose > 0) {
                AddressText.ip(b.append(", length ").append(length).append(", tgt is "), n.target());
                StringBuilder fl = new StringBuilder();
                if (n.router()) {
                    fl.append("router");
                }
                if (n.solicited()) {
                    fl.append(fl.isEmpty() ? "" : ", ").append("solicited");
                }
                if (n.override()) {
                    fl.append(fl.isEmpty() ? "" : ", ").append("override");
                }
                b.append(", Flags [").append(fl.isEmpty() ? "none" : fl).append(']');
                ndOptions(p, b, n.options(), 24);
                return;
            }
            AddressText.ip(b.append(", tgt is "), n.target());
        } else if (m instanceof Icmpv6Message.Other o && o.type().value() == 4) {
            if (!parameterProblem(p, b, o)) {
                TcpdumpText.trunc(b, "icmp6");
                return;
            }
        } else if (m instanceof Icmpv6Message.Other o && (o.type().value() == EXTENDED_ECHO_REQUEST
                    || o.type().value() == EXTENDED_ECHO_REPLY)) {
            boolean request = o.type().value() == EXTENDED_ECHO_REQUEST;
            long rest = o.restOfHeader();
            b.append("extended echo ").append(request ? "request" : "reply").append(", id ")
                    .append(rest >>> 16).append(", seq ").append((rest >>> 8) & 0xff);
            if (text.verbose > 0 && !IcmpExtensionText.extendedEcho(b, (int) rest & 0xff, request, o.code(),
                    new IcmpExtension(p.frame().data(), text.transportStart + 8, text.payloadEnd))) {
                TcpdumpText.trunc(b, "icmp6");
                return;
            }
        } else if (m instanceof Icmpv6Message.Other o && (o.type().value() == NodeInformationMessage.QUERY
                    || o.type().value() == NodeInformationMessage.REPLY)) {
            b.append(icmp6TypeName(o.type().value()));
            if (!Icmp6NodeInfoText.print(b, new NodeInformationMessage(p.frame().data(), text.transportStart,
                    text.payloadEnd), length, text.verbose)) {
                b.append(" [|icmp6]"); // and the length after it, as tcpdump goes on
            }
        } else if (m instanceof Icmpv6Message.Other o) {
            b.append(icmp6TypeName(o.type().value()));
            if (o.type().value() == RouterRenumberingMessage.TYPE && !Icmp6RenumberingText.print(b,
                    new RouterRenumberingMessage(p.frame().data(), text.transportStart, text.payloadEnd),
                    text.verbose)) {
                b.append(" [|icmp6]"); // and the length after it, as tcpdump goes on
            }
            if (MulticastText.isMld(o.type().value())
                    && !MulticastText.mld(b, p.frame().data(), text.transportStart, text.payloadEnd, length, text.verbose)) {
                return;
            }
        }
        if (text.verbose == 0) {
            b.append(", length ").append(Math.max(0, length));
        }
    }

    /**
     * tcpdump -v's neighbour discovery options, one per line, the first {@code offset} bytes after the ICMPv6
     * header's start; -vv adds each option's bytes. An unknown option ends the list below -vv, as in tcpdump.
     */
    private void ndOptions(SniffedPacket p, StringBuilder b, List<NdpOption> options, int offset) {
        byte[] d = p.frame().data();
        int start = text.transportStart + offset;
        int at = start;
        for (NdpOption o : options) {
            int type = o.type();
            int len = o.length();
            String name = switch (type) {
                case 1 -> "source link-address";
                case 2 -> "destination link-address";
                case 3 -> "prefix info";
                case 4 -> "redirected header";
                case 5 -> "mtu";
                case 7 -> "advertisement interval";
                case 8 -> "homeagent information";
                case NONCE -> "nonce";
                case ROUTE_INFORMATION -> "route info";
                case 25 -> "rdnss";
                case 31 -> "dnssl";
                case PREF64 -> "pref64";
                default -> "unknown";
            };
            b.append("\n\t  ").append(name).append(" option (").append(type).append("), length ").append(len)
                    .append(" (").append(len / 8).append("): ");
            if (o instanceof NdpOption.LinkLayerAddress l) {
                AddressText.mac(b, l.address());
            } else if (o instanceof NdpOption.PrefixInformation pi) {
                AddressText.ip(b, pi.prefix()).append('/').append(pi.prefixLength()).append(", Flags [");
                StringBuilder fl = new StringBuilder();
                if (pi.onLink()) {
                    fl.append("onlink");
                }
                if (pi.autonomous()) {
                    fl.append(fl.isEmpty() ? "" : ", ").append("auto");
                }
                b.append(fl.isEmpty() ? "none" : fl).append("], valid time ").append(lifetime(pi.validLifetime()))
                        .append(", pref. time ").append(lifetime(pi.preferredLifetime()));
            } else if (o instanceof NdpOption.Mtu m) {
                b.append(' ').append(m.mtu());
            } else if (o instanceof NdpOption.Unknown u && type == 25 && u.data().length >= 6) {
                recursiveDns(b, u);
            } else if (o instanceof NdpOption.Unknown u && type == 31 && u.data().length >= 6) {
                searchList(b, u, d, at, len);
            } else if (o instanceof NdpOption.Unknown u && type == ROUTE_INFORMATION && u.data().length >= 6 && len >= 8
                        && len <= 24) {
                routeInformation(b, u, len / 8);
            } else if (o instanceof NdpOption.Unknown u && type == 4) {
                HexDump.hex(b, "\n\t    ", d, start, len); // tcpdump's own
            } else if (o instanceof NdpOption.Unknown u && type == 7 && len >= 8) {
                b.append(' ').append(u.fields().u32At(2))
                        .append("ms");
            } else if (o instanceof NdpOption.Unknown u && type == 8 && len >= 8) {
                b.append(" preference ")
                        .append(u.fields().u16At(2)).append(", lifetime ").append(u.fields().u16At(4));
            } else if (o instanceof NdpOption.Unknown u && type == NONCE) {
                for (int i = 0; i < u.data().length; i++) {
                    AddressText.hex2(b.append(i == 0 ? "" : " "), u.data()[i]);
                }
            } else if (o instanceof NdpOption.Unknown u && type == PREF64 && len >= 16) {
                pref64(b, u, len);
            } else if (o instanceof NdpOption.Unknown u) {
                if (text.verbose <= 1) {
                    HexDump.hex(b, "\n\t  ", u.data(), 0, u.data().length);
                    return;
                }
            }
            if (text.verbose > 1) {
                HexDump.hex(b, "\n\t    ", d, at + 2, len - 2);
            }
            at += len;
        }
    }

    /** RFC 8781: the NAT64 prefix's 96 high bits, its length code and lifetime sharing one 16-bit word. */
    private static void pref64(StringBuilder b, NdpOption.Unknown u, int len) {
        if (len != 16) {
            b.append("bad option length! ");
        }
        int w = u.fields().u16At(0);
        byte[] prefix = new byte[16];
        System.arraycopy(u.fields().bytesAt(2, 12), 0, prefix, 0, 12);
        int plc = w & 7;
        AddressText.ipv6(b, prefix, 0).append('/').append(plc < PREF64_LENGTHS.length ? PREF64_LENGTHS[plc] : "??");
        b.append(" (plc ").append(plc).append("), lifetime ").append(w & 0xfff8).append('s');
    }

    /**
     * RFC 4443 parameter problem and RFC 7112's incomplete header chain: the pointer, once the quoted header's
     * destination was captured (tcpdump checks it first).
     */
    private boolean parameterProblem(SniffedPacket p, StringBuilder b, Icmpv6Message.Other o) {
        byte[] d = p.frame().data();
        int at = text.transportStart;
        if (at + 48 > Math.min(text.payloadEnd, d.length)) {
            b.append("parameter problem");
            return false;
        }
        long pointer = o.restOfHeader();
        int code = o.code();
        b.append("parameter problem, ").append(switch (code) {
            case 0 -> "erroneous - octet " + pointer;
            case 1 -> "next header - octet " + pointer;
            case 2 -> "option - octet " + pointer;
            case 3 -> "incomplete header chain - octet " + pointer;
            default -> "code-#" + code;
        });
        return true;
    }

    /** RFC 4191 route information: the prefix (0, 8 or 16 bytes of it by the option's length), preference, lifetime. */
    private static void routeInformation(StringBuilder b, NdpOption.Unknown u, int units) {
        byte[] prefix = new byte[16];
        int n = Math.min(u.data().length - 6, (units - 1) * 8);
        System.arraycopy(u.fields().bytesAt(6, n), 0, prefix, 0, n);
        AddressText.ipv6(b.append(' '), prefix, 0).append('/').append(u.fields().byteAt(0));
        b.append(", pref=").append(new String[] {"medium", "high", "rsv", "low"}[(u.fields().byteAt(1) >> 3) & 3]);
        b.append(", lifetime=").append(lifetime(u.fields().u32At(2)));
    }

    /** RFC 8106 recursive DNS servers: 2 reserved bytes, lifetime, then addresses (tcpdump prints no "infinity"). */
    private static void recursiveDns(StringBuilder b, NdpOption.Unknown u) {
        b.append(" lifetime ").append(u.fields().u32At(2)).append("s,");
        for (int at = 6; at + 16 <= u.length() - 2; at += 16) {
            AddressText.ipv6(b.append(" addr: "), u.fields().bytesAt(at, 16), 0);
        }
    }

    /**
     * RFC 8106's DNS search list as tcpdump prints it: each name through fqdn_print (DomainNameText), compression
     * offsets counting from the ICMPv6 header, names kept inside the option.
     */
    private void searchList(StringBuilder b, NdpOption.Unknown u, byte[] d, int option, int len) {
        int end = option + len;
        b.append(" lifetime ").append(u.fields().u32At(2)).append("s, domain(s):");
        int at = option + 8;
        while (at < end && u.fields().byteAt(at - option - 2) != 0) { // a zero byte pads the names out
            b.append(' ');
            at = DomainNameText.print(b, d, at, text.transportStart, end);
            if (at < 0) {
                b.append(" [|icmp6]");
                return;
            }
        }
    }

    private static String lifetime(long v) {
        return v == 0xFFFFFFFFL ? "infinity" : v + "s";
    }

    private static String icmp6TypeName(int t) {
        return switch (t) {
            case 4 -> "parameter problem";
            case 130 -> "multicast listener query";
            case 131 -> "multicast listener report";
            case 132 -> "multicast listener done";
            case 137 -> "redirect";
            case 138 -> "router renumbering";
            case 139 -> "node information query";
            case 140 -> "node information reply";
            case 141 -> "inverse neighbor solicitation";
            case 142 -> "inverse neighbor advertisement";
            case 143 -> "multicast listener report v2";
            case 144 -> "ha discovery request";
            case 145 -> "ha discovery reply";
            case 146 -> "mobile router solicitation";
            case 147 -> "mobile router advertisement";
            case 151 -> "multicast router advertisement";
            case 152 -> "multicast router solicitation";
            case 153 -> "multicast router termination";
            case EXTENDED_ECHO_REQUEST -> "extended echo request";
            case EXTENDED_ECHO_REPLY -> "extended echo reply";
            default -> "unknown icmp6 type (" + t + ")";
        };
    }
}
