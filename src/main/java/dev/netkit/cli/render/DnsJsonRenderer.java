package dev.netkit.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
import dev.netkit.dns.NoServerReachedException;
import dev.netkit.dns.RecordText;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A response as one NDJSON object whose message members are RFC 8427's ("Representing DNS Messages in JSON"):
 * the header ({@code ID}, the flags {@code QR AA TC RD RA AD CD} as booleans, {@code Opcode}, {@code RCODE}, the
 * four counts), the question ({@code QNAME}, {@code QTYPE}, {@code QCLASS} and their names) and the sections
 * ({@code answerRRs}, {@code authorityRRs}, {@code additionalRRs}) of records with {@code NAME}, {@code TYPE},
 * {@code CLASS}, {@code TTL}, {@code RDLENGTH}, {@code RDATAHEX} and {@code rdata<TYPE>} (the presentation form
 * dig prints). What netkit adds (who answered, how, timings, EDNS, TSIG, validation) keeps netkit's snake_case
 * names (docs/dig.md).
 */
public final class DnsJsonRenderer {
    /** RFC 8427 section 2.4: the HEX members are base16 (RFC 4648), whose alphabet is upper case. */
    private static final java.util.HexFormat BASE16 = java.util.HexFormat.of().withUpperCase();
    /** The header's flags in wire order after QR and Opcode, and the counts' names by section number. */
    private static final int[] FLAGS_AFTER_OPCODE = {Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
    private static final String[] COUNTS = {"QDCOUNT", "ANCOUNT", "NSCOUNT", "ARCOUNT"};

    private DnsJsonRenderer() {
    }

    public static void response(JsonLines json, String type, DnsExchange x) {
        Message m = x.response();
        json.begin(type)
                .field("server", DnsClient.hostText(x.server().getAddress()))
                .field("port", x.server().getPort())
                .field("transport", x.transport());
        JsonGenerator g = json.generator();
        try {
            message(g, m);
            g.writeStringField("rcode_name", Rcode.string(m.getRcode()));
            g.writeStringField("dateString", x.when().toString());
            OPTRecord opt = m.getOPT();
            if (opt != null) {
                g.writeObjectFieldStart("edns");
                g.writeNumberField("version", opt.getVersion());
                g.writeNumberField("udp", opt.getPayloadSize());
                g.writeArrayFieldStart("flags");
                if ((opt.getFlags() & ExtendedFlags.DO) != 0) {
                    g.writeString("do");
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.field("query_time_ms", x.queryTimeMs()).field("msg_size", x.messageSize());
        if (x.truncatedRetry()) {
            json.field("truncated_retry", true);
        }
        if (x.droppedResponses() > 0) {
            json.field("dropped_responses", x.droppedResponses());
        }
        if (m.getTSIG() != null || x.tsigProblem() != null) {
            try {
                g.writeObjectFieldStart("tsig");
                if (m.getTSIG() != null) {
                    g.writeStringField("key", m.getTSIG().getName().toString());
                    g.writeStringField("error", org.xbill.DNS.Rcode.TSIGstring(m.getTSIG().getError()));
                }
                g.writeBooleanField("verified", x.tsigProblem() == null);
                if (x.tsigProblem() != null) {
                    g.writeStringField("problem", x.tsigProblem());
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (x.validation() != null) {
            try {
                g.writeObjectFieldStart("validation");
                g.writeStringField("status", x.validation().status());
                if (x.validation().reason() != null) {
                    g.writeStringField("reason", x.validation().reason());
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * No server answered: one {@code error} object, the same for dig, host and nslookup ({@code timeout} when
     * every try timed out, else {@code unreachable}), with the servers asked.
     */
    public static void noServer(JsonLines json, List<InetSocketAddress> servers, NoServerReachedException e) {
        json.begin("error").field("error", e.allTimedOut() ? "timeout" : "unreachable")
                .field("message", e.getMessage())
                .stringArray("servers", servers.stream().map(DnsClient::addressText).toList());
        if (e.droppedResponses() > 0) {
            json.field("dropped_responses", e.droppedResponses());
        }
        json.end();
    }

    /** RFC 8427 section 2.1: the header's members, the first question's, and the three sections of records. */
    static void message(JsonGenerator g, Message m) throws IOException {
        Header h = m.getHeader();
        g.writeNumberField("ID", h.getID());
        g.writeBooleanField("QR", h.getFlag(Flags.QR));
        g.writeNumberField("Opcode", h.getOpcode());
        for (int flag : FLAGS_AFTER_OPCODE) {
            g.writeBooleanField(Flags.string(flag).toUpperCase(Locale.ROOT), h.getFlag(flag));
        }
        g.writeNumberField("RCODE", h.getRcode());
        for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
            g.writeNumberField(COUNTS[section], h.getCount(section));
        }
        Record q = m.getQuestion();
        if (q != null) {
            g.writeStringField("QNAME", q.getName().toString());
            g.writeNumberField("QTYPE", q.getType());
            g.writeStringField("QTYPEname", Type.string(q.getType()));
            g.writeNumberField("QCLASS", q.getDClass());
            g.writeStringField("QCLASSname", DClass.string(q.getDClass()));
        }
        g.writeArrayFieldStart("questionRRs"); // every question: a question entry has no TTL or RDATA
        for (Record r : m.getSection(Section.QUESTION)) {
            g.writeStartObject();
            owner(g, r);
            g.writeEndObject();
        }
        g.writeEndArray();
        records(g, "answerRRs", m.getSection(Section.ANSWER), Section.ANSWER);
        records(g, "authorityRRs", m.getSection(Section.AUTHORITY), Section.AUTHORITY);
        records(g, "additionalRRs", m.getSection(Section.ADDITIONAL), Section.ADDITIONAL);
    }

    /**
     * RFC 8427 section 2.2: each record's members. {@code rdata<TYPE>} (e.g. {@code rdataA}) holds the
     * presentation form for a type with a mnemonic; the OPT and TSIG pseudo-records and unknown types have only
     * {@code RDATAHEX}.
     */
    static void records(JsonGenerator g, String name, List<Record> records, int section) throws IOException {
        g.writeArrayFieldStart(name);
        for (Record r : records) {
            byte[] rdata = rdata(r, section);
            g.writeStartObject();
            owner(g, r);
            g.writeNumberField("TTL", r.getTTL());
            g.writeNumberField("RDLENGTH", rdata.length);
            g.writeStringField("RDATAHEX", BASE16.formatHex(rdata));
            if (hasPresentation(r.getType())) {
                g.writeStringField("rdata" + Type.string(r.getType()), RecordText.data(r));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** NAME, TYPE, CLASS and their names: what a question entry and a record share. */
    private static void owner(JsonGenerator g, Record r) throws IOException {
        g.writeStringField("NAME", r.getName().toString());
        g.writeNumberField("TYPE", r.getType());
        g.writeStringField("TYPEname", Type.string(r.getType()));
        g.writeNumberField("CLASS", r.getDClass());
        if (r.getType() != Type.OPT) { // an OPT record's class is its UDP payload size, not a class
            g.writeStringField("CLASSname", DClass.string(r.getDClass()));
        }
    }

    private static boolean hasPresentation(int type) {
        return type != Type.OPT && type != Type.TSIG && type != Type.TKEY
                && !Type.string(type).startsWith("TYPE");
    }

    /** The record's RDATA as on the wire, names uncompressed: the record's wire form after its owner and header. */
    static byte[] rdata(Record r, int section) {
        byte[] wire = r.toWire(section);
        int start = r.getName().length() + 10; // TYPE, CLASS, TTL, RDLENGTH
        return Arrays.copyOfRange(wire, Math.min(start, wire.length), wire.length);
    }
}
