package dev.netkit.send;

import dev.netkit.capture.NextHops;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetFrame;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv4Type;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Icmpv6Type;
import dev.netkit.packet.Ipv4Fragmenter;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpOption;
import dev.netkit.packet.VlanTag;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the frames of a probe with netkit's codecs (every length, next header and checksum filled), then applies
 * what a user asked to break: a wrong transport checksum, fragmenting to an MTU. Bytes in, bytes out: no I/O.
 */
public final class PacketCrafter {
    private PacketCrafter() {
    }

    /**
     * The bare IP datagrams of the {@code index}-th packet (0 for the first): one, or its fragments. The IPv4
     * identification, an IPv6 fragment header's identification and the ICMP echo sequence count up with
     * {@code index}.
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
     * The frames of {@code count} packets on {@code route} (an IP packet is one frame, or one per fragment when it
     * exceeds the route's MTU), from our MAC to the next hop's unless the probe names MACs of its own. A route with
     * MTU 0 fragments nothing (--dry-run).
     */
    public static List<List<byte[]>> frames(Probe p, int count, NextHops.Route route) {
        List<List<byte[]>> out = new ArrayList<>();
        MacAddress from = p.hwSource() != null ? p.hwSource() : route.self();
        for (int i = 0; i < count; i++) {
            if (p.kind() == Probe.Kind.ARP) {
                out.add(List.of(arpFrame(p, from, route.nextHop())));
            } else {
                MacAddress to = p.hwDestination() != null ? p.hwDestination()
                        : route.nextHop() != null ? route.nextHop() : MacAddress.ZERO;
                out.add(frames(datagrams(p, i, route.mtu()), from, to, p.vlans(), p.isIpv6()));
            }
        }
        return out;
    }

    /** Each datagram behind an untagged Ethernet II header, as it goes on the wire. */
    public static List<byte[]> frames(List<byte[]> datagrams, MacAddress source, MacAddress destination, boolean ipv6) {
        return frames(datagrams, source, destination, List.of(), ipv6);
    }

    private static List<byte[]> frames(List<byte[]> datagrams, MacAddress source, MacAddress destination,
                                       List<VlanTag> vlans, boolean ipv6) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] d : datagrams) {
            EthernetHeader h = new EthernetHeader(destination, source, vlans, ipv6 ? EtherType.IPV6 : EtherType.IPV4);
            byte[] f = new byte[Math.max(h.bufferLength() + d.length, EthernetFrame.MINIMUM_LENGTH)];
            int at = h.emit(f, 0);
            System.arraycopy(d, 0, f, at, d.length);
            out.add(f);
        }
        return out;
    }

    /**
     * An ARP frame: requests and gratuitous announcements go to broadcast with an all-zero target MAC (RFC 5227
     * section 2.3), a gratuitous reply names our MAC as target (as arping -A), any other reply goes to the target's
     * MAC ({@code targetMac}, asked beforehand). An explicit destination MAC sets both.
     */
    static byte[] arpFrame(Probe p, MacAddress from, MacAddress targetMac) {
        boolean reply = p.arpOperation().equals(ArpOperation.REPLY);
        MacAddress to;
        MacAddress target;
        if (p.hwDestination() != null) {
            to = p.hwDestination();
            target = p.hwDestination();
        } else if (!reply || p.gratuitous()) {
            to = MacAddress.BROADCAST;
            target = reply ? from : MacAddress.ZERO;
        } else {
            to = targetMac != null ? targetMac : MacAddress.ZERO;
            target = to;
        }
        ArpMessage m = new ArpMessage(p.arpOperation(), from, (Inet4Address) p.source(), target,
                (Inet4Address) p.destination());
        PacketBuilder b = PacketBuilder.ethernet(from, to);
        p.vlans().forEach(b::vlan);
        return b.arp(m).build();
    }

    /** The whole datagram before any fragmenting. */
    static byte[] datagram(Probe p, int index) {
        PacketBuilder b = PacketBuilder.ip();
        if (p.isIpv6()) {
            b.ipv6((Inet6Address) p.source(), (Inet6Address) p.destination()).hopLimit(p.ttl()).tos(p.tos())
                    .ipv6Extensions(p.extensions().stream().map(x -> counted(x, index)).toList());
        } else {
            b.ipv4((Inet4Address) p.source(), (Inet4Address) p.destination()).ttl(p.ttl()).tos(p.tos())
                    .identification((p.id() + index) & 0xffff).dontFragment(p.dontFragment())
                    .fragment(p.moreFragments(), p.fragmentOffset()).ipv4Options(p.ipv4Options());
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
            case ARP -> throw new IllegalArgumentException("ARP is no IP datagram");
        }
        byte[] d = b.build();
        if (p.badChecksum()) {
            int at = transportOffset(p, d) + switch (p.kind()) {
                case ICMP -> 2;
                case UDP -> 6;
                default -> 16;
            };
            int good = ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
            // 0x0000 and 0xffff are the same one's complement number: flip other bits for those.
            int bad = good == 0 || good == 0xffff ? good ^ 0x0101 : good ^ 0xffff;
            d[at] = (byte) (bad >>> 8);
            d[at + 1] = (byte) bad;
        }
        return d;
    }

    private static int transportOffset(Probe p, byte[] d) {
        if (!p.isIpv6()) {
            return (d[0] & 0x0f) * 4;
        }
        int at = 40;
        for (Ipv6ExtensionHeader x : p.extensions()) {
            at += x.bufferLength();
        }
        return at;
    }

    /** A fragment header's identification counts up with the packet, as the IPv4 identification does. */
    private static Ipv6ExtensionHeader counted(Ipv6ExtensionHeader x, int index) {
        return x instanceof Ipv6ExtensionHeader.Fragment f ? new Ipv6ExtensionHeader.Fragment(f.nextHeader(),
                f.fragmentOffset(), f.moreFragments(), (f.identification() + index) & 0xffffffffL) : x;
    }

    /** ICMPv6 "other" messages carry the 4-byte rest of header in their body. */
    private static byte[] withRest(byte[] payload) {
        byte[] body = new byte[4 + payload.length];
        System.arraycopy(payload, 0, body, 4, payload.length);
        return body;
    }
}
