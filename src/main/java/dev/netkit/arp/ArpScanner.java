package dev.netkit.arp;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * arp-scan's job: an ARP request to every target, paced, with rounds of retries for the silent ones, and every
 * reply reported as it comes (duplicates and conflicting MACs included). Single-threaded: between two sends it
 * reads replies until the next send is due.
 */
public final class ArpScanner {
    private final FrameChannel channel;
    private final ArpEndpoint from;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int retries;

    /**
     * @param intervalNanos time between two requests
     * @param timeoutNanos  how long to wait for replies after the last request of each round
     * @param retries       how many rounds in all (1 = no retry)
     */
    public ArpScanner(FrameChannel channel, ArpEndpoint from, long intervalNanos, long timeoutNanos, int retries) {
        this.channel = channel;
        this.from = from;
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.retries = Math.max(1, retries);
    }

    /** The BPF filter a live channel for this scanner should use: ARP replies only. */
    public static String filter() {
        return "arp and arp[6:2] = 2";
    }

    /** Scans the targets; each reply goes to {@code sink} as it arrives. Returns the first answer per address. */
    public List<ArpAnswer> scan(List<Inet4Address> targets, Consumer<ArpAnswer> sink) {
        Map<Inet4Address, Long> sentAt = new HashMap<>();
        Map<Inet4Address, List<ArpAnswer>> answers = new LinkedHashMap<>();
        for (int round = 0; round < retries; round++) {
            long next = System.nanoTime();
            for (Inet4Address t : targets) {
                if (answers.containsKey(t)) {
                    continue;
                }
                drainUntil(next, sentAt, answers, sink);
                sentAt.put(t, epochNanos());
                channel.send(ArpMessage.request(from.mac(), from.ip(), t).toFrame());
                next = Math.max(next + intervalNanos, System.nanoTime());
            }
            drainUntil(System.nanoTime() + timeoutNanos, sentAt, answers, sink);
            if (answers.keySet().containsAll(targets)) {
                break;
            }
        }
        List<ArpAnswer> first = new ArrayList<>();
        answers.values().forEach(l -> first.add(l.get(0)));
        return first;
    }

    private void drainUntil(long deadline, Map<Inet4Address, Long> sentAt, Map<Inet4Address, List<ArpAnswer>> answers,
                            Consumer<ArpAnswer> sink) {
        while (true) {
            // past the deadline, receive still hands over what is already queued, then null
            CapturedFrame f = channel.receive(deadline);
            if (f == null) {
                return; // the deadline passed (or, for a scripted channel, nothing more is queued)
            }
            ArpMessage m = replyIn(f, from.mac());
            if (m == null || !sentAt.containsKey(m.senderIp())) {
                continue;
            }
            List<ArpAnswer> earlier = answers.computeIfAbsent(m.senderIp(), k -> new ArrayList<>());
            boolean conflict = earlier.stream().anyMatch(a -> !a.mac().equals(m.senderMac()));
            double rtt = Math.max(0, f.timestampNanos() - sentAt.get(m.senderIp())) / 1e6;
            ArpAnswer a = new ArpAnswer(m.senderIp(), m.senderMac(), rtt, earlier.size(), conflict,
                    isTo(f, from.mac()));
            earlier.add(a);
            sink.accept(a);
        }
    }

    /** The ARP reply in a captured frame, or null when it is something else or sent by us. */
    static ArpMessage replyIn(CapturedFrame f, MacAddress self) {
        try {
            Frame frame = Frame.decode(LinkType.valueOf(f.linkType().value() & 0xFFFF), f.data());
            ArpMessage m = frame.arp().orElse(null);
            if (m == null || !m.operation().equals(ArpOperation.REPLY) || m.senderMac().equals(self)) {
                return null;
            }
            return m;
        } catch (RuntimeException e) {
            return null; // a malformed frame is not an answer
        }
    }

    static boolean isTo(CapturedFrame f, MacAddress self) {
        byte[] d = f.data();
        if (d.length < 6) {
            return false;
        }
        byte[] dst = new byte[6];
        System.arraycopy(d, 0, dst, 0, 6);
        return MacAddress.of(dst).equals(self);
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
