package dev.netkit.cli.render;

import dev.netkit.system.HostNames;
import dev.netkit.system.IpLiteral;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.registry.Asn;
import dev.netkit.trace.TraceHop;
import dev.netkit.trace.TraceProbe;
import dev.netkit.trace.TraceResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.function.Function;

/** Trace hops as Linux traceroute's text, NDJSON or CSV rows (one per probe); DOT is {@link TraceDotRenderer}. */
public abstract class TraceRenderer {
    final PrintWriter out;
    final HostNames names;
    final Function<InetAddress, Asn> asn;
    /** The flow (from 1) of the hops being rendered when several flows are traced, else 0. */
    public int flow;
    /** How the probes travelled ({@link dev.netkit.probe.ProbeChannel#path}), for JSON's summary; null: not said. */
    public String path;

    TraceRenderer(PrintWriter out, HostNames names, Function<InetAddress, Asn> asn) {
        this.out = out;
        this.names = names;
        this.asn = asn;
    }

    public void start(String name, InetAddress destination, int maxTtl, int packetBytes) {
    }

    public abstract void hop(String target, InetAddress destination, TraceHop hop);

    /** The trace is complete; {@code millis} is how long the engine took (sockets, probes and waiting). */
    public void finish(TraceResult result, double millis) {
    }

    String name(InetAddress a) {
        return names == null ? IpLiteral.format(a) : names.name(a);
    }

    static String annotation(InetAddress destination, TraceProbe p) {
        if (!p.answered() || p.kind() == null) {
            return "";
        }
        return IcmpRenderer.annotation(destination instanceof Inet6Address, p.kind(), p.icmpType(), p.icmpCode(), p.mtu());
    }

    /** Microseconds as milliseconds with three decimals ("%.3f", without java.util.Formatter's first-use cost). */
    public static String ms(long micros) {
        long m = Math.abs(micros);
        String frac = Long.toString(1000 + m % 1000).substring(1);
        return (micros < 0 ? "-" : "") + m / 1000 + "." + frac;
    }

    /** Linux traceroute's lines: " 1  r1.netkit.test (198.18.1.1)  0.123 ms  0.101 ms  0.099 ms". */
    public static final class Text extends TraceRenderer {
        public Text(PrintWriter out, HostNames names, Function<InetAddress, Asn> asn) {
            super(out, names, asn);
        }

        @Override
        public void start(String name, InetAddress destination, int maxTtl, int packetBytes) {
            out.println("traceroute to " + name + " (" + IpLiteral.format(destination) + "), " + maxTtl + " hops max, "
                    + packetBytes + " byte packets");
            out.flush();
        }

        @Override
        public void hop(String target, InetAddress destination, TraceHop hop) {
            StringBuilder b = new StringBuilder(hop.ttl() < 10 ? " " : "").append(hop.ttl()).append(' ');
            InetAddress last = null;
            for (TraceProbe p : hop.probes()) {
                if (!p.answered()) {
                    b.append(" *");
                    continue;
                }
                if (!p.from().equals(last)) {
                    String addr = IpLiteral.format(p.from());
                    b.append(' ').append(names == null ? addr : name(p.from()) + " (" + addr + ")");
                    if (asn != null) {
                        b.append(" [").append(asn.apply(p.from()).label()).append(']');
                    }
                    last = p.from();
                }
                b.append("  ").append(ms(p.rttMicros())).append(" ms");
                String note = annotation(destination, p);
                if (!note.isEmpty()) {
                    b.append(' ').append(note);
                }
            }
            out.println(b);
            out.flush();
        }
    }

    /** NDJSON: one "hop" object per hop, then a "summary". */
    public static final class Json extends TraceRenderer {
        private final JsonLines json;

        public Json(PrintWriter out, HostNames names, Function<InetAddress, Asn> asn) {
            super(out, names, asn);
            this.json = new JsonLines(out);
        }

        @Override
        public void hop(String target, InetAddress destination, TraceHop hop) {
            JsonLines j = json.begin("hop").field("destination", target);
            if (flow > 0) {
                j.field("flow", flow);
            }
            j.field("ttl", hop.ttl());
            JsonGenerator g = j.generator();
            try {
                g.writeArrayFieldStart("probes");
                for (TraceProbe p : hop.probes()) {
                    g.writeStartObject();
                    if (!p.answered()) {
                        g.writeBooleanField("timeout", true);
                    } else {
                        g.writeStringField("from", IpLiteral.format(p.from()));
                        if (names != null) {
                            g.writeStringField("name", name(p.from()));
                        }
                        g.writeNumberField("rtt_ms", p.rttMicros() / 1000.0);
                        if (p.icmpType() >= 0) {
                            g.writeNumberField("icmp_type", p.icmpType());
                            g.writeNumberField("icmp_code", p.icmpCode());
                        }
                        String note = annotation(destination, p);
                        if (!note.isEmpty()) {
                            g.writeStringField("annotation", note);
                        }
                        if (p.mtu() > 0) {
                            g.writeNumberField("mtu", p.mtu());
                        }
                        if (asn != null) {
                            Asn a = asn.apply(p.from());
                            if (a.number() > 0) {
                                g.writeNumberField("asn", a.number());
                                if (a.name() != null) {
                                    g.writeStringField("as_name", a.name());
                                }
                            } else {
                                g.writeStringField("as_note", a.note()); // "asn" is always a number
                            }
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            j.end();
        }

        @Override
        public void finish(TraceResult r, double millis) {
            JsonLines j = json.begin("summary").field("destination", r.name());
            if (flow > 0) {
                j.field("flow", flow);
            }
            j.field("address", IpLiteral.format(r.destination())).field("reached", r.reached()).field("hops", r.hops().size())
                    .field("time_ms", Math.round(millis * 1000) / 1000.0).optional("path", path).end();
        }
    }

    /** One CSV row per probe. */
    public static final class Csv extends TraceRenderer {
        private boolean header;

        public Csv(PrintWriter out, HostNames names, Function<InetAddress, Asn> asn) {
            super(out, names, asn);
        }

        @Override
        public void hop(String target, InetAddress destination, TraceHop hop) {
            if (!header) {
                out.println("destination,ttl,probe,from,name,rtt_ms,icmp_type,icmp_code,annotation,asn"
                        + (flow > 0 ? ",flow" : ""));
                header = true;
            }
            for (TraceProbe p : hop.probes()) {
                String from = p.answered() ? IpLiteral.format(p.from()) : "";
                out.println(String.join(",", csv(target), Integer.toString(hop.ttl()), Integer.toString(p.index() + 1),
                        from, p.answered() && names != null ? csv(name(p.from())) : "",
                        p.answered() ? ms(p.rttMicros()) : "",
                        p.answered() && p.icmpType() >= 0 ? Integer.toString(p.icmpType()) : "",
                        p.answered() && p.icmpCode() >= 0 ? Integer.toString(p.icmpCode()) : "",
                        annotation(destination, p),
                        p.answered() && asn != null ? csv(asn.apply(p.from()).label()) : "")
                        + (flow > 0 ? "," + flow : ""));
            }
            out.flush();
        }

        static String csv(String s) {
            if (s.contains(",") || s.contains("\"")) {
                return "\"" + s.replace("\"", "\"\"") + "\"";
            }
            return s;
        }
    }

}
