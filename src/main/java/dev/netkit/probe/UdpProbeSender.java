package dev.netkit.probe;

import dev.netkit.NetkitException;

import java.io.IOException;

/**
 * UDP probes built whole (traceroute's default): over IPv4 with our own IP header (id = token, constant ports:
 * Paris traceroute), over IPv6 on a raw UDP socket with the token in the payload. Needs CAP_NET_RAW.
 */
final class UdpProbeSender {
    private final KernelSockets sockets;

    UdpProbeSender(KernelSockets sockets) {
        this.sockets = sockets;
    }

    Sent send(KernelSockets.Family f, Probe p) throws IOException {
        if (!sockets.privileged) {
            throw NetkitException.privilege("UDP probes (raw sockets)");
        }
        sockets.openIcmp(f);
        sockets.openRawSender(f);
        if (f.v6) {
            sockets.setTtl(f, f.udp, p.ttl(), false);
            sockets.setPmtu(f, f.udp, p.pmtu() == null ? PmtuMode.DONT : p.pmtu(), false);
            byte[] packet = new byte[8 + Math.max(2, p.size())];
            udpHeader(packet, 0, p.port(), p.flow());
            packet[8] = (byte) (p.token() >> 8);
            packet[9] = (byte) p.token();
            Probe.fill(packet, 10, p.pattern());
            return sockets.transmit(f.udp, packet, p, 0);
        }
        byte[] packet = new byte[20 + 8 + p.size()];
        packet[0] = 0x45;
        packet[4] = (byte) (p.token() >> 8);
        packet[5] = (byte) p.token();
        if (p.pmtu() == PmtuMode.DO) {
            packet[6] = 0x40;
        }
        packet[8] = (byte) (p.ttl() > 0 ? p.ttl() : 64);
        packet[9] = 17;
        if (sockets.source != null) {
            System.arraycopy(sockets.source.getAddress(), 0, packet, 12, 4);
        }
        System.arraycopy(p.destination().getAddress(), 0, packet, 16, 4);
        udpHeader(packet, 20, p.port(), p.flow());
        Probe.fill(packet, 28, p.pattern());
        // IPv4 total length, checksum and (when zero) id are filled by the kernel for IP_HDRINCL; the UDP checksum
        // may stay zero over IPv4 (RFC 768).
        return sockets.transmit(f.udp, packet, p, 0);
    }

    private static void udpHeader(byte[] packet, int at, int port, int flow) {
        int len = packet.length - at;
        int sport = Probe.UDP_SOURCE_PORT + Math.max(0, flow);
        packet[at] = (byte) (sport >> 8);
        packet[at + 1] = (byte) sport;
        packet[at + 2] = (byte) (port >> 8);
        packet[at + 3] = (byte) port;
        packet[at + 4] = (byte) (len >> 8);
        packet[at + 5] = (byte) len;
    }
}
