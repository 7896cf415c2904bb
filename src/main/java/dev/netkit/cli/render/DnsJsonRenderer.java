package dev.netkit.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
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
import java.util.List;

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

    /** RFC 8427 section 2.1: the header's members, the first question's, and the three sections of records. */
    static void message(JsonGenerator g, Message m) throws IOException {
        Header h = m.getHeader();
        g.writeNumberField("ID", h.getID());
        g.writeBooleanField("QR", h.getFlag(Flags.QR));
        g.writeNumberField("Opcode", h.getOpcode());
        g.writeBooleanField("AA", h.getFlag(Flags.AA));
        g.writeBooleanField("TC", h.getFlag(Flags.TC));
        g.writeBooleanField("RD", h.getFlag(Flags.RD));
        g.writeBooleanField("RA", h.getFlag(Flags.RA));
        g.writeBooleanField("AD", h.getFlag(Flags.AD));
        g.writeBooleanField("CD", h.getFlag(Flags.CD));
        g.writeNumberField("RCODE", h.getRcode());
        g.writeNumberField("QDCOUNT", h.getCount(Section.QUESTION));
        g.writeNumberField("ANCOUNT", h.getCount(Section.ANSWER));
        g.writeNumberField("NSCOUNT", h.getCount(Section.AUTHORITY));
        g.writeNumberField("ARCOUNT", h.getCount(Section.ADDITIONAL));
        Record q = m.getQuestion();
        if (q != null) {
            g.writeStringField("QNAME", q.getName().toString());
            g.writeNumberField("QTYPE", q.getType());
            g.writeStringField("QTYPEname", Type.string(q.getType()));
            g.writeNumberField("QCLASS", q.getDClass());
            g.writeStringField("QCLASSname", DClass.string(q.getDClass()));
        }
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
            g.writeStringField("NAME", r.getName().toString());
            g.writeNumberField("TYPE", r.getType());
            g.writeStringField("TYPEname", Type.string(r.getType()));
            g.writeNumberField("CLASS", r.getDClass());
            if (r.getType() != Type.OPT) { // an OPT record's class is its UDP payload size, not a class
                g.writeStringField("CLASSname", DClass.string(r.getDClass()));
            }
            g.writeNumberField("TTL", r.getTTL());
            g.writeNumberField("RDLENGTH", rdata.length);
            g.writeStringField("RDATAHEX", java.util.HexFormat.of().formatHex(rdata));
            if (hasPresentation(r.getType())) {
                g.writeStringField("rdata" + Type.string(r.getType()), RecordText.data(r));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static boolean hasPresentation(int type) {
        return type != Type.OPT && type != Type.TSIG && type != Type.TKEY
                && !Type.string(type).startsWith("TYPE");
    }

    /** The record's RDATA as on the wire, names uncompressed: the record's wire form after its owner and header. */
    static byte[] rdata(Record r, int section) {
        byte[] wire = r.toWire(section);
        int start = r.getName().length() + 10; // TYPE, CLASS, TTL, RDLENGTH
        return java.util.Arrays.copyOfRange(wire, Math.min(start, wire.length), wire.length);
    }
}
