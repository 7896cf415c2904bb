package dev.netkit.dns;

import org.xbill.DNS.Message;
import org.xbill.DNS.io.TcpIoClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * DNS over TLS (RFC 7858) as a TCP transport for dnsjava: dnsjava has no TLS client, but its TCP framing
 * (a two-byte length before each message) is the same, so only the socket differs. The certificate is
 * checked against the server's name (or its address when no name is given), like HTTPS does.
 */
final class TlsClient implements TcpIoClient {
    private final SSLContext context;
    private final String serverName;

    TlsClient() {
        this(null, null);
    }

    /** @param serverName the name the certificate must carry, or null to check the address */
    TlsClient(SSLContext context, String serverName) {
        this.context = context;
        this.serverName = serverName;
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveTcp(InetSocketAddress local, InetSocketAddress remote,
                                                       Message query, byte[] data, Duration timeout) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread.ofVirtual().name("dns-tls").start(() -> {
            try {
                f.complete(exchange(local, remote, data, timeout));
            } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
                f.completeExceptionally(e instanceof IOException ? e : new IOException(e.getMessage(), e));
            }
        });
        return f;
    }

    private byte[] exchange(InetSocketAddress local, InetSocketAddress remote, byte[] data, Duration timeout)
            throws IOException, NoSuchAlgorithmException {
        int ms = (int) Math.max(1, timeout.toMillis());
        Socket plain = new Socket();
        if (local != null) {
            plain.bind(new InetSocketAddress(local.getAddress(), 0));
        }
        plain.connect(remote, ms);
        plain.setSoTimeout(ms);
        String host = serverName != null ? serverName : remote.getAddress().getHostAddress();
        SSLContext ctx = context != null ? context : SSLContext.getDefault();
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, remote.getPort(), true)) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            byte[] framed = new byte[data.length + 2];
            framed[0] = (byte) (data.length >>> 8);
            framed[1] = (byte) data.length;
            System.arraycopy(data, 0, framed, 2, data.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return answer;
        }
    }
}
