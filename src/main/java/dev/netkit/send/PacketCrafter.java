package dev.netkit.send;

import dev.netkit.capture.NextHops;
import dev.netkit.packet.Checksum;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetFrame;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv4Type;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6Type;
import dev.netkit.packet.Ipv4Fragmenter;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpOption;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the datagrams of a probe with netkit's codecs (every length and checksum filled), then applies what a
 * user asked to break or set by hand: a wrong transport checksum, MF and a fragment offset, fragmenting to an
 * MTU. Bytes in, bytes out: no I/O.
 */
public final class PacketCrafter {
    private PacketCrafter() {
    }

    /**
     * The bare IP datagrams of the {@code index}-th packet (0 for the first): one, or its fragments. The IPv4
     * identification and the ICMP echo sequence count up with {@code index}.
     */
    public static List<byte[]> datagrams(Probe p, int index, int linkMtu) {
        byte[] d = datagram(p, index);
        int mtu = p.mtu() > 0 ? p.mtu() : linkMtu;
        if (!p.isIpv6() && mtu > 0 && d.length > mtu && !p.dontFragment()) {
            return Ipv4Fragmenter.fragment(d, mtu);
        }
        return List.of(d);
    }

    /**
     * The frames of {@code count} packets on {@code route} (each packet one frame, or one per fragment when it
     * exceeds the route's MTU), from our MAC to the next hop's.
     */
    public static List<List<byte[]>> frames(Probe p, int count, NextHops.Route route) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(frames(datagrams(p, i, route.mtu()), route.self(), route.nextHop(), p.isIpv6()));
        }
        return out;
    }

    /** Each datagram behind an Ethernet II header, as it goes on the wire. */
    public static List<byte[]> frames(List<byte[]> datagrams, MacAddress source, MacAddress destination, boolean ipv6) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] d : datagrams) {
            EthernetHeader h = EthernetHeader.of(destination, source, ipv6 ? EtherType.IPV6 : EtherType.IPV4);
            byte[] f = new byte[Math.max(h.bufferLength() + d.length, EthernetFrame.MINIMUM_LENGTH)];
            int at = h.emit(f, 0);
            System.arraycopy(d, 0, f, at, d.length);
            out.add(f);
        }
        return out;
    }

    /** The whole datagram before any fragmenting. */
    static byte[] datagram(Probe p, int index) {
        PacketBuilder b = PacketBuilder.ip();
        if (p.isIpv6()) {
            b.ipv6((Inet6Address) p.source(), (Inet6Address) p.destination()).hopLimit(p.ttl()).tos(p.tos());
        } else {
            b.ipv4((Inet4Address) p.source(), (Inet4Address) p.destination()).ttl(p.ttl()).tos(p.tos())
                    .identification((p.id() + index) & 0xffff).dontFragment(p.dontFragment());
        }
        int seq = (index + 1) & 0xffff;
        switch (p.kind()) {
            case ICMP -> {
                if (p.isIpv6()) {
                    b.icmpv6(p.icmpType() == 128 ? Icmpv6Message.Echo.request(p.icmpId(), seq, p.payload())
                            : new Icmpv6Message.Other(Icmpv6Type.valueOf(p.icmpType()), p.icmpCode(), withRest(p.payload())));
                } else {
                    b.icmpv4(p.icmpType() == 8 && p.icmpCode() == 0 ? Icmpv4Message.Echo.request(p.icmpId(), seq, p.payload())
                            : new Icmpv4Message.Other(Icmpv4Type.valueOf(p.icmpType()), p.icmpCode(), 0, p.payload()));
                }
            }
            case UDP -> b.udp(p.sourcePort(), p.destinationPort(), p.payload());
            case TCP -> b.tcp(new TcpHeader(p.sourcePort(), p.destinationPort(), p.seq(), p.ack(), p.tcpFlags(),
                    p.window(), 0, 0, p.mss() > 0 ? List.of(new TcpOption.MaximumSegmentSize(p.mss())) : List.of()),
                    p.payload());
        }
        byte[] d = b.build();
        int ipHeader = p.isIpv6() ? 40 : (d[0] & 0x0f) * 4;
        if (p.badChecksum()) {
            int at = ipHeader + switch (p.kind()) {
                case ICMP -> 2;
                case UDP -> 6;
                case TCP -> 16;
            };
            int good = ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
            // 0x0000 and 0xffff are the same one's complement number: flip other bits for those.
            int bad = good == 0 || good == 0xffff ? good ^ 0x0101 : good ^ 0xffff;
            d[at] = (byte) (bad >>> 8);
            d[at + 1] = (byte) bad;
        }
        if (!p.isIpv6() && (p.moreFragments() || p.fragmentOffset() != 0)) {
            int flags = (p.dontFragment() ? 0x4000 : 0) | (p.moreFragments() ? 0x2000 : 0) | (p.fragmentOffset() & 0x1fff);
            d[6] = (byte) (flags >>> 8);
            d[7] = (byte) flags;
            d[10] = 0;
            d[11] = 0;
            int sum = Checksum.of(d, 0, ipHeader);
            d[10] = (byte) (sum >>> 8);
            d[11] = (byte) sum;
        }
        return d;
    }

    /** ICMPv6 "other" messages carry the 4-byte rest of header in their body. */
    private static byte[] withRest(byte[] payload) {
        byte[] body = new byte[4 + payload.length];
        System.arraycopy(payload, 0, body, 4, payload.length);
        return body;
    }
}
