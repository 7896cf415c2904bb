package dev.netkit.trace;

import dev.netkit.probe.KernelProbeChannel;
import dev.netkit.probe.PmtuMode;
import dev.netkit.probe.Probe;
import dev.netkit.probe.ProbeChannel;
import dev.netkit.probe.ProbeMethod;
import dev.netkit.probe.Reply;
import dev.netkit.probe.ReplyKind;
import dev.netkit.probe.Sent;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * tracepath: probes each hop in turn with the largest packet the path MTU allows, DF set; a "fragmentation
 * needed" / "packet too big" answer lowers the MTU and the hop is probed again.
 */
public final class PathMtuEngine {
    /** One hop with the path MTU known when it answered. */
    public record MtuHop(TraceProbe probe, int pmtu) {
    }

    /** tracepath's "Resume": the path MTU found, whether the destination answered, and the hops probed. */
    public record Summary(int pmtu, boolean reached, int hops) {
        public static Summary of(InetAddress destination, int startMtu, List<MtuHop> hops) {
            MtuHop last = hops.isEmpty() ? null : hops.get(hops.size() - 1);
            boolean reached = last != null && last.probe().answered() && destination.equals(last.probe().from());
            return new Summary(last == null ? startMtu : last.pmtu(), reached, hops.size());
        }
    }

    /** The MTU a trace starts from: the kernel's cached path MTU to {@code destination}, else Ethernet's 1500. */
    public static int startMtu(ProbeChannel channel, InetAddress destination) {
        int start = channel instanceof KernelProbeChannel ? KernelProbeChannel.pathMtu(destination) : 1500;
        return start <= 0 ? 1500 : start;
    }

    private final ProbeChannel channel;
    private final ProbeMethod method;
    private final int port;
    private final int maxTtl;
    private final long waitNanos;

    public PathMtuEngine(ProbeChannel channel, ProbeMethod method, int port, int maxTtl, long waitNanos) {
        this.channel = channel;
        this.method = method;
        this.port = port;
        this.maxTtl = maxTtl;
        this.waitNanos = waitNanos;
    }

    /** Traces with the given starting MTU (the route's); returns the hops and reports each as it completes. */
    public List<MtuHop> run(InetAddress destination, int startMtu, Consumer<MtuHop> onHop) throws IOException {
        int overhead = (destination instanceof Inet6Address ? 40 : 20) + 8;
        int pmtu = startMtu;
        int token = 1;
        List<MtuHop> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= maxTtl; ttl++) {
            TraceProbe result = null;
            for (int attempt = 0; attempt < 6 && result == null; attempt++) {
                Probe p = new Probe(destination, method, token++ & 0xffff, ttl, Math.max(0, pmtu - overhead), port,
                        PmtuMode.DO, null);
                Sent sent = channel.send(p);
                long deadline = sent.timeNanos() + waitNanos;
                Reply r;
                while ((r = channel.receive(deadline)) != null) {
                    if (r.token() != sent.token() || r.method() != method || !destination.equals(r.probeDestination())) {
                        continue;
                    }
                    if (r.kind() == ReplyKind.PACKET_TOO_BIG && r.mtu() > 0 && r.mtu() < pmtu) {
                        pmtu = r.mtu();
                        if (r.from() != null) {
                            result = null;
                        }
                        break;
                    }
                    long rtt = Math.max(0, (r.timeNanos() - sent.timeNanos()) / 1000);
                    result = new TraceProbe(ttl, 0, r.from() == null ? destination : r.from(), rtt, r.kind(),
                            r.icmpType(), r.icmpCode(), r.mtu());
                    break;
                }
                if (r == null) {
                    break;
                }
            }
            MtuHop hop = new MtuHop(result == null ? TraceProbe.timeout(ttl, 0) : result, pmtu);
            hops.add(hop);
            onHop.accept(hop);
            if (result != null && (destination.equals(result.from()) || result.kind() == ReplyKind.ECHO_REPLY
                    || result.kind() == ReplyKind.TCP_SYN_ACK || result.kind() == ReplyKind.TCP_RESET)) {
                break;
            }
        }
        return hops;
    }
}
