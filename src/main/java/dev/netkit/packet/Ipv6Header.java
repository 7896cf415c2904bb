package dev.netkit.packet;

import java.net.Inet6Address;

/** The fixed IPv6 header (RFC 8200 section 3); extension headers are {@link Ipv6ExtensionHeader}s. */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, IpProtocol nextHeader, int hopLimit,
                         Inet6Address source, Inet6Address destination) implements Layer {
    public static final int LENGTH = Ipv6Packet.HEADER_LENGTH;

    public Ipv6Header {
        if (payloadLength < 0 || payloadLength > 0xffff || flowLabel < 0 || flowLabel > 0xfffff) {
            throw new IllegalArgumentException("IPv6 payload length 0..65535 and flow label 0..0xfffff");
        }
    }

    /** A header with hop limit 64, traffic class 0, flow label 0. */
    public static Ipv6Header of(Inet6Address source, Inet6Address destination, IpProtocol nextHeader,
                                int payloadLength) {
        return new Ipv6Header(0, 0, payloadLength, nextHeader, 64, source, destination);
    }

    public static Ipv6Header parse(Ipv6Packet p) {
        return new Ipv6Header(p.trafficClass(), p.flowLabel(), p.payloadLengthField(), p.nextHeader(), p.hopLimit(),
                p.source(), p.destination());
    }

    public int bufferLength() {
        return LENGTH;
    }

    public Ipv6Header withHopLimit(int newHopLimit) {
        return new Ipv6Header(trafficClass, flowLabel, payloadLength, nextHeader, newHopLimit, source, destination);
    }

    public int emit(byte[] buffer, int offset) {
        NetworkOrder.put32(buffer, offset, 6L << 28 | (long) (trafficClass & 0xff) << 20 | flowLabel);
        NetworkOrder.put16(buffer, offset + Ipv6Packet.PAYLOAD_LENGTH, payloadLength);
        NetworkOrder.put8(buffer, offset + Ipv6Packet.NEXT_HEADER, nextHeader.value());
        NetworkOrder.put8(buffer, offset + Ipv6Packet.HOP_LIMIT, hopLimit);
        NetworkOrder.putAddress(buffer, offset + Ipv6Packet.SOURCE, source);
        NetworkOrder.putAddress(buffer, offset + Ipv6Packet.DESTINATION, destination);
        return LENGTH;
    }

    public PseudoHeader pseudoHeader() {
        return PseudoHeader.v6(source, destination);
    }

    @Override
    public String toString() {
        return "IP6 (hlim " + hopLimit + ", next-header " + nextHeader + ", payload length " + payloadLength + ") "
                + source.getHostAddress() + " > " + destination.getHostAddress();
    }
}
