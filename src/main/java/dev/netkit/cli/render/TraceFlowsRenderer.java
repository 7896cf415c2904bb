package dev.netkit.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.netkit.system.IpLiteral;
import dev.netkit.trace.TraceEngine;
import dev.netkit.trace.TraceHop;
import dev.netkit.trace.TracePath;
import dev.netkit.trace.TraceResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * trace --flows N: NDJSON and CSV hops as they come (with their flow) through the trace's renderer, text one block
 * per flow in flow order when it is done; then the distinct paths and the flows that took each.
 */
public final class TraceFlowsRenderer implements TraceEngine.FlowListener {
    private final PrintWriter out;
    private final TraceRenderer renderer;
    private final boolean text;
    private final String host;
    private final InetAddress destination;
    private final int flows;
    private final TraceResult[] finished;
    private int printed;
    private long begin;

    /** {@code renderer} null: DOT, drawn from the results by {@link TraceDotRenderer}. */
    public TraceFlowsRenderer(PrintWriter out, TraceRenderer renderer, String host, InetAddress destination, int flows) {
        this.out = out;
        this.renderer = renderer;
        this.text = renderer instanceof TraceRenderer.Text;
        this.host = host;
        this.destination = destination;
        this.flows = flows;
        this.finished = new TraceResult[flows];
    }

    public void start(int maxTtl, int packetBytes) {
        if (text) {
            out.println("traceroute to " + host + " (" + IpLiteral.format(destination) + "), " + maxTtl
                    + " hops max, " + packetBytes + " byte packets, " + flows + " flows");
            out.flush();
        }
        begin = System.nanoTime();
    }

    @Override
    public void hop(int flow, TraceHop hop) {
        if (renderer != null && !text) {
            renderer.flow = flow + 1;
            renderer.hop(host, destination, hop);
        }
    }

    @Override
    public void done(TraceResult r) {
        if (text) {
            // blocks in flow order: a flow that finished early waits for the ones before it
            finished[r.flow()] = r;
            while (printed < flows && finished[printed] != null) {
                TraceResult f = finished[printed++];
                out.println("flow " + (f.flow() + 1));
                renderer.flow = f.flow() + 1;
                for (TraceHop hop : f.hops()) {
                    renderer.hop(host, destination, hop);
                }
            }
        } else if (renderer != null) {
            renderer.flow = r.flow() + 1;
            renderer.finish(r, (System.nanoTime() - begin) / 1_000_000.0);
        }
    }

    /** The distinct paths: a "paths" object in NDJSON, a list in text, nothing in CSV and DOT. */
    public void paths(List<TracePath> paths) {
        if (renderer instanceof TraceRenderer.Json) {
            JsonLines j = new JsonLines(out).begin("paths").field("destination", host)
                    .field("address", IpLiteral.format(destination)).field("flows", flows)
                    .field("distinct", paths.size());
            JsonGenerator g = j.generator();
            try {
                g.writeArrayFieldStart("paths");
                for (TracePath p : paths) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("flows");
                    for (int f : p.flows()) {
                        g.writeNumber(f);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("hops");
                    for (List<InetAddress> hop : p.hops()) {
                        // a hop's responders; none for a silent hop (never null, docs/conventions.md)
                        g.writeStartArray();
                        for (InetAddress a : hop) {
                            g.writeString(IpLiteral.format(a));
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            j.end();
        } else if (text) {
            out.println(flows + " flows, " + paths.size() + (paths.size() == 1 ? " path" : " distinct paths") + ":");
            int n = 1;
            for (TracePath p : paths) {
                List<String> hops = new ArrayList<>();
                for (List<InetAddress> hop : p.hops()) {
                    hops.add(hop.isEmpty() ? "*" : hop(hop));
                }
                out.println("  path " + n++ + " (flow" + (p.flows().size() == 1 ? " " : "s ")
                        + p.flows().stream().map(String::valueOf).collect(Collectors.joining(",")) + "): "
                        + String.join(" ", hops));
            }
        }
        out.flush();
    }

    /** A hop's responders, "a|b" when a load balancer answered from several. */
    private static String hop(List<InetAddress> responders) {
        return responders.stream().map(IpLiteral::format).collect(Collectors.joining("|"));
    }
}
