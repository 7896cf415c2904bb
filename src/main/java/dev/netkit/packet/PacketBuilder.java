package dev.netkit.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a whole Ethernet frame or IP datagram (RFC 791 / RFC 8200) carrying ICMP, ICMPv6, UDP or TCP (with IPv4
 * options or IPv6 extension headers), or an Ethernet frame carrying ARP (RFC 826), with every length, next-header
 * field and checksum filled:
 *
 * <pre>{@code
 * byte[] frame = PacketBuilder.ethernet(myMac, gatewayMac)
 *         .ipv4(me, target).ttl(3).identification(0x4e4b)
 *         .icmpEcho(0x1234, 1, payload)
 *         .build();
 * byte[] datagram = PacketBuilder.ip().ipv6(me6, target6).hopLimit(5).udp(40000, 33434, payload).build();
 * }</pre>
 *
 * Ethernet frames shorter than 60 bytes are padded with zeros. The builder is not reused after build.
 */
public final class PacketBuilder {
    private final MacAddress ethernetSource;
    private final MacAddress ethernetDestination;
    private final List<VlanTag> tags = new ArrayList<>();
    private InetAddress source;
    private InetAddress destination;
    private int ttl = 64;
    private int identification;
    private boolean dontFragment;
    private int tos;
    private int flowLabel;
    private byte[] ipv4Options = new byte[0];
    private boolean moreFragments;
    private int fragmentOffset;
    private List<Ipv6ExtensionHeader> extensions = List.of();
    private ArpMessage arp;
    private Icmpv4Message icmpv4;
    private Icmpv6Message icmpv6;
    private UdpHeader udp;
    private TcpHeader tcp;
    private byte[] payload = new byte[0];
    private int[] echo;

    private PacketBuilder(MacAddress source, MacAddress destination) {
        this.ethernetSource = source;
        this.ethernetDestination = destination;
    }

    /** A frame that starts with an Ethernet II header. */
    public static PacketBuilder ethernet(MacAddress source, MacAddress destination) {
        return new PacketBuilder(source, destination);
    }

    /** A bare IP datagram, as raw sockets and LINKTYPE_RAW take it. */
    public static PacketBuilder ip() {
        return new PacketBuilder(null, null);
    }

    /** Adds a VLAN tag (outermost first); only for Ethernet. */
    public PacketBuilder vlan(VlanTag tag) {
        tags.add(tag);
        return this;
    }

    public PacketBuilder ipv4(Inet4Address source, Inet4Address destination) {
        this.source = source;
        this.destination = destination;
        return this;
    }

    public PacketBuilder ipv6(Inet6Address source, Inet6Address destination) {
        this.source = source;
        this.destination = destination;
        return this;
    }

    /** IPv4 TTL or IPv6 hop limit (default 64). */
    public PacketBuilder ttl(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 0..255, not " + ttl);
        }
        this.ttl = ttl;
        return this;
    }

    public PacketBuilder hopLimit(int hopLimit) {
        return ttl(hopLimit);
    }

    /** The IPv4 identification (default 0). */
    public PacketBuilder identification(int identification) {
        this.identification = identification & 0xffff;
        return this;
    }

    public PacketBuilder dontFragment(boolean dontFragment) {
        this.dontFragment = dontFragment;
        return this;
    }

    /** The IPv4 TOS byte or IPv6 traffic class (DSCP and ECN). */
    public PacketBuilder tos(int tos) {
        this.tos = tos & 0xff;
        return this;
    }

    public PacketBuilder flowLabel(int flowLabel) {
        this.flowLabel = flowLabel & 0xfffff;
        return this;
    }

    /** Raw IPv4 options, a multiple of 4 bytes, at most 40. */
    public PacketBuilder ipv4Options(byte[] options) {
        this.ipv4Options = options.clone();
        return this;
    }

    /** IPv4 options, laid out in order and padded with EOL to a multiple of 4 bytes (at most 40). */
    public PacketBuilder ipv4Options(List<Ipv4Option> options) {
        return ipv4Options(Ipv4Option.emitAll(options));
    }

    /** The IPv4 MF flag and fragment offset (in 8-byte units), set by hand: the datagram itself is not cut. */
    public PacketBuilder fragment(boolean moreFragments, int fragmentOffset) {
        this.moreFragments = moreFragments;
        this.fragmentOffset = fragmentOffset & 0x1fff;
        return this;
    }

    /**
     * IPv6 extension headers between the fixed header and the transport, in this order; each one's next-header
     * field is set at {@link #build} to the header after it.
     */
    public PacketBuilder ipv6Extensions(List<Ipv6ExtensionHeader> headers) {
        this.extensions = List.copyOf(headers);
        return this;
    }

    /** An ARP message instead of an IP datagram; only for Ethernet. */
    public PacketBuilder arp(ArpMessage message) {
        this.arp = message;
        return this;
    }

    /** An echo request: ICMPv4 over IPv4, ICMPv6 over IPv6 (decided at {@link #build}). */
    public PacketBuilder icmpEcho(int identifier, int sequence, byte[] data) {
        clearTransport();
        this.echo = new int[] {identifier, sequence};
        this.payload = data.clone();
        return this;
    }

    public PacketBuilder icmpv4(Icmpv4Message message) {
        clearTransport();
        this.icmpv4 = message;
        return this;
    }

    public PacketBuilder icmpv6(Icmpv6Message message) {
        clearTransport();
        this.icmpv6 = message;
        return this;
    }

    public PacketBuilder udp(int sourcePort, int destinationPort, byte[] data) {
        clearTransport();
        this.udp = UdpHeader.of(sourcePort, destinationPort, data.length);
        this.payload = data.clone();
        return this;
    }

    public PacketBuilder tcp(TcpHeader header, byte[] data) {
        clearTransport();
        this.tcp = header;
        this.payload = data.clone();
        return this;
    }

    /** A SYN with an MSS 1460 option and window 64240, as a port scanner sends it. */
    public PacketBuilder tcpSyn(int sourcePort, int destinationPort, long sequence) {
        return tcp(TcpHeader.syn(sourcePort, destinationPort, sequence,
                List.of(new TcpOption.MaximumSegmentSize(1460))), new byte[0]);
    }

    private void clearTransport() {
        echo = null;
        icmpv4 = null;
        icmpv6 = null;
        udp = null;
        tcp = null;
        payload = new byte[0];
    }

    /** Lays out the headers, allocates once, emits outside in, and fills the checksums. */
    public byte[] build() {
        if (arp != null) {
            return buildArp();
        }
        if (source == null) {
            throw new IllegalStateException("PacketBuilder: call ipv4(...) or ipv6(...) before build()");
        }
        boolean v6 = source instanceof Inet6Address;
        if (echo != null) {
            if (v6) {
                icmpv6 = Icmpv6Message.Echo.request(echo[0], echo[1], payload);
            } else {
                icmpv4 = Icmpv4Message.Echo.request(echo[0], echo[1], payload);
            }
        }
        if (v6 ? icmpv4 != null : icmpv6 != null) {
            throw new IllegalStateException("PacketBuilder: " + (v6 ? "ICMPv4 needs IPv4" : "ICMPv6 needs IPv6")
                    + " addresses");
        }
        int transportLength;
        IpProtocol protocol;
        if (icmpv4 != null) {
            transportLength = icmpv4.bufferLength();
            protocol = IpProtocol.ICMP;
        } else if (icmpv6 != null) {
            transportLength = icmpv6.bufferLength();
            protocol = IpProtocol.ICMPV6;
        } else if (udp != null) {
            transportLength = udp.length();
            protocol = IpProtocol.UDP;
        } else if (tcp != null) {
            transportLength = tcp.headerLength() + payload.length;
            protocol = IpProtocol.TCP;
        } else {
            throw new IllegalStateException("PacketBuilder: no ICMP, UDP or TCP message given");
        }
        Ipv4Header ip4 = null;
        Ipv6Header ip6 = null;
        int ipLength;
        List<Ipv6ExtensionHeader> chain = new ArrayList<>();
        if (v6) {
            int extensionLength = 0;
            for (int i = extensions.size() - 1; i >= 0; i--) {
                Ipv6ExtensionHeader x = extensions.get(i).withNextHeader(chain.isEmpty() ? protocol
                        : chain.get(0).protocol());
                chain.add(0, x);
                extensionLength += x.bufferLength();
            }
            ip6 = new Ipv6Header(tos, flowLabel, extensionLength + transportLength,
                    chain.isEmpty() ? protocol : chain.get(0).protocol(), ttl, (Inet6Address) source,
                    (Inet6Address) destination);
            ipLength = Ipv6Header.LENGTH + extensionLength;
        } else {
            int flags = (dontFragment ? Ipv4Header.FLAG_DONT_FRAGMENT : 0)
                    | (moreFragments ? Ipv4Header.FLAG_MORE_FRAGMENTS : 0);
            ip4 = new Ipv4Header(tos >>> 2, tos & 3, 20 + ipv4Options.length + transportLength, identification,
                    flags, fragmentOffset, ttl, protocol, 0, (Inet4Address) source, (Inet4Address) destination,
                    ipv4Options);
            ipLength = ip4.headerLength();
        }
        EthernetHeader eth = ethernetSource == null ? null : new EthernetHeader(ethernetDestination, ethernetSource,
                tags, v6 ? EtherType.IPV6 : EtherType.IPV4);
        int linkLength = eth == null ? 0 : eth.bufferLength();
        int total = linkLength + ipLength + transportLength;
        byte[] out = new byte[eth == null ? total : Math.max(total, EthernetFrame.MINIMUM_LENGTH)];
        int at = 0;
        if (eth != null) {
            at += eth.emit(out, at);
        }
        at += v6 ? ip6.emit(out, at) : ip4.emit(out, at);
        for (Ipv6ExtensionHeader x : chain) {
            at += x.emit(out, at);
        }
        PseudoHeader pseudo = new PseudoHeader(source, destination);
        if (icmpv4 != null) {
            icmpv4.emit(out, at);
        } else if (icmpv6 != null) {
            icmpv6.emit(out, at, pseudo);
        } else if (udp != null) {
            System.arraycopy(payload, 0, out, at + UdpHeader.LENGTH, payload.length);
            udp.emit(out, at, pseudo);
        } else {
            System.arraycopy(payload, 0, out, at + tcp.headerLength(), payload.length);
            tcp.emit(out, at, payload.length, pseudo);
        }
        return out;
    }

    private byte[] buildArp() {
        if (ethernetSource == null) {
            throw new IllegalStateException("PacketBuilder: ARP needs an Ethernet frame");
        }
        EthernetHeader eth = new EthernetHeader(ethernetDestination, ethernetSource, tags, EtherType.ARP);
        byte[] out = new byte[Math.max(eth.bufferLength() + arp.bufferLength(), EthernetFrame.MINIMUM_LENGTH)];
        arp.emit(out, eth.emit(out, 0));
        return out;
    }
}
