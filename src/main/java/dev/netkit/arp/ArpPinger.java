package dev.netkit.arp;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.FrameChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetFrame;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.MacAddress;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * arping's job: ARP requests to one address at a fixed interval (broadcast until it answers, then unicast to its
 * MAC), replies reported with their round-trip time; or probes for duplicate address detection; or gratuitous
 * announcements that expect no answer.
 */
public final class ArpPinger {
    private final FrameChannel channel;
    private final ArpEndpoint from;

    public ArpPinger(FrameChannel channel, ArpEndpoint from) {
        this.channel = channel;
        this.from = from;
    }

    /**
     * Runs until {@code count} probes were sent (0: no limit) or the deadline ({@link System#nanoTime()} value, 0
     * for none) passed; DAD stops at the first reply, and a run stops once {@code count} replies came.
     */
    public ArpPingStats ping(Inet4Address target, ArpPingMode mode, int count, long intervalNanos, long deadline,
                             Consumer<ArpAnswer> sink) {
        int sent = 0;
        int broadcasts = 0;
        int received = 0;
        List<MacAddress> macs = new ArrayList<>();
        MacAddress learnt = null;
        long lastSent = 0;
        boolean announce = mode == ArpPingMode.UNSOLICITED_REQUEST || mode == ArpPingMode.UNSOLICITED_REPLY;
        while ((count <= 0 || sent < count) && !passed(deadline) && !channel.ended()) {
            boolean unicast = learnt != null && mode == ArpPingMode.REQUEST;
            byte[] probe = frame(target, mode, unicast ? learnt : null);
            lastSent = ArpScanner.epochNanos();
            channel.send(probe);
            sent++;
            if (!unicast) {
                broadcasts++;
            }
            long wait = System.nanoTime() + intervalNanos;
            if (deadline != 0) {
                wait = Math.min(wait, deadline);
            }
            while (true) {
                CapturedFrame f = channel.receive(wait);
                if (f == null) {
                    break;
                }
                ArpMessage m = ArpScanner.replyIn(f, from.mac());
                if (announce || m == null || !m.senderIp().equals(target)) {
                    continue;
                }
                received++;
                boolean conflict = !macs.isEmpty() && !macs.contains(m.senderMac());
                if (!macs.contains(m.senderMac())) {
                    macs.add(m.senderMac());
                }
                learnt = learnt == null ? m.senderMac() : learnt;
                double rtt = Math.max(0, f.timestampNanos() - lastSent) / 1e6;
                sink.accept(new ArpAnswer(target, m.senderMac(), rtt, received - 1, conflict,
                        ArpScanner.isTo(f, from.mac())));
                if (mode == ArpPingMode.DUPLICATE_DETECTION || (count > 0 && received >= count)) {
                    return new ArpPingStats(sent, broadcasts, received, List.copyOf(macs));
                }
            }
        }
        return new ArpPingStats(sent, broadcasts, received, List.copyOf(macs));
    }

    private static boolean passed(long deadline) {
        return deadline != 0 && System.nanoTime() - deadline >= 0;
    }

    /** The frame for one probe of this mode; {@code unicastTo} addresses a request to a known MAC. */
    byte[] frame(Inet4Address target, ArpPingMode mode, MacAddress unicastTo) {
        ArpMessage m = switch (mode) {
            case REQUEST -> ArpMessage.request(from.mac(), from.ip(), target);
            case DUPLICATE_DETECTION -> ArpMessage.probe(from.mac(), target);
            case UNSOLICITED_REQUEST -> ArpMessage.gratuitous(from.mac(), target);
            case UNSOLICITED_REPLY -> ArpMessage.reply(from.mac(), target, MacAddress.BROADCAST, target);
        };
        if (unicastTo == null) {
            return m.toFrame();
        }
        EthernetHeader eth = EthernetHeader.of(unicastTo, from.mac(), EtherType.ARP);
        byte[] frame = new byte[Math.max(EthernetFrame.MINIMUM_LENGTH, eth.bufferLength() + ArpMessage.LENGTH)];
        m.emit(frame, eth.emit(frame, 0));
        return frame;
    }
}
