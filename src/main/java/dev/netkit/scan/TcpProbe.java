package dev.netkit.scan;

import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetFrame;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Packet;
import dev.netkit.packet.Ipv6Packet;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpPacket;

import java.net.InetAddress;
import java.util.List;

/**
 * The raw TCP probes of a scan and, for each, "is this reply to our probe, and what does it say": nmap's -sS
 * (SYN: SYN/ACK open, RST closed) and -sA (ACK: RST unfiltered). A probe carries a keyed hash of (target, port)
 * (see {@link SynScanner#sequence}) where the reply must echo it: the SYN's sequence number comes back plus one in
 * the SYN/ACK's or RST's acknowledgement; the ACK's acknowledgement number comes back as the RST's sequence number
 * (RFC 9293 section 3.10.7.1). An ICMP destination unreachable quoting our probe says filtered, for both.
 */
public enum TcpProbe {
    SYN {
        @Override
        TcpHeader header(int sourcePort) {
            return TcpHeader.syn(sourcePort, 0, 0, List.of(new dev.netkit.packet.TcpOption.MaximumSegmentSize(1460)));
        }

        @Override
        int hashField() {
            return SEQUENCE;
        }

        @Override
        Verdict verdict(int flags, long sequence, long acknowledgement, long hash) {
            if (acknowledgement != ((hash + 1) & 0xffffffffL)) {
                return null;
            }
            if ((flags & TcpHeader.RST) != 0) {
                return new Verdict(PortState.CLOSED, "reset");
            }
            if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK)) {
                return new Verdict(PortState.OPEN, "syn-ack");
            }
            return null;
        }
    },
    ACK {
        @Override
        TcpHeader header(int sourcePort) {
            return new TcpHeader(sourcePort, 0, 0, 0, TcpHeader.ACK, 1024, 0, 0, List.of());
        }

        @Override
        int hashField() {
            return ACKNOWLEDGEMENT;
        }

        @Override
        Verdict verdict(int flags, long sequence, long acknowledgement, long hash) {
            if ((flags & TcpHeader.RST) == 0 || sequence != hash) {
                return null;
            }
            return new Verdict(PortState.UNFILTERED, "reset");
        }
    };

    /** Where in the TCP header the hash goes: the sequence or the acknowledgement number. */
    static final int SEQUENCE = 4;
    static final int ACKNOWLEDGEMENT = 8;

    /** What a reply says about a port. */
    record Verdict(PortState state, String reason) {
    }

    /**
     * What one reply says about one of our probes.
     *
     * @param host       the target
     * @param fromTarget true when the target itself sent it (false: a router's ICMP error about it)
     */
    record Reply(InetAddress host, int port, PortState state, String reason, boolean fromTarget) {
    }

    /** The probe's header, port 0 and hash 0 (patched per probe). */
    abstract TcpHeader header(int sourcePort);

    abstract int hashField();

    /** The verdict of a TCP segment from the target's port to ours, or null when it is no answer to our probe. */
    abstract Verdict verdict(int flags, long sequence, long acknowledgement, long hash);

    /** True when a probe quoted by an ICMP error is ours to {@code target}:{@code port}. */
    boolean quotes(TcpHeader quoted, long hash) {
        return (hashField() == SEQUENCE ? quoted.sequence() : quoted.acknowledgement()) == hash;
    }

    /**
     * The verdict a captured Ethernet (or other link, decoded) frame gives on one of our probes, or null when it is
     * not an answer to one. TCP over Ethernet is read through the views in place (the bulk of the replies); ICMP
     * errors are decoded whole.
     */
    Reply match(byte[] data, dev.netkit.packet.LinkType link, long key, int sourcePort) {
        try {
            if (!link.equals(dev.netkit.packet.LinkType.ETHERNET)) {
                return matchDecoded(Frame.decode(link, data), key, sourcePort);
            }
            EthernetFrame eth = EthernetFrame.newChecked(data);
            EtherType type = eth.etherType();
            IpProtocol proto;
            int at;
            int end;
            InetAddress from;
            if (type.equals(EtherType.IPV4)) {
                Ipv4Packet ip = Ipv4Packet.newChecked(data, eth.payloadOffset(), eth.payloadLength());
                if (ip.fragmentOffset() != 0) {
                    return null; // a later fragment
                }
                proto = ip.protocol();
                at = ip.payloadOffset();
                end = Math.min(data.length, ip.offset() + ip.totalLength());
                from = proto.equals(IpProtocol.TCP) ? ip.source() : null;
            } else if (type.equals(EtherType.IPV6)) {
                Ipv6Packet ip = Ipv6Packet.newChecked(data, eth.payloadOffset(), eth.payloadLength());
                proto = ip.nextHeader();
                at = ip.payloadOffset();
                end = Math.min(data.length, at + ip.payloadLength());
                from = proto.equals(IpProtocol.TCP) ? ip.source() : null;
            } else {
                return null;
            }
            if (proto.equals(IpProtocol.TCP)) {
                TcpPacket tcp = TcpPacket.newChecked(data, at, end - at);
                if (tcp.destinationPort() != sourcePort) {
                    return null;
                }
                Verdict v = verdict(tcp.flags(), tcp.sequence(), tcp.acknowledgement(),
                        SynScanner.sequence(key, from, tcp.sourcePort()));
                return v == null ? null : new Reply(from, tcp.sourcePort(), v.state(), v.reason(), true);
            }
            if (!proto.equals(IpProtocol.ICMP) && !proto.equals(IpProtocol.ICMPV6)) {
                return null;
            }
            return matchDecoded(Frame.decode(link, data), key, sourcePort);
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return null; // a frame the codecs cannot read answers nothing
        }
    }

    /** The slow path: a frame decoded whole (ICMP errors quoting our probe, cooked captures). */
    private Reply matchDecoded(Frame frame, long key, int sourcePort) {
        InetAddress src = frame.ipv4().<InetAddress>map(h -> h.source()).or(() -> frame.ipv6().map(h -> h.source()))
                .orElse(null);
        if (src == null) {
            return null;
        }
        TcpHeader tcp = frame.tcp().orElse(null);
        if (tcp != null) {
            if (tcp.destinationPort() != sourcePort) {
                return null;
            }
            Verdict v = verdict(tcp.flags(), tcp.sequence(), tcp.acknowledgement(),
                    SynScanner.sequence(key, src, tcp.sourcePort()));
            return v == null ? null : new Reply(src, tcp.sourcePort(), v.state(), v.reason(), true);
        }
        Frame quoted;
        String reason;
        if (frame.icmpv4().orElse(null) instanceof Icmpv4Message.DestinationUnreachable u) {
            quoted = u.quotedFrame();
            reason = switch (u.code()) {
                case 1 -> "host-unreach";
                case 2 -> "proto-unreach";
                case 3 -> "port-unreach";
                case 9, 10, 13 -> "admin-prohibited";
                default -> "net-unreach";
            };
        } else if (frame.icmpv6().orElse(null) instanceof Icmpv6Message.DestinationUnreachable u) {
            quoted = u.quotedFrame();
            reason = switch (u.code()) {
                case 1 -> "admin-prohibited";
                case 3 -> "host-unreach";
                case 4 -> "port-unreach";
                default -> "net-unreach";
            };
        } else {
            return null;
        }
        InetAddress target = quoted.ipv4().<InetAddress>map(h -> h.destination())
                .or(() -> quoted.ipv6().map(h -> h.destination())).orElse(null);
        Frame.Ports ports = quoted.ports().orElse(null);
        if (target == null || ports == null || ports.source() != sourcePort || quoted.tcp().isEmpty()
                || !quotes(quoted.tcp().get(), SynScanner.sequence(key, target, ports.destination()))) {
            return null;
        }
        return new Reply(target, ports.destination(), PortState.FILTERED, reason, target.equals(src));
    }
}
