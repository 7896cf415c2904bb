package dev.netkit.send;

import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv4Option;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;
import dev.netkit.packet.VlanTag;
import dev.netkit.probe.ReplyDecoder;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What to craft: the link layer (VLAN tags, MACs), the IP header fields and options or extension headers, the
 * transport and its fields, the payload; or an ARP message. Checked by the command line; the crafter takes it as
 * it is.
 *
 * @param source      the IP source, or ARP's sender address
 * @param destination the IP destination, or ARP's target address
 * @param kind        ICMP (echo request unless another type is given), UDP, TCP or ARP
 * @param ttl         IPv4 TTL or IPv6 hop limit
 * @param tos         IPv4 TOS byte or IPv6 traffic class
 * @param id          the IPv4 identification of the first packet (the next ones count up)
 * @param dontFragment the IPv4 DF flag
 * @param moreFragments the IPv4 MF flag, set by hand
 * @param fragmentOffset the IPv4 fragment offset set by hand, in 8-byte units
 * @param mtu         fragment the datagram to this MTU (IPv4); 0 for no fragmenting by hand
 * @param icmpType    the ICMP type (8 echo request, or 128 for ICMPv6)
 * @param icmpCode    the ICMP code
 * @param icmpId      the echo identifier
 * @param tcpFlags    TCP flag bits (TcpHeader.SYN...)
 * @param seq         the TCP sequence number
 * @param ack         the TCP acknowledgement number
 * @param window      the TCP window
 * @param mss         a TCP MSS option; 0 for none
 * @param sourcePort  UDP/TCP source port
 * @param destinationPort UDP/TCP destination port
 * @param payload     the data after the transport header
 * @param badChecksum send a wrong transport checksum
 * @param vlans       802.1Q tags, outermost first
 * @param hwSource    the Ethernet source (and ARP sender) MAC; null for the interface's
 * @param hwDestination the Ethernet destination (and ARP target) MAC; null for the next hop's (broadcast for ARP
 *                    requests and gratuitous ARP)
 * @param ipv4Options IPv4 options, in order
 * @param extensions  IPv6 extension headers, in order (their next-header fields are set when built; a fragment
 *                    header's identification counts up with each packet)
 * @param arpOperation the ARP opcode (1 request, 2 reply)
 */
public record Probe(InetAddress source, InetAddress destination, Kind kind, int ttl, int tos, int id,
                    boolean dontFragment, boolean moreFragments, int fragmentOffset, int mtu,
                    int icmpType, int icmpCode, int icmpId, int tcpFlags, long seq, long ack, int window, int mss,
                    int sourcePort, int destinationPort, byte[] payload, boolean badChecksum,
                    List<VlanTag> vlans, MacAddress hwSource, MacAddress hwDestination, List<Ipv4Option> ipv4Options,
                    List<Ipv6ExtensionHeader> extensions, ArpOperation arpOperation) {
    /** The transport of a crafted packet, or ARP instead of IP. */
    public enum Kind {
        ICMP, UDP, TCP, ARP
    }

    public Probe {
        vlans = List.copyOf(vlans);
        ipv4Options = List.copyOf(ipv4Options);
        extensions = List.copyOf(extensions);
    }

    /** A plain IP packet: untagged, between the route's MACs, without IP options or extension headers. */
    public Probe(InetAddress source, InetAddress destination, Kind kind, int ttl, int tos, int id,
                 boolean dontFragment, boolean moreFragments, int fragmentOffset, int mtu,
                 int icmpType, int icmpCode, int icmpId, int tcpFlags, long seq, long ack, int window, int mss,
                 int sourcePort, int destinationPort, byte[] payload, boolean badChecksum) {
        this(source, destination, kind, ttl, tos, id, dontFragment, moreFragments, fragmentOffset, mtu, icmpType,
                icmpCode, icmpId, tcpFlags, seq, ack, window, mss, sourcePort, destinationPort, payload, badChecksum,
                List.of(), null, null, List.of(), List.of(), ArpOperation.REQUEST);
    }

    /** ARP with sender and target address equal: an announcement (RFC 5227) or arping -A's reply. */
    public boolean gratuitous() {
        return kind == Kind.ARP && source != null && source.equals(destination);
    }

    /** True when the frames need a link layer of their own (--dry-run writes Ethernet, not bare IP, then). */
    public boolean hasLinkLayer() {
        return kind == Kind.ARP || !vlans.isEmpty() || hwSource != null || hwDestination != null;
    }

    public boolean isIpv6() {
        return destination.getAddress().length == 16;
    }

    /**
     * True when {@code f} answers this probe, {@code sent} packets of which have gone out (IPv4 ids {@link #id} on):
     * an ARP reply from the target to our sender address; from the destination back to our source, a TCP or UDP
     * segment from its port to ours, an echo reply with our identifier or a later fragment of such a datagram; an
     * ICMP error from anyone whose quoted header is one of ours (IPv4: same addresses, protocol and identification).
     * ARP and echo replies are told by the tests the ARP scanner and the probe channels use.
     */
    public boolean answeredBy(Frame f, int sent) {
        if (kind == Kind.ARP) {
            return f.arp().map(a -> destination instanceof Inet4Address asked && a.answers(asked, null)
                    && a.targetIp().equals(source)).orElse(false);
        }
        InetAddress from;
        InetAddress to;
        if (f.ipv4().isPresent()) {
            from = f.ipv4().get().source();
            to = f.ipv4().get().destination();
        } else if (f.ipv6().isPresent()) {
            from = f.ipv6().get().source();
            to = f.ipv6().get().destination();
        } else {
            return false;
        }
        if (!to.equals(source)) {
            return false;
        }
        Optional<Frame> quoted = f.quoted();
        if (quoted.isPresent()) {
            return quotesOurs(quoted.get(), sent);
        }
        if (!from.equals(destination)) {
            return false;
        }
        switch (kind) {
            case TCP -> {
                if (f.tcp().isPresent()) {
                    TcpHeader t = f.tcp().get();
                    return t.sourcePort() == destinationPort && t.destinationPort() == sourcePort;
                }
            }
            case UDP -> {
                if (f.udp().isPresent()) {
                    UdpHeader u = f.udp().get();
                    return u.sourcePort() == destinationPort && u.destinationPort() == sourcePort;
                }
            }
            default -> {
                if (ReplyDecoder.echoSequence(f, false, icmpId) >= 0) {
                    return true;
                }
            }
        }
        // A later fragment of the answer carries no transport header: same peer and protocol is all there is.
        return f.ipv4().map(h -> h.fragmentOffset() > 0 && h.protocol().equals(ipProtocol())).orElse(false);
    }

    private boolean quotesOurs(Frame q, int sent) {
        if (q.ipv4().isPresent()) {
            Ipv4Header h = q.ipv4().get();
            int delta = (h.identification() - id) & 0xffff;
            return h.source().equals(source) && h.destination().equals(destination)
                    && h.protocol().equals(ipProtocol()) && delta < Math.max(sent, 1);
        }
        if (q.ipv6().isPresent()) {
            Ipv6Header h = q.ipv6().get();
            // behind extension headers, the last one names the transport
            IpProtocol last = q.ipv6Extensions().isEmpty() ? h.nextHeader()
                    : q.ipv6Extensions().get(q.ipv6Extensions().size() - 1).nextHeader();
            return h.source().equals(source) && h.destination().equals(destination) && last.equals(ipProtocol());
        }
        return false;
    }

    /** The IP protocol of this probe's packets; null for ARP. */
    private IpProtocol ipProtocol() {
        return switch (kind) {
            case ICMP -> isIpv6() ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
            case UDP -> IpProtocol.UDP;
            case TCP -> IpProtocol.TCP;
            case ARP -> null;
        };
    }

    /** The same probe from another source address (the kernel's choice once the route is known). */
    public Probe withSource(InetAddress s) {
        return new Probe(s, destination, kind, ttl, tos, id, dontFragment, moreFragments, fragmentOffset, mtu,
                icmpType, icmpCode, icmpId, tcpFlags, seq, ack, window, mss, sourcePort, destinationPort, payload,
                badChecksum, vlans, hwSource, hwDestination, ipv4Options, extensions, arpOperation);
    }
}
