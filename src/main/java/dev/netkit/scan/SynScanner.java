package dev.netkit.scan;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stateless SYN scanner in the manner of masscan and zmap: the sequence number of each probe is a keyed hash of
 * (target, port), so a reply is matched by checking its acknowledgement number, with no table of probes in
 * flight. SYN/ACK is open, RST closed, ICMP unreachable or silence after every retry filtered, as nmap defines
 * them. The kernel answers the SYN/ACKs with RST since it has no socket for them. IPv4 over Ethernet.
 */
public final class SynScanner {
    private final FrameChannel channel;
    private final MacAddress sourceMac;
    private final MacAddress nextHopMac;
    private final Inet4Address source;
    private final int sourcePort;
    private final long key;
    private final double rate;
    private final int retries;
    private final long waitNanos;
    private int[] portIndex;
    private java.util.Map<InetAddress, Integer> targetIndex;

    /**
     * @param rate      probes per second
     * @param retries   extra rounds for unanswered probes
     * @param waitNanos how long to wait for late replies after each round
     */
    public SynScanner(FrameChannel channel, MacAddress sourceMac, MacAddress nextHopMac, Inet4Address source,
                      int sourcePort, long key, double rate, int retries, long waitNanos) {
        this.channel = channel;
        this.sourceMac = sourceMac;
        this.nextHopMac = nextHopMac;
        this.source = source;
        this.sourcePort = sourcePort;
        this.key = key;
        this.rate = rate;
        this.retries = retries;
        this.waitNanos = waitNanos;
    }

    /** The BPF filter for the replies: TCP to our port, and ICMP errors. */
    public static String filter(int sourcePort) {
        return "(tcp dst port " + sourcePort + ") or (icmp and icmp[0] = 3)";
    }

    /** The probe's sequence number: a keyed hash of target and port (splitmix64 finaliser over both). */
    public static long sequence(long key, InetAddress target, int port) {
        long z = key ^ (Integer.toUnsignedLong(Arrays.hashCode(target.getAddress())) << 16) ^ port;
        byte[] a = target.getAddress();
        for (byte b : a) {
            z = (z ^ (b & 0xff)) * 0x9E3779B97F4A7C15L;
        }
        z += port * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z & 0xffffffffL;
    }

    /** Scans every (target, port); results go to {@code sink} as they are known, and are returned in probe order. */
    public List<PortResult> scan(List<Inet4Address> targets, List<Integer> ports, Consumer<PortResult> sink) {
        int n = targets.size() * ports.size();
        portIndex = new int[65536];
        Arrays.fill(portIndex, -1);
        for (int i = 0; i < ports.size(); i++) {
            portIndex[ports.get(i)] = i;
        }
        targetIndex = new java.util.HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            targetIndex.put(targets.get(i), i);
        }
        PortResult[] results = new PortResult[n];
        long[] sentAt = new long[n];
        List<Integer> pending = new ArrayList<>(n);
        // interleave targets so one host does not get a burst (nmap and masscan do the same)
        for (int p = 0; p < ports.size(); p++) {
            for (int t = 0; t < targets.size(); t++) {
                pending.add(p * targets.size() + t);
            }
        }
        for (int round = 0; round <= retries && !pending.isEmpty(); round++) {
            long start = System.nanoTime();
            int sent = 0;
            for (int idx : pending) {
                if (results[idx] != null) {
                    continue;
                }
                long due = start + (long) (sent / rate * 1e9);
                while (System.nanoTime() < due) {
                    if (!drain(System.nanoTime(), targets, ports, results, sentAt, sink)) {
                        Thread.onSpinWait();
                    }
                }
                Inet4Address t = targets.get(idx % targets.size());
                int port = ports.get(idx / targets.size());
                byte[] frame = PacketBuilder.ethernet(sourceMac, nextHopMac).ipv4(source, t)
                        .identification((int) (sequence(key, t, port) >>> 16) & 0xffff)
                        .tcpSyn(sourcePort, port, sequence(key, t, port)).build();
                sentAt[idx] = System.nanoTime();
                channel.send(frame);
                sent++;
                if ((sent & 63) == 0) {
                    // every 64 probes, read what has come in (an empty read costs a native call and an exception)
                    while (drain(System.nanoTime(), targets, ports, results, sentAt, sink)) {
                        // until nothing is queued
                    }
                }
            }
            long end = System.nanoTime() + waitNanos;
            while (drain(end, targets, ports, results, sentAt, sink) && !channel.ended()) {
                // keep reading until the wait is over
            }
            List<Integer> still = new ArrayList<>();
            for (int idx : pending) {
                if (results[idx] == null) {
                    still.add(idx);
                }
            }
            pending = still;
        }
        List<PortResult> out = new ArrayList<>(n);
        for (int idx = 0; idx < n; idx++) {
            if (results[idx] == null) {
                results[idx] = new PortResult(targets.get(idx % targets.size()), ports.get(idx / targets.size()),
                        "tcp", PortState.FILTERED, "no-response", -1);
                sink.accept(results[idx]);
            }
        }
        // probe order is port-major; report host-major, ports ascending
        for (int t = 0; t < targets.size(); t++) {
            for (int p = 0; p < ports.size(); p++) {
                out.add(results[p * targets.size() + t]);
            }
        }
        return out;
    }

    /** Reads one frame (waiting until {@code deadline} at most); false when none came. */
    private boolean drain(long deadline, List<Inet4Address> targets, List<Integer> ports, PortResult[] results,
                          long[] sentAt, Consumer<PortResult> sink) {
        CapturedFrame f = channel.receive(deadline);
        if (f == null) {
            return false;
        }
        long now = System.nanoTime();
        PortResult r = classify(f, key, sourcePort);
        if (r == null) {
            return true;
        }
        int t = targetIndex.getOrDefault(r.host(), -1);
        int p = portIndex[r.port()];
        if (t < 0 || p < 0) {
            return true;
        }
        int idx = p * targets.size() + t;
        if (results[idx] == null) {
            PortResult timed = new PortResult(r.host(), r.port(), r.proto(), r.state(), r.reason(),
                    (now - sentAt[idx]) / 1e6);
            results[idx] = timed;
            sink.accept(timed);
        }
        return true;
    }

    /** The verdict a captured frame gives on one of our probes, or null when it is not an answer to one. */
    static PortResult classify(CapturedFrame f, long key, int sourcePort) {
        Frame frame;
        try {
            frame = Frame.decode(LinkType.valueOf(f.linkType().value() & 0xFFFF), f.data());
        } catch (RuntimeException e) {
            return null;
        }
        Ipv4Header ip = frame.ipv4().orElse(null);
        if (ip == null) {
            return null;
        }
        TcpHeader tcp = frame.tcp().orElse(null);
        if (tcp != null) {
            if (tcp.destinationPort() != sourcePort) {
                return null;
            }
            long expect = (sequence(key, ip.source(), tcp.sourcePort()) + 1) & 0xffffffffL;
            if (tcp.acknowledgement() != expect) {
                return null;
            }
            if (tcp.has(TcpHeader.RST)) {
                return new PortResult(ip.source(), tcp.sourcePort(), "tcp", PortState.CLOSED, "reset", -1);
            }
            if (tcp.has(TcpHeader.SYN) && tcp.has(TcpHeader.ACK)) {
                return new PortResult(ip.source(), tcp.sourcePort(), "tcp", PortState.OPEN, "syn-ack", -1);
            }
            return null;
        }
        if (frame.icmpv4().orElse(null) instanceof Icmpv4Message.DestinationUnreachable u) {
            Frame q;
            try {
                q = u.quotedFrame();
            } catch (RuntimeException e) {
                return null;
            }
            Ipv4Header qip = q.ipv4().orElse(null);
            Frame.Ports ports = q.ports().orElse(null);
            if (qip == null || ports == null || ports.source() != sourcePort || q.tcp().isEmpty()
                    || q.tcp().get().sequence() != sequence(key, qip.destination(), ports.destination())) {
                return null;
            }
            String reason = switch (u.code()) {
                case 1 -> "host-unreach";
                case 3 -> "port-unreach";
                case 9, 10, 13 -> "admin-prohibited";
                default -> "net-unreach";
            };
            return new PortResult(qip.destination(), ports.destination(), "tcp", PortState.FILTERED, reason, -1);
        }
        return null;
    }
}
