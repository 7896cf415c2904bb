package dev.netkit.sniff.print;

import dev.netkit.packet.BootpMessage;
import dev.netkit.packet.Dhcpv6Message;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.NtpMessage;
import dev.netkit.packet.UdpHeader;
import dev.netkit.sniff.SniffedPacket;

import java.util.List;

/** tcpdump's UDP text (print-udp.c): length and checksum checks, then the application printer by port. */
final class UdpText {
    private static final int DNS_PORT = 53;
    private final TcpdumpText text;

    UdpText(TcpdumpText text) {
        this.text = text;
    }

    void print(SniffedPacket p, StringBuilder b, UdpHeader u, int ipPayload) {
        Frame f = p.decoded();
        int len = u.length() - 8;
        boolean fragmented = fragmented(f.layers(), u);
        boolean ipv6 = f.ipv6().isPresent();
        if (text.verbose > 1 && !fragmented && !ipv6 && u.checksum() == 0) {
            b.append("[no cksum] ");
        } else if ((ipv6 ? text.verbose > 0 : text.verbose > 1) && !fragmented && u.length() >= 8
                && f.payloadLength() >= len) {
            // tcpdump -v checks the UDP checksum of IPv6 (mandatory there); IPv4's (optional) only with -vv
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
        // tcpdump -q prints no application protocol over UDP
        if (!text.quiet && application(p, b, u, Math.min(u.length(), ipPayload) - 8)) {
            return;
        }
        if (!text.quiet && p.dns() != null) {
            // tcpdump's port order: 53 is plain DNS even when the other port is mDNS's 5353
            boolean mdns = u.sourcePort() != 53 && u.destinationPort() != 53
                    && (u.sourcePort() == 5353 || u.destinationPort() == 5353);
            DnsText.render(b, p.dns(), len, text.verbose, mdns);
            return;
        }
        if (!text.quiet && p.dnsProblem() != null) {
            b.append("[|domain]");
            return;
        }
        if (u.length() > ipPayload && !fragmented) {
            // both lengths without the UDP header, as tcpdump prints them; a printer by port comes first
            b.append("UDP, bad length ").append(len).append(" > ").append(ipPayload - 8);
            return;
        }
        b.append("UDP, length ").append(Math.max(0, len));
        if (u.length() < 8) {
            b.append(" [bad udp length ").append(u.length()).append(']');
        }
    }

    /** The printers tcpdump picks by port (print-udp.c); false when none applies. */
    private boolean application(SniffedPacket p, StringBuilder b, UdpHeader u, int length) {
        int payload = text.transportStart + 8;
        byte[] d = p.frame().data();
        if (either(u, BootpMessage.SERVER_PORT) || either(u, BootpMessage.CLIENT_PORT)) {
            BootpText.print(b, d, payload, text.payloadEnd, length, text.verbose);
            return true;
        }
        if (either(u, TftpText.PORT)) {
            TftpText.print(b, d, payload, text.payloadEnd, length);
            return true;
        }
        if (either(u, NtpMessage.PORT)) {
            NtpText.print(b, d, payload, text.payloadEnd, length, text.verbose);
            return true;
        }
        // tcpdump tries DNS (port 53, printed below) before SNMP
        if ((either(u, SnmpText.PORT) || either(u, SnmpText.TRAP_PORT)) && !either(u, DNS_PORT)) {
            SnmpText.print(b, d, payload, text.payloadEnd, length, text.verbose, text.numeric);
            return true;
        }
        if (either(u, RipText.PORT)) {
            RipText.print(b, d, payload, text.payloadEnd, length, text.verbose);
            return true;
        }
        if (either(u, RipText.RIPNG_PORT)) {
            RipText.printNg(b, d, payload, text.payloadEnd, length, text.verbose);
            return true;
        }
        if (either(u, VxlanText.PORT) || either(u, VxlanText.LINUX_PORT)) {
            VxlanText.print(text, p, b, payload, text.payloadEnd, length);
            return true;
        }
        if (either(u, VxlanGpeText.PORT)) {
            VxlanGpeText.print(text, p, b, payload, text.payloadEnd, length);
            return true;
        }
        if (either(u, SyslogText.PORT)) {
            SyslogText.print(b, d, payload, text.payloadEnd, length, text.verbose);
            return true;
        }
        if (either(u, Dhcpv6Message.SERVER_PORT) || either(u, Dhcpv6Message.CLIENT_PORT)) {
            Dhcp6Text.print(b, d, payload, text.payloadEnd, length, text.verbose);
            return true;
        }
        return false;
    }

    private static boolean either(UdpHeader u, int port) {
        return u.sourcePort() == port || u.destinationPort() == port;
    }

    /**
     * tcpdump's "fragmented": the datagram goes on in later fragments (IPv4 more-fragments, an IPv6 fragment
     * header), so its UDP length may exceed this packet and its checksum cannot be checked.
     */
    private static boolean fragmented(List<Layer> layers, UdpHeader u) {
        int at = 0;
        while (at < layers.size() && layers.get(at) != u) {
            at++;
        }
        for (int i = at - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            if (l instanceof Ipv4Header h) {
                return h.moreFragments();
            } else if (l instanceof Ipv6ExtensionHeader.Fragment) {
                return true;
            } else if (l instanceof Ipv6Header) {
                return false;
            }
        }
        return false;
    }
}
