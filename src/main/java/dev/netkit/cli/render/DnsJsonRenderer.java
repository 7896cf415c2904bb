package dev.netkit.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
import dev.netkit.dns.RecordText;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A response as one JSON object shaped after RFC 8427: header fields, the flags as a list, and each section
 * as a list of {@code {name, type, class, ttl, data}} where {@code data} is the presentation form dig prints.
 */
public final class DnsJsonRenderer {
    private static final int[] FLAG_ORDER = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};

    private DnsJsonRenderer() {
    }

    public static void response(JsonLines json, String type, DnsExchange x) {
        Message m = x.response();
        json.begin(type)
                .field("server", DnsClient.hostText(x.server().getAddress()))
                .field("port", x.server().getPort())
                .field("transport", x.transport())
                .field("rcode", Rcode.string(m.getRcode()))
                .field("id", m.getHeader().getID());
        List<String> flags = new ArrayList<>();
        for (int f : FLAG_ORDER) {
            if (m.getHeader().getFlag(f)) {
                flags.add(Flags.string(f));
            }
        }
        json.stringArray("flags", flags);
        JsonGenerator g = json.generator();
        try {
            g.writeArrayFieldStart("question");
            for (Record q : m.getSection(Section.QUESTION)) {
                g.writeStartObject();
                g.writeStringField("name", q.getName().toString());
                g.writeStringField("type", Type.string(q.getType()));
                g.writeStringField("class", DClass.string(q.getDClass()));
                g.writeEndObject();
            }
            g.writeEndArray();
            records(g, "answer", m.getSection(Section.ANSWER));
            records(g, "authority", m.getSection(Section.AUTHORITY));
            records(g, "additional", m.getSection(Section.ADDITIONAL).stream()
                    .filter(r -> r.getType() != Type.OPT && r.getType() != Type.TSIG).toList());
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

    static void records(JsonGenerator g, String name, List<Record> records) throws IOException {
        g.writeArrayFieldStart(name);
        for (Record r : records) {
            g.writeStartObject();
            g.writeStringField("name", r.getName().toString());
            g.writeStringField("type", Type.string(r.getType()));
            g.writeStringField("class", DClass.string(r.getDClass()));
            g.writeNumberField("ttl", r.getTTL());
            g.writeStringField("data", RecordText.data(r));
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
