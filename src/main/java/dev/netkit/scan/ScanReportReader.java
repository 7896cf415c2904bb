package dev.netkit.scan;

import dev.netkit.JsonTree;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.system.IpLiteral;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * netkit scan merge: reads the reports of a scan's shards (netkit's NDJSON, or nmap's XML as -oX writes it and as
 * nmap writes it) and joins them into one {@link ScanReport}: a host is up when any shard saw it up, its ports are
 * the union (the first verdict of a port given twice stays), the host count and the elapsed time are the largest
 * (shards run side by side). A file that is neither, or is malformed, is refused with its name and line.
 */
public final class ScanReportReader {
    private final Map<InetAddress, Host> hosts = new LinkedHashMap<>();
    private final Map<String, TreeSet<Integer>> scans = new LinkedHashMap<>();
    private long hostsTotal;
    private double elapsed;
    private Instant start;
    private String fileArgs;

    private static final class Host {
        String name;
        HostDiscovery.Up up;
        boolean timedOut;
        final Map<String, PortResult> ports = new HashMap<>();
    }

    /** Reads every file and returns the joined report (args null: the command line the first XML file names). */
    public static ScanReport read(List<Path> files, String args) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw NetkitException.usage(TerminalText.escape(f.toString()) + ": cannot read it ("
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
            }
        }
        return join(texts, args);
    }

    /** Joins reports already in memory, each under the name its errors give (the first one's verdicts stay). */
    public static ScanReport join(Map<String, String> texts, String args) {
        ScanReportReader r = new ScanReportReader();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            Path f = Path.of(e.getKey());
            String text = e.getValue();
            String head = text.stripLeading();
            if (head.startsWith("<")) {
                r.xml(f, text);
            } else if (head.startsWith("{")) {
                r.json(f, text);
            } else {
                throw NetkitException.usage(TerminalText.escape(f.toString())
                        + ": neither netkit scan's NDJSON (--json) nor nmap's XML (-oX)");
            }
        }
        return r.report(args == null ? r.fileArgs : args);
    }

    private ScanReport report(String args) {
        List<ScanTarget> targets = new ArrayList<>();
        Map<InetAddress, HostDiscovery.Up> up = new LinkedHashMap<>();
        Map<InetAddress, List<PortResult>> results = new HashMap<>();
        for (Map.Entry<InetAddress, Host> e : hosts.entrySet()) {
            Host h = e.getValue();
            targets.add(new ScanTarget(e.getKey(), h.name));
            up.put(e.getKey(), h.up);
            List<PortResult> l = new ArrayList<>(h.ports.values());
            l.sort(Comparator.comparing(PortResult::proto).thenComparingInt(PortResult::port));
            results.put(e.getKey(), l);
        }
        List<ScanReport.ScanInfo> infos = new ArrayList<>();
        scans.forEach((k, v) -> infos.add(new ScanReport.ScanInfo(k.split("/")[0], k.split("/")[1], List.copyOf(v))));
        return new ScanReport(targets, Math.max(hostsTotal, hosts.size()), up,
                a -> results.getOrDefault(a, List.of()), a -> hosts.get(a) != null && hosts.get(a).timedOut, infos,
                start == null ? Instant.now() : start, elapsed, args);
    }

    private Host host(InetAddress a, String name) {
        Host h = hosts.computeIfAbsent(a, x -> new Host());
        if (h.name == null) {
            h.name = name;
        }
        return h;
    }

    private void port(PortResult p) {
        host(p.host(), null).ports.putIfAbsent(p.proto() + "/" + p.port(), p);
    }

    private void scanned(String type, String proto, List<Integer> ports) {
        scans.computeIfAbsent(type + "/" + proto, k -> new TreeSet<>()).addAll(ports);
    }

    // --- NDJSON: host, port and summary objects (docs/scan.md) ---

    private void json(Path f, String text) {
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                if (!(JsonTree.parseValue(line) instanceof Map<?, ?> o)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                jsonObject(o);
            } catch (IOException | RuntimeException e) {
                throw NetkitException.usage(TerminalText.escape(f.toString()) + " line " + n + ": "
                        + TerminalText.escape(String.valueOf(e.getMessage())));
            }
        }
    }

    private void jsonObject(Map<?, ?> o) {
        switch (String.valueOf(o.get("type"))) {
            case "host" -> {
                InetAddress a = address(str(o, "host"));
                List<?> names = o.get("names") instanceof List<?> l ? l : List.of();
                Host h = host(a, names.isEmpty() ? null : String.valueOf(names.get(0)));
                if ("timeout".equals(o.get("state"))) {
                    h.timedOut = true;
                }
                if (h.up == null) {
                    h.up = new HostDiscovery.Up(a, o.get("latency_ms") instanceof Number v ? v.doubleValue() : -1,
                            (String) o.get("mac"), null);
                }
            }
            case "port" -> {
                String proto = str(o, "proto");
                int port = ((Number) o.get("port")).intValue();
                PortState state = state(str(o, "state"));
                String reason = str(o, "reason");
                PortResult p = new PortResult(address(str(o, "host")), port, proto, state, reason, -1,
                        (String) o.get("banner"), jsonDetail(o));
                port(p);
                scanned(proto.equals("udp") ? "udp" : reason.equals("conn-refused") ? "connect" : "syn", proto,
                        List.of(port));
            }
            case "summary" -> {
                hostsTotal = Math.max(hostsTotal, ((Number) o.get("hosts_total")).longValue());
                elapsed = Math.max(elapsed, ((Number) o.get("elapsed_s")).doubleValue());
            }
            default -> throw new IllegalArgumentException("an object of type " + o.get("type")
                    + " is none of netkit scan's (host, port, summary)");
        }
    }

    private static ServiceDetail jsonDetail(Map<?, ?> o) {
        TlsDetail tls = null;
        if (o.get("tls_version") != null) {
            List<String> san = new ArrayList<>();
            if (o.get("cert_san") instanceof List<?> l) {
                l.forEach(x -> san.add(String.valueOf(x)));
            }
            tls = new TlsDetail(str(o, "tls_version"), str(o, "tls_cipher"), (String) o.get("tls_alpn"),
                    (String) o.get("cert_subject"), (String) o.get("cert_issuer"), san,
                    o.get("cert_not_before") == null ? null : Instant.parse(str(o, "cert_not_before")),
                    o.get("cert_not_after") == null ? null : Instant.parse(str(o, "cert_not_after")));
        }
        ServiceDetail d = new ServiceDetail((String) o.get("service_probed"), (String) o.get("product"),
                (String) o.get("version"), tls, (String) o.get("greeting"), (String) o.get("http_server"),
                (String) o.get("http_title"), (String) o.get("content_type"));
        return d.equals(new ServiceDetail(null, null, null, null, null, null, null, null)) ? null : d;
    }

    private static String str(Map<?, ?> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" is missing or not a string");
        }
        return s;
    }

    private static InetAddress address(String text) {
        InetAddress a = IpLiteral.parseOrNull(text);
        if (a == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        return a;
    }

    private static PortState state(String text) {
        for (PortState s : PortState.values()) {
            if (s.text().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a port state");
    }

    // --- nmap's XML ---

    private void xml(Path f, String text) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no DTD, no entities: nothing fetched or expanded
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (Reader in = new StringReader(text)) {
            XMLStreamReader x = factory.createXMLStreamReader(in);
            try {
                new XmlHost(x).read();
            } catch (XMLStreamException | RuntimeException e) {
                String where = x.getLocation() == null ? "" : " line " + x.getLocation().getLineNumber();
                throw NetkitException.usage(TerminalText.escape(f.toString()) + where + ": "
                        + TerminalText.escape(firstLine(e)));
            }
        } catch (XMLStreamException | IOException e) {
            throw NetkitException.usage(TerminalText.escape(f.toString()) + ": " + TerminalText.escape(firstLine(e)));
        }
    }

    /** The parser's own sentence ("Message: ..." after the StAX position line), or the message's first line. */
    private static String firstLine(Exception e) {
        List<String> lines = String.valueOf(e.getMessage()).lines().toList();
        return lines.stream().filter(l -> l.startsWith("Message: ")).map(l -> l.substring(9)).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(0));
    }

    /** The state of one pass over an XML report: the host, port and script being read. */
    private final class XmlHost {
        private final XMLStreamReader x;
        private boolean root;
        private InetAddress address;
        private String mac;
        private String name;
        private String reason;
        private boolean timedOut;
        private final List<PortResult> ports = new ArrayList<>();
        private PortResult port;
        private String service;
        private String product;
        private String version;
        private boolean tunnel;
        private final Map<String, String> script = new TreeMap<>();
        private String scriptId;
        private final List<String> path = new ArrayList<>();
        private final List<String> san = new ArrayList<>();
        private final Map<String, ServiceDetail> details = new HashMap<>();
        private final Map<String, String[]> partial = new HashMap<>();

        XmlHost(XMLStreamReader x) {
            this.x = x;
        }

        void read() throws XMLStreamException {
            StringBuilder chars = new StringBuilder();
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    chars.setLength(0);
                    start(x.getLocalName());
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    chars.append(x.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    end(x.getLocalName(), chars.toString());
                    chars.setLength(0);
                }
            }
            if (!root) {
                throw new IllegalArgumentException("no nmaprun element: not an nmap XML report");
            }
        }

        private String attr(String name) {
            return x.getAttributeValue(null, name);
        }

        private String need(String name) {
            String v = attr(name);
            if (v == null) {
                throw new IllegalArgumentException("<" + x.getLocalName() + "> without " + name);
            }
            return v;
        }

        private void start(String el) {
            if (!root && !el.equals("nmaprun")) {
                throw new IllegalArgumentException("the root element is <" + el + ">, not nmap's <nmaprun>");
            }
            switch (el) {
                case "nmaprun" -> {
                    root = true;
                    if (fileArgs == null) {
                        fileArgs = attr("args");
                    }
                    String s = attr("start");
                    if (s != null && start == null) {
                        start = Instant.ofEpochSecond(Long.parseLong(s));
                    }
                }
                case "scaninfo" -> scanned(need("type"), need("protocol"),
                        PortSpec.parse(need("services"), need("protocol")).tcp().isEmpty()
                                ? PortSpec.parse(need("services"), need("protocol")).udp()
                                : PortSpec.parse(need("services"), need("protocol")).tcp());
                case "host" -> {
                    address = null;
                    mac = null;
                    name = null;
                    reason = null;
                    timedOut = "true".equals(attr("timedout"));
                    ports.clear();
                    details.clear();
                }
                case "status" -> reason = "up".equals(attr("state")) ? attr("reason") : null;
                case "address" -> {
                    if ("mac".equals(attr("addrtype"))) {
                        mac = need("addr").toLowerCase(java.util.Locale.ROOT);
                    } else {
                        address = address(need("addr"));
                    }
                }
                case "hostname" -> {
                    if (name == null || "user".equals(attr("type"))) {
                        name = attr("name");
                    }
                }
                case "extrareasons" -> {
                    String ps = attr("ports");
                    if (ps == null) {
                        throw new IllegalArgumentException("extrareasons without a ports list (nmap before 7.90?)"
                                + ": the hidden ports cannot be merged");
                    }
                    String proto = attr("proto") == null ? "tcp" : attr("proto");
                    PortSpec spec = PortSpec.parse(ps, proto);
                    for (int p : proto.equals("udp") ? spec.udp() : spec.tcp()) {
                        ports.add(new PortResult(address, p, proto, extraState, need("reason"), -1));
                    }
                }
                case "extraports" -> extraState = state(need("state"));
                case "port" -> {
                    port = new PortResult(address, Integer.parseInt(need("portid")), need("protocol"), null, null, -1);
                    service = null;
                    product = null;
                    version = null;
                    tunnel = false;
                    script.clear();
                    san.clear();
                }
                case "state" -> port = new PortResult(address, port.port(), port.proto(), state(need("state")),
                        need("reason"), -1);
                case "service" -> {
                    service = "probed".equals(attr("method")) ? attr("name") : null;
                    product = attr("product");
                    version = attr("version");
                    tunnel = "ssl".equals(attr("tunnel"));
                }
                case "script" -> {
                    scriptId = need("id");
                    script.put(scriptId, need("output"));
                }
                case "table", "elem" -> path.add(attr("key") == null ? "" : attr("key"));
                // runstats: shards ran side by side, so the longest run and the largest host count stand
                case "finished" -> elapsed = Math.max(elapsed, attr("elapsed") == null ? 0
                        : Double.parseDouble(attr("elapsed")));
                case "hosts" -> hostsTotal = Math.max(hostsTotal, attr("total") == null ? 0
                        : Long.parseLong(attr("total")));
                default -> { }
            }
        }

        private PortState extraState;

        private void end(String el, String text) {
            switch (el) {
                case "elem" -> {
                    String key = String.join("/", path);
                    script.put(scriptId + ":" + key, text);
                    path.remove(path.size() - 1);
                }
                case "table" -> path.remove(path.size() - 1);
                case "port" -> {
                    if (port.state() == null) {
                        throw new IllegalArgumentException("port " + port.port() + " without a state");
                    }
                    String banner = script.get("banner");
                    ServiceDetail d = detail(banner);
                    ports.add(d == null ? port : port.withDetail(d));
                }
                case "host" -> {
                    if (address == null) {
                        throw new IllegalArgumentException("a host without an IP address");
                    }
                    if (reason != null) {
                        Host h = host(address, name);
                        h.timedOut |= timedOut;
                        if (h.up == null) {
                            h.up = new HostDiscovery.Up(address, -1, mac, reason);
                        }
                        for (PortResult p : ports) {
                            port(new PortResult(address, p.port(), p.proto(), p.state(), p.reason(), -1,
                                    null, p.detail()));
                        }
                    }
                }
                case "hosts" -> { }
                default -> { }
            }
        }

        /** What the service element and the scripts of the port just read say (null: nothing). */
        private ServiceDetail detail(String banner) {
            TlsDetail tls = null;
            String protocol = script.get("tls-session:protocol");
            if (tunnel || protocol != null) {
                String sanText = script.get("ssl-cert:extensions//value");
                tls = new TlsDetail(protocol, script.get("tls-session:cipher"), script.get("tls-alpn:"),
                        rfc2253("ssl-cert:subject/"), rfc2253("ssl-cert:issuer/"),
                        sanText == null ? List.of() : List.of(sanText.split(", ")),
                        instant(script.get("ssl-cert:validity/notBefore")),
                        instant(script.get("ssl-cert:validity/notAfter")));
            }
            String title = script.get("http-title:title");
            String titleText = script.get("http-title");
            String type = null;
            if (titleText != null && title == null && titleText.startsWith("Site doesn't have a title")) {
                int open = titleText.indexOf(" (");
                type = open < 0 ? "" : titleText.substring(open + 2, titleText.length() - 2);
            } else if (titleText != null) {
                type = "";
            }
            ServiceDetail d = new ServiceDetail(service, product, version, tls, banner,
                    script.get("http-server-header:"), title, type);
            return d.equals(new ServiceDetail(null, null, null, null, null, null, null, null)) ? null : d;
        }

        /** The subject or issuer table back as RFC 2253 text (nmap's long names to their keywords). */
        private String rfc2253(String prefix) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> e : script.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    String longName = e.getKey().substring(prefix.length());
                    String kw = TlsDetail.NMAP_NAMES.entrySet().stream().filter(n -> n.getValue().equals(longName)
                            && !n.getKey().contains(".")).map(Map.Entry::getKey).findFirst().orElse(longName);
                    parts.add(kw + "=" + javax.naming.ldap.Rdn.escapeValue(e.getValue()));
                }
            }
            return parts.isEmpty() ? null : String.join(",", parts);
        }

        private static Instant instant(String nmapDate) {
            return nmapDate == null ? null : LocalDateTime.parse(nmapDate).toInstant(ZoneOffset.UTC);
        }
    }
}
