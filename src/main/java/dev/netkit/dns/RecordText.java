package dev.netkit.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Records in BIND's presentation format, as dig prints them. dnsjava's {@code rdataToString()} already
 * matches BIND for most types; BIND's default style differs only in breaking long base64 and hex fields
 * (keys, signatures, digests) into 56-character chunks separated by spaces.
 */
public final class RecordText {
    /** BIND's chunk width for base64/hex fields on one line. */
    private static final int CHUNK = 56;

    private RecordText() {
    }

    /** The record's data as dig prints it (the part after the type; what {@code +short} prints). */
    public static String data(Record r) {
        return switch (r.getType()) {
            case Type.AAAA -> ipv6(((org.xbill.DNS.AAAARecord) r).getAddress().getAddress());
            // flags protocol algorithm KEY
            case Type.DNSKEY, Type.CDNSKEY, Type.KEY -> chunkField(r.rdataToString(), 3);
            // type-covered algorithm labels ttl expiration inception tag signer SIGNATURE
            case Type.RRSIG, Type.SIG -> chunkField(r.rdataToString(), 8);
            // tag algorithm digest-type DIGEST
            case Type.DS, Type.CDS, Type.DLV -> chunkField(r.rdataToString(), 3);
            case Type.TSIG -> tsig((org.xbill.DNS.TSIGRecord) r);
            default -> r.rdataToString();
        };
    }

    /**
     * BIND's TSIG text: algorithm, time signed, fudge, MAC size and MAC (none when empty), original id, error,
     * other-data size and data, and a trailing space, as dig's TSIG pseudosection shows it.
     */
    static String tsig(org.xbill.DNS.TSIGRecord t) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        StringBuilder b = new StringBuilder().append(t.getAlgorithm()).append(' ')
                .append(t.getTimeSigned().getEpochSecond()).append(' ').append(t.getFudge().getSeconds()).append(' ');
        byte[] mac = t.getSignature() == null ? new byte[0] : t.getSignature();
        b.append(mac.length).append(' ');
        if (mac.length > 0) {
            b.append(b64.encodeToString(mac)).append(' ');
        }
        b.append(t.getOriginalID()).append(' ').append(org.xbill.DNS.Rcode.TSIGstring(t.getError())).append(' ');
        byte[] other = t.getOther() == null ? new byte[0] : t.getOther();
        b.append(other.length).append(' ');
        if (other.length > 0) {
            b.append(b64.encodeToString(other)).append(' ');
        }
        return b.toString();
    }

    /** An IPv6 address in RFC 5952's canonical form (longest run of zero groups as "::"), as BIND prints it. */
    public static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff))) {
            // IPv4-compatible and -mapped addresses keep their dotted quad
            return (bestLen == 5 ? "::ffff:" : "::") + (a[12] & 0xff) + "." + (a[13] & 0xff) + "."
                    + (a[14] & 0xff) + "." + (a[15] & 0xff);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!b.isEmpty() && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    /** Splits the field after the first {@code skip} space-separated fields into 56-character chunks. */
    static String chunkField(String s, int skip) {
        int pos = 0;
        for (int i = 0; i < skip; i++) {
            pos = s.indexOf(' ', pos);
            if (pos < 0) {
                return s;
            }
            pos++;
        }
        String field = s.substring(pos).replace(" ", "");
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, pos);
        for (int i = 0; i < field.length(); i += CHUNK) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(field, i, Math.min(field.length(), i + CHUNK));
        }
        return b.toString();
    }

    /** A whole record line with dig's tab columns: name, TTL, class, type, data. */
    public static String line(Record r) {
        StringBuilder b = new StringBuilder(r.getName().toString());
        tabTo(b, 24);
        b.append(r.getTTL());
        tabTo(b, 32);
        b.append(DClass.string(r.getDClass()));
        tabTo(b, 40);
        b.append(Type.string(r.getType()));
        String data = data(r);
        if (!data.isEmpty()) {
            tabTo(b, 48);
            b.append(data);
        }
        return b.toString();
    }

    /**
     * The question line: {@code ;name.  IN  A}, class at column 32 as dig aligns it, counting the columns
     * without the ';' as dig does (so {@code ;r1.netkit.test.} gets three tabs).
     */
    public static String question(Record q) {
        StringBuilder b = new StringBuilder().append(q.getName());
        tabTo(b, 32);
        b.append(DClass.string(q.getDClass()));
        tabTo(b, 40);
        return b.insert(0, ';').append(Type.string(q.getType())).toString();
    }

    /** Pads with tabs (8 columns each) to {@code column}, or one space when the text is already past it. */
    static void tabTo(StringBuilder b, int column) {
        int lineStart = b.lastIndexOf("\n") + 1;
        int col = 0;
        for (int i = lineStart; i < b.length(); i++) {
            col = b.charAt(i) == '\t' ? (col / 8 + 1) * 8 : col + 1;
        }
        if (col >= column) {
            b.append(' ');
            return;
        }
        while (col < column) {
            b.append('\t');
            col = (col / 8 + 1) * 8;
        }
    }
}
