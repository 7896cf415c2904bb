package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.DnsMessage;
import dev.netkit.packet.Frame;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;

/**
 * Turns captured frames into {@link SniffedPacket}s with the codecs of {@code dev.netkit.packet} and, for DNS
 * ports, {@link DnsMessage}. Never throws for bad bytes: the frame decoder stops where the bytes stop making sense, and
 * anything unexpected is caught here so one packet can never end a capture. Work per packet is linear in its
 * captured length (at most 256 KiB).
 */
public final class PacketDecoder {
    private static final int DNS = 53;
    private static final int MDNS = 5353;

    /** Decodes one frame; {@code number} is its position in the capture, from 1. */
    public SniffedPacket decode(long number, CapturedFrame f) {
        Frame decoded;
        try {
            decoded = Frame.decode(f.linkType(), f.data());
        } catch (RuntimeException e) {
            // the codecs promise not to throw; should one still do, the packet is shown as undecoded bytes
            decoded = Frame.decode(LinkType.valueOf(65000), f.data());
        }
        DnsMessage dns = null;
        String dnsProblem = null;
        if (decoded.complete() && decoded.payloadLength() > 0) {
            int off = decoded.payloadOffset();
            int len = decoded.payloadLength();
            boolean dnsPort = false;
            if (decoded.udp().isPresent()) {
                UdpHeader u = decoded.udp().get();
                dnsPort = isDnsPort(u.sourcePort()) || isDnsPort(u.destinationPort());
            } else if (decoded.tcp().isPresent()) {
                TcpHeader t = decoded.tcp().get();
                dnsPort = isDnsPort(t.sourcePort()) || isDnsPort(t.destinationPort());
                // DNS over TCP: a 2-byte length precedes each message
                if (dnsPort && len >= 2 + 12) {
                    off += 2;
                    len -= 2;
                } else {
                    dnsPort = false;
                }
            }
            if (dnsPort && len >= 12) {
                try {
                    dns = new DnsMessage(f.data(), off, off + len);
                } catch (RuntimeException e) { // MalformedPacketException; anything else must not end a capture
                    dnsProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            } else if (dnsPort) {
                dnsProblem = "message shorter than its 12-byte header";
            }
        }
        return new SniffedPacket(number, f, decoded, dns, dnsProblem);
    }

    private static boolean isDnsPort(int p) {
        return p == DNS || p == MDNS;
    }
}
