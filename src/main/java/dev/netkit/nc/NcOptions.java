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
    /** Plain TCP with no time-outs, the defaults of netcat, to change with the builder's setters. */
    public static Builder tcp() {
        return new Builder();
    }

    /** The options one at a time, as nc's flags set them. */
    public static final class Builder {
        private Transport transport = Transport.TCP;
        private Family family = Family.ANY;
        private Duration timeout;
        private Duration quitAfterEof;
        private boolean shutdownOnEof;
        private boolean crlf;
        private long maxBytes;
        private InetAddress source;
        private int sourcePort;
        private boolean keepListening;

        private Builder() {
        }

        public Builder transport(Transport t) {
            transport = t;
            return this;
        }

        public Builder family(Family f) {
            family = f;
            return this;
        }

        public Builder timeout(Duration t) {
            timeout = t;
            return this;
        }

        public Builder quitAfterEof(Duration q) {
            quitAfterEof = q;
            return this;
        }

        public Builder shutdownOnEof(boolean n) {
            shutdownOnEof = n;
            return this;
        }

        public Builder crlf(boolean c) {
            crlf = c;
            return this;
        }

        public Builder maxBytes(long m) {
            maxBytes = m;
            return this;
        }

        public Builder source(InetAddress a, int port) {
            source = a;
            sourcePort = port;
            return this;
        }

        public Builder keepListening(boolean k) {
            keepListening = k;
            return this;
        }

        public NcOptions build() {
            return new NcOptions(transport, family, timeout, quitAfterEof, shutdownOnEof, crlf, maxBytes, source,
                    sourcePort, keepListening);
        }
    }
}
