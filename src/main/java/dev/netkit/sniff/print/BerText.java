package dev.netkit.sniff.print;

import dev.netkit.packet.BerElement;
import dev.netkit.packet.MalformedPacketException;

/**
 * BER elements as tcpdump's SNMP printer reads and prints them (print-snmp.c's asn1_parse and asn1_print): each
 * element is checked against its enclosing length and the capture, sorted into tcpdump's kinds, and printed as
 * numbers, quoted strings, hex octets or object identifiers: dotted numbers with -n, else named from tcpdump's
 * compiled-in MIB ({@link SnmpMib}).
 */
final class BerText {
    private static final String[] UNIVERSAL = {"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID",
            "ObjectDes", "U-8", "U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set"};
    private static final String[] APPLICATION = {"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5",
            "Counter64"};
    /** The context class's constructed tags: SNMP's PDUs (RFC 3416 section 3). */
    static final String[] CONTEXT = {"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
            "GetBulk", "Inform", "V2Trap", "Report"};
    private static final String[] PRIVATE = {"P-0"};
    private static final String[][] CLASSES = {UNIVERSAL, APPLICATION, CONTEXT, PRIVATE};
    /** The context class's primitive tags 0-2 (RFC 3416 section 3). */
    private static final String[] EXCEPTIONS = {"noSuchObject", "noSuchInstance", "endOfMibView"};

    /** What an element holds, as tcpdump sorts them (print-snmp.c's BE_ types). */
    enum Kind { OCTETS, NULL, OID, INTEGER, UNSIGNED, UNSIGNED64, STRING, SEQUENCE, ADDRESS, PDU, EXCEPTION, ANY }

    /** A parsed element: its kind, tag, content and numeric value; {@code size} counts its header too. */
    record Element(Kind kind, int id, int content, int length, long value, int size) {
    }

    private final StringBuilder b;
    private final byte[] d;
    private final int end;
    /** tcpdump's -n: object identifiers as numbers only. */
    private final boolean numeric;

    BerText(StringBuilder b, byte[] d, int end, boolean numeric) {
        this.b = b;
        this.d = d;
        this.end = Math.min(end, d.length);
        this.numeric = numeric;
    }

    private void mismatch(String complaint, Element e) {
        b.append(complaint);
        value(e);
    }

    /** The element at {@code at} if it is of {@code kind}; else null after printing the complaint and it. */
    Element expect(int at, int length, Kind kind, String complaint) {
        Element e = parse(at, length);
        if (e != null && e.kind != kind) {
            mismatch(complaint, e);
            return null;
        }
        return e;
    }

    /**
     * The element at {@code at} within {@code length} declared bytes, or null after printing why it cannot be
     * read (print-snmp.c's asn1_parse). Throws when the capture ends inside its header.
     */
    Element parse(int at, int length) {
        BerElement h = BerElement.parse(d, at, length, end);
        int left = length - h.headerLength();
        switch (h.status()) {
            case EMPTY -> {
                b.append("[nothing to parse]");
                return null;
            }
            case TAG_CUT -> {
                b.append("[Xtagfield?]");
                return null;
            }
            case NO_LENGTH -> {
                b.append("[no asnlen]");
                return null;
            }
            case LENGTH_CUT -> {
                b.append("[asnlen? ").append(left).append('<').append(h.lengthOctets()).append(']');
                return null;
            }
            case LENGTH_NOT_CAPTURED -> {
                b.append(" [|snmp]");
                return null;
            }
            case CONTENT_CUT -> {
                b.append("[len").append(left).append("<asnlen").append(h.contentLength()).append(']');
                return null;
            }
            case HEADER_NOT_CAPTURED -> throw MalformedPacketException.truncated("SNMP", "BER header",
                    at + h.headerLength() + 1, end);
            case COMPLETE -> {
            }
        }
        // tcpdump keeps a high tag number's low 8 bits
        int id = h.tag() & 0xff;
        char form = h.constructed() ? 'C' : 'P';
        String[] names = CLASSES[h.tagClass()];
        if (id >= names.length) {
            b.append("[id?").append(form).append("/x/").append(id).append(']');
            return null;
        }
        int content = at + h.headerLength();
        int n = (int) h.contentLength();
        if (content + h.contentLength() > end) {
            b.append(" [|snmp]");
            return null;
        }
        int size = h.headerLength() + n;
        Kind kind = Kind.OCTETS;
        long value = 0;
        if (!h.constructed()) {
            switch (h.tagClass()) {
                case BerElement.UNIVERSAL -> {
                    switch (id) {
                        case 4 -> kind = Kind.STRING;
                        case 2 -> {
                            if (n == 0) {
                                b.append("[asnlen=0]");
                                return null;
                            }
                            int v = (d[content] & 0x80) != 0 ? -1 : 0;
                            for (int i = 0; i < n; i++) {
                                v = v << 8 | d[content + i] & 0xff;
                            }
                            kind = Kind.INTEGER;
                            value = v;
                        }
                        case 6 -> kind = Kind.OID;
                        case 5 -> kind = Kind.NULL;
                        default -> b.append("[P/U/").append(UNIVERSAL[id]).append(']');
                    }
                }
                case BerElement.APPLICATION -> {
                    switch (id) {
                        case 0 -> kind = Kind.ADDRESS;
                        case 1, 2, 3, 6 -> {
                            kind = id == 6 ? Kind.UNSIGNED64 : Kind.UNSIGNED;
                            for (int i = 0; i < n; i++) {
                                value = value << 8 | d[content + i] & 0xff;
                            }
                            if (id != 6) {
                                value &= 0xffff_ffffL;
                            }
                        }
                        default -> b.append("[P/A/").append(APPLICATION[id]).append(']');
                    }
                }
                case BerElement.CONTEXT -> kind = id <= 2 ? Kind.EXCEPTION : Kind.ANY;
                default -> b.append("[P/x/").append(PRIVATE[id]).append(']');
            }
        } else if (h.tagClass() == BerElement.UNIVERSAL) {
            if (id == 16) {
                kind = Kind.SEQUENCE;
            } else {
                b.append("C/U/").append(UNIVERSAL[id]);
            }
        } else if (h.tagClass() == BerElement.CONTEXT) {
            kind = Kind.PDU;
        } else {
            b.append("C/x/").append(names[id]);
        }
        return new Element(kind, id, content, n, value, size);
    }

    /** The element's value as tcpdump prints it (asn1_print). */
    void value(Element e) {
        switch (e.kind) {
            case OCTETS -> octets(e);
            case NULL -> {
            }
            case OID -> oid(e);
            case INTEGER -> b.append((int) e.value);
            case UNSIGNED -> b.append(e.value);
            case UNSIGNED64 -> b.append(Long.toUnsignedString(e.value));
            case STRING -> string(e);
            case SEQUENCE -> b.append("Seq(").append(e.length).append(')');
            case ADDRESS -> {
                if (e.length != 4) {
                    b.append("[inetaddr len!=4]");
                }
                for (int i = 0; i < e.length; i++) {
                    b.append(i == 0 ? "" : ".").append(d[e.content + i] & 0xff);
                }
            }
            case EXCEPTION -> b.append('[').append(EXCEPTIONS[e.id]).append(']');
            case PDU -> b.append(CONTEXT[e.id]).append('(').append(e.length).append(')');
            case ANY -> b.append("[BE_ANY!?]");
        }
    }

    void octets(Element e) {
        for (int i = 0; i < e.length; i++) {
            b.append('_');
            AddressText.hex2(b, d[e.content + i] & 0xff);
        }
    }

    /** A printable string in quotes, else its bytes in hex joined by "_". */
    void string(Element e) {
        boolean printable = true;
        for (int i = 0; i < e.length && printable; i++) {
            int c = d[e.content + i] & 0xff;
            printable = c >= 0x20 && c < 0x7f;
        }
        if (printable) {
            b.append('"');
            for (int i = 0; i < e.length; i++) {
                b.append((char) d[e.content + i]);
            }
            b.append('"');
            return;
        }
        {
            for (int i = 0; i < e.length; i++) {
                if (i > 0) {
                    b.append('_');
                }
                AddressText.hex2(b, d[e.content + i] & 0xff);
            }
        }
    }

    /**
     * An object identifier (X.690 section 8.19): the first sub-identifier holds two arcs (40 * first + second,
     * the first at most 2), each arc base-128 with bit 8 on all but its last octet, kept to 32 bits as tcpdump
     * keeps it. Without -n each arc under a named node prints its name, and a known prefix its short word
     * ({@code system.sysDescr.0}, {@code E:cisco.2}); an arc the tree lacks, and all after it, as numbers.
     */
    private void oid(Element e) {
        int i = 0;
        // tcpdump's "first": -1 before the first arcs, 1 for an arc printed with no dot before it, else 0
        int first = -1;
        // the arcs of the named node the next arc is looked up under; null once an arc had no name
        String named = null;
        if (!numeric && e.length > 2) {
            for (SnmpMib.Abbreviation a : SnmpMib.ABBREVIATIONS) {
                if (e.length >= a.encoded().length
                        && java.util.Arrays.equals(d, e.content, e.content + a.encoded().length, a.encoded(), 0,
                        a.encoded().length)) {
                    b.append(a.word());
                    named = a.arcs();
                    i = a.encoded().length;
                    first = 1;
                    break;
                }
            }
        }
        long o = 0;
        for (; i < e.length; i++) {
            int octet = d[e.content + i] & 0xff;
            o = (o << 7 | octet & 0x7f) & 0xffff_ffffL;
            if ((octet & 0x80) != 0) {
                continue;
            }
            if (first < 0) {
                named = numeric ? null : "";
                first = 0;
                long s = Math.min(o / 40, 2);
                named = arc(named, s, true);
                o -= s * 40;
            }
            named = arc(named, o, first == 0);
            first = Math.max(0, first - 1);
            o = 0;
        }
    }

    /** One arc under the node {@code named} ("" for the root, null for none): the arcs of its node, or null. */
    private String arc(String named, long o, boolean dot) {
        if (dot) {
            b.append('.');
        }
        String arcs = named == null ? null : named.isEmpty() ? Long.toString(o) : named + "." + o;
        String name = arcs == null ? null : SnmpMib.name(arcs);
        if (name == null) {
            b.append(o);
            return null;
        }
        b.append(name);
        return arcs;
    }
}
