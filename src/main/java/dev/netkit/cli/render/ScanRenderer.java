package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;
import dev.netkit.scan.BannerGrabber;
import dev.netkit.scan.HostDiscovery;
import dev.netkit.scan.PortResult;
import dev.netkit.scan.PortState;
import dev.netkit.scan.ScanReport;
import dev.netkit.scan.ScanTarget;
import dev.netkit.scan.ServiceDetail;
import dev.netkit.scan.TlsDetail;
import dev.netkit.system.OuiRegistry;
import dev.netkit.system.Services;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** netkit scan's output: nmap-like text, NDJSON (host, port, summary) and -oG greppable lines. */
public final class ScanRenderer {
    /** nmap hides a port state shared by more than this many ports behind a "Not shown" line. */
    static final int COLLAPSE = 25;

    private final PrintWriter out;
    private final boolean json;
    private final boolean onlyOpen;
    private final boolean reason;
    private final boolean discoveryOnly;
    private final Services services;
    private final OuiRegistry oui;
    private boolean footer = true;

    public ScanRenderer(PrintWriter out, boolean json, boolean onlyOpen, boolean reason, boolean discoveryOnly, Services services,
             OuiRegistry oui) {
        this.out = out;
        this.json = json;
        this.onlyOpen = onlyOpen;
        this.reason = reason;
        this.discoveryOnly = discoveryOnly;
        this.services = services;
        this.oui = oui;
    }

    /** Leaves out the final "netkit done" line (-oN writes its own). */
    public ScanRenderer withoutFooter() {
        footer = false;
        return this;
    }

    static String reasonOfHidden(PortState s, String reason, String proto) {
        return s.text() + " " + proto + " ports (" + reason + ")";
    }

    public void render(List<ScanTarget> all, Map<InetAddress, HostDiscovery.Up> up,
                Function<InetAddress, List<PortResult>> results, Predicate<InetAddress> skipped, double elapsed) {
        render(all, all.size(), up, results, skipped, elapsed);
    }

    /** A report whose host count is its own (a merged report lists only the hosts up in its files). */
    public void render(ScanReport r) {
        render(r.targets(), r.hostsTotal(), r.up(), r.results(), r.skipped(), r.elapsedS());
    }

    private void render(List<ScanTarget> all, long hostsTotal, Map<InetAddress, HostDiscovery.Up> up,
                Function<InetAddress, List<PortResult>> results, Predicate<InetAddress> skipped, double elapsed) {
        JsonLines j = json ? new JsonLines(out) : null;
        for (ScanTarget t : all) {
            HostDiscovery.Up u = up.get(t.address());
            if (u == null) {
                continue;
            }
            String vendor = u.mac() == null ? null : oui.vendor(MacAddress.parse(u.mac()).octets());
            boolean timedOut = skipped.test(t.address());
            List<PortResult> ports = timedOut ? List.of() : results.apply(t.address());
            if (timedOut) {
                // nmap leaves a host that hit --host-timeout out of the report
                if (j != null) {
                    j.begin("host").field("host", dev.netkit.system.IpLiteral.format(t.address()))
                            .field("state", "timeout").end();
                } else {
                    out.println("Skipping host " + dev.netkit.system.IpLiteral.format(t.address())
                            + " due to host timeout");
                    out.println();
                }
                continue;
            }
            if (j != null) {
                j.begin("host").field("host", dev.netkit.system.IpLiteral.format(t.address())).field("state", "up");
                j.optional("latency_ms", u.latencyMs() < 0 ? null : round(u.latencyMs()));
                j.optional("mac", u.mac()).optional("vendor", vendor);
                j.stringArray("names", t.name() == null ? List.of() : List.of(t.name()));
                j.end();
                for (PortResult p : ports) {
                    if (onlyOpen && p.state() != PortState.OPEN && p.state() != PortState.OPEN_FILTERED) {
                        continue;
                    }
                    j.begin("port").field("host", dev.netkit.system.IpLiteral.format(p.host())).field("port", p.port())
                            .field("proto", p.proto()).field("state", p.state().text()).field("reason", p.reason())
                            .optional("service", services.name(p.port(), p.proto()))
                            .optional("banner", p.banner());
                    detail(j, p.detail());
                    j.end();
                }
                continue;
            }
            out.println("netkit scan report for " + (t.name() == null ? dev.netkit.system.IpLiteral.format(t.address())
                    : TerminalText.escape(t.name()) + " (" + dev.netkit.system.IpLiteral.format(t.address()) + ")"));
            // with --reason, why the host is up, as nmap: "Host is up, received echo-reply (0.00033s latency)."
            String why = reason && u.reason() != null ? ", received " + u.reason() : "";
            out.println(u.latencyMs() < 0 ? "Host is up" + why + "." : String.format(Locale.ROOT,
                    "Host is up%s (%ss latency).", why, seconds(u.latencyMs())));
            if (!discoveryOnly) {
                portTable(ports);
            }
            if (u.mac() != null) {
                out.println("MAC Address: " + u.mac().toUpperCase(Locale.ROOT) + " " + (vendor.startsWith("(") ? vendor
                        : "(" + TerminalText.escape(vendor) + ")"));
            }
            out.println();
        }
        if (!footer) {
            out.flush();
            return;
        }
        long n = hostsTotal;
        if (j != null) {
            j.begin("summary").field("hosts_up", up.size()).field("hosts_total", n)
                    .field("elapsed_s", Math.round(elapsed * 100) / 100.0).end();
        } else {
            // no locale (null), Locale.ROOT's digits: ROOT looked its digits up in the JDK's locale data (issue 17)
            out.printf((Locale) null, "netkit done: %d IP address%s (%d host%s up) scanned in %.2f seconds%n", n,
                    n == 1 ? "" : "es", up.size(), up.size() == 1 ? "" : "s", elapsed);
        }
        out.flush();
    }

    private void portTable(List<PortResult> ports) {
        Map<String, List<PortResult>> byState = new LinkedHashMap<>();
        for (PortResult p : ports) {
            byState.computeIfAbsent(p.state().text() + "\u0000" + p.reason() + "\u0000" + p.proto(),
                    k -> new ArrayList<>()).add(p);
        }
        List<String> hidden = new ArrayList<>();
        List<String> notShown = new ArrayList<>();
        for (Map.Entry<String, List<PortResult>> e : byState.entrySet()) {
            PortResult first = e.getValue().get(0);
            boolean open = first.state() == PortState.OPEN || first.state() == PortState.OPEN_FILTERED;
            if ((!open && (e.getValue().size() > COLLAPSE || onlyOpen))) {
                hidden.add(e.getKey());
                notShown.add(e.getValue().size() + " " + reasonOfHidden(first.state(), first.reason(), first.proto()));
            }
        }
        List<PortResult> shown = ports.stream().filter(p -> !hidden.contains(p.state().text() + "\u0000" + p.reason()
                + "\u0000" + p.proto())).toList();
        if (shown.isEmpty() && !ports.isEmpty()) {
            // nmap 7.9x words it so
            out.println("All " + ports.size() + " scanned ports on "
                    + dev.netkit.system.IpLiteral.format(ports.get(0).host()) + " are in ignored states.");
        }
        if (!notShown.isEmpty()) {
            out.println("Not shown: " + String.join(", ", notShown));
        }
        if (shown.isEmpty()) {
            return;
        }
        int w = Math.max(8, shown.stream().mapToInt(p -> (p.port() + "/" + p.proto()).length()).max().orElse(0) + 1);
        int ws = Math.max(6, shown.stream().mapToInt(p -> p.state().text().length()).max().orElse(0) + 1);
        int wv = Math.max(8, shown.stream().mapToInt(p -> service(p).length()).max().orElse(0) + 1);
        boolean versions = shown.stream().anyMatch(p -> !version(p).isEmpty());
        int wr = Math.max(7, shown.stream().mapToInt(p -> p.reason().length()).max().orElse(0) + 1);
        String head = reason ? String.format("%-" + w + "s%-" + ws + "s%-" + wv + "s%s", "PORT", "STATE", "SERVICE",
                "REASON") : String.format("%-" + w + "s%-" + ws + "s%s", "PORT", "STATE", "SERVICE");
        if (versions) {
            head = String.format("%-" + (w + ws + wv + (reason ? wr : 0)) + "s%s", head, "VERSION");
        }
        out.println(head);
        for (PortResult p : shown) {
            String row = reason ? String.format("%-" + w + "s%-" + ws + "s%-" + wv + "s%s", p.port() + "/" + p.proto(),
                    p.state().text(), service(p), p.reason())
                    : String.format("%-" + w + "s%-" + ws + "s%s", p.port() + "/" + p.proto(), p.state().text(),
                    service(p));
            if (versions && !version(p).isEmpty()) {
                row = String.format("%-" + (w + ws + wv + (reason ? wr : 0)) + "s%s", row, version(p));
            }
            out.println(row);
            if (p.banner() != null && (p.detail() == null || p.detail().greeting() == null)) {
                out.println("|_banner: " + TerminalText.escape(BannerGrabber.firstLine(p.banner())));
            }
            NmapScript.of(p.detail()).forEach(x -> x.print(out));
        }
    }

    private String service(PortResult p) {
        ServiceDetail d = p.detail();
        String s = d != null && d.name() != null ? d.name() : services.name(p.port(), p.proto());
        s = s == null ? "unknown" : s;
        return d != null && d.tls() != null ? "ssl/" + s : s; // as nmap -sV names a service inside TLS
    }

    /** -sV's findings as flat port fields (docs/scan.md): raw wire text, escaped by the JSON writer. */
    static void detail(JsonLines j, ServiceDetail d) {
        if (d == null) {
            return;
        }
        j.optional("service_probed", d.name()).optional("product", d.product()).optional("version", d.version())
                .optional("greeting", d.greeting()).optional("http_server", d.httpServer())
                .optional("http_title", d.httpTitle());
        if (d.http()) {
            j.optional("content_type", d.contentType());
        }
        TlsDetail t = d.tls();
        if (t != null) {
            j.field("tls_version", t.protocol()).field("tls_cipher", t.cipher()).optional("tls_alpn", t.alpn())
                    .optional("cert_subject", t.subject()).optional("cert_issuer", t.issuer());
            if (t.subject() != null) {
                j.stringArray("cert_san", t.san()).field("cert_not_before", t.notBefore().toString())
                        .field("cert_not_after", t.notAfter().toString());
            }
        }
    }

    /** nmap's VERSION column: product, version (-sV). */
    static String version(PortResult p) {
        ServiceDetail d = p.detail();
        if (d == null || d.product() == null) {
            return "";
        }
        return TerminalText.escape(d.version() == null ? d.product() : d.product() + " " + d.version());
    }

    /**
     * nmap's latency: two significant digits, in seconds (0.00012s): the double's exact value rounded half up, as
     * {@code new BigDecimal(s).round(new MathContext(2)).toPlainString()} gives it. Not through BigDecimal: its class
     * initialiser squares its way to 5^65536, 20-40 ms of interpreted work in a scan of one port (issue 17).
     */
    static String seconds(double ms) {
        long bits = Double.doubleToLongBits(ms / 1000);
        int exponent = (int) ((bits >> 52) & 0x7ff);
        long significand = exponent == 0 ? (bits & ((1L << 52) - 1)) << 1 : (bits & ((1L << 52) - 1)) | (1L << 52);
        if (significand == 0) {
            return "0";
        }
        exponent -= 1075;
        while ((significand & 1) == 0) {
            significand >>= 1;
            exponent++;
        }
        // the value is significand * 2^exponent, that is digits * 10^-scale
        java.math.BigInteger exact = java.math.BigInteger.valueOf(significand);
        int scale = 0;
        if (exponent < 0) {
            exact = exact.multiply(java.math.BigInteger.valueOf(5).pow(-exponent));
            scale = -exponent;
        } else {
            exact = exact.shiftLeft(exponent);
        }
        String digits = exact.toString();
        if (digits.length() > 2) {
            int kept = (digits.charAt(0) - '0') * 10 + digits.charAt(1) - '0' + (digits.charAt(2) >= '5' ? 1 : 0);
            scale -= digits.length() - 2;
            if (kept == 100) {
                kept = 10;
                scale--;
            }
            digits = Integer.toString(kept);
        }
        String sign = bits < 0 ? "-" : "";
        if (scale <= 0) {
            return sign + digits + "0".repeat(-scale);
        }
        if (digits.length() > scale) {
            return sign + digits.substring(0, digits.length() - scale) + "." + digits.substring(digits.length() - scale);
        }
        return sign + "0." + "0".repeat(scale - digits.length()) + digits;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** nmap -oG lines: one Status line per host up and a Ports line per host scanned. */
    public static void greppable(PrintWriter stdout, String file, List<ScanTarget> all, Map<InetAddress, HostDiscovery.Up> up,
                          Function<InetAddress, List<PortResult>> results) {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        Services services = Services.system();
        w.println("# netkit scan (nmap -oG format)");
        for (ScanTarget t : all) {
            String head = "Host: " + dev.netkit.system.IpLiteral.format(t.address()) + " (" + (t.name() == null ? "" : t.name()) + ")";
            if (!up.containsKey(t.address())) {
                continue;
            }
            w.println(head + "\tStatus: Up");
            List<PortResult> ports = results.apply(t.address());
            if (ports == null || ports.isEmpty()) {
                continue;
            }
            List<String> items = new ArrayList<>();
            for (PortResult p : ports) {
                if (p.state() == PortState.CLOSED && ports.size() > COLLAPSE) {
                    continue;
                }
                String svc = services.name(p.port(), p.proto());
                items.add(p.port() + "/" + p.state().text() + "/" + p.proto() + "//" + (svc == null ? "" : svc) + "///");
            }
            long closed = ports.stream().filter(p -> p.state() == PortState.CLOSED).count();
            w.println(head + "\tPorts: " + String.join(", ", items)
                    + (ports.size() > COLLAPSE && closed > 0 ? "\tIgnored State: closed (" + closed + ")" : ""));
        }
        w.flush();
        write(stdout, file, sw.toString());
    }

    /** Refuses (exit 2) a report file that cannot be written, before the scan starts. */
    public static void checkWritable(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs) || (Files.exists(abs) && !Files.isWritable(abs))
                || dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw NetkitException.usage("cannot write " + TerminalText.escape(file.toString())
                    + ": not a writable file in an existing directory");
        }
    }

    /** Writes a report to stdout (when given) or to the file. */
    public static void write(PrintWriter stdout, String file, String text) {
        if (stdout != null) {
            stdout.print(text);
        } else {
            try {
                Files.writeString(Path.of(file), text);
            } catch (IOException e) {
                throw NetkitException.usage("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    /** nmap's time stamp in -oN headers: Sun Nov 22 13:38:00 2026 (UTC). */
    public static String stamp() {
        return stamp(java.time.Instant.now());
    }

    public static String stamp(java.time.Instant at) {
        return java.time.ZonedDateTime.ofInstant(at, java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT));
    }

    /**
     * -oN: the normal report framed as nmap frames it, "# netkit scan initiated DATE as: ARGS" above and "# netkit
     * done at DATE -- ..." below, to the file (or stdout when given).
     */
    public void normal(PrintWriter stdout, String file, ScanReport r) {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        w.println("# netkit scan initiated " + stamp(r.start()) + " as: " + TerminalText.escape(r.args()));
        new ScanRenderer(w, false, onlyOpen, reason, discoveryOnly, services, oui).withoutFooter().render(r);
        long n = r.hostsTotal();
        int up = r.up().size();
        w.printf(Locale.ROOT, "# netkit done at %s -- %d IP address%s (%d host%s up) scanned in %.2f seconds%n",
                stamp(), n, n == 1 ? "" : "es", up, up == 1 ? "" : "s", r.elapsedS());
        w.flush();
        write(stdout, file, sw.toString());
    }
}
