package dev.netkit.cli.render;

import dev.netkit.system.HostNames;
import dev.netkit.system.IpLiteral;
import dev.netkit.ping.PingEvent;
import dev.netkit.ping.PingTarget;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.ReplyKind;
import dev.netkit.ping.RttStatistics;

import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Turns ping events into iputils text, fping's per-host lines, or NDJSON. */
public abstract class PingRenderer implements Consumer<PingEvent> {

    /** iputils ping's output for one host. */
    public static final class Iputils extends PingRenderer {
        private final PrintWriter out;
        private final HostNames names;
        private final boolean quiet;
        private final boolean timestamps;
        private final boolean outstanding;
        private final boolean flood;
        private final ProbeMethod method;
        private final int port;

        public Iputils(PrintWriter out, HostNames names, boolean quiet, boolean timestamps, boolean outstanding,
                boolean flood, ProbeMethod method, int port) {
            this.out = out;
            this.names = names;
            this.quiet = quiet;
            this.timestamps = timestamps;
            this.outstanding = outstanding;
            this.flood = flood;
            this.method = method;
            this.port = port;
        }

        /**
         * An if chain, not a pattern switch: a pattern switch spins a class at its first run, which the AOT cache does
         * not keep, and the first one of a JVM initialises the JDK's class-file API too (6 ms of CPU; issue 17).
         */
        @Override
        public void accept(PingEvent e) {
            if (e instanceof PingEvent.Start s) {
                start(s);
            } else if (e instanceof PingEvent.Transmit) {
                if (flood && !quiet) {
                    out.print('.');
                }
            } else if (e instanceof PingEvent.Answer a) {
                answer(a);
            } else if (e instanceof PingEvent.Error er) {
                error(er);
            } else if (e instanceof PingEvent.Timeout t) {
                if (outstanding && !quiet && !flood) {
                    out.println("no answer yet for icmp_seq=" + t.seq());
                    out.flush();
                }
            } else if (e instanceof PingEvent.Summary s) {
                summary(s);
            }
            // PingEvent.Totals: fping's, nothing in iputils' output
        }

        private void start(PingEvent.Start s) {
            PingTarget t = s.target();
            String addr = IpLiteral.format(t.address());
            if (method == ProbeMethod.TCP || method == ProbeMethod.UDP) {
                out.println(method + " PING " + t.name() + " (" + addr + ") port " + port + ".");
            } else if (t.address() instanceof Inet6Address) {
                out.println("PING " + t.name() + "(" + addr + ") " + s.payloadBytes() + " data bytes");
            } else {
                out.println("PING " + t.name() + " (" + addr + ") " + s.payloadBytes() + "(" + s.packetBytes()
                        + ") bytes of data.");
            }
            out.flush();
        }

        private String who(PingTarget t, InetAddress from) {
            String addr = IpLiteral.format(from);
            if (names == null || !t.named()) {
                return addr;
            }
            return names.name(from) + " (" + addr + ")";
        }

        private String stamp(long nanos) {
            if (!timestamps) {
                return "";
            }
            return "[" + nanos / 1_000_000_000L + "." + String.format("%06d", (nanos % 1_000_000_000L) / 1000) + "] ";
        }

        private void answer(PingEvent.Answer a) {
            if (quiet) {
                return;
            }
            if (flood) {
                out.print("\b \b");
                return;
            }
            String time = " time=" + RttStatistics.replyTime(a.rttMicros()) + " ms";
            String dup = a.duplicate() ? " (DUP!)" : "";
            String line;
            if (a.kind() == ReplyKind.TCP_SYN_ACK || a.kind() == ReplyKind.TCP_RESET) {
                line = "from " + who(a.target(), a.from()) + " port " + port + ": seq=" + a.seq()
                        + (a.kind() == ReplyKind.TCP_SYN_ACK ? " open" : " closed") + time;
            } else if (method == ProbeMethod.UDP) {
                line = "from " + who(a.target(), a.from()) + ": seq=" + a.seq() + " port unreachable" + time;
            } else {
                line = a.bytes() + " bytes from " + who(a.target(), a.from()) + ": icmp_seq=" + a.seq()
                        + (a.ttl() >= 0 ? " ttl=" + a.ttl() : "") + time;
            }
            out.println(stamp(a.timeNanos()) + line + dup);
            out.flush();
        }

        private void error(PingEvent.Error er) {
            if (quiet) {
                return;
            }
            if (flood) {
                out.print("\bE");
                return;
            }
            String msg = message(er);
            if (er.from() == null) {
                out.println(stamp(er.timeNanos()) + "ping: " + msg);
            } else {
                out.println(stamp(er.timeNanos()) + "From " + who(er.target(), er.from()) + " icmp_seq=" + er.seq()
                        + " " + msg);
            }
            out.flush();
        }

        private void summary(PingEvent.Summary s) {
            if (flood) {
                out.println();
            }
            out.println();
            out.println("--- " + s.target().name() + " ping statistics ---");
            StringBuilder b = new StringBuilder();
            b.append(s.transmitted()).append(" packets transmitted, ").append(s.received()).append(" received");
            if (s.duplicates() > 0) {
                b.append(", +").append(s.duplicates()).append(" duplicates");
            }
            if (s.errors() > 0) {
                b.append(", +").append(s.errors()).append(" errors");
            }
            b.append(", ").append(percent(s.lossPercent())).append("% packet loss, time ").append(s.elapsedMillis())
                    .append("ms");
            out.println(b);
            RttStatistics r = s.rtt();
            if (r.count() > 0) {
                out.println("rtt min/avg/max/mdev = " + RttStatistics.millis3(r.minMicros()) + "/"
                        + RttStatistics.millis3(r.avgMicros()) + "/" + RttStatistics.millis3(r.maxMicros()) + "/"
                        + RttStatistics.millis3(r.mdevMicros()) + " ms");
            }
            out.flush();
        }
    }

    /** fping's -a, -u and -s, which the text and the JSON both follow. */
    record HostChoice(boolean onlyAlive, boolean onlyUnreachable, boolean stats) {
        /** Whether a host's summary is shown: with -a only those alive, with -u only those unreachable. */
        boolean shows(PingEvent.Summary s) {
            return !(onlyAlive || onlyUnreachable) || (s.received() > 0) == onlyAlive;
        }
    }

    /** What an error event says (iputils' words), in all three forms alike. */
    static String message(PingEvent.Error er) {
        return IcmpRenderer.message(er.target().address() instanceof Inet6Address, er.kind(), er.icmpType(),
                er.icmpCode(), er.mtu());
    }

    /** C's %g for a loss percentage, as iputils prints it: 0, 20, 33.3333. */
    static String percent(double p) {
        if (p == Math.rint(p)) {
            return Long.toString((long) p);
        }
        String s = new java.math.BigDecimal(p).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
        return s;
    }

    /**
     * fping's lines for several hosts. Without -c: "198.18.1.11 is alive" / "... is unreachable" per host (-a, -u:
     * only the names of those alive, unreachable). With -c: one line per probe ("host : [0], 64 bytes, 0.107 ms
     * (0.107 avg, 0% loss)", names padded to the longest), then "host : xmt/rcv/%loss = 3/3/0%, min/avg/max = ..."
     * per host (-q, -a, -u: only these). --stats adds fping -s's block. fping writes its summaries on stderr; here
     * they are results, on stdout.
     */
    public static final class Fping extends PingRenderer {
        private final PrintWriter out;
        private final boolean count;
        private final boolean perProbe;
        private final HostChoice hosts;
        // by identity: the same host given twice is two targets, as in fping
        private final Map<PingTarget, Running> running = new IdentityHashMap<>();
        private final List<String> summaries = new ArrayList<>();
        private int width;

        /** What fping's per-probe line shows so far for one host. */
        private static final class Running {
            int sent;
            int received;
            long sumMicros;

            String avg() {
                return received == 0 ? "NaN" : millis(sumMicros / received);
            }

            int loss() {
                return sent == 0 ? 0 : (sent - received) * 100 / sent;
            }
        }

        /** {@code count}: -c was given; {@code stats}: --stats (fping -s). */
        public Fping(PrintWriter out, boolean count, boolean quiet, boolean onlyAlive, boolean onlyUnreachable,
                     boolean stats) {
            this.out = out;
            this.count = count;
            this.perProbe = count && !quiet && !onlyAlive && !onlyUnreachable;
            this.hosts = new HostChoice(onlyAlive, onlyUnreachable, stats);
        }

        @Override
        public void accept(PingEvent e) {
            switch (e) {
                case PingEvent.Start s -> {
                    running.put(s.target(), new Running());
                    width = Math.max(width, s.target().name().length());
                }
                case PingEvent.Transmit t -> running.get(t.target()).sent++;
                case PingEvent.Answer a -> answer(a);
                case PingEvent.Timeout t -> {
                    if (perProbe) {
                        Running r = running.get(t.target());
                        out.println(name(t.target()) + " : [" + (t.seq() - 1) + "], timed out (" + r.avg() + " avg, "
                                + r.loss() + "% loss)");
                        out.flush();
                    }
                }
                case PingEvent.Error er -> {
                    if (perProbe) {
                        out.println(message(er) + (er.from() == null ? ""
                                : " from " + IpLiteral.format(er.from())) + " for ICMP Echo sent to "
                                + er.target().name());
                        out.flush();
                    }
                }
                case PingEvent.Summary s -> summary(s);
                case PingEvent.Totals t -> totals(t);
            }
        }

        private String name(PingTarget t) {
            return String.format("%-" + width + "s", t.name());
        }

        private void answer(PingEvent.Answer a) {
            Running r = running.get(a.target());
            if (!a.duplicate()) {
                r.received++;
                r.sumMicros += a.rttMicros();
            }
            if (perProbe) {
                out.println(name(a.target()) + " : " + (a.duplicate() ? "duplicate for " : "") + "[" + (a.seq() - 1)
                        + "], " + a.bytes() + " bytes, " + millis(a.rttMicros()) + " ms (" + r.avg() + " avg, "
                        + r.loss() + "% loss)");
                out.flush();
            }
        }

        private void summary(PingEvent.Summary s) {
            if (count) {
                // after every probe line, as fping does: the last probes' timeouts come with the summaries
                StringBuilder b = new StringBuilder(name(s.target())).append(" : xmt/rcv/%loss = ")
                        .append(s.transmitted()).append('/').append(s.received()).append('/')
                        .append(s.transmitted() == 0 ? 0 : (s.transmitted() - s.received()) * 100 / s.transmitted())
                        .append('%');
                RttStatistics r = s.rtt();
                if (r.count() > 0) {
                    b.append(", min/avg/max = ").append(millis(r.minMicros())).append('/')
                            .append(millis(r.avgMicros())).append('/').append(millis(r.maxMicros()));
                }
                summaries.add(b.toString());
                return;
            }
            if (hosts.onlyAlive() || hosts.onlyUnreachable()) {
                if (hosts.shows(s)) {
                    out.println(s.target().name());
                }
            } else {
                out.println(s.target().name() + (s.received() > 0 ? " is alive" : " is unreachable"));
            }
            out.flush();
        }

        private void totals(PingEvent.Totals t) {
            if (!summaries.isEmpty()) {
                if (perProbe) {
                    out.println();
                }
                summaries.forEach(out::println);
            }
            if (hosts.stats()) {
                out.println();
                out.println(String.format("%8d targets", t.targets()));
                out.println(String.format("%8d alive", t.alive()));
                out.println(String.format("%8d unreachable", t.unreachable()));
                out.println(String.format("%8d unknown addresses", 0));
                out.println();
                out.println(String.format("%8d timeouts (waiting for response)", t.timeouts()));
                out.println(String.format("%8d ICMP Echos sent", t.sent()));
                out.println(String.format("%8d ICMP Echo Replies received", t.received()));
                out.println(String.format("%8d other ICMP received", t.errors()));
                out.println();
                RttStatistics r = t.rtt();
                out.println(" " + millis(r.minMicros()) + " ms (min round trip time)");
                out.println(" " + millis(r.avgMicros()) + " ms (avg round trip time)");
                out.println(" " + millis(r.maxMicros()) + " ms (max round trip time)");
                out.println(String.format(Locale.ROOT, " %12.3f sec (elapsed real time)", t.elapsedMillis() / 1000.0));
                out.println();
            }
            out.flush();
        }

        /** fping's round trip: three significant digits ("0.107", "1.32", "12.5", "105"). */
        public static String millis(long micros) {
            double ms = micros / 1000.0;
            String format = ms < 1 ? "%.3f" : ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : ms < 1_000_000 ? "%.0f" : "%.3e";
            return String.format(Locale.ROOT, format, ms);
        }
    }

    /** NDJSON: reply, error, timeout and summary objects (docs/ping.md). */
    public static final class Json extends PingRenderer {
        private final JsonLines json;
        private final HostChoice hosts;
        /** How the probes travelled ({@link dev.netkit.probe.ProbeChannel#path}), in each summary; null: not said. */
        public String path;

        public Json(PrintWriter out) {
            this(out, false, false, false);
        }

        /** Several hosts: -a/-u keep only the summaries of hosts alive/unreachable; --stats adds "statistics". */
        public Json(PrintWriter out, boolean onlyAlive, boolean onlyUnreachable, boolean stats) {
            this.json = new JsonLines(out);
            this.hosts = new HostChoice(onlyAlive, onlyUnreachable, stats);
        }

        @Override
        public void accept(PingEvent e) {
            switch (e) {
                case PingEvent.Answer a -> json.begin("reply").field("host", a.target().name())
                        .field("from", IpLiteral.format(a.from())).field("seq", a.seq())
                        .optional("ttl", a.ttl() >= 0 ? a.ttl() : null).field("bytes", a.bytes())
                        .field("rtt_ms", a.rttMicros() / 1000.0).field("dup", a.duplicate()).end();
                case PingEvent.Error er -> json.begin("error").field("host", er.target().name())
                        .optional("from", er.from() == null ? null : IpLiteral.format(er.from()))
                        .field("seq", er.seq())
                        .optional("icmp_type", er.icmpType() >= 0 ? er.icmpType() : null)
                        .optional("icmp_code", er.icmpCode() >= 0 ? er.icmpCode() : null)
                        .field("message", message(er))
                        .optional("mtu", er.mtu() > 0 ? er.mtu() : null).end();
                case PingEvent.Timeout t -> json.begin("timeout").field("host", t.target().name())
                        .field("seq", t.seq()).end();
                case PingEvent.Summary s when !hosts.shows(s) -> {
                }
                case PingEvent.Summary s -> {
                    JsonLines j = json.begin("summary").field("host", s.target().name())
                            .field("address", IpLiteral.format(s.target().address()))
                            .field("transmitted", s.transmitted()).field("received", s.received())
                            .field("duplicates", s.duplicates()).field("errors", s.errors())
                            .field("loss_pct", Math.round(s.lossPercent() * 1000) / 1000.0)
                            .field("time_ms", s.elapsedMillis()).optional("path", path);
                    rtt(j, s.rtt(), true);
                    j.end();
                }
                case PingEvent.Totals t when hosts.stats() -> {
                    JsonLines j = json.begin("statistics").field("targets", t.targets()).field("alive", t.alive())
                            .field("unreachable", t.unreachable()).field("timeouts", t.timeouts())
                            .field("sent", t.sent()).field("received", t.received()).field("other_icmp", t.errors())
                            .field("time_ms", t.elapsedMillis());
                    rtt(j, t.rtt(), false);
                    j.end();
                }
                default -> {
                }
            }
        }

        /** The round-trip fields, when there were replies; {@code mdev} in a host's summary, not in the totals. */
        private static void rtt(JsonLines j, RttStatistics r, boolean mdev) {
            if (r.count() > 0) {
                j.field("rtt_min_ms", r.minMicros() / 1000.0).field("rtt_avg_ms", r.avgMicros() / 1000.0)
                        .field("rtt_max_ms", r.maxMicros() / 1000.0);
                if (mdev) {
                    j.field("rtt_mdev_ms", r.mdevMicros() / 1000.0);
                }
            }
        }
    }

}
