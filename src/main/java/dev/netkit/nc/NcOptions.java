package dev.netkit.nc;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How nc connects, listens and relays.
 *
 * @param timeout        -w: the connect time-out, and the idle time after which a relay ends; null for none
 * @param quitAfterEof   -q: how long to go on after EOF on stdin before quitting; null to wait for the peer
 * @param shutdownOnEof  -N: shut down the sending side of the socket at EOF on stdin
 * @param crlf           -C: send each LF read from stdin as CRLF
 * @param maxBytes       --max-bytes: end a relay after this many bytes came from the peer; 0 for no limit
 * @param source         -s: the local address to send from (or listen on); null for any
 * @param sourcePort     -p for a client: the local port to send from; 0 for any
 * @param keepListening  -k: accept the next client after one ends
 */
public record NcOptions(Transport transport, Family family, Duration timeout, Duration quitAfterEof,
                        boolean shutdownOnEof, boolean crlf, long maxBytes, InetAddress source, int sourcePort,
                        boolean keepListening) {
    /** Plain TCP with no time-outs: the defaults of netcat. */
    public static NcOptions tcp() {
        return new NcOptions(Transport.TCP, Family.ANY, null, null, false, false, 0, null, 0, false);
    }

    public NcOptions withTransport(Transport t) {
        return new NcOptions(t, family, timeout, quitAfterEof, shutdownOnEof, crlf, maxBytes, source, sourcePort,
                keepListening);
    }

    public NcOptions withTimeout(Duration t) {
        return new NcOptions(transport, family, t, quitAfterEof, shutdownOnEof, crlf, maxBytes, source, sourcePort,
                keepListening);
    }

    public NcOptions withQuitAfterEof(Duration q) {
        return new NcOptions(transport, family, timeout, q, shutdownOnEof, crlf, maxBytes, source, sourcePort,
                keepListening);
    }

    public NcOptions withShutdownOnEof(boolean n) {
        return new NcOptions(transport, family, timeout, quitAfterEof, n, crlf, maxBytes, source, sourcePort,
                keepListening);
    }

    public NcOptions withCrlf(boolean c) {
        return new NcOptions(transport, family, timeout, quitAfterEof, shutdownOnEof, c, maxBytes, source, sourcePort,
                keepListening);
    }

    public NcOptions withMaxBytes(long m) {
        return new NcOptions(transport, family, timeout, quitAfterEof, shutdownOnEof, crlf, m, source, sourcePort,
                keepListening);
    }

    public NcOptions withKeepListening(boolean k) {
        return new NcOptions(transport, family, timeout, quitAfterEof, shutdownOnEof, crlf, maxBytes, source,
                sourcePort, k);
    }

    public NcOptions withSource(InetAddress a, int port) {
        return new NcOptions(transport, family, timeout, quitAfterEof, shutdownOnEof, crlf, maxBytes, a, port,
                keepListening);
    }

    public NcOptions withFamily(Family f) {
        return new NcOptions(transport, f, timeout, quitAfterEof, shutdownOnEof, crlf, maxBytes, source, sourcePort,
                keepListening);
    }
}
