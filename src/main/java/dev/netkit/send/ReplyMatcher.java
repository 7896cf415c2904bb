package dev.netkit.send;

import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.UdpHeader;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells whether a captured frame answers a probe: an ARP reply from the target to our sender address, a TCP or UDP segment from the destination's port back to
 * ours, an echo reply with our identifier, a later fragment of such a datagram, or an ICMP error from anyone
 * whose quoted header is one of ours (IPv4: same addresses, protocol and identification).
 */
public final class ReplyMatcher {
    private final Probe probe;
    private final IpProtocol protocol;

    public ReplyMatcher(Probe probe) {
        this.probe = probe;
        this.protocol = switch (probe.kind()) {
            case ICMP -> probe.isIpv6() ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
            case UDP -> IpProtocol.UDP;
            case TCP -> IpProtocol.TCP;
            case ARP -> null;
        };
    }

    /** True when {@code f} belongs to the probe's conversation; {@code sentIds} are the IPv4 ids sent so far. */
    public boolean matches(Frame f, int firstId, int sent) {
        if (probe.kind() == Probe.Kind.ARP) {
            // the answer to our request: the target telling our sender address where it is
            return f.arp().map(a -> a.operation().equals(ArpOperation.REPLY) && a.senderIp().equals(probe.destination())
                    && a.targetIp().equals(probe.source())).orElse(false);
        }
        InetAddress src;
        InetAddress dst;
        if (f.ipv4().isPresent()) {
            Ipv4Header h = f.ipv4().get();
            src = h.source();
            dst = h.destination();
        } else if (f.ipv6().isPresent()) {
            Ipv6Header h = f.ipv6().get();
            src = h.source();
            dst = h.destination();
        } else {
            return false;
        }
        if (!dst.equals(probe.source())) {
            return false;
        }
        Optional<Frame> quoted = f.quoted();
        if (quoted.isPresent()) {
            return quotesOurs(quoted.get(), firstId, sent);
        }
        if (!src.equals(probe.destination())) {
            return false;
        }
        switch (probe.kind()) {
            case TCP -> {
                if (f.tcp().isPresent()) {
                    TcpHeader t = f.tcp().get();
                    return t.sourcePort() == probe.destinationPort() && t.destinationPort() == probe.sourcePort();
                }
            }
            case UDP -> {
                if (f.udp().isPresent()) {
                    UdpHeader u = f.udp().get();
                    return u.sourcePort() == probe.destinationPort() && u.destinationPort() == probe.sourcePort();
                }
            }
            case ICMP -> {
                if (f.icmpv4().orElse(null) instanceof Icmpv4Message.Echo e) {
                    return !e.request() && e.identifier() == probe.icmpId();
                }
                if (f.icmpv6().orElse(null) instanceof Icmpv6Message.Echo e) {
                    return !e.request() && e.identifier() == probe.icmpId();
                }
            }
        }
        // A later fragment of the answer carries no transport header: same peer and protocol is all there is.
        return f.ipv4().map(h -> h.fragmentOffset() > 0 && h.protocol().equals(protocol)).orElse(false);
    }

    private boolean quotesOurs(Frame q, int firstId, int sent) {
        if (q.ipv4().isPresent()) {
            Ipv4Header h = q.ipv4().get();
            int delta = (h.identification() - firstId) & 0xffff;
            return h.source().equals(probe.source()) && h.destination().equals(probe.destination())
                    && h.protocol().equals(protocol) && delta < Math.max(sent, 1);
        }
        if (q.ipv6().isPresent()) {
            Ipv6Header h = q.ipv6().get();
            // behind extension headers, the last one names the transport
            IpProtocol last = q.ipv6Extensions().isEmpty() ? h.nextHeader()
                    : q.ipv6Extensions().get(q.ipv6Extensions().size() - 1).nextHeader();
            return h.source().equals(probe.source()) && h.destination().equals(probe.destination())
                    && last.equals(protocol);
        }
        return false;
    }
}
