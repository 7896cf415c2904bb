package dev.netkit.probe;

import dev.netkit.packet.Checksum;

import java.io.IOException;

/** ICMP and ICMPv6 echo requests (ping's probes) through the family's ICMP socket. */
final class IcmpEchoSender {
    private final KernelSockets sockets;
    private final int echoId;
    private byte[] echoPacket;
    private long echoSum;
    private boolean echoV6;
    private byte[] echoPattern;

    IcmpEchoSender(KernelSockets sockets, int echoId) {
        this.sockets = sockets;
        this.echoId = echoId;
    }

    Sent send(KernelSockets.Family f, Probe p) throws IOException {
        sockets.openIcmp(f);
        sockets.setTtl(f, f.icmp, p.ttl(), true);
        sockets.setPmtu(f, f.icmp, p.pmtu(), true);
        byte[] packet = echoTemplate(f.v6, p.size(), p.pattern());
        packet[6] = (byte) (p.token() >> 8);
        packet[7] = (byte) p.token();
        if (!f.v6 && !f.icmpDgram) {
            // The template's sum plus the sequence number: no pass over the payload per probe (flood).
            int sum = Checksum.finish(echoSum + p.token());
            packet[2] = (byte) (sum >> 8);
            packet[3] = (byte) sum;
        }
        return sockets.transmit(f.icmp, packet, p, 0);
    }

    /** The echo request without sequence number and checksum, built again only when size or pattern change. */
    private byte[] echoTemplate(boolean v6, int size, byte[] pattern) {
        if (echoPacket == null || echoPacket.length != 8 + size || echoV6 != v6 || echoPattern != pattern) {
            byte[] packet = new byte[8 + size];
            packet[0] = (byte) (v6 ? 128 : 8);
            packet[4] = (byte) (echoId >> 8);
            packet[5] = (byte) echoId;
            Probe.fill(packet, 8, pattern);
            echoSum = Checksum.sum(packet, 0, packet.length);
            echoPacket = packet;
            echoV6 = v6;
            echoPattern = pattern;
        }
        byte[] packet = echoPacket;
        packet[2] = 0;
        packet[3] = 0;
        return packet;
    }
}
