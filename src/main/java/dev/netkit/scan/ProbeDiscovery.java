package dev.netkit.scan;

import dev.netkit.arp.ArpScanner;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nmap's host discovery of targets beyond the attached link, with privileges: per target an ICMP echo request
 * (ICMPv6 for IPv6), a TCP SYN to 443 and a TCP ACK to 80, sent as frames on the capture layer to the next hop.
 * Any answer from the target itself means up: an echo reply, a SYN/ACK or RST to the SYN, an RST to the ACK.
 * Replies are matched to our own probes only, statelessly like {@link SynScanner}: the SYN's sequence number and
 * the ACK's acknowledgement number are keyed hashes of the target (an RST to a bare ACK carries that number as
 * its sequence, RFC 9293 section 3.10.7.1), the echo's identifier is ours and its sequence a hash of the target.
 * Targets that stay silent are probed again up to {@code retries} times; an ICMP error from a router (the
 * target's "host unreachable") says nothing about the target and is ignored, as nmap does.
 */
public final class ProbeDiscovery {
    static final int SYN_PORT = 443;
    static final int ACK_PORT = 80;

    private final FrameChannel channel;
    private final HostDiscovery.Route route;
    private final int sourcePort;
    private final long key;
    private final long intervalNanos;
    private final int retries;
    private final RoundTripTimer timer;
    /** When the last frame read was captured (ns since the epoch). */
    private long lastFrameEpochNanos;

    /**
     * @param route         where the frames go (the interface of {@code channel}, our MAC and address, the next hop)
     * @param intervalNanos pause between targets (each gets three frames)
     * @param retries       more rounds for the targets that stayed silent
     * @param minWaitNanos  the least wait for late answers after a round
     * @param maxWaitNanos  the most wait for late answers after a round (and the wait before any answer came)
     */
    public ProbeDiscovery(FrameChannel channel, HostDiscovery.Route route, int sourcePort, long key,
                          long intervalNanos, int retries, long minWaitNanos, long maxWaitNanos) {
        this.channel = channel;
        this.route = route;
        this.sourcePort = sourcePort;
        this.key = key;
        this.intervalNanos = intervalNanos;
        this.retries = retries;
        this.timer = new RoundTripTimer(minWaitNanos, maxWaitNanos);
    }

    /** The BPF filter for the answers: TCP to our port, ICMP and ICMPv6 echo replies. */
    public static String filter(int sourcePort) {
        return "(tcp dst port " + sourcePort + ") or (icmp and icmp[0] = 0) or (icmp6 and ip6[40] = 129)";
    }

    /** The echo identifier: our source port, so two scans at once do not take each other's replies. */
    private int echoId() {
        return sourcePort;
    }

    private int echoSequence(InetAddress target) {
        return (int) SynScanner.sequence(key, target, 0) & 0xffff;
    }

    /** The three probes of one target: echo request, SYN to 443, ACK to 80. */
    List<byte[]> probes(InetAddress t) {
        PacketBuilder b = PacketBuilder.ethernet(route.sourceMac(), route.nextHopMac());
        if (t instanceof Inet4Address t4) {
            b.ipv4((Inet4Address) route.source(), t4);
        } else {
            b.ipv6((Inet6Address) route.source(), (Inet6Address) t);
        }
        byte[] echo = b.icmpEcho(echoId(), echoSequence(t), new byte[0]).build();
        byte[] syn = b.tcpSyn(sourcePort, SYN_PORT, SynScanner.sequence(key, t, SYN_PORT)).build();
        long seq = SynScanner.sequence(key, t, ~ACK_PORT);
        byte[] ack = b.tcp(new TcpHeader(sourcePort, ACK_PORT, seq, SynScanner.sequence(key, t, ACK_PORT),
                TcpHeader.ACK, 1024, 0, 0, List.of()), new byte[0]).build();
        return List.of(echo, syn, ack);
    }

    /** The targets that answered, in the order given, with the first answer's round trip and kind. */
    public Map<InetAddress, HostDiscovery.Up> discover(List<? extends InetAddress> targets, ScanControl control) {
        Map<InetAddress, Integer> index = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            index.putIfAbsent(targets.get(i), i);
        }
        HostDiscovery.Up[] up = new HostDiscovery.Up[targets.size()];
        long[] sentAt = new long[targets.size()];
        int answered = 0;
        for (int round = 0; round <= retries && answered < targets.size() && !control.stopped(); round++) {
            long next = System.nanoTime();
            long lastSend = next;
            for (int i = 0; i < targets.size() && !control.stopped(); i++) {
                if (up[i] != null) {
                    continue;
                }
                // between targets, read what came in (the wait paces the probes)
                while (System.nanoTime() < next) {
                    answered += Math.max(0, drain(next, index, up, sentAt, control));
                }
                sentAt[i] = System.nanoTime();
                for (byte[] f : probes(targets.get(i))) {
                    channel.send(f);
                }
                lastSend = System.nanoTime();
                next = lastSend + intervalNanos;
            }
            // late answers until the retransmission timeout after the last probe; none once all have answered
            // past it only the frames captured before it are read: unrelated frames that pass the filter (anyone's
            // echo replies) keep coming and must not prolong the wait
            while (answered < targets.size() && !control.stopped()) {
                long deadline = lastSend + timer.timeoutNanos();
                long now = System.nanoTime();
                if (now >= deadline && lastFrameEpochNanos > ArpScanner.epochNanos() - (now - deadline)) {
                    break;
                }
                int got = drain(deadline, index, up, sentAt, control);
                if (got < 0) {
                    break;
                }
                answered += got;
            }
        }
        Map<InetAddress, HostDiscovery.Up> out = new LinkedHashMap<>();
        for (HostDiscovery.Up u : up) {
            if (u != null) {
                out.put(u.address(), u);
            }
        }
        return out;
    }

    /** Reads one frame; 1 when it made a target up, 0 when not, -1 when none came by the deadline or stopped. */
    private int drain(long deadline, Map<InetAddress, Integer> index, HostDiscovery.Up[] up, long[] sentAt,
                      ScanControl control) {
        CapturedFrame f = ArpScanner.receive(channel, deadline, control::stopped);
        if (f == null) {
            return -1;
        }
        lastFrameEpochNanos = f.timestampNanos();
        long now = System.nanoTime();
        Answer a = classify(f);
        if (a == null) {
            return 0;
        }
        Integer i = index.get(a.from());
        if (i == null || up[i] != null) {
            return 0;
        }
        double rttNanos = now - sentAt[i];
        timer.sample(rttNanos);
        up[i] = new HostDiscovery.Up(a.from(), rttNanos / 1e6, null, a.reason());
        return 1;
    }

    /** An answer from a target to one of our probes. */
    record Answer(InetAddress from, String reason) {
    }

    /** What a captured frame says, or null when it answers none of our probes. */
    Answer classify(CapturedFrame f) {
        Frame frame;
        try {
            frame = Frame.decode(dev.netkit.packet.LinkType.valueOf(f.linkType().value() & 0xFFFF), f.data());
        } catch (RuntimeException e) {
            return null; // a frame the codecs cannot read answers nothing
        }
        InetAddress from = frame.ipv4().<InetAddress>map(h -> h.source()).or(() -> frame.ipv6().map(h -> h.source()))
                .orElse(null);
        if (from == null || from.equals(route.source())) {
            return null;
        }
        TcpHeader tcp = frame.tcp().orElse(null);
        if (tcp != null) {
            TcpProbe kind = tcp.sourcePort() == SYN_PORT ? TcpProbe.SYN : tcp.sourcePort() == ACK_PORT ? TcpProbe.ACK
                    : null;
            TcpProbe.Verdict v = kind == null || tcp.destinationPort() != sourcePort ? null : kind.verdict(tcp.flags(),
                    tcp.sequence(), tcp.acknowledgement(), SynScanner.sequence(key, from, tcp.sourcePort()));
            return v == null ? null : new Answer(from, v.reason());
        }
        int id;
        int seq;
        if (frame.icmpv4().orElse(null) instanceof Icmpv4Message.Echo e && !e.request()) {
            id = e.identifier();
            seq = e.sequence();
        } else if (frame.icmpv6().orElse(null) instanceof Icmpv6Message.Echo e && !e.request()) {
            id = e.identifier();
            seq = e.sequence();
        } else {
            return null;
        }
        return id == echoId() && seq == echoSequence(from) ? new Answer(from, "echo-reply") : null;
    }
}
