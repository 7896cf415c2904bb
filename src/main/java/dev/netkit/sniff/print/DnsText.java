package dev.netkit.sniff.print;

import dev.netkit.TerminalText;
import dev.netkit.packet.DnsMessage;
import org.xbill.DNS.Type;

import java.util.List;

/**
 * A DNS message in tcpdump's words: {@code 20011+ PTR? 10.10.18.198.in-addr.arpa. (46)} for a query,
 * {@code 20011* 1/0/1 A 198.18.10.10 (63)} for a response. Names come from the wire and are printed in
 * dnsjava's escaped presentation form, then through TerminalText. At most 32 records are printed. The message is
 * read through {@link DnsMessage}, not dnsjava's Message: dnsjava's Header and Record class set-up (a SecureRandom,
 * a DecimalFormat) was a third of a short {@code sniff -r}'s CPU.
 */
final class DnsText {
    private static final int MAX_RECORDS = 32;
    /** mDNS's use of the class's top bit: unicast response wanted (questions), cache flush (records). */
    private static final int MDNS_TOP_BIT = 0x8000;
    private static final int IN = 1;
    /** The header's Z bit, which dnsjava's flags leave out. */
    private static final int Z_BIT = 0x40;
    private static final String[] RCODES = {"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
            " YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone"};
    private static final String[] OPS = {"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
            " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"};

    private DnsText() {
    }

    static void render(StringBuilder b, DnsMessage m, int length, int verbose) {
        render(b, m, length, verbose, false);
    }

    /**
     * As tcpdump's domain_print; {@code mdns} (UDP port 5353, RFC 6762): the class's top bit is the question's
     * unicast-response bit, printed {@code (QU)} or {@code (QM)}, and the record's cache-flush bit.
     */
    static void render(StringBuilder b, DnsMessage m, int length, int verbose, boolean mdns) {
        int qd = m.count(DnsMessage.QUESTION);
        int an = m.count(DnsMessage.ANSWER);
        int ns = m.count(DnsMessage.AUTHORITY);
        int ar = m.count(DnsMessage.ADDITIONAL);
        b.append(m.id());
        b.append(OPS[m.opcode()]);
        if (m.response()) {
            b.append(rcode(rcode(m)));
            if (m.authoritative()) {
                b.append('*');
            }
            if (!m.recursionAvailable()) {
                b.append('-');
            }
            if (m.truncated()) {
                b.append('|');
            }
            if (m.authenticData()) {
                b.append('$');
            }
            if (qd != 1) {
                b.append(" [").append(qd).append("q]");
            }
            List<DnsMessage.Question> questions = m.questions();
            for (int i = 0; i < questions.size() && i < MAX_RECORDS; i++) {
                if (i != 0) {
                    b.append(',');
                }
                if (verbose > 1) {
                    question(b.append(" q:"), questions.get(i), mdns);
                }
            }
            b.append(' ').append(an).append('/').append(ns).append('/').append(ar);
            records(b, "", m, DnsMessage.ANSWER, verbose, mdns);
            if (verbose > 1) {
                records(b, " ns:", m, DnsMessage.AUTHORITY, verbose, mdns);
                records(b, " ar:", m, DnsMessage.ADDITIONAL, verbose, mdns);
            }
        } else {
            if (m.recursionDesired()) {
                b.append('+');
            }
            if (m.checkingDisabled()) {
                b.append('%');
            }
            // opcode, flags and rcode as dnsjava's Header gave them: without the Z bit, which it does not keep
            int word = m.flags() & ~Z_BIT;
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
            List<DnsMessage.Question> questions = m.questions();
            for (int i = 0; i < questions.size() && i < MAX_RECORDS; i++) {
                question(b, questions.get(i), mdns);
            }
            if (verbose > 1) {
                // tcpdump -vv: the other sections of a query too
                records(b, "", m, DnsMessage.ANSWER, verbose, mdns);
                records(b, " ns:", m, DnsMessage.AUTHORITY, verbose, mdns);
                records(b, " ar:", m, DnsMessage.ADDITIONAL, verbose, mdns);
            }
        }
        b.append(" (").append(length).append(')');
    }

    /** A section's records after {@code label}, comma-separated, as tcpdump's ns_rprint loop. */
    private static void records(StringBuilder b, String label, DnsMessage m, int sectionNumber, int verbose,
            boolean mdns) {
        List<DnsMessage.ResourceRecord> section = m.records(sectionNumber);
        if (section.isEmpty()) {
            return;
        }
        b.append(label);
        for (int i = 0; i < section.size() && i < MAX_RECORDS; i++) {
            if (i > 0) {
                b.append(',');
            }
            record(b, m, section.get(i), verbose, mdns);
        }
    }

    /** The rcode with EDNS's upper 8 bits from the first OPT record of the additional section, as dnsjava. */
    private static int rcode(DnsMessage m) {
        for (DnsMessage.ResourceRecord r : m.records(DnsMessage.ADDITIONAL)) {
            if (r.type() == DnsMessage.OPT) {
                return m.rcode() + (int) ((r.ttl() >>> 24) << 4);
            }
        }
        return m.rcode();
    }

    private static void question(StringBuilder b, DnsMessage.Question q, boolean mdns) {
        b.append(' ').append(typeName(q.type()));
        int c = mdns ? q.dclass() & ~MDNS_TOP_BIT : q.dclass();
        if (c != IN) {
            b.append(' ').append(className(c));
        }
        if (mdns) {
            b.append((q.dclass() & MDNS_TOP_BIT) != 0 ? " (QU)" : " (QM)");
        }
        b.append("? ");
        name(b, q.name());
    }

    private static void record(StringBuilder b, DnsMessage m, DnsMessage.ResourceRecord r, int verbose,
            boolean mdns) {
        if (verbose > 0) {
            b.append(' ');
            name(b, r.name());
        }
        int dclass = mdns ? r.dclass() & ~MDNS_TOP_BIT : r.dclass();
        if (dclass != IN && r.type() != DnsMessage.OPT) {
            b.append(' ').append(className(dclass));
        }
        if (mdns && (r.dclass() & MDNS_TOP_BIT) != 0) {
            b.append(" (Cache flush)");
        }
        if (verbose > 2 && r.type() != DnsMessage.OPT) {
            // tcpdump -vvv: the TTL
            MulticastText.relativeTime(b.append(" ["), r.ttl());
            b.append(']');
        }
        b.append(' ').append(typeName(r.type()));
        int at = r.rdata();
        switch (r.type()) {
            case DnsMessage.A, DnsMessage.AAAA -> AddressText.ip(b.append(' '), m.address(r));
            case DnsMessage.CNAME, DnsMessage.PTR, DnsMessage.NS, DnsMessage.DNAME -> name(b.append(' '), m.nameAt(at));
            case DnsMessage.MX -> name(b.append(' '), m.nameAt(at + 2)).append(' ').append(m.u16At(at));
            case DnsMessage.SRV -> name(b.append(' '), m.nameAt(at + 6)).append(':').append(m.u16At(at + 4))
                    .append(' ').append(m.u16At(at)).append(' ').append(m.u16At(at + 2));
            case DnsMessage.TXT -> {
                for (int i = at; i < at + r.rdataLength(); i += 1 + m.byteAt(i)) {
                    String s = characterString(m.bytesAt(i + 1, m.byteAt(i)));
                    b.append(" \"").append(TerminalText.escape(s.replace("\"", "\\\""))).append('"');
                }
            }
            case DnsMessage.SOA -> {
                if (verbose > 0) {
                    int admin = m.nameEnd(at);
                    int serial = m.nameEnd(admin);
                    name(b.append(' '), m.nameAt(at));
                    name(b.append(' '), m.nameAt(admin));
                    b.append(' ').append(m.u32At(serial)).append(' ').append(m.u32At(serial + 4)).append(' ')
                            .append(m.u32At(serial + 8)).append(' ').append(m.u32At(serial + 12)).append(' ')
                            .append(m.u32At(serial + 16));
                }
            }
            case DnsMessage.OPT -> {
                b.append(" UDPsize=").append(r.dclass());
                if ((r.ttl() & 0x8000) != 0) {
                    b.append(" DO");
                }
                ednsOptions(b, m, r);
            }
            default -> {
            }
        }
    }

    /**
     * A TXT record's character-string as dnsjava's getStrings gives it: bytes outside printable ASCII as
     * {@code \DDD}, a quote and a backslash escaped.
     */
    private static String characterString(byte[] s) {
        StringBuilder b = new StringBuilder(s.length);
        for (byte x : s) {
            int c = x & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                b.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** tcpdump's eopt_print for the options it spells out; others by name or number alone. */
    private static void ednsOptions(StringBuilder b, DnsMessage m, DnsMessage.ResourceRecord o) {
        int end = o.rdata() + o.rdataLength();
        if (o.rdataLength() == 0) {
            return;
        }
        b.append(" [");
        for (int at = o.rdata(); at < end; at += 4 + m.u16At(at + 2)) {
            if (at > o.rdata()) {
                b.append(',');
            }
            int code = m.u16At(at);
            byte[] data = m.bytesAt(at + 4, m.u16At(at + 2));
            String name = switch (code) {
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
                default -> "Opt" + code;
            };
            b.append(name);
            if (data.length == 0) {
                continue;
            }
            b.append(' ');
            switch (code) {
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

    private static StringBuilder name(StringBuilder b, String n) {
        return b.append(TerminalText.escape(n));
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
