package dev.netkit.dns;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real authoritative server (Debian's NSD) on a free loopback port, serving the test zones of
 * {@code src/test/resources/dev/netkit/dns}. Optionally signs netkit.test. with ldns-signzone first.
 * Tests that need it skip when NSD is missing, but fail under CI=true.
 */
public final class NsdServer implements AutoCloseable {
    static final String[] ZONES = {"netkit.test", "18.198.in-addr.arpa", "0.0.0.0.0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa"};

    private final Path dir;
    private final Process process;
    private final InetAddress host;
    private final int port;
    private final Path dsFile;

    private NsdServer(Path dir, Process process, InetAddress host, int port, Path dsFile) {
        this.dir = dir;
        this.process = process;
        this.host = host;
        this.port = port;
        this.dsFile = dsFile;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The DS record of the signed netkit.test. zone (a trust anchor file), or null when unsigned. */
    public Path trustAnchor() {
        return dsFile;
    }

    public Path dir() {
        return dir;
    }

    static void requireTool(String tool) {
        boolean present = Stream.of("/usr/sbin/", "/usr/bin/").anyMatch(p -> Files.isExecutable(Path.of(p + tool)));
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError(tool + " is missing: scripts/packages/dns.list installs it");
        }
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install it; see scripts/packages/dns.list)");
    }

    public static NsdServer start(boolean signed) {
        return start(signed, null);
    }

    /** @param tamper when non-null, a replacement applied to the signed zone text after signing */
    public static NsdServer start(boolean signed, String[] tamper) {
        requireTool("nsd");
        if (signed) {
            requireTool("ldns-signzone");
        }
        try {
            Path dir = Files.createTempDirectory("nk-dns-nsd");
            for (String z : ZONES) {
                try (InputStream in = NsdServer.class.getResourceAsStream(z + ".zone")) {
                    Files.write(dir.resolve(z + ".zone"), in.readAllBytes());
                }
            }
            Path ds = null;
            String netkitFile = "netkit.test.zone";
            if (signed) {
                ds = sign(dir, tamper);
                netkitFile = "netkit.test.zone.signed";
            }
            java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
            for (String z : ZONES) {
                files.put(z, z.equals("netkit.test") ? netkitFile : z + ".zone");
            }
            return launch(dir, InetAddress.getLoopbackAddress(), freePort(), files, ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * NSD on {@code host:port} serving the given zones (name to zone text), for tests that need several
     * servers, like a root, a TLD and a zone on separate loopback addresses.
     */
    public static NsdServer serve(InetAddress host, int port, java.util.Map<String, String> zones) {
        requireTool("nsd");
        try {
            Path dir = Files.createTempDirectory("nk-dns-nsd");
            java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<String, String> z : zones.entrySet()) {
                String file = (z.getKey().equals(".") ? "root" : z.getKey()) + ".zone";
                Files.writeString(dir.resolve(file), z.getValue());
                files.put(z.getKey(), file);
            }
            return launch(dir, host, port, files, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * NSD on a free loopback port serving one zone that answers only queries signed with this TSIG key
     * (allow-query with the key): unsigned queries are REFUSED, a wrong secret gets BADSIG, another key BADKEY.
     */
    public static NsdServer serveWithKey(String zone, String zoneText, String keyName, String algorithm,
                                         String secret) {
        requireTool("nsd");
        try {
            Path dir = Files.createTempDirectory("nk-dns-nsd");
            Files.writeString(dir.resolve("keyed.zone"), zoneText);
            String extra = "key:\n  name: \"" + keyName + "\"\n  algorithm: " + algorithm + "\n  secret: \"" + secret
                    + "\"\n";
            String zoneOptions = "  allow-query: 127.0.0.1 " + keyName + "\n";
            return launch(dir, InetAddress.getLoopbackAddress(), freePort(), java.util.Map.of(zone, "keyed.zone"), null,
                    extra, zoneOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NsdServer launch(Path dir, InetAddress host, int port, java.util.Map<String, String> zoneFiles,
                                    Path ds) throws IOException {
        return launch(dir, host, port, zoneFiles, ds, "", "");
    }

    private static NsdServer launch(Path dir, InetAddress host, int port, java.util.Map<String, String> zoneFiles,
                                    Path ds, String extraConf, String zoneOptions) throws IOException {
        StringBuilder conf = new StringBuilder()
                .append("server:\n  ip-address: ").append(host.getHostAddress()).append('@').append(port).append('\n')
                .append("  username: \"\"\n  zonesdir: \"").append(dir).append("\"\n")
                .append("  pidfile: \"").append(dir.resolve("nsd.pid")).append("\"\n")
                .append("  database: \"\"\n  xfrdfile: \"").append(dir.resolve("xfrd.state")).append("\"\n")
                .append("  zonelistfile: \"").append(dir.resolve("zone.list")).append("\"\n")
                .append("  server-count: 1\n  verbosity: 0\n  hide-version: yes\n  nsid: \"ascii_netkit-test\"\n")
                .append("remote-control:\n  control-enable: no\n").append(extraConf);
        for (java.util.Map.Entry<String, String> z : zoneFiles.entrySet()) {
            conf.append("zone:\n  name: \"").append(z.getKey()).append("\"\n  zonefile: ").append(z.getValue()).append('\n')
                    .append(zoneOptions);
        }
        Files.writeString(dir.resolve("nsd.conf"), conf);
        Process p = new ProcessBuilder("nsd", "-d", "-c", dir.resolve("nsd.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nsd.log").toFile()).start();
        NsdServer server = new NsdServer(dir, p, host, port, ds);
        server.awaitListening(Duration.ofSeconds(10));
        return server;
    }

    /** Signs netkit.test. with a fresh ECDSA P-256 KSK and ZSK (NSEC), returns the DS file. */
    private static Path sign(Path dir, String[] tamper) throws IOException {
        String ksk = run(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", "netkit.test").strip();
        String zsk = run(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", "netkit.test").strip();
        run(dir, "ldns-signzone", "netkit.test.zone", ksk, zsk);
        if (tamper != null) {
            Path signed = dir.resolve("netkit.test.zone.signed");
            Files.writeString(signed, Files.readString(signed).replace(tamper[0], tamper[1]));
        }
        return dir.resolve(ksk + ".ds");
    }

    static String run(Path dir, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException e) {
                // UDP side taken: try another
            }
        }
        throw new IOException("no free loopback port");
    }

    private void awaitListening(Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nsd exited: " + Files.readString(dir.resolve("nsd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(address(), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IOException("nsd did not start listening on port " + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
