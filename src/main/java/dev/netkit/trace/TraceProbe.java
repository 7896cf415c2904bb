package dev.netkit.trace;

import dev.netkit.probe.ReplyKind;

import java.net.InetAddress;

/**
 * The outcome of one probe of a hop: who answered, how fast and with what, or a timeout ({@code from} null).
 *
 * @param rttMicros round trip from packet timestamps, microseconds
 * @param icmpType ICMP type of the answer, -1 for TCP answers and timeouts
 * @param mtu next-hop MTU when the answer was "fragmentation needed" / "packet too big", else 0
 */
public record TraceProbe(int ttl, int index, InetAddress from, long rttMicros, ReplyKind kind, int icmpType,
                         int icmpCode, int mtu) {
    public static TraceProbe timeout(int ttl, int index) {
        return new TraceProbe(ttl, index, null, 0, null, -1, -1, 0);
    }

    public boolean answered() {
        return from != null;
    }
}
