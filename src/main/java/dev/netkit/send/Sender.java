package dev.netkit.send;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.NextHops;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.system.IpLiteral;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends crafted frames through a {@link FrameChannel} and reports every frame that answers them until the
 * wait after the last one ends (scapy's sr, nping's echo of replies). Tests give it a scripted channel.
 */
public final class Sender {
    private static final long RESOLVE_WAIT_MILLIS = 2000;
    private final FrameChannel channel;
    private final Consumer<SendEvent> events;

    public Sender(FrameChannel channel, Consumer<SendEvent> events) {
        this.channel = channel;
        this.events = events;
    }

    /**
     * Where a probe's frames go: for IP, the route and its next hop's MAC (not asked when the probe names the
     * destination MAC); for ARP, the link of the target, whose MAC is asked only for a reply sent to it.
     */
    public static NextHops.Route route(Probe p, String iface) {
        if (p.kind() == Probe.Kind.ARP) {
            boolean unicastReply = p.arpOperation().equals(ArpOperation.REPLY) && !p.gratuitous()
                    && p.hwDestination() == null;
            return NextHops.link(p.destination(), iface, p.source(), unicastReply ? RESOLVE_WAIT_MILLIS : 0);
        }
        return NextHops.route(p.destination(), iface, p.source(), p.hwDestination() != null ? 0 : RESOLVE_WAIT_MILLIS);
    }

    /**
     * The capture filter that lets a probe's answers through: ARP for ARP; ICMP errors from anyone and everything
     * from DST, tagged or not, for IP.
     */
    public static String filter(Probe p) {
        if (p.kind() == Probe.Kind.ARP) {
            return "arp or (vlan and arp)";
        }
        String f = (p.isIpv6() ? "icmp6" : "icmp") + " or src host " + IpLiteral.format(p.destination());
        return p.vlans().isEmpty() ? f : f + " or (vlan and (" + f + "))";
    }

    /**
     * Sends {@code probes} (each a list of frames: one, or its fragments) {@code interval} apart and listens
     * until {@code wait} after the last; a reply is a frame {@code probe} is {@linkplain Probe#answeredBy answered by}.
     * Returns the number of replies.
     */
    public int run(List<List<byte[]>> probes, Probe probe, Duration interval, Duration wait) {
        int replies = 0;
        int frames = 0;
        for (int i = 0; i < probes.size(); i++) {
            long lastSent = System.nanoTime();
            long lastSentWall = 0;
            for (byte[] f : probes.get(i)) {
                lastSentWall = wallNanos();
                channel.send(f);
                lastSent = System.nanoTime();
                frames++;
                events.accept(new SendEvent.Sent(CapturedFrame.of(lastSentWall, channel.linkType(), f), i + 1));
            }
            long until = lastSent + (i + 1 < probes.size() ? interval : wait).toNanos();
            replies += listen(until, probe, i + 1, lastSentWall);
        }
        events.accept(new SendEvent.Done(probes.size(), frames, replies));
        return replies;
    }

    /** The wall clock in nanoseconds, the clock capture timestamps use, so a reply's RTT is its capture time minus this. */
    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private int listen(long deadline, Probe probe, int sent, long sentAtWall) {
        int n = 0;
        while (System.nanoTime() < deadline && !channel.ended()) {
            CapturedFrame f = channel.receive(deadline);
            if (f == null) {
                break;
            }
            Frame decoded = Frame.decode(f.linkType(), f.data());
            if (probe.answeredBy(decoded, sent)) {
                n++;
                events.accept(new SendEvent.Reply(f, sent, Math.max(0, f.timestampNanos() - sentAtWall) / 1e6));
            }
        }
        return n;
    }
}
