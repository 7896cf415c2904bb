package dev.netkit.sniff.print;

import dev.netkit.TerminalText;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.util.List;

/**
 * A DNS message in tcpdump's words: {@code 20011+ PTR? 10.10.18.198.in-addr.arpa. (46)} for a query,
 * {@code 20011* 1/0/1 A 198.18.10.10 (63)} for a response. Names come from the wire and are printed in
 * dnsjava's escaped presentation form, then through TerminalText. At most 32 records are printed.
 */
final class DnsText {
    private static final int MAX_RECORDS = 32;
    /** mDNS's use of the class's top bit: unicast response wanted (questions), cache flush (records). */
    private static final int MDNS_TOP_BIT = 0x8000;
    private static final String[] RCODES = {"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
            " YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone"};
    private static final String[] OPS = {"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
            " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"};

    private DnsText() {
    }

    static void render(StringBuilder b, Message m, int length, int verbose) {
        render(b, m, length, verbose, false);
    }

    /**
     * As tcpdump's domain_print; {@code mdns} (UDP port 5353, RFC 6762): the class's top bit is the question's
     * unicast-response bit, printed {@code (QU)} or {@code (QM)}, and the record's cache-flush bit.
     */
    static void render(StringBuilder b, Message m, int length, int verbose, boolean mdns) {
        Header h = m.getHeader();
        int qd = h.getCount(Section.QUESTION);
        int an = h.getCount(Section.ANSWER);
        int ns = h.getCount(Section.AUTHORITY);
        int ar = h.getCount(Section.ADDITIONAL);
        b.append(h.getID());
        b.append(OPS[h.getOpcode() & 0xf]);
        if (h.getFlag(Flags.QR)) {
            b.append(rcode(m.getRcode()));
            if (h.getFlag(Flags.AA)) {
                b.append('*');
            }
            if (!h.getFlag(Flags.RA)) {
                b.append('-');
            }
            if (h.getFlag(Flags.TC)) {
                b.append('|');
            }
            if (h.getFlag(Flags.AD)) {
                b.append('$');
            }
            if (qd != 1) {
                b.append(" [").append(qd).append("q]");
            }
            List<Record> questions = m.getSection(Section.QUESTION);
            for (int i = 0; i < questions.size() && i < MAX_RECORDS; i++) {
                if (i != 0) {
                    b.append(',');
                }
                if (verbose > 1) {
                    question(b.append(" q:"), questions.get(i), mdns);
                }
            }
            b.append(' ').append(an).append('/').append(ns).append('/').append(ar);
            records(b, "", m.getSection(Section.ANSWER), verbose, mdns);
            if (verbose > 1) {
                records(b, " ns:", m.getSection(Section.AUTHORITY), verbose, mdns);
                records(b, " ar:", m.getSection(Section.ADDITIONAL), verbose, mdns);
            }
        } else {
            if (h.getFlag(Flags.RD)) {
                b.append('+');
            }
            if (h.getFlag(Flags.CD)) {
                b.append('%');
            }
            int word = flagsWord(h);
            if ((word & 0x6cf) != 0) {
                b.append(" [b2&3=0x").append(Integer.toHexString(word)).append(']');
            }
            if (an != 0) {
                b.append(" [").append(an).append("a]");
            }
            if (ns != 0) {
                b.append(" [").append(ns).append("n]");
            }
            if (ar != 0) {
                b.append(" [").append(ar).append("au]");
            }
            if (qd != 1) {
                b.append(" [").append(qd).append("q]");
            }
            List<Record> questions = m.getSection(Section.QUESTION);
            for (int i = 0; i < questions.size() && i < MAX_RECORDS; i++) {
                question(b, questions.get(i), mdns);
            }
            if (verbose > 1) {
                // tcpdump -vv: the other sections of a query too
                records(b, "", m.getSection(Section.ANSWER), verbose, mdns);
                records(b, " ns:", m.getSection(Section.AUTHORITY), verbose, mdns);
                records(b, " ar:", m.getSection(Section.ADDITIONAL), verbose, mdns);
            }
        }
        b.append(" (").append(length).append(')');
    }

    /** A section's records after {@code label}, comma-separated, as tcpdump's ns_rprint loop. */
    private static void records(StringBuilder b, String label, List<Record> section, int verbose, boolean mdns) {
        if (section.isEmpty()) {
            return;
        }
        b.append(label);
        for (int i = 0; i < section.size() && i < MAX_RECORDS; i++) {
            if (i > 0) {
                b.append(',');
            }
            record(b, section.get(i), verbose, mdns);
        }
    }

    private static int flagsWord(Header h) {
        int w = (h.getOpcode() & 0xf) << 11 | (h.getRcode() & 0xf);
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
            if (h.getFlag(flag)) {
                w |= 1 << (15 - flag); // dnsjava numbers flags from the most significant bit
            }
        }
        return w;
    }

    private static void question(StringBuilder b, Record q, boolean mdns) {
        b.append(' ').append(typeName(q.getType()));
        int c = mdns ? q.getDClass() & ~MDNS_TOP_BIT : q.getDClass();
        if (c != DClass.IN) {
            b.append(' ').append(className(c));
        }
        if (mdns) {
            b.append((q.getDClass() & MDNS_TOP_BIT) != 0 ? " (QU)" : " (QM)");
        }
        b.append("? ");
        name(b, q.getName());
    }

    private static void record(StringBuilder b, Record r, int verbose, boolean mdns) {
        if (verbose > 0) {
            b.append(' ');
            name(b, r.getName());
        }
        int dclass = mdns ? r.getDClass() & ~MDNS_TOP_BIT : r.getDClass();
        if (dclass != DClass.IN && r.getType() != Type.OPT) {
            b.append(' ').append(className(dclass));
        }
        if (mdns && (r.getDClass() & MDNS_TOP_BIT) != 0) {
            b.append(" (Cache flush)");
        }
        if (verbose > 2 && r.getType() != Type.OPT) {
            // tcpdump -vvv: the TTL
            MulticastText.relativeTime(b.append(" ["), r.getTTL());
            b.append(']');
        }
        b.append(' ').append(typeName(r.getType()));
        if (r instanceof ARecord a) {
            AddressText.ip(b.append(' '), a.getAddress());
        } else if (r instanceof AAAARecord a) {
            AddressText.ip(b.append(' '), a.getAddress());
        } else if (r instanceof CNAMERecord c) {
            name(b.append(' '), c.getTarget());
        } else if (r instanceof PTRRecord c) {
            name(b.append(' '), c.getTarget());
        } else if (r instanceof NSRecord c) {
            name(b.append(' '), c.getTarget());
        } else if (r instanceof DNAMERecord c) {
            name(b.append(' '), c.getTarget());
        } else if (r instanceof MXRecord mx) {
            name(b.append(' '), mx.getTarget()).append(' ').append(mx.getPriority());
        } else if (r instanceof SRVRecord s) {
            name(b.append(' '), s.getTarget()).append(':').append(s.getPort()).append(' ')
                    .append(s.getPriority()).append(' ').append(s.getWeight());
        } else if (r instanceof TXTRecord t) {
            for (String s : t.getStrings()) {
                b.append(" \"").append(TerminalText.escape(s.replace("\"", "\\\""))).append('"');
            }
        } else if (r instanceof SOARecord s) {
            if (verbose > 0) {
                name(b.append(' '), s.getHost());
                name(b.append(' '), s.getAdmin());
                b.append(' ').append(s.getSerial()).append(' ').append(s.getRefresh()).append(' ')
                        .append(s.getRetry()).append(' ').append(s.getExpire()).append(' ')
                        .append(s.getMinimum());
            }
        } else if (r instanceof OPTRecord o) {
            b.append(" UDPsize=").append(o.getPayloadSize());
            if ((o.getFlags() & 0x8000) != 0) {
                b.append(" DO");
            }
            ednsOptions(b, o);
        }
    }

    /** tcpdump's eopt_print for the options it spells out; others by name or number alone. */
    private static void ednsOptions(StringBuilder b, OPTRecord o) {
        List<EDNSOption> options = o.getOptions();
        if (options.isEmpty()) {
            return;
        }
        b.append(" [");
        for (int i = 0; i < options.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            EDNSOption e = options.get(i);
            byte[] wire = e.toWire();
            byte[] data = java.util.Arrays.copyOfRange(wire, 4, wire.length); // after code and length
            String name = switch (e.getCode()) {
                case 1 -> "LLQ";
                case 2 -> "UL";
                case 3 -> "NSID";
                case 5 -> "DAU";
                case 6 -> "DHU";
                case 7 -> "N3U";
                case 8 -> "ECS";
                case 9 -> "EXPIRE";
                case 10 -> "COOKIE";
                case 11 -> "KEEPALIVE";
                case 12 -> "PADDING";
                case 13 -> "CHAIN";
                case 14 -> "KEY-TAG";
                case 16 -> "CLIENT-TAG";
                case 17 -> "SERVER-TAG";
                default -> "Opt" + e.getCode();
            };
            b.append(name);
            if (data.length == 0) {
                continue;
            }
            b.append(' ');
            switch (e.getCode()) {
                case 10 -> {
                    if (data.length < 8 || data.length > 8 && data.length < 16 || data.length > 40) {
                        b.append("(invalid)");
                    } else {
                        for (int k = 0; k < data.length; k++) {
                            if (k == 8) {
                                b.append(' ');
                            }
                            AddressText.hex2(b, data[k] & 0xff);
                        }
                    }
                }
                case 11 -> b.append(data.length != 2 ? "(invalid)" : String.format(java.util.Locale.ROOT, "%.1f sec",
                        ((data[0] & 0xff) << 8 | data[1] & 0xff) / 10.0)); // in units of 100 ms
                case 9 -> b.append(data.length != 4 ? "(invalid)"
                        : (java.nio.ByteBuffer.wrap(data).getInt() & 0xFFFFFFFFL) + " sec");
                case 12 -> b.append('(').append(data.length).append(')');
                case 8 -> clientSubnet(b, data);
                case 14 -> {
                    if (data.length % 2 != 0) {
                        b.append("(invalid)");
                    }
                    for (int k = 0; data.length % 2 == 0 && k < data.length; k += 2) {
                        b.append(k > 0 ? " " : "").append((data[k] & 0xff) << 8 | data[k + 1] & 0xff);
                    }
                }
                default -> {
                    for (byte x : data) {
                        AddressText.hex2(b, x & 0xff);
                    }
                }
            }
        }
        b.append(']');
    }

    /** EDNS Client Subnet (RFC 7871) as tcpdump: address/source prefix/scope prefix. */
    private static void clientSubnet(StringBuilder b, byte[] d) {
        int family = d.length >= 4 ? (d[0] & 0xff) << 8 | d[1] & 0xff : 0;
        int bits = family == 1 ? 32 : family == 2 ? 128 : 0;
        int source = d.length >= 4 ? d[2] & 0xff : 0;
        int scope = d.length >= 4 ? d[3] & 0xff : 0;
        if (bits == 0 || d.length - 4 > bits / 8 || source > bits || scope > bits || (source + 7) / 8 != d.length - 4) {
            b.append("(invalid)");
            return;
        }
        byte[] padded = java.util.Arrays.copyOfRange(d, 4, 4 + bits / 8);
        try {
            AddressText.ip(b, java.net.InetAddress.getByAddress(padded));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
        b.append('/').append(source).append('/').append(scope);
    }

    private static StringBuilder name(StringBuilder b, Name n) {
        return b.append(TerminalText.escape(n.toString()));
    }

    private static String rcode(int rcode) {
        if (rcode < RCODES.length) {
            return RCODES[rcode];
        }
        return switch (rcode) {
            case 16 -> " BadVers";
            case 17 -> " BadKey";
            case 18 -> " BadTime";
            case 19 -> " BadMode";
            case 20 -> " BadName";
            case 21 -> " BadAlg";
            case 22 -> " BadTrunc";
            case 23 -> " BadCookie";
            default -> " Resp" + rcode;
        };
    }

    static String typeName(int t) {
        String s = Type.string(t);
        if (s.startsWith("TYPE")) {
            return "Type" + t;
        }
        return s.replace('-', '_');
    }

    static String className(int c) {
        return switch (c) {
            case 3 -> "CHAOS";
            case 4 -> "HS";
            case 254 -> "NONE";
            case 255 -> "ANY";
            default -> "(Class " + c + ")";
        };
    }
}
