package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MptcpOption;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpPacket;
import dev.netkit.packet.TcpOption;
import dev.netkit.sniff.SniffedPacket;

import java.net.InetAddress;
import java.util.List;

/** tcpdump's TCP text (print-tcp.c): flags, relative sequence numbers, checksum, options, then HTTP/SSH/DNS. */
final class TcpText {
    /** TCP option kinds: Fast Open (RFC 7413) and the shared experimental kind (RFC 6994). */
    private static final int FAST_OPEN = 34;
    private static final int EXPERIMENT = 254;
    private static final int TCP_AO = 29;
    /** The option names tcpdump prints before reading an option's data (print-tcp.c's tcp_option_values). */
    private static final java.util.Map<Integer, String> NAMES = java.util.Map.ofEntries(java.util.Map.entry(0, "eol"),
            java.util.Map.entry(1, "nop"), java.util.Map.entry(2, "mss"), java.util.Map.entry(3, "wscale"),
            java.util.Map.entry(4, "sackOK"), java.util.Map.entry(5, "sack"), java.util.Map.entry(6, "echo"),
            java.util.Map.entry(7, "echoreply"), java.util.Map.entry(8, "TS"), java.util.Map.entry(11, "cc"),
            java.util.Map.entry(12, "ccnew"), java.util.Map.entry(13, "ccecho"), java.util.Map.entry(19, "md5"),
            java.util.Map.entry(20, "scps"), java.util.Map.entry(28, "uto"), java.util.Map.entry(TCP_AO, "tcp-ao"),
            java.util.Map.entry(30, "mptcp"), java.util.Map.entry(FAST_OPEN, "tfo"),
            java.util.Map.entry(EXPERIMENT, "exp"));
    private final TcpdumpText text;

    TcpText(TcpdumpText text) {
        this.text = text;
    }

    void print(SniffedPacket p, StringBuilder b, TcpHeader t, InetAddress src, InetAddress dst, int ipPayload) {
        int hlen = p.decoded().payloadOffset() - text.transportStart; // the data offset on the wire
        print(p, b, t, src, dst, ipPayload, hlen < 20 || hlen > 60 ? t.headerLength() : hlen, false, null);
    }

    /**
     * A header whose options the capture cut: tcpdump prints the fixed fields and the options captured whole, then
     * the cut. False when not even the fixed header (or a valid data offset) was captured.
     */
    boolean printCut(SniffedPacket p, StringBuilder b, InetAddress src, InetAddress dst, int ipPayload) {
        byte[] d = p.frame().data();
        int at = text.transportStart;
        int end = Math.min(text.payloadEnd, d.length);
        TcpPacket v;
        try {
            v = TcpPacket.newCut(d, at, end - at);
        } catch (MalformedPacketException e) {
            return false;
        }
        int hlen = v.headerLength();
        TcpPacket.CapturedOptions captured = v.capturedOptions();
        TcpHeader t = new TcpHeader(v.sourcePort(), v.destinationPort(), v.sequence(), v.acknowledgement(),
                v.flags(), v.window(), v.checksum(), v.urgentPointer(), captured.options());
        print(p, b, t, src, dst, ipPayload, hlen, captured.stop() < hlen, captured.cut());
        return true;
    }

    private void print(SniffedPacket p, StringBuilder b, TcpHeader t, InetAddress src, InetAddress dst, int ipPayload,
            int hlen, boolean cut, TcpOption.Unknown cutOption) {
        int flags = t.flags();
        int length = ipPayload - hlen;
        if (text.quiet) {
            // tcpdump -q: the payload length alone (unsigned there, as here when the header claims too much)
            b.append("tcp ").append(length & 0xFFFFFFFFL);
            if (hlen > ipPayload) {
                b.append(" [bad hdr length ").append(hlen).append(" - too long, > ").append(ipPayload).append(']');
            }
            return;
        }
        long seq = t.sequence();
        long ack = t.acknowledgement();
        long baseAck = 0;
        b.append("Flags [");
        flagLetters(b, flags);
        b.append(']');
        if ((flags & TcpHeader.ACK) != 0 && !text.absolute) {
            if (!text.tcpBases.find(src, t.sourcePort(), dst, t.destinationPort()) || (flags & TcpHeader.SYN) != 0) {
                text.tcpBases.set(seq, (ack - 1) & 0xFFFFFFFFL);
            } else {
                seq = (seq - text.tcpBases.seqBase()) & 0xFFFFFFFFL;
                ack = (ack - text.tcpBases.ackBase()) & 0xFFFFFFFFL;
            }
            baseAck = text.tcpBases.ackBase();
        }
        if (text.verbose > 0 && length >= 0 && p.decoded().payloadLength() >= length && !p.decoded().truncated()) {
            int sum = Checksums.tcp(p, text.transportStart);
            if (sum >= 0) {
                b.append(", cksum 0x");
                AddressText.hex4(b, t.checksum());
                if (sum == 0) {
                    b.append(" (correct)");
                } else {
                    b.append(" (incorrect -> 0x");
                    AddressText.hex4(b, Checksums.shouldBe(t.checksum(), sum));
                    b.append(')');
                }
            }
        }
        if (text.verbose > 1 || length > 0 || (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0) {
            b.append(", seq ").append(seq);
            if (length > 0) {
                b.append(':').append((seq + length) & 0xFFFFFFFFL);
            }
        }
        if ((flags & TcpHeader.ACK) != 0) {
            b.append(", ack ").append(ack);
        } else if (text.verbose > 1 && ack != 0) {
            b.append(", [ack ").append(ack).append(" != 0 while ACK flag not set]");
        }
        b.append(", win ").append(t.window());
        if ((flags & TcpHeader.URG) != 0) {
            b.append(", urg ").append(t.urgentPointer());
        } else if (text.verbose > 1 && t.urgentPointer() != 0) {
            b.append(", [urg ").append(t.urgentPointer()).append(" != 0 while URG flag not set]");
        }
        if (!t.options().isEmpty() || cut) {
            b.append(", options [");
            List<TcpOption> options = t.options();
            for (int i = 0; i < options.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                if (!tcpOption(b, options.get(i), baseAck, flags)) {
                    // tcpdump stops the segment's text at an option it finds malformed, closing the list only
                    // when an option came before
                    b.append(i > 0 ? "[bad opt]]" : "[bad opt]");
                    return;
                }
            }
            if (cut) {
                b.append(options.isEmpty() ? "" : ",");
                if (cutOption != null && (cutOption.kind() == TCP_AO || !NAMES.containsKey(cutOption.kind()))) {
                    // the option's text up to the cut: its data are printed byte by byte, as captured
                    tcpOption(b, cutOption, baseAck, flags);
                } else if (cutOption != null) {
                    b.append(NAMES.get(cutOption.kind())); // the name, then the read that fails
                }
                TcpdumpText.trunc(b, "tcp");
                return;
            }
            b.append(']');
        }
        b.append(", length ").append(Math.max(0, length));
        if (length > 0 && (flags & TcpHeader.RST) == 0) {
            application(p, b, t, length);
        }
    }

    private static void flagLetters(StringBuilder b, int flags) {
        int n = b.length();
        if ((flags & TcpHeader.FIN) != 0) {
            b.append('F');
        }
        if ((flags & TcpHeader.SYN) != 0) {
            b.append('S');
        }
        if ((flags & TcpHeader.RST) != 0) {
            b.append('R');
        }
        if ((flags & TcpHeader.PSH) != 0) {
            b.append('P');
        }
        if ((flags & TcpHeader.ACK) != 0) {
            b.append('.');
        }
        if ((flags & TcpHeader.URG) != 0) {
            b.append('U');
        }
        if ((flags & TcpHeader.ECE) != 0) {
            b.append('E');
        }
        if ((flags & TcpHeader.CWR) != 0) {
            b.append('W');
        }
        if ((flags & TcpHeader.AE) != 0) {
            b.append('e'); // AccECN's AE bit (draft-ietf-tcpm-accurate-ecn, once the nonce sum); tcpdump 4.99.6 did not print it
        }
        if (b.length() == n) {
            b.append("none");
        }
    }

    /** tcp.flags for JSON: tcpdump's letters. */
    static String flagLetters(int flags) {
        StringBuilder b = new StringBuilder(4);
        flagLetters(b, flags);
        return b.toString();
    }

    /** One option as tcpdump prints it; false when it is malformed (tcpdump's "[bad opt]"). */
    private static boolean tcpOption(StringBuilder b, TcpOption o, long baseAck, int flags) {
        if (o instanceof TcpOption.NoOperation n) {
            b.append("nop");
        } else if (o instanceof TcpOption.EndOfList e) {
            b.append("eol");
        } else if (o instanceof TcpOption.MaximumSegmentSize m) {
            b.append("mss ").append(m.mss());
        } else if (o instanceof TcpOption.WindowScale w) {
            b.append("wscale ").append(w.shift());
        } else if (o instanceof TcpOption.SackPermitted s) {
            b.append("sackOK");
        } else if (o instanceof TcpOption.Timestamps ts) {
            b.append("TS val ").append(ts.value()).append(" ecr ").append(ts.echoReply());
        } else if (o instanceof TcpOption.Sack s) {
            b.append("sack ").append(s.blocks().size()).append(' ');
            for (TcpOption.SackBlock blk : s.blocks()) {
                b.append('{').append((blk.left() - baseAck) & 0xFFFFFFFFL).append(':')
                        .append((blk.right() - baseAck) & 0xFFFFFFFFL).append('}');
            }
        } else if (o instanceof TcpOption.Unknown u && u.kind() == MptcpOption.KIND) {
            b.append("mptcp");
            return MptcpText.print(b, MptcpOption.of(u), flags);
        } else if (o instanceof TcpOption.Unknown u && u.kind() == FAST_OPEN) {
            fastOpen(b.append("tfo "), u.data(), 0);
        } else if (o instanceof TcpOption.Unknown u && u.kind() == TCP_AO) {
            // RFC 5925 section 2.2: key ids, then the MAC
            byte[] d = u.data();
            if (d.length < 2) {
                b.append("tcp-ao (invalid)");
            } else {
                b.append("tcp-ao keyid ").append(u.fields().byteAt(0)).append(" rnextkeyid ")
                        .append(u.fields().byteAt(1));
                if (d.length > 2) {
                    b.append(" mac 0x");
                    for (int i = 2; i < d.length; i++) {
                        AddressText.hex2(b, d[i]);
                    }
                }
            }
        } else if (o instanceof TcpOption.Unknown u && u.kind() == EXPERIMENT) {
            // RFC 6994: a 16-bit experiment id first; 0xf989 is TCP Fast Open's (RFC 7413)
            byte[] d = u.data();
            if (d.length < 2) {
                b.append("exp");
                return false;
            }
            int magic = u.fields().u16At(0);
            if (magic == 0xf989) {
                fastOpen(b.append("exp-tfo"), d, 2);
            } else {
                b.append("exp-");
                AddressText.hex4(b, magic);
            }
        } else if (o instanceof TcpOption.Unknown u) {
            b.append("unknown-").append(u.kind());
            byte[] d = u.data();
            if (d.length > 0) {
                b.append(" 0x");
                for (byte x : d) {
                    AddressText.hex2(b, x);
                }
            }
        }
        return true;
    }

    /** A TCP Fast Open cookie or cookie request (RFC 7413 section 4.1.1) from {@code from} in the option data. */
    private static void fastOpen(StringBuilder b, byte[] d, int from) {
        int n = d.length - from;
        if (n == 0) {
            b.append(" cookiereq");
        } else if (n % 2 != 0 || n < 4 || n > 16) {
            b.append(" (invalid)");
        } else {
            b.append(" cookie ");
            for (int i = from; i < d.length; i++) {
                AddressText.hex2(b, d[i]);
            }
        }
    }

    private void application(SniffedPacket p, StringBuilder b, TcpHeader t, int length) {
        if (p.dns() != null) {
            b.append(' ');
            DnsText.render(b, p.dns(), length - 2, text.verbose);
            return;
        }
        int sp = t.sourcePort();
        int dp = t.destinationPort();
        if (sp == 80 || dp == 80 || sp == 8080 || dp == 8080 || sp == 3128 || dp == 3128) {
            byte[] d = p.frame().data();
            int off = p.decoded().payloadOffset();
            int n = Math.min(p.decoded().payloadLength(), length);
            b.append(": HTTP");
            Http.print(b, d, off, n, length, text.verbose > 0);
            return;
        }
        if (sp == 22 || dp == 22) {
            String version = Ssh.version(p.frame().data(), p.decoded().payloadOffset(),
                    Math.min(p.decoded().payloadLength(), length));
            if (version != null) {
                b.append(": SSH: ").append(version);
            }
        }
    }
}
