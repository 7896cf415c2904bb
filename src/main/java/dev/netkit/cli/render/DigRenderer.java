package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.dns.DnsClient;
import dev.netkit.dns.DnsExchange;
import dev.netkit.dns.NoServerReachedException;
import dev.netkit.dns.RecordText;
import dev.netkit.dns.Tracer;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** BIND dig's text: the banner, header, OPT pseudosection, sections and statistics, as dig lays them out. */
public final class DigRenderer {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);
    /** The last WHEN text and its second: a batch formats the same second hundreds of times. */
    private static volatile When lastWhen = new When(Long.MIN_VALUE, "");
    private static final int[] FLAG_ORDER = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};

    private DigRenderer() {
    }

    /** {@code ; <<>> netkit dig <<>> ARGS} and, before the first answer, the lines dig prints with it. */
    public static void banner(PrintWriter out, DigDisplay r) {
        if (r.bannerHead()) {
            out.println();
        }
        out.println("; <<>> netkit dig <<>> " + TerminalText.escape(String.join(" ", r.banner())));
        if (r.bannerHead()) {
            if (r.serversFound() > 0) {
                out.println("; (" + r.serversFound() + (r.serversFound() == 1 ? " server" : " servers") + " found)");
            }
            out.println(";; global options: +cmd");
        }
    }

    /**
     * No server answered, as BIND dig 9.18 says it: over UDP what went wrong with each try, then the banner,
     * then the verdict; over TCP ({@code tcp}: +tcp, not TLS or HTTPS) each failed round of connections followed by its own verdict and no banner.
     */
    public static void noServer(PrintWriter out, DigDisplay r, boolean tcp, NoServerReachedException e,
                                boolean showBanner) {
        failures(out, e.failures());
        if (tcp) {
            out.println(";; no servers could be reached");
            return;
        }
        if (showBanner) {
            banner(out, r);
        }
        if (e.droppedResponses() > 0) {
            out.println(";; DROPPED: " + e.droppedResponses()
                    + " response(s) that did not match the query's server, id or question");
        }
        out.println(";; " + e.getMessage());
    }

    /** What went wrong with each failed try, one {@code ;; } line each, as BIND's dig, host and nslookup print it. */
    public static void failures(PrintWriter out, java.util.List<String> failures) {
        for (String f : failures) {
            out.println(";; " + f);
        }
    }

    /** One +trace step: its failed tries, the answer and authority records, and who sent them. */
    public static void traceStep(PrintWriter out, Tracer.Step step) {
        DnsExchange x = step.exchange();
        failures(out, x.failures());
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record rec : x.response().getSection(section)) {
                out.println(safe(RecordText.line(rec)));
            }
        }
        out.println(";; Received " + x.messageSize() + " bytes from " + DnsClient.addressText(x.server()) + "("
                + TerminalText.escape(step.serverName().toString(true)) + ") in " + x.queryTimeMs() + " ms");
        out.println();
    }

    public static void render(PrintWriter out, DigDisplay r, DnsExchange x) {
        failures(out, x.failures());
        Message m = x.response();
        if (r.showShort()) {
            for (Record rec : m.getSection(Section.ANSWER)) {
                out.println(safe(RecordText.data(rec)));
            }
            return;
        }
        if (x.truncatedRetry() && r.comments()) {
            out.println(";; Truncated, retrying in TCP mode.");
        }
        if (r.qr()) {
            out.println(";; Sending:");
            message(out, r, x.query(), true);
        }
        if (r.comments()) {
            out.println(";; Got answer:");
        }
        message(out, r, m, false);
        if (x.validation() != null && r.comments()) {
            out.println(";; VALIDATION: " + x.validation().status()
                    + (x.validation().reason() == null ? "" : " (" + TerminalText.escape(x.validation().reason()) + ")"));
            out.println();
        }
        if (r.stats()) {
            out.println(";; Query time: " + x.queryTimeMs() + " msec");
            out.println(";; SERVER: " + DnsClient.addressText(x.server()) + "("
                    + DnsClient.hostText(x.server().getAddress()) + ") (" + x.transport() + ")");
            out.println(";; WHEN: " + when(x.when()));
            out.println(";; MSG SIZE  rcvd: " + x.messageSize());
            if (x.tsigProblem() != null) {
                out.println(";; WARNING -- Some TSIG could not be validated");
            }
            if (x.droppedResponses() > 0) {
                out.println(";; DROPPED: " + x.droppedResponses()
                        + " response(s) that did not match the query's server, id or question");
            }
            out.println();
        }
    }

    private record When(long second, String text) {
    }

    public static String when(java.time.Instant t) {
        When w = lastWhen;
        if (w.second() != t.getEpochSecond()) {
            w = new When(t.getEpochSecond(), when(t.atZone(LocalZone.ZONE)));
            lastWhen = w;
        }
        return w.text();
    }

    /**
     * The zone of the WHEN line. BIND's dig prints the C library's local time: the zone of TZ, else of
     * /etc/localtime. When that is UTC (the usual case on servers and in containers), UTC itself: the JVM's default
     * zone costs its whole zone database (tzdb.dat, read field by field, and a look through the jar for zone
     * providers), some 20 ms of a batch's start-up. Any other zone, or a user.timezone property, is the JVM's.
     */
    public static final class LocalZone {
        static final ZoneId ZONE = utc(System.getProperty("user.timezone"), System.getenv("TZ"),
                java.nio.file.Path.of("/etc/localtime")) ? java.time.ZoneOffset.UTC : ZoneId.systemDefault();

        private LocalZone() {
        }

        /** Whether the C library's local time is UTC, as far as can be told without reading a zone file. */
        static boolean utc(String property, String tz, java.nio.file.Path localtime) {
            if (property != null && !property.isEmpty()) {
                return false;
            }
            if (tz != null) {
                return utcName(tz.startsWith(":") ? tz.substring(1) : tz);
            }
            try {
                return utcName(java.nio.file.Files.readSymbolicLink(localtime).toString());
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false; // not a link (a copied zone file), or none: the JVM's way
            }
        }

        /** UTC, UTC0, Etc/UTC and a path ending in zoneinfo/UTC or zoneinfo/Etc/UTC. */
        private static boolean utcName(String name) {
            return name.equals("UTC") || name.equals("UTC0") || name.equals("Etc/UTC") || name.endsWith("/zoneinfo/UTC")
                    || name.endsWith("/zoneinfo/Etc/UTC");
        }
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** The formatter's text; UTC without it, as its zone names cost a batch's start 10 ms or more. */
    public static String when(java.time.ZonedDateTime z) {
        String id = z.getZone().getId();
        if (!id.equals("Etc/UTC") && !id.equals("UTC") && !id.equals("Z")) {
            return WHEN.format(z);
        }
        return DAYS[z.getDayOfWeek().ordinal()] + " " + MONTHS[z.getMonthValue() - 1] + " " + two(z.getDayOfMonth())
                + " " + two(z.getHour()) + ":" + two(z.getMinute()) + ":" + two(z.getSecond()) + " UTC "
                + z.getYear();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : String.valueOf(v);
    }

    public static void message(PrintWriter out, DigDisplay r, Message m, boolean query) {
        Header h = m.getHeader();
        if (r.comments()) {
            out.println(";; ->>HEADER<<- opcode: " + Opcode.string(h.getOpcode()) + ", status: "
                    + Rcode.string(m.getRcode()) + ", id: " + h.getID());
            out.println(";; flags: " + flags(h) + "; QUERY: " + h.getCount(Section.QUESTION)
                    + ", ANSWER: " + h.getCount(Section.ANSWER) + ", AUTHORITY: " + h.getCount(Section.AUTHORITY)
                    + ", ADDITIONAL: " + h.getCount(Section.ADDITIONAL));
            if (!query && r.recursionWarning() && h.getFlag(Flags.RD) && !h.getFlag(Flags.RA)) {
                out.println(";; WARNING: recursion requested but not available");
            }
            out.println();
            OPTRecord opt = m.getOPT();
            if (opt != null) {
                opt(out, opt);
            }
        }
        if (r.question() && m.getQuestion() != null) {
            if (r.comments()) {
                out.println(";; QUESTION SECTION:");
            }
            for (Record q : m.getSection(Section.QUESTION)) {
                out.println(safe(RecordText.question(q)));
            }
            out.println();
        }
        section(out, r.comments(), r.answer(), "ANSWER", m.getSection(Section.ANSWER));
        section(out, r.comments(), r.authority(), "AUTHORITY", m.getSection(Section.AUTHORITY));
        List<Record> additional = new java.util.ArrayList<>();
        for (Record x : m.getSection(Section.ADDITIONAL)) {
            if (x.getType() != Type.OPT && x.getType() != Type.TSIG) {
                additional.add(x);
            }
        }
        section(out, r.comments(), r.additional(), "ADDITIONAL", additional);
        if (r.additional() && m.getTSIG() != null) {
            // dig's TSIG pseudosection; the record's text ends with a space after the other-data length
            section(out, r.comments(), true, "TSIG PSEUDO", List.of(m.getTSIG()));
        }
    }

    private static void section(PrintWriter out, boolean comments, boolean show, String title, List<Record> records) {
        if (!show || records.isEmpty()) {
            return;
        }
        if (comments) {
            out.println(";; " + title + (title.endsWith("PSEUDO") ? "SECTION:" : " SECTION:"));
        }
        for (Record rec : records) {
            out.println(safe(RecordText.line(rec)));
        }
        if (comments) {
            out.println();
        }
    }

    /** Escapes text from the wire but keeps the tabs that align dig's columns. */
    public static String safe(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '\t' || !TerminalText.isControl(line.charAt(i)))) {
            i++;
        }
        if (i == line.length()) {
            return line; // the common case: nothing to escape
        }
        if (line.indexOf('\t') < 0) {
            return TerminalText.escape(line);
        }
        StringBuilder b = new StringBuilder(line.length());
        for (String part : line.split("\t", -1)) {
            b.append(TerminalText.escape(part)).append('\t');
        }
        return b.substring(0, b.length() - 1);
    }

    static String flags(Header h) {
        StringBuilder b = new StringBuilder();
        for (int f : FLAG_ORDER) {
            if (h.getFlag(f)) {
                b.append(b.isEmpty() ? "" : " ").append(Flags.string(f));
            }
        }
        return b.toString();
    }

    private static void opt(PrintWriter out, OPTRecord opt) {
        out.println(";; OPT PSEUDOSECTION:");
        String flags = (opt.getFlags() & ExtendedFlags.DO) != 0 ? " do" : "";
        out.println("; EDNS: version: " + opt.getVersion() + ", flags:" + flags + "; udp: " + opt.getPayloadSize());
        for (EDNSOption o : opt.getOptions()) {
            if (o.getCode() == EDNSOption.Code.NSID) {
                byte[] wire = o.toWire();
                byte[] data = java.util.Arrays.copyOfRange(wire, Math.min(4, wire.length), wire.length);
                StringBuilder hex = new StringBuilder();
                for (byte d : data) {
                    hex.append(String.format("%02x ", d & 0xff));
                }
                out.println("; NSID: " + hex + "(\"" + TerminalText.printableAscii(data, 0, data.length) + "\")");
            } else if (o instanceof ExtendedErrorCodeOption ede) {
                String text = ede.getText() == null ? "" : " (" + TerminalText.escape(ede.getText()) + ")";
                out.println("; EDE: " + ede.getErrorCode() + " (" + ExtendedErrorCodeOption.text(ede.getErrorCode())
                        + "):" + text);
            } else {
                out.println("; " + TerminalText.escape(o.toString()));
            }
        }
    }
}
