package dev.netkit.scan;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * -sV, small: each open TCP port is spoken to once. TLS ports get a handshake ({@link TlsProbe}); the others are
 * read for a greeting (SSH, SMTP, FTP, POP3, IMAP speak first) and, when silent or on an HTTP port, asked
 * {@code GET / HTTP/1.0} (nmap's GetRequest probe), whose answer gives the Server header and the page title.
 */
public final class ServiceScanner {
    /** nmap's GetRequest probe: a GET, so the page's title comes back. */
    static final byte[] GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title", Pattern.CASE_INSENSITIVE
            | Pattern.DOTALL);
    private static final Pattern SSH = Pattern.compile("SSH-[\\d.]+-([A-Za-z][A-Za-z-]*)_([\\w.+-]+).*");
    private static final Pattern SERVER = Pattern.compile("([A-Za-z][\\w.-]*)/([\\w.+-]+).*");

    /** One port of one host. */
    public record Port(InetAddress host, int port) {
    }

    private final BannerGrabber grabber;
    private final TlsProbe tls;
    private final Set<Integer> tlsPorts;
    private final int parallel;

    /** @param extraTlsPorts ports to handshake on besides {@link TlsProbe#TLS_PORTS} (--tls) */
    public ServiceScanner(int waitMs, Set<Integer> extraTlsPorts, int parallel) {
        this.grabber = new BannerGrabber(waitMs, 4096, 1);
        this.tls = new TlsProbe(waitMs);
        this.tlsPorts = new java.util.HashSet<>(TlsProbe.TLS_PORTS);
        this.tlsPorts.addAll(extraTlsPorts);
        this.parallel = Math.max(1, parallel);
    }

    /**
     * The detail of each open TCP port among {@code ports} (ports that told nothing are left out).
     *
     * @param names the name a host was given by (for SNI), or null
     */
    public Map<Port, ServiceDetail> probe(List<PortResult> ports, Function<InetAddress, String> names,
                                          ScanControl control) {
        Map<Port, ServiceDetail> out = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PortResult r : ports) {
                if (control.stopped()) {
                    break;
                }
                if (r.state() != PortState.OPEN || !r.proto().equals("tcp")) {
                    continue;
                }
                slots.acquireUninterruptibly();
                ex.submit(() -> {
                    try {
                        ServiceDetail d = probe(r.host(), r.port(), names.apply(r.host()));
                        if (d != null) {
                            out.put(new Port(r.host(), r.port()), d);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return out;
    }

    /**
     * Probes every open TCP port of {@code results} and returns the results with each port's detail joined.
     *
     * @param targets the hosts, with the names they were given by (sent by SNI)
     */
    public Function<InetAddress, List<PortResult>> attach(List<ScanTarget> targets,
            Function<InetAddress, List<PortResult>> results, ScanControl control) {
        Map<InetAddress, String> names = new HashMap<>();
        List<PortResult> open = new ArrayList<>();
        for (ScanTarget t : targets) {
            if (t.name() != null) {
                names.putIfAbsent(t.address(), t.name());
            }
            results.apply(t.address()).stream().filter(p -> p.state() == PortState.OPEN).forEach(open::add);
        }
        Map<Port, ServiceDetail> found = probe(open, names::get, control);
        return a -> results.apply(a).stream().map(p -> {
            ServiceDetail d = found.get(new Port(p.host(), p.port()));
            return d == null || !p.proto().equals("tcp") ? p : p.withDetail(d);
        }).toList();
    }

    /** One port's detail, or null when it said nothing useful. */
    public ServiceDetail probe(InetAddress host, int port, String name) {
        if (tlsPorts.contains(port)) {
            TlsDetail t = tls.probe(host, port, name);
            if (t == null) {
                return null;
            }
            String service = "http/1.1".equals(t.alpn()) || "h2".equals(t.alpn()) ? "http" : null;
            return new ServiceDetail(service, null, null, t, null, null, null, null);
        }
        String banner = grabber.grab(host, port, GET);
        return banner == null ? null : parse(banner);
    }

    /** What a plain-text answer says: an HTTP response, or a server-first service's greeting. */
    public static ServiceDetail parse(String banner) {
        if (banner.startsWith("HTTP/")) {
            return http(banner);
        }
        String line = BannerGrabber.firstLine(banner);
        Matcher ssh = SSH.matcher(line);
        if (ssh.matches()) {
            return new ServiceDetail("ssh", ssh.group(1), ssh.group(2), null, line, null, null, null);
        }
        if (line.startsWith("SSH-")) {
            return new ServiceDetail("ssh", null, null, null, line, null, null, null);
        }
        String upper = line.toUpperCase(Locale.ROOT);
        String name = null;
        if (line.startsWith("+OK")) {
            name = "pop3";
        } else if (line.startsWith("* OK") || line.startsWith("* PREAUTH")) {
            name = "imap";
        } else if (line.startsWith("220") && upper.contains("FTP")) {
            name = "ftp";
        } else if (line.startsWith("220") && (upper.contains("SMTP") || upper.contains("MAIL"))) {
            name = "smtp";
        }
        return new ServiceDetail(name, null, null, null, line, null, null, null);
    }

    private static ServiceDetail http(String response) {
        int end = response.indexOf("\r\n\r\n");
        String head = end < 0 ? response : response.substring(0, end);
        String body = end < 0 ? "" : response.substring(end + 4);
        String server = null;
        String type = null;
        for (String h : head.split("\r?\n")) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (key.equals("server")) {
                server = h.substring(colon + 1).strip();
            } else if (key.equals("content-type")) {
                type = h.substring(colon + 1).strip();
            }
        }
        Matcher t = TITLE.matcher(body);
        String title = t.find() ? t.group(1).replaceAll("\\s+", " ").strip() : null;
        String product = null;
        String version = null;
        if (server != null) {
            Matcher s = SERVER.matcher(server);
            if (s.matches()) {
                product = s.group(1);
                version = s.group(2);
            } else {
                product = server;
            }
        }
        return new ServiceDetail("http", product, version, null, null, server, title, type == null ? "" : type);
    }
}
