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
    /** The source port of every UDP probe of this process (ICMP errors quoting it are ours). */
    static final int UDP_SOURCE_PORT = 0x8000 | (int) (ProcessHandle.current().pid() & 0x7fff);

    public Probe {
        pattern = pattern == null ? new byte[0] : pattern;
    }

    public boolean ipv6() {
        return destination instanceof java.net.Inet6Address;
    }

    /** Fills {@code packet} from {@code from} on with the pattern (ping -p), or with bytes counting up from 8. */
    static void fill(byte[] packet, int from, byte[] pattern) {
        for (int i = from, j = 0; i < packet.length; i++, j++) {
            packet[i] = pattern.length == 0 ? (byte) (j + 8) : pattern[j % pattern.length];
        }
    }
}
