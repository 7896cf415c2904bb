package dev.netkit.cli.render;

import dev.netkit.system.HostNames;
import dev.netkit.system.IpLiteral;
import dev.netkit.trace.PathMtuEngine;
import dev.netkit.trace.TraceProbe;

import java.io.PrintWriter;
import java.net.InetAddress;

/** trace --mtu as tracepath's text (the MTU where it changes, then "Resume") or NDJSON hop and summary objects. */
public final class TraceMtuRenderer {
    private final PrintWriter out;
    private final HostNames names;
    private final JsonLines json;
    private int last;

    /** {@code names} null: numeric (-n). */
    public TraceMtuRenderer(PrintWriter out, HostNames names, boolean json) {
        this.out = out;
        this.names = names;
        this.json = json ? new JsonLines(out) : null;
    }

    public void start(String host, InetAddress destination, int maxTtl, int startMtu) {
        last = startMtu;
        if (json == null) {
            out.println("tracepath to " + host + " (" + IpLiteral.format(destination) + "), " + maxTtl
                    + " hops max, pmtu " + startMtu);
            out.flush();
        }
    }

    public void hop(String host, PathMtuEngine.MtuHop h) {
        TraceProbe p = h.probe();
        if (json != null) {
            JsonLines j = json.begin("hop").field("destination", host).field("ttl", p.ttl());
            if (p.answered()) {
                j.field("from", IpLiteral.format(p.from())).field("rtt_ms", p.rttMicros() / 1000.0);
            } else {
                j.field("timeout", true);
            }
            j.field("pmtu", h.pmtu()).end();
            return;
        }
        StringBuilder b = new StringBuilder(String.format("%2d  ", p.ttl()));
        if (p.answered()) {
            String addr = IpLiteral.format(p.from());
            b.append(names == null ? addr : names.name(p.from()) + " (" + addr + ")").append("  ")
                    .append(TraceRenderer.ms(p.rttMicros())).append(" ms");
        } else {
            b.append("*");
        }
        if (h.pmtu() != last) {
            b.append("  pmtu ").append(h.pmtu());
            last = h.pmtu();
        }
        out.println(b);
        out.flush();
    }

    /** The summary; {@code path} as {@link dev.netkit.probe.ProbeChannel#path} (JSON only, null: not said). */
    public void finish(String host, InetAddress destination, PathMtuEngine.Summary s, String path) {
        if (json != null) {
            json.begin("summary").field("destination", host).field("address", IpLiteral.format(destination))
                    .field("reached", s.reached()).field("hops", s.hops()).field("pmtu", s.pmtu())
                    .optional("path", path).end();
        } else {
            out.println("     Resume: pmtu " + s.pmtu() + (s.reached() ? " hops " + s.hops() : ""));
        }
    }
}
