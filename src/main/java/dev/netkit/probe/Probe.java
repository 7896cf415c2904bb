package dev.netkit.probe;

import dev.netkit.system.Libc;
import java.net.InetAddress;

/**
 * One probe to send. {@code token} is the 16-bit value that comes back in the reply or in the header an ICMP
 * error quotes (ICMP sequence number, IPv4 id, or the first payload bytes of an IPv6 UDP probe); TCP probes are
 * told apart by their source port instead, which the channel reports in {@link Sent#token()}, except Paris
 * probes (below), which carry it in the sequence number.
 *
 * @param size payload bytes after the ICMP/UDP/TCP header (ping's -s)
 * @param port destination port for UDP and TCP probes
 * @param pattern payload fill (ping's -p), empty for zeros
 * @param flow -1 for an ordinary probe; 0..{@link #MAX_FLOWS}-1 for a Paris-traceroute probe of that flow: every
 *             probe of one flow has the same fields that load balancers hash (addresses, protocol, ports; UDP and
 *             TCP source port {@code base + flow}), TCP SYNs are built whole instead of connect()ed
 */
public record Probe(InetAddress destination, ProbeMethod method, int token, int ttl, int size, int port,
                    PmtuMode pmtu, byte[] pattern, int flow) {
    /** Flows a channel tells apart (source ports it reserves per protocol). */
    public static final int MAX_FLOWS = 64;
    /**
     * The first source port of this process's UDP probes (flow f uses this + f): ICMP errors quoting it are ours.
     * Blocks of MAX_FLOWS ports by pid, so two processes whose pids are close never share a port.
     */
    static final int UDP_SOURCE_PORT = 0x8000 + (int) ((Libc.pid() * MAX_FLOWS) % 0x8000);
    /**
     * The first source port of Paris TCP SYNs (flow f uses this + f): below Linux's ephemeral range (32768-60999), so
     * no connect()ed socket of ours has one of them.
     */
    static final int TCP_PARIS_PORT = 16384 + (int) ((Libc.pid() * MAX_FLOWS) % 16384);

    /**
     * The first IPv6 flow label of this process's flows (flow f uses this + f): below 0x80000, the range Linux keeps
     * for labels a socket registers (net.ipv6.flowlabel_state_ranges), in blocks of MAX_FLOWS by pid.
     */
    static final int FLOW_LABEL_BASE = 0x40000 + (int) ((Libc.pid() * MAX_FLOWS) % 0x40000);

    public Probe {
        pattern = pattern == null ? new byte[0] : pattern;
        if (flow < -1 || flow >= MAX_FLOWS) {
            throw new IllegalArgumentException("flow " + flow);
        }
    }

    public Probe(InetAddress destination, ProbeMethod method, int token, int ttl, int size, int port, PmtuMode pmtu,
                 byte[] pattern) {
        this(destination, method, token, ttl, size, port, pmtu, pattern, -1);
    }

    /** The IPv6 flow label of this probe: constant within a flow, another for each flow; 0 for ordinary probes. */
    int flowLabel() {
        return flow < 0 ? 0 : FLOW_LABEL_BASE + flow;
    }

    /**
     * The Paris TCP SYN of this probe, for both channels: source port {@link #TCP_PARIS_PORT} + flow (constant within
     * a flow), the token in the sequence number's upper half (no load balancer hashes it), an MSS option.
     */
    dev.netkit.packet.TcpHeader parisSyn(int mss) {
        return dev.netkit.packet.TcpHeader.syn(TCP_PARIS_PORT + Math.max(0, flow), port, (long) token << 16,
                java.util.List.of(new dev.netkit.packet.TcpOption.MaximumSegmentSize(mss)));
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
