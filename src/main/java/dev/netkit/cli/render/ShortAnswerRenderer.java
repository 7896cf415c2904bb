package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.dns.RecordText;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** The one-line phrases of BIND's {@code host} and {@code nslookup} for each record type. */
public final class ShortAnswerRenderer {
    private ShortAnswerRenderer() {
    }

    /** An owner name as host and nslookup print it: without the final dot. */
    public static String owner(Record r) {
        return TerminalText.escape(r.getName().toString(true));
    }

    /** {@code server.netkit.test has address 198.18.10.10}, as host prints a record. */
    public static String host(Record r) {
        String data = TerminalText.escape(RecordText.data(r));
        String phrase = switch (r.getType()) {
            case Type.A -> "has address";
            case Type.AAAA -> "has IPv6 address";
            case Type.MX -> "mail is handled by";
            case Type.CNAME -> "is an alias for";
            case Type.NS -> "name server";
            case Type.PTR -> "domain name pointer";
            case Type.TXT -> "descriptive text";
            case Type.HINFO -> "host information";
            default -> "has " + Type.string(r.getType()) + " record";
        };
        return owner(r) + " " + phrase + " " + data;
    }

    /** nslookup's lines for a record (several lines for A, AAAA and SOA). */
    public static String nslookup(Record r) {
        String data = TerminalText.escape(RecordText.data(r));
        String name = owner(r);
        return switch (r.getType()) {
            case Type.A, Type.AAAA -> "Name:\t" + name + "\nAddress: " + data;
            case Type.CNAME -> name + "\tcanonical name = " + data;
            case Type.MX -> name + "\tmail exchanger = " + data;
            case Type.NS -> name + "\tnameserver = " + data;
            case Type.PTR -> name + "\tname = " + data;
            case Type.TXT -> name + "\ttext = " + data;
            case Type.SRV -> name + "\tservice = " + data;
            case Type.HINFO -> name + "\thinfo = " + data;
            case Type.SOA -> {
                SOARecord soa = (SOARecord) r;
                yield name + "\n\torigin = " + TerminalText.escape(soa.getHost().toString(true))
                        + "\n\tmail addr = " + TerminalText.escape(soa.getAdmin().toString(true))
                        + "\n\tserial = " + soa.getSerial() + "\n\trefresh = " + soa.getRefresh()
                        + "\n\tretry = " + soa.getRetry() + "\n\texpire = " + soa.getExpire()
                        + "\n\tminimum = " + soa.getMinimum();
            }
            default -> name + "\trdata_" + r.getType() + " = " + data;
        };
    }
}
