package dev.netkit.sniff.print;

import dev.netkit.packet.Frame;
import dev.netkit.packet.UdpHeader;
import dev.netkit.sniff.SniffedPacket;

/** tcpdump's UDP text (print-udp.c): length and checksum checks, then the application printer by port. */
final class UdpText {
    private final TcpdumpText text;

    UdpText(TcpdumpText text) {
        this.text = text;
    }

    void print(SniffedPacket p, StringBuilder b, UdpHeader u, int ipPayload) {
        Frame f = p.decoded();
        int len = u.length() - 8;
        if (u.length() > ipPayload) {
            b.append("UDP, bad length ").append(u.length()).append(" > ").append(ipPayload);
            return;
        }
        if (text.verbose > 0 && f.ipv6().isPresent() && u.length() >= 8 && f.payloadLength() >= len) {
            // tcpdump -v checks the UDP checksum of IPv6 (mandatory there); IPv4's only with -vv
            int sum = Checksums.udp(p, text.transportStart, u.length());
            if (sum == 0) {
                b.append("[udp sum ok] ");
            } else if (sum > 0) {
                b.append("[bad udp cksum 0x");
                AddressText.hex4(b, u.checksum());
                b.append(" -> 0x");
                AddressText.hex4(b, Checksums.shouldBe(u.checksum(), sum));
                b.append("!] ");
            }
        }
        if (p.dns() != null) {
            DnsText.render(b, p.dns(), len, text.verbose);
            return;
        }
        if (p.dnsProblem() != null) {
            b.append("[|domain]");
            return;
        }
        b.append("UDP, length ").append(Math.max(0, len));
        if (u.length() < 8) {
            b.append(" [bad udp length ").append(u.length()).append(']');
        }
        if (f.payloadLength() < len && !f.truncated()) {
            return;
        }
    }
}
