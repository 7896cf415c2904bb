package dev.netkit.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.netkit.cli.DnsTestSupport.netkit;
import static dev.netkit.cli.DnsTestSupport.parseObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * +tls and +https against small DoT and DoH servers on loopback whose certificate (for 127.0.0.1 and
 * dot.netkit.test) is made by keytool for the test; the answers only the test's servers give prove the
 * transport, and a client without the test's CA must refuse them. A loopback integration test: DNS over TLS and
 * HTTPS runs on the kernel's sockets only (DnsChannel covers plain DNS).
 */
class DigTlsIT {
    static Path dir;
    static SSLServerSocket dot;
    static HttpsServer doh;
    static Thread dotThread;

    @BeforeAll
    static void servers() throws Exception {
        dir = Files.createTempDirectory("nk-dns-tls");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "dot", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=dot.netkit.test", "-ext", "san=ip:127.0.0.1,dns:dot.netkit.test", "-validity", "2",
                "-keystore", dir.resolve("ks.p12").toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        run(keytool, "-exportcert", "-rfc", "-alias", "dot", "-keystore", dir.resolve("ks.p12").toString(),
                "-storepass", "changeit", "-file", dir.resolve("ca.pem").toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("ks.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);

        dot = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        dotThread = Thread.ofPlatform().daemon().start(() -> {
            while (!dot.isClosed()) {
                try (Socket s = dot.accept()) {
                    s.setSoTimeout(5000);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] q = new byte[in.readUnsignedShort()];
                    in.readFully(q);
                    byte[] a = answer(q, "198.18.10.85");
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.writeShort(a.length);
                    out.write(a);
                    out.flush();
                } catch (IOException e) {
                    // a refused handshake or a closed server: next connection
                }
            }
        });

        doh = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        doh.setHttpsConfigurator(new HttpsConfigurator(ctx));
        doh.createContext("/dns-query", ex -> {
            byte[] q;
            String query = ex.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("dns=")) {
                q = Base64.getUrlDecoder().decode(query.substring(4));
            } else {
                q = ex.getRequestBody().readAllBytes();
            }
            byte[] a = answer(q, "198.18.10.86");
            ex.getResponseHeaders().add("Content-Type", "application/dns-message");
            ex.sendResponseHeaders(200, a.length);
            ex.getResponseBody().write(a);
            ex.close();
        });
        doh.start();
    }

    static byte[] answer(byte[] wire, String address) throws IOException {
        Message q = new Message(wire);
        Message m = new Message(q.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RD);
        m.getHeader().setFlag(Flags.RA);
        m.addRecord(q.getQuestion(), Section.QUESTION);
        m.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName(address)),
                Section.ANSWER);
        return m.toWire();
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(List.of(cmd) + ": " + out);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (dot != null) {
            dot.close();
        }
        if (doh != null) {
            doh.stop(0);
        }
        if (dir != null) {
            for (String f : List.of("ks.p12", "ca.pem")) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void dnsOverTlsWithTheServersCa() {
        String port = String.valueOf(dot.getLocalPort());
        DnsTestSupport.Result r = netkit("dig", "+tls", "+tls-ca=" + dir.resolve("ca.pem"), "@127.0.0.1", "-p",
                port, "server.netkit.test");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("server.netkit.test.\t60\tIN\tA\t198.18.10.85"), r.out());
        assertTrue(r.out().contains(";; SERVER: 127.0.0.1#" + port + "(127.0.0.1) (TLS)"), r.out());
        Map<String, Object> json = parseObject(netkit("dig", "--json", "+tls", "+tls-ca=" + dir.resolve("ca.pem"),
                "+tls-hostname=dot.netkit.test", "@127.0.0.1", "-p", port, "server.netkit.test").out());
        assertEquals("TLS", json.get("transport"));
    }

    @Test
    void dnsOverTlsRefusesACertificateItCannotVerify() {
        String port = String.valueOf(dot.getLocalPort());
        DnsTestSupport.Result untrusted = netkit("dig", "+tls", "+tries=1", "+timeout=2", "@127.0.0.1", "-p", port,
                "server.netkit.test");
        assertEquals(9, untrusted.code(), untrusted.out());
        assertTrue(!untrusted.out().contains("198.18.10.85"), untrusted.out());
        DnsTestSupport.Result wrongName = netkit("dig", "+tls", "+tls-ca=" + dir.resolve("ca.pem"),
                "+tls-hostname=other.netkit.test", "@127.0.0.1", "-p", port, "server.netkit.test");
        assertEquals(9, wrongName.code(), wrongName.out());
    }

    @Test
    void dnsOverHttps() {
        String port = String.valueOf(doh.getAddress().getPort());
        DnsTestSupport.Result r = netkit("dig", "+https", "+tls-ca=" + dir.resolve("ca.pem"), "@127.0.0.1", "-p",
                port, "+short", "server.netkit.test");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals("198.18.10.86\n", r.out());
        Map<String, Object> json = parseObject(netkit("dig", "--json", "+https", "+tls-ca=" + dir.resolve("ca.pem"),
                "@127.0.0.1", "-p", port, "server.netkit.test").out());
        assertEquals("HTTPS", json.get("transport"));
    }
}
