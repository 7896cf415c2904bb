package dev.netkit.probe;

import java.net.InetAddress;

/**
 * Something that came back and names one of our probes.
 *
 * @param from the responder (router, destination)
 * @param method the method of the probe it answers (read from the reply or the quoted header)
 * @param probeDestination the destination of the answered probe (from the quoted header), or {@code from} for
 *                         direct answers
 * @param token the answered probe's token ({@link Probe#token()}, or the TCP source port)
 * @param icmpType ICMP/ICMPv6 type, -1 for TCP answers
 * @param icmpCode ICMP/ICMPv6 code, -1 for TCP answers
 * @param mtu next-hop MTU of a packet-too-big error, else 0
 * @param ttl the TTL/hop limit the reply arrived with, -1 when unknown
 * @param bytes ICMP (or TCP) bytes received, as ping prints them
 * @param timeNanos kernel receive timestamp (epoch nanoseconds)
 */
public record Reply(InetAddress from, ReplyKind kind, ProbeMethod method, InetAddress probeDestination, int token,
                    int icmpType, int icmpCode, int mtu, int ttl, int bytes, long timeNanos) {

    /** True when the answer is an ICMP error rather than the destination answering the probe itself. */
    public boolean isError() {
        return kind != ReplyKind.ECHO_REPLY && kind != ReplyKind.TCP_SYN_ACK && kind != ReplyKind.TCP_RESET;
    }

    public Reply withTime(long nanos) {
        return new Reply(from, kind, method, probeDestination, token, icmpType, icmpCode, mtu, ttl, bytes, nanos);
    }
}
