package dev.netkit.scan;

import dev.netkit.system.IpLiteral;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One TLS handshake with the JDK's SSLSocket to read what a TLS service shows: protocol, cipher, ALPN and the
 * certificate. The certificate is read, never trusted: the connection carries no data after the handshake.
 */
public final class TlsProbe {
    /** Ports nmap's -sV knows to speak TLS at once: https, smtps, ldaps, domain-s, imaps, pop3s, https-alt. */
    public static final Set<Integer> TLS_PORTS = Set.of(443, 465, 636, 853, 993, 995, 8443);
    /** Offered by ALPN, as a browser would, so an HTTP server says which one it speaks. */
    static final String[] ALPN = {"h2", "http/1.1"};

    private final int waitMs;
    private final SSLContext context;

    public TlsProbe(int waitMs) {
        this.waitMs = waitMs;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnly()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The handshake's details, or null when the port did not complete a TLS handshake.
     *
     * @param serverName the name to send by SNI (the target's name), or null for none
     */
    public TlsDetail probe(InetAddress host, int port, String serverName) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), waitMs);
            plain.setSoTimeout(waitMs * 2);
            try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain,
                    serverName != null ? serverName : IpLiteral.format(host), port, false)) {
                SSLParameters p = s.getSSLParameters();
                p.setApplicationProtocols(ALPN);
                p.setServerNames(serverName == null || IpLiteral.parseOrNull(serverName) != null ? List.of()
                        : List.of(new SNIHostName(serverName)));
                s.setSSLParameters(p);
                s.startHandshake();
                return detail(s.getSession(), s.getApplicationProtocol());
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static TlsDetail detail(SSLSession session, String alpn) throws IOException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate c)) {
            return new TlsDetail(session.getProtocol(), session.getCipherSuite(), emptyToNull(alpn), null, null,
                    List.of(), null, null);
        }
        return new TlsDetail(session.getProtocol(), session.getCipherSuite(), emptyToNull(alpn),
                c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(), alternativeNames(c),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Subject alternative names in OpenSSL's words (RFC 5280 GeneralName tags 1, 2, 6, 7). */
    static List<String> alternativeNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        Collection<List<?>> names;
        try {
            names = c.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return out;
        }
        if (names == null) {
            return out;
        }
        for (List<?> n : names) {
            int tag = (Integer) n.get(0);
            Object v = n.get(1);
            switch (tag) {
                case 1 -> out.add("email:" + v);
                case 2 -> out.add("DNS:" + v);
                case 6 -> out.add("URI:" + v);
                case 7 -> {
                    InetAddress a = IpLiteral.parseOrNull(String.valueOf(v));
                    out.add("IP Address:" + (a == null ? v : IpLiteral.format(a)));
                }
                default -> { } // other names (X.400, EDI, directory) nmap's ssl-cert does not print either
            }
        }
        return out;
    }

    /** Accepts every chain so it can be read; nothing is sent over a connection it let through. */
    private static final class ReadOnly extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
