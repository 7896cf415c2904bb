package dev.netkit.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A captured frame decoded layer by layer (RFC 1122 section 1.3.3) as far as it is valid, for a pcap link
 * type: Ethernet (with VLAN tags), raw IP, IPv4, IPv6, Linux SLL/SLL2, BSD NULL/LOOP and PPP; then ARP, IPv4,
 * IPv6 with its extension headers, ICMPv4, ICMPv6, IGMP, UDP and TCP.
 *
 * <p>{@link #decode} never throws for bad bytes: where a header is cut short or wrong, decoding stops,
 * {@link #stoppedAt()} names the protocol in tcpdump's words ({@code "tcp"}, so a sniffer prints
 * {@code [|tcp]}) and {@link #problem()} says what was wrong. Everything after the last decoded header is
 * the {@link #payload()}: application data, an unknown protocol, a non-first fragment, or the undecodable
 * rest.
 */
public final class Frame {
    private final LinkType linkType;
    private final byte[] data;
    /** The decoded headers in {@code layerArray[0..layerCount)}, their starts in {@code offsets}: no copies, no boxing. */
    private final Layer[] layerArray;
    private final int[] offsets;
    private final int layerCount;
    private final List<Layer> layers;
    private final int payloadOffset;
    private final int payloadLength;
    private final boolean truncated;
    private final String stoppedAt;
    private final MalformedPacketException problem;
    /** The checksum checks of the decode, run on the first call of {@link #checksumValid()}. */
    private final List<ChecksumCheck> checks;
    private Optional<Boolean> checksumValid;

    private Frame(LinkType linkType, byte[] data, Decoder d) {
        this.linkType = linkType;
        this.data = data;
        this.layerArray = d.layers;
        this.offsets = d.offsets;
        this.layerCount = d.count;
        this.layers = new LayerList(d.layers, d.count);
        this.payloadOffset = d.pos;
        this.payloadLength = Math.max(0, d.end - d.pos);
        this.truncated = d.truncated || d.problem != null && d.problem.isTruncation();
        this.stoppedAt = d.problem == null ? null : d.at;
        this.problem = d.problem;
        this.checks = d.problem == null ? d.checks : null;
    }

    /** Decodes a whole captured frame. */
    public static Frame decode(LinkType linkType, byte[] data) {
        return decode(linkType, data, 0, data.length);
    }

    /** Decodes {@code length} bytes at {@code offset} of {@code data} (not copied). */
    public static Frame decode(LinkType linkType, byte[] data, int offset, int length) {
        Decoder d = new Decoder(data, offset, length);
        try {
            d.link(linkType);
        } catch (MalformedPacketException e) {
            d.problem = e;
        }
        return new Frame(linkType, data, d);
    }

    public LinkType linkType() {
        return linkType;
    }

    /** The decoded headers, outermost first. */
    public List<Layer> layers() {
        return layers;
    }

    /** Where {@code layer} (one of {@link #layers()}) starts in the array given to {@link #decode}; -1 if it is not one. */
    public int offsetOf(Layer layer) {
        for (int i = 0; i < layerCount; i++) {
            if (layerArray[i] == layer) {
                return offsets[i];
            }
        }
        return -1;
    }

    /** The first decoded layer of type {@code type}. */
    public <T extends Layer> Optional<T> layer(Class<T> type) {
        for (int i = 0; i < layerCount; i++) {
            Layer l = layerArray[i];
            if (type.isInstance(l)) {
                return Optional.of(type.cast(l));
            }
        }
        return Optional.empty();
    }

    public Optional<EthernetHeader> ethernet() {
        return layer(EthernetHeader.class);
    }

    public Optional<ArpMessage> arp() {
        return layer(ArpMessage.class);
    }

    public Optional<Ipv4Header> ipv4() {
        return layer(Ipv4Header.class);
    }

    public Optional<Ipv6Header> ipv6() {
        return layer(Ipv6Header.class);
    }

    /** The IPv6 extension headers in order (empty for IPv4). */
    public List<Ipv6ExtensionHeader> ipv6Extensions() {
        List<Ipv6ExtensionHeader> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Ipv6ExtensionHeader x) {
                out.add(x);
            }
        }
        return out;
    }

    public Optional<Icmpv4Message> icmpv4() {
        return layer(Icmpv4Message.class);
    }

    public Optional<Icmpv6Message> icmpv6() {
        return layer(Icmpv6Message.class);
    }

    public Optional<IgmpMessage> igmp() {
        return layer(IgmpMessage.class);
    }

    public Optional<UdpHeader> udp() {
        return layer(UdpHeader.class);
    }

    public Optional<TcpHeader> tcp() {
        return layer(TcpHeader.class);
    }

    /**
     * The original datagram quoted by an ICMPv4 or ICMPv6 error (unreachable, time exceeded, redirect,
     * packet too big), decoded as far as it goes: usually an IP header and 8 bytes, so a quoted TCP header
     * stops at {@code "tcp"} while its ports and sequence number are the first 8 bytes of its payload.
     */
    public Optional<Frame> quoted() {
        Optional<Icmpv4Message> v4 = icmpv4();
        if (v4.isPresent()) {
            return v4.get() instanceof Icmpv4Message.ErrorMessage m ? Optional.of(m.quotedFrame()) : Optional.empty();
        }
        return icmpv6().flatMap(m -> m instanceof Icmpv6Message.ErrorMessage e ? Optional.of(e.quotedFrame())
                : Optional.empty());
    }

    /**
     * Whether the checksums of the decoded layers are right: the IPv4 header checksum and the ICMPv4, ICMPv6,
     * UDP or TCP checksum (over the IPv4/IPv6 pseudo-header). Empty when they cannot be checked (a cut
     * capture, a non-first fragment, nothing with a checksum).
     */
    public Optional<Boolean> checksumValid() {
        if (checksumValid == null) {
            // computed on demand: summing every payload costs a sniffer reading a million frames dearly
            Boolean valid = null;
            if (checks != null) {
                for (ChecksumCheck c : checks) {
                    if (c.reset()) {
                        valid = c.valid().getAsBoolean();
                    } else if (!c.checkable()) {
                        valid = null;
                    } else if (valid == null || valid) {
                        valid = c.valid().getAsBoolean();
                    }
                }
            }
            checksumValid = Optional.ofNullable(valid);
        }
        return checksumValid;
    }

    /** The source and destination port of a TCP or UDP header. */
    public record Ports(int source, int destination) {
    }

    /**
     * The TCP or UDP ports, also when the header itself was cut after them: the 8 bytes an ICMP error quotes
     * (RFC 792) hold the ports of a TCP header whose other fields are lost, so trace and scan can still match.
     */
    public Optional<Ports> ports() {
        Optional<TcpHeader> tcp = tcp();
        if (tcp.isPresent()) {
            return Optional.of(new Ports(tcp.get().sourcePort(), tcp.get().destinationPort()));
        }
        Optional<UdpHeader> udp = udp();
        if (udp.isPresent()) {
            return Optional.of(new Ports(udp.get().sourcePort(), udp.get().destinationPort()));
        }
        if (("tcp".equals(stoppedAt) || "udp".equals(stoppedAt)) && payloadLength >= 4) {
            return Optional.of(new Ports(NetworkOrder.u16(data, payloadOffset), NetworkOrder.u16(data, payloadOffset + 2)));
        }
        return Optional.empty();
    }

    /** Where the undecoded rest starts in the array given to {@link #decode}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** How many captured bytes follow the last decoded header (link padding and cut-off bytes excluded). */
    public int payloadLength() {
        return payloadLength;
    }

    /** A copy of the bytes after the last decoded header. */
    public byte[] payload() {
        return Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
    }

    /** True when fewer bytes were captured than some header's length field promised. */
    public boolean truncated() {
        return truncated;
    }

    /** True when every header present was decoded (the payload may still be an unknown protocol). */
    public boolean complete() {
        return problem == null;
    }

    /**
     * Where decoding stopped on a bad or cut header, in tcpdump's words: {@code ether, sll, null, arp, ip,
     * ip6, icmp, icmp6, igmp, udp, tcp}.
     */
    public Optional<String> stoppedAt() {
        return Optional.ofNullable(stoppedAt);
    }

    /** What was wrong where decoding stopped, e.g. "TCP: header length 40 exceeds the 20 bytes captured". */
    public Optional<String> problem() {
        return problem == null ? Optional.empty() : Optional.of(problem.getMessage());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Layer l : layers) {
            s.append(s.isEmpty() ? "" : " | ").append(l);
        }
        if (stoppedAt != null) {
            s.append(s.isEmpty() ? "" : " ").append("[|").append(stoppedAt).append("] ").append(problem.getMessage());
        } else if (payloadLength > 0) {
            s.append(s.isEmpty() ? "" : " | ").append(payloadLength).append(" bytes");
        }
        return s.toString();
    }

    /** The read-only view {@link #layers()} gives of the decoder's array (a copy per packet showed in the profile of sniff -r). */
    private static final class LayerList extends java.util.AbstractList<Layer> implements java.util.RandomAccess {
        private final Layer[] a;
        private final int n;

        LayerList(Layer[] a, int n) {
            this.a = a;
            this.n = n;
        }

        @Override
        public Layer get(int i) {
            java.util.Objects.checkIndex(i, n);
            return a[i];
        }

        @Override
        public int size() {
            return n;
        }
    }

    /** One checksum check recorded while decoding: {@code reset} starts over (the IPv4 header's own check). */
    private record ChecksumCheck(boolean reset, boolean checkable, java.util.function.BooleanSupplier valid) {
    }

    /** Walks the layers; {@code pos..end} is the part not decoded yet, {@code at} the protocol being decoded. */
    private static final class Decoder {
        final byte[] b;
        Layer[] layers = new Layer[6];
        int[] offsets = new int[6];
        int count;
        int pos;
        int end;
        String at = "link";
        boolean truncated;
        MalformedPacketException problem;
        final List<ChecksumCheck> checks = new ArrayList<>(2);

        Decoder(byte[] b, int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, b.length);
            this.b = b;
            this.pos = offset;
            this.end = offset + length;
        }

        /** Records a decoded layer; it starts at {@code pos}. */
        void add(Layer layer) {
            if (count == layers.length) {
                layers = Arrays.copyOf(layers, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            layers[count] = layer;
            offsets[count++] = pos;
        }

        void check(boolean checkable, java.util.function.BooleanSupplier valid) {
            checks.add(new ChecksumCheck(false, checkable, valid));
        }

        void link(LinkType type) {
            switch (type.value()) {
                case 1 -> {
                    at = "ether";
                    EthernetFrame f = EthernetFrame.newChecked(b, pos, end - pos);
                    EthernetHeader h = EthernetHeader.parse(f);
                    add(h);
                    pos = f.payloadOffset();
                    etherType(h.etherType());
                }
                case 101 -> ip();
                case 228 -> ipv4();
                case 229 -> ipv6();
                case 0, 108 -> {
                    at = "null";
                    LoopbackHeader h = LoopbackHeader.parse(type, b, pos, end - pos);
                    add(h);
                    pos += LoopbackHeader.LENGTH;
                    if (h.isIpv4()) {
                        ipv4();
                    } else if (h.isIpv6()) {
                        ipv6();
                    }
                }
                case 9, 50 -> {
                    at = type.value() == 9 ? "ppp" : "ppp_hdlc";
                    PppHeader h = type.value() == 9 ? PppHeader.parse(b, pos, end - pos)
                            : PppHeader.parseHdlc(b, pos, end - pos);
                    add(h);
                    pos += h.length();
                    if (type.value() == 50 && h.address() != PppHeader.ALL_STATIONS) {
                        return; // Cisco HDLC or another framing: the printer names it
                    }
                    if (h.isIpv4()) {
                        ipv4();
                    } else if (h.isIpv6()) {
                        ipv6();
                    }
                }
                case 113, 276 -> {
                    at = "sll";
                    LinuxCookedHeader h = type.value() == 113 ? LinuxCookedHeader.parseV1(b, pos, end - pos)
                            : LinuxCookedHeader.parseV2(b, pos, end - pos);
                    add(h);
                    pos += h.bufferLength();
                    etherType(h.protocol());
                }
                default -> {
                    // An unknown link type: everything is payload.
                }
            }
        }

        void etherType(EtherType type) {
            switch (type.value()) {
                case 0x0800 -> ipv4();
                case 0x86dd -> ipv6();
                case 0x0806 -> arp();
                default -> {
                }
            }
        }

        void ip() {
            at = "ip";
            if (pos >= end) {
                throw MalformedPacketException.truncated("IP", "version byte", 1, 0);
            }
            int version = (b[pos] & 0xff) >>> 4;
            if (version == 4) {
                ipv4();
            } else if (version == 6) {
                ipv6();
            } else {
                throw new MalformedPacketException("IP", "version " + version + " is neither 4 nor 6");
            }
        }

        void arp() {
            at = "arp";
            ArpPacket p = ArpPacket.newChecked(b, pos, end - pos);
            add(ArpMessage.parse(p));
            pos += p.packetLength();
            end = pos;
        }

        void ipv4() {
            at = "ip";
            Ipv4Packet p = Ipv4Packet.newChecked(b, pos, end - pos);
            Ipv4Header h = Ipv4Header.parse(p);
            add(h);
            truncated |= p.truncated();
            pos = p.payloadOffset();
            end = pos + p.payloadLength();
            checks.add(new ChecksumCheck(true, true, p::checksumValid));
            if (h.fragmentOffset() == 0) {
                transport(h.protocol(), PseudoHeader.v4(h.source(), h.destination()), !h.moreFragments());
            }
        }

        void ipv6() {
            at = "ip6";
            Ipv6Packet p = Ipv6Packet.newChecked(b, pos, end - pos);
            Ipv6Header h = Ipv6Header.parse(p);
            add(h);
            truncated |= p.truncated();
            pos = p.payloadOffset();
            end = pos + p.payloadLength();
            IpProtocol next = h.nextHeader();
            boolean whole = !p.jumbogram();
            java.net.Inet6Address destination = h.destination();
            while (Ipv6ExtensionHeader.isExtension(next)) {
                Ipv6ExtensionHeader x = Ipv6ExtensionHeader.parse(next, b, pos, end - pos);
                add(x);
                pos += x.bufferLength();
                next = x.nextHeader();
                if (x instanceof Ipv6ExtensionHeader.Routing r) {
                    destination = r.finalDestination().orElse(destination);
                }
                if (x instanceof Ipv6ExtensionHeader.Fragment f) {
                    whole = false;
                    if (f.fragmentOffset() != 0) {
                        return;
                    }
                }
            }
            transport(next, PseudoHeader.v6(h.source(), destination), whole);
        }

        /** Decodes the transport header; {@code whole} is false for a first fragment (no checksum check). */
        void transport(IpProtocol protocol, PseudoHeader pseudoHeader, boolean whole) {
            boolean checkable = whole && !truncated;
            switch (protocol.value()) {
                case 1 -> {
                    at = "icmp";
                    Icmpv4Packet p = Icmpv4Packet.newChecked(b, pos, end - pos);
                    add(Icmpv4Message.parse(p));
                    pos = p.dataOffset();
                    check(checkable, p::checksumValid);
                }
                case 2 -> {
                    at = "igmp";
                    IgmpPacket p = IgmpPacket.newChecked(b, pos, end - pos);
                    add(IgmpMessage.parse(p));
                    pos = end;
                    check(checkable, p::checksumValid);
                }
                case 58 -> {
                    at = "icmp6";
                    Icmpv6Packet p = Icmpv6Packet.newChecked(b, pos, end - pos);
                    add(Icmpv6Message.parse(p));
                    pos = end;
                    check(checkable, () -> p.checksumValid(pseudoHeader));
                }
                case 6 -> {
                    at = "tcp";
                    TcpPacket p = TcpPacket.newChecked(b, pos, end - pos);
                    add(TcpHeader.parse(p));
                    pos = p.payloadOffset();
                    check(checkable, () -> p.checksumValid(pseudoHeader));
                }
                case 17 -> {
                    at = "udp";
                    UdpPacket p = UdpPacket.newChecked(b, pos, end - pos);
                    add(UdpHeader.parse(p));
                    truncated |= p.truncated();
                    pos = p.payloadOffset();
                    end = pos + p.payloadLength();
                    check(checkable && !p.truncated(), () -> p.checksumValid(pseudoHeader));
                }
                default -> {
                }
            }
        }
    }
}
