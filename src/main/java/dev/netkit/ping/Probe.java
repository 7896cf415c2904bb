package dev.netkit.ping;

import java.net.InetAddress;

/**
 * One probe to send. {@code token} is the 16-bit value that comes back in the reply or in the header an ICMP
 * error quotes (ICMP sequence number, IPv4 id, or the first payload bytes of an IPv6 UDP probe); TCP probes are
 * told apart by their source port instead, which the channel reports in {@link Sent#token()}.
 *
 * @param size payload bytes after the ICMP/UDP/TCP header (ping's -s)
 * @param port destination port for UDP and TCP probes
 * @param pattern payload fill (ping's -p), empty for zeros
 */
public record Probe(InetAddress destination, ProbeMethod method, int token, int ttl, int size, int port,
                    PmtuMode pmtu, byte[] pattern) {
    public Probe {
        pattern = pattern == null ? new byte[0] : pattern;
    }

    public boolean ipv6() {
        return destination instanceof java.net.Inet6Address;
    }
}
