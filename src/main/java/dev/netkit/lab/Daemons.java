package dev.netkit.lab;

import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real daemons of the lab, from Debian's packages: NSD for the root, TLD and netkit.test. servers,
 * Unbound as the resolver, nginx on the web server, socat for UDP echo and xinetd for the RFC 868 time service. Each runs in the foreground
 * (the lab tracks its PID), in its host's namespace, with every file it writes inside the lab's state dir.
 */
public final class Daemons {
    /** A socket that must be listening before the daemon counts as up: "tcp", "udp" ("6" suffix for IPv6). */
    public record Socket(String table, int port) {
    }

    /**
     * How to start one daemon, and what it listens on when ready; {@code readyFile}, when not null, must exist too
     * (a DHCP client listens on nothing once it has its lease: its script writes the file).
     */
    public record Launch(String host, Service service, List<String> command, Path log, List<Socket> ready,
                         Path readyFile) {
        public Launch(String host, Service service, List<String> command, Path log, List<Socket> ready) {
            this(host, service, command, log, ready, null);
        }
    }

    private final Topology topology;
    private final Path stateDir;
    private final DnsZones zones;
    private final Registry registry;
    private final PartDaemons parts;

    public Daemons(Topology topology, Path stateDir) {
        this.topology = topology;
        this.stateDir = stateDir;
        this.zones = new DnsZones(topology);
        this.registry = new Registry(topology);
        this.parts = new PartDaemons(topology, this);
    }

    /** The host's private directory in the state dir. */
    Path dir(String host) {
        return stateDir.resolve(host);
    }

    /** The sockets that listen once {@code service} is up. */
    public List<Socket> readiness(Service service) {
        return switch (service) {
            case DNS_ROOT, DNS_TLD, DNS_AUTH, RESOLVER, RESOLVER2 -> List.of(new Socket("udp", 53), new Socket("tcp", 53));
            case WEB -> topology.hostsRunning(Service.SSH).isEmpty()
                    ? List.of(new Socket("tcp", 80), new Socket("tcp", 8080), new Socket("tcp", 443), new Socket("tcp", 22))
                    : List.of(new Socket("tcp", 80), new Socket("tcp", 8080), new Socket("tcp", 443));
            case UDP_ECHO -> List.of(new Socket("udp6", 7));
            case WHOIS_ROOT, WHOIS -> List.of(new Socket("tcp6", 43));
            case TIME -> List.of(new Socket("tcp6", 37));
            case DHCP_SERVER -> List.of(new Socket("udp", 67));
            case DHCP_CLIENT -> List.of();
            case SSH -> List.of(new Socket("tcp", 22), new Socket("tcp6", 22));
            // radvd's ICMPv6 raw socket (protocol 58) in /proc/net/raw6
            case RADVD -> List.of(new Socket("raw6", 58));
            case SLAAC, ZEBRA, OSPF, OSPF6, DELAY_LINE -> List.of();
            case HOME_WEB -> List.of(new Socket("tcp", 80));
        };
    }

    /** Writes the configuration of every daemon of {@code host} and returns how to start them. */
    public List<Launch> prepare(Host host) {
        List<Launch> launches = new ArrayList<>();
        for (Service s : host.services()) {
            launches.add(switch (s) {
                case DNS_ROOT -> nsd(host, s, List.of(new Zone(".", "root.zone", zones.root())));
                case DNS_TLD -> nsd(host, s, List.of(new Zone("test.", "test.zone", zones.test())));
                case DNS_AUTH -> nsd(host, s, List.of(
                        new Zone("netkit.test.", "netkit.test.zone", zones.netkit()),
                        new Zone(DnsZones.REVERSE4, "reverse4.zone", zones.reverse4()),
                        new Zone(DnsZones.REVERSE6, "reverse6.zone", zones.reverse6())));
                case RESOLVER, RESOLVER2 -> unbound(host, s);
                case WEB -> nginx(host);
                case UDP_ECHO -> udpEcho(host);
                case WHOIS_ROOT -> whois(host, s, registry.rootWhois());
                case WHOIS -> whois(host, s, registry.whois());
                case TIME -> time(host);
                case DHCP_SERVER -> parts.dhcpServer(host);
                case DHCP_CLIENT -> parts.dhcpClient(host);
                case SSH -> parts.sshd(host);
                case RADVD -> Slaac.radvd(topology, host, this);
                case SLAAC -> Slaac.host(host, this);
                case ZEBRA -> Ospf.zebra(host, this);
                case OSPF -> Ospf.ospfd(topology, host, this);
                case OSPF6 -> Ospf.ospf6d(topology, host, this);
                case DELAY_LINE -> DelayLine.launch(topology, host, this);
                case HOME_WEB -> NatEdge.web(host, this);
            });
        }
        return launches;
    }

    record Zone(String name, String file, String text) {
    }

    /**
     * True when the topology has a root, a TLD and an authoritative server: their zones (., test. and
     * netkit.test.) are then signed at every up and the resolver validates from the root's key.
     */
    public boolean signsZones() {
        return !topology.hostsRunning(Service.DNS_ROOT).isEmpty() && !topology.hostsRunning(Service.DNS_TLD).isEmpty()
                && !topology.hostsRunning(Service.DNS_AUTH).isEmpty();
    }

    /** The signed zones this server serves instead of the plain ones (the reverse zones stay unsigned). */
    private static final List<String> SIGNED_FILES = List.of("root.zone", "test.zone", "netkit.test.zone");

    /** The resolver's trust anchor: the lab root's DS record, written by the signing command. */
    Path trustAnchor() {
        return stateDir.resolve("dnssec").resolve("root.anchor");
    }

    /**
     * One shell run that signs the lab's chain of trust with Debian's ldns tools, in the state dir's dnssec/
     * work directory: an ECDSA P-256 key per zone (made in parallel), each child's DS appended to its parent,
     * the three zones signed in parallel (NSEC, four weeks), then one signed record of netkit.test. changed
     * (tampered.netkit.test. A: server's address signed, the unused .99 served, so validators say bogus),
     * each signed file put beside its zone file, and the root's DS kept as the resolver's trust anchor.
     * Keys are fresh at every up, so nothing secret lasts.
     */
    public List<String> signingCommand() {
        Path rootZone = dir(topology.hostsRunning(Service.DNS_ROOT).get(0).name()).resolve("nsd").resolve("root.zone");
        Path testZone = dir(topology.hostsRunning(Service.DNS_TLD).get(0).name()).resolve("nsd").resolve("test.zone");
        Path authZone = dir(topology.hostsRunning(Service.DNS_AUTH).get(0).name()).resolve("nsd")
                .resolve("netkit.test.zone");
        String script = """
                set -e
                work="$1"; mkdir -p "$work"; cd "$work"
                cp "$2" root.zone; cp "$3" test.zone; cp "$4" netkit.test.zone
                "$5" -a ECDSAP256SHA256 -k . > root.name & a=$!
                "$5" -a ECDSAP256SHA256 -k test. > test.name & b=$!
                "$5" -a ECDSAP256SHA256 -k netkit.test. > netkit.name & c=$!
                wait $a; wait $b; wait $c
                root=$(cat root.name); tld=$(cat test.name); auth=$(cat netkit.name)
                cat "$tld.ds" >> root.zone
                cat "$auth.ds" >> test.zone
                "$6" root.zone "$root" & a=$!
                "$6" test.zone "$tld" & b=$!
                "$6" netkit.test.zone "$auth" & c=$!
                wait $a; wait $b; wait $c
                # bogus on purpose: the record signed as "$7" is served as "$8" under the same RRSIG
                grep -qxF "$7" netkit.test.zone.signed
                { grep -vxF "$7" netkit.test.zone.signed; printf '%s\\n' "$8"; } > tampered.signed
                mv tampered.signed netkit.test.zone.signed
                cp root.zone.signed "$2.signed"; cp test.zone.signed "$3.signed"; cp netkit.test.zone.signed "$4.signed"
                cp "$root.ds" root.anchor
                """;
        return List.of(LabPackages.binary("sh"), "-c", script, "sign-lab-zones", trustAnchor().getParent().toString(),
                rootZone.toString(), testZone.toString(), authZone.toString(), LabPackages.binary("ldns-keygen"),
                LabPackages.binary("ldns-signzone"), tamperedLine(DnsZones.TAMPERED_SIGNED),
                tamperedLine(DnsZones.TAMPERED_SERVED));
    }

    /** The tampered record as ldns-signzone writes it, with {@code address} as its data. */
    static String tamperedLine(String address) {
        return DnsZones.TAMPERED + ".netkit.test.\t300\tIN\tA\t" + address;
    }

    private Launch nsd(Host host, Service service, List<Zone> zoneList) {
        Path d = dir(host.name()).resolve("nsd");
        StringBuilder c = new StringBuilder("server:\n");
        for (String a : topology.addresses(host.name())) {
            c.append("  ip-address: ").append(a).append('\n');
        }
        c.append("""
                  port: 53
                  server-count: 1
                  username: ""
                  chroot: ""
                  database: ""
                  reuseport: no
                  hide-version: no
                  refuse-any: no
                  verbosity: 1
                  tcp-count: 64
                """);
        c.append("  identity: \"").append(host.name()).append(".netkit.test\"\n");
        c.append("  zonesdir: \"").append(d).append("\"\n");
        c.append("  zonelistfile: \"").append(d.resolve("zone.list")).append("\"\n");
        c.append("  xfrdfile: \"").append(d.resolve("xfrd.state")).append("\"\n");
        c.append("  xfrdir: \"").append(d).append("\"\n");
        c.append("  pidfile: \"").append(d.resolve("nsd.pid")).append("\"\n");
        c.append("  logfile: \"").append(d.resolve("nsd.log")).append("\"\n");
        c.append("remote-control:\n  control-enable: no\n");
        for (Zone z : zoneList) {
            write(d.resolve(z.file()), z.text());
            String file = signsZones() && SIGNED_FILES.contains(z.file()) ? z.file() + ".signed" : z.file();
            c.append("zone:\n  name: \"").append(z.name()).append("\"\n  zonefile: \"").append(file).append("\"\n");
        }
        Path conf = d.resolve("nsd.conf");
        write(conf, c.toString());
        return new Launch(host.name(), service, List.of(LabPackages.binary("nsd"), "-d", "-c", conf.toString()),
                d.resolve("stdout.log"), readiness(service));
    }

    /**
     * Unbound, recursive from the lab's root hints: the resolver validates (when the zones are signed); the second
     * resolver ({@link SecondResolver}) does not, and serves its expired cache when the servers do not answer.
     */
    private Launch unbound(Host host, Service service) {
        Path d = dir(host.name()).resolve("unbound");
        write(d.resolve("root.hints"), zones.rootHints());
        StringBuilder c = new StringBuilder("server:\n");
        for (String a : topology.addresses(host.name())) {
            c.append("  interface: ").append(a).append('\n');
        }
        c.append("""
                  port: 53
                  access-control: 198.18.0.0/16 allow
                  access-control: 2001:db8::/32 allow
                  access-control: 127.0.0.0/8 allow
                  chroot: ""
                  username: ""
                  use-syslog: no
                  verbosity: 1
                  num-threads: 1
                  outgoing-range: 64
                  num-queries-per-thread: 32
                  so-reuseport: no
                  hide-identity: no
                  hide-version: no
                """);
        c.append("  identity: \"").append(host.name()).append(".netkit.test\"\n");
        c.append("""
                  # answers within a second even when a delegation is lame
                  infra-host-ttl: 60
                  # test. and 2001:db8::/32's reverse zone are special-use names Unbound answers itself by default
                  local-zone: "test." nodefault
                  local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault
                """);
        if (service == Service.RESOLVER2) {
            c.append(SecondResolver.CONFIG);
        } else {
            c.append("  serve-expired: no\n");
            if (signsZones()) {
                // ., test. and netkit.test. are signed at up: validate from the lab root's key (AD on answers)
                c.append("  module-config: \"validator iterator\"\n");
                c.append("  trust-anchor-file: \"").append(trustAnchor()).append("\"\n");
                c.append("  val-log-level: 1\n");
            } else {
                c.append("  module-config: \"iterator\"\n");
            }
        }
        c.append("  directory: \"").append(d).append("\"\n");
        c.append("  pidfile: \"").append(d.resolve("unbound.pid")).append("\"\n");
        c.append("  logfile: \"").append(d.resolve("unbound.log")).append("\"\n");
        c.append("  root-hints: \"").append(d.resolve("root.hints")).append("\"\n");
        c.append("remote-control:\n  control-enable: no\n");
        Path conf = d.resolve("unbound.conf");
        write(conf, c.toString());
        return new Launch(host.name(), service,
                List.of(LabPackages.binary("unbound"), "-d", "-c", conf.toString()),
                d.resolve("stdout.log"), readiness(service));
    }

    /** nginx: HTTP on 80 and 8080, HTTPS on 443 (self-signed, made at up), and an SSH banner on 22. */
    private Launch nginx(Host host) {
        Path d = dir(host.name()).resolve("nginx");
        // with sshd on the host (--with ssh), port 22 is its own: no banner
        boolean banner = !host.services().contains(Service.SSH);
        boolean stream = banner && Files.exists(Path.of(LabPackages.NGINX_STREAM_MODULE));
        String fqdn = host.name() + ".netkit.test";
        StringBuilder c = new StringBuilder();
        if (stream) {
            c.append("load_module ").append(LabPackages.NGINX_STREAM_MODULE).append(";\n");
        }
        c.append(nginxHead(d));
        c.append("  server {\n");
        c.append("    listen 80; listen [::]:80; listen 8080; listen [::]:8080;\n");
        c.append("    listen 443 ssl; listen [::]:443 ssl;\n");
        if (banner && !stream) {
            c.append("    listen 22; listen [::]:22;\n");
        }
        c.append("    ssl_certificate ").append(d.resolve("cert.pem")).append(";\n");
        c.append("    ssl_certificate_key ").append(d.resolve("key.pem")).append(";\n");
        c.append("    server_name ").append(fqdn).append(" www.netkit.test web.netkit.test;\n");
        c.append("    location = / { return 200 \"netkit lab: ").append(fqdn).append(" on port $server_port\\n\"; }\n");
        // what-is-my-address: the source address the server sees (behind the NAT edge: nat's public address)
        c.append("    location = ").append(MY_ADDRESS_PAGE).append(" { return 200 \"$remote_addr\\n\"; }\n");
        // the course's HTTP exercises: real files (200), anything else 404, a moved page (301 with its Location)
        c.append("    location / { root ").append(d.resolve("www")).append("; types { text/html html; } }\n");
        c.append("    location = ").append(MOVED_PAGE).append(" { return 301 /index.html; }\n");
        for (java.util.Map.Entry<String, String> f : webPages(fqdn).entrySet()) {
            write(d.resolve("www").resolve(f.getKey()), f.getValue());
        }
        for (java.util.Map.Entry<String, String> f : registry.rdapFiles().entrySet()) {
            write(d.resolve("www").resolve(f.getKey()), f.getValue());
        }
        c.append(Registry.nginxLocation(d.resolve("www")));
        c.append("  }\n}\n");
        if (stream) {
            c.append("stream {\n  server {\n    listen 22; listen [::]:22;\n");
            c.append("    return \"SSH-2.0-OpenSSH_9.2p1 netkit-lab\\r\\n\";\n  }\n}\n");
        }
        Path conf = d.resolve("nginx.conf");
        write(conf, c.toString());
        return nginxLaunch(host, Service.WEB, d);
    }

    /**
     * The start of an nginx.conf whose every file is in {@code d}: one worker, pid and error log, and the http block
     * opened (no access log, text/plain by default, temporary files); the caller adds servers and closes it.
     */
    static String nginxHead(Path d) {
        StringBuilder c = new StringBuilder("worker_processes 1;\n");
        c.append("pid ").append(d.resolve("nginx.pid")).append(";\n");
        c.append("error_log ").append(d.resolve("error.log")).append(";\n");
        c.append("events { worker_connections 256; }\n");
        c.append("http {\n  access_log off;\n  default_type text/plain;\n");
        for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            c.append("  ").append(t).append("_temp_path ").append(d.resolve("tmp-" + t)).append(";\n");
        }
        return c.toString();
    }

    /** nginx in the foreground with {@code d/nginx.conf}, as {@code service} of {@code host}. */
    Launch nginxLaunch(Host host, Service service, Path d) {
        return new Launch(host.name(), service,
                List.of(LabPackages.binary("nginx"), "-c", d.resolve("nginx.conf").toString(),
                        "-e", d.resolve("error.log").toString(), "-g", "daemon off; master_process on;"),
                d.resolve("stdout.log"), readiness(service));
    }

    /** The what-is-my-address page: the client's address as the server sees it, one line of text. */
    static final String MY_ADDRESS_PAGE = "/ip";

    /** The page that has moved: nginx answers 301 with {@code Location: http://HOST/index.html}. */
    static final String MOVED_PAGE = "/old.html";

    /** The web server's files, path under its root -> content: an HTML page and a text file. */
    static java.util.Map<String, String> webPages(String fqdn) {
        return java.util.Map.of("index.html", """
                <!DOCTYPE html>
                <html>
                <head><title>netkit lab web server</title></head>
                <body>
                <h1>%s</h1>
                <p>A page served by nginx in the netkit lab. See also <a href="/hello.txt">hello.txt</a>.</p>
                </body>
                </html>
                """.formatted(fqdn), "hello.txt", "Hello from " + fqdn + ", a text file served by nginx.\n");
    }

    /** The openssl command that makes nginx's self-signed certificate (run before nginx starts). */
    public List<String> certificateCommand(Host host) {
        Path d = dir(host.name()).resolve("nginx");
        String fqdn = host.name() + ".netkit.test";
        List<String> san = new ArrayList<>(List.of("DNS:" + fqdn, "DNS:www.netkit.test",
                "DNS:" + Registry.RDAP_NAME + ".netkit.test"));
        for (String a : topology.addresses(host.name())) {
            san.add("IP:" + a);
        }
        return List.of(LabPackages.binary("openssl"), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
                "-subj", "/CN=" + fqdn, "-addext", "subjectAltName=" + String.join(",", san),
                "-keyout", d.resolve("key.pem").toString(), "-out", d.resolve("cert.pem").toString());
    }

    /** UDP echo on port 7, IPv4 and IPv6 on one socket; each datagram is answered by a short-lived child. */
    private Launch udpEcho(Host host) {
        Path d = dir(host.name()).resolve("echo");
        mkdirs(d);
        return new Launch(host.name(), Service.UDP_ECHO,
                List.of(LabPackages.binary("socat"), "-T", "1", "UDP6-RECVFROM:7,fork,ipv6only=0", "PIPE"),
                d.resolve("stdout.log"), readiness(Service.UDP_ECHO));
    }

    /** socat on port 43 (IPv4 and IPv6), one short-lived shell per connection over the service's flat files. */
    private Launch whois(Host host, Service service, java.util.Map<String, String> files) {
        Path d = dir(host.name()).resolve(service == Service.WHOIS_ROOT ? "whois-root" : "whois");
        for (java.util.Map.Entry<String, String> f : files.entrySet()) {
            write(d.resolve("data").resolve(f.getKey()), f.getValue());
        }
        write(d.resolve("whois.sh"), Registry.SCRIPT);
        return new Launch(host.name(), service,
                List.of(LabPackages.binary("socat"), "-T", "5", "TCP6-LISTEN:43,fork,reuseaddr,ipv6only=0",
                        "EXEC:" + LabPackages.binary("sh") + " " + d.resolve("whois.sh") + " " + d.resolve("data")),
                d.resolve("stdout.log"), readiness(service));
    }

    /**
     * xinetd's internal RFC 868 time service on TCP 37, one socket for IPv4 and IPv6, logging into the state dir.
     * Debian's xinetd 2.3.15.3 sets IPV6_V6ONLY on an IPv6 service without a bind address and knows no
     * {@code v6only} attribute, so IPv4 clients were refused; with an explicit {@code bind = ::} it leaves the
     * option alone and the namespace's net.ipv6.bindv6only=0 makes the socket take v4-mapped connections too.
     */
    private Launch time(Host host) {
        Path d = dir(host.name()).resolve("xinetd");
        Path conf = d.resolve("xinetd.conf");
        write(conf, """
                defaults
                {
                  log_type = FILE %s
                }
                service time
                {
                  type        = INTERNAL
                  id          = time-stream
                  socket_type = stream
                  protocol    = tcp
                  port        = 37
                  wait        = no
                  user        = root
                  flags       = IPv6
                  bind        = ::
                }
                """.formatted(d.resolve("services.log")));
        return new Launch(host.name(), Service.TIME, List.of(LabPackages.binary("xinetd"), "-dontfork",
                "-f", conf.toString(), "-filelog", d.resolve("xinetd.log").toString(),
                "-pidfile", d.resolve("xinetd.pid").toString()), d.resolve("stdout.log"), readiness(Service.TIME));
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
