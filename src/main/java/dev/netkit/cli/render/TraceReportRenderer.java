package dev.netkit.cli.render;

import dev.netkit.ping.RttStatistics;
import dev.netkit.system.HostNames;
import dev.netkit.system.IpLiteral;
import dev.netkit.registry.Asn;
import dev.netkit.trace.HopStatistics;
import dev.netkit.trace.ReportEngine;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** trace --report as mtr's report text (one line per hop, other responders below it) or NDJSON report_hop objects. */
public final class TraceReportRenderer {
    private final PrintWriter out;
    private final HostNames names;
    private final Function<InetAddress, Asn> asn;

    /** {@code names} null: numeric (-n); {@code asn} null: no --asn. */
    public TraceReportRenderer(PrintWriter out, HostNames names, Function<InetAddress, Asn> asn) {
        this.out = out;
        this.names = names;
        this.asn = asn;
    }

    /** mtr --report's text; {@code localName} heads the host column. */
    public void text(ReportEngine.Report report, String localName) {
        out.println("Start: " + report.start());
        out.println(String.format("HOST: %-30s Loss%%   Snt   Last   Avg  Best  Wrst StDev", localName));
        for (HopStatistics s : report.hops()) {
            List<InetAddress> who = s.responders();
            String name = who.isEmpty() ? "???" : name(who.get(0));
            if (asn != null && !who.isEmpty()) {
                name = "[" + asn.apply(who.get(0)).label() + "] " + name;
            }
            RttStatistics r = s.rtt();
            out.println(String.format(Locale.ROOT, "%3d.|-- %-30s %5.1f%% %5d %6.1f %5.1f %5.1f %5.1f %5.1f", s.ttl(),
                    name, s.lossPercent(), s.sent(), r.lastMicros() / 1000.0, r.avgMicros() / 1000.0,
                    r.minMicros() / 1000.0, r.maxMicros() / 1000.0, s.stdevMicros() / 1000.0));
            for (int i = 1; i < who.size(); i++) {
                out.println("    |   " + name(who.get(i)));
            }
        }
        out.flush();
    }

    /**
     * One report_hop object per hop, then the summary; {@code path} as {@link dev.netkit.probe.ProbeChannel#path}
     * (null: not said), as the other trace modes' summaries.
     */
    public void json(ReportEngine.Report report, String path) {
        JsonLines json = new JsonLines(out);
        for (HopStatistics s : report.hops()) {
            JsonLines j = json.begin("report_hop").field("destination", report.name()).field("ttl", s.ttl());
            List<InetAddress> who = s.responders();
            if (!who.isEmpty()) {
                j.field("from", IpLiteral.format(who.get(0)));
            }
            j.field("loss_pct", Math.round(s.lossPercent() * 10) / 10.0).field("sent", s.sent())
                    .field("received", s.received());
            if (s.received() > 0) {
                RttStatistics r = s.rtt();
                j.field("last_ms", r.lastMicros() / 1000.0).field("avg_ms", r.avgMicros() / 1000.0)
                        .field("best_ms", r.minMicros() / 1000.0).field("worst_ms", r.maxMicros() / 1000.0)
                        .field("stdev_ms", Math.round(s.stdevMicros()) / 1000.0);
            }
            j.end();
        }
        json.begin("summary").field("destination", report.name())
                .field("address", IpLiteral.format(report.destination())).field("reached", report.reached())
                .field("hops", report.hops().size()).optional("path", path).end();
    }

    private String name(InetAddress a) {
        return names == null ? IpLiteral.format(a) : names.name(a);
    }
}
