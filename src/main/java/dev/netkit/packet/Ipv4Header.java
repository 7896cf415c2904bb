package dev.netkit.packet;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An IPv4 header (RFC 791 section 3.1) with its raw options, DF/MF flags and fragment offset (in 8-byte
 * units). {@link #emit} always writes a freshly computed header checksum; {@link #checksum} is the one
 * that was parsed.
 */
public record Ipv4Header(int dscp, int ecn, int totalLength, int identification, int flags, int fragmentOffset,
                         int ttl, IpProtocol protocol, int checksum, Inet4Address source, Inet4Address destination,
                         byte[] options) implements Layer {
    public static final int FLAG_DONT_FRAGMENT = 2;
    public static final int FLAG_MORE_FRAGMENTS = 1;

    public Ipv4Header {
        if (options.length % 4 != 0 || options.length > 40) {
            throw new IllegalArgumentException("IPv4 options must be a multiple of 4 bytes, at most 40: "
                    + options.length);
        }
        if (totalLength < 20 + options.length || totalLength > 0xffff) {
            throw new IllegalArgumentException("IPv4 total length " + totalLength + " does not fit the header");
        }
        options = options.clone();
    }

    /** A header without options for {@code payloadLength} bytes of {@code protocol}; id 0, TTL 64, no flags. */
    public static Ipv4Header of(Inet4Address source, Inet4Address destination, IpProtocol protocol, int payloadLength) {
        return new Ipv4Header(0, 0, 20 + payloadLength, 0, 0, 0, 64, protocol, 0, source, destination, new byte[0]);
    }

    public static Ipv4Header parse(Ipv4Packet p) {
        return new Ipv4Header(p.dscp(), p.ecn(), p.totalLength(), p.identification(), p.flags(),
                p.fragmentOffset(), p.ttl(), p.protocol(), p.checksum(), p.source(), p.destination(), p.options());
    }

    public int headerLength() {
        return 20 + options.length;
    }

    public int bufferLength() {
        return headerLength();
    }

    public int payloadLength() {
        return totalLength - headerLength();
    }

    public boolean dontFragment() {
        return (flags & FLAG_DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (flags & FLAG_MORE_FRAGMENTS) != 0;
    }

    /** True for any fragment: MF set or a non-zero offset. */
    public boolean isFragment() {
        return moreFragments() || fragmentOffset != 0;
    }

    @Override
    public byte[] options() {
        return options.clone();
    }

    public Ipv4Header withTtl(int newTtl) {
        return new Ipv4Header(dscp, ecn, totalLength, identification, flags, fragmentOffset, newTtl, protocol,
                checksum, source, destination, options);
    }

    public Ipv4Header withIdentification(int id) {
        return new Ipv4Header(dscp, ecn, totalLength, id, flags, fragmentOffset, ttl, protocol, checksum, source,
                destination, options);
    }

    public Ipv4Header withFlags(int newFlags, int newFragmentOffset, int newTotalLength) {
        return new Ipv4Header(dscp, ecn, newTotalLength, identification, newFlags, newFragmentOffset, ttl, protocol,
                checksum, source, destination, options);
    }

    public Ipv4Header withOptions(byte[] newOptions) {
        return new Ipv4Header(dscp, ecn, totalLength - options.length + newOptions.length, identification, flags,
                fragmentOffset, ttl, protocol, checksum, source, destination, newOptions);
    }

    /** Writes the header with a computed checksum; returns the header length. */
    public int emit(byte[] buffer, int offset) {
        int hl = headerLength();
        NetworkOrder.put8(buffer, offset + Ipv4Packet.VERSION_IHL, 0x40 | hl / 4);
        NetworkOrder.put8(buffer, offset + Ipv4Packet.TOS, dscp << 2 | ecn & 3);
        NetworkOrder.put16(buffer, offset + Ipv4Packet.TOTAL_LENGTH, totalLength);
        NetworkOrder.put16(buffer, offset + Ipv4Packet.IDENTIFICATION, identification);
        NetworkOrder.put16(buffer, offset + Ipv4Packet.FLAGS_FRAGMENT, (flags & 7) << 13 | fragmentOffset & 0x1fff);
        NetworkOrder.put8(buffer, offset + Ipv4Packet.TTL, ttl);
        NetworkOrder.put8(buffer, offset + Ipv4Packet.PROTOCOL, protocol.value());
        NetworkOrder.put16(buffer, offset + Ipv4Packet.CHECKSUM, 0);
        NetworkOrder.putAddress(buffer, offset + Ipv4Packet.SOURCE, source);
        NetworkOrder.putAddress(buffer, offset + Ipv4Packet.DESTINATION, destination);
        System.arraycopy(options, 0, buffer, offset + Ipv4Packet.OPTIONS, options.length);
        NetworkOrder.put16(buffer, offset + Ipv4Packet.CHECKSUM, Checksum.of(buffer, offset, hl));
        return hl;
    }

    /** The checksum this header should carry. */
    public int computeChecksum() {
        byte[] b = new byte[headerLength()];
        emit(b, 0);
        return NetworkOrder.u16(b, Ipv4Packet.CHECKSUM);
    }

    public boolean checksumValid() {
        return computeChecksum() == checksum;
    }

    /** The pseudo-header for the transport carried in this datagram. */
    public PseudoHeader pseudoHeader() {
        return PseudoHeader.v4(source, destination);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Header h && h.dscp == dscp && h.ecn == ecn && h.totalLength == totalLength
                && h.identification == identification && h.flags == flags && h.fragmentOffset == fragmentOffset
                && h.ttl == ttl && h.protocol.equals(protocol) && h.checksum == checksum && h.source.equals(source)
                && h.destination.equals(destination) && Arrays.equals(h.options, options);
    }

    @Override
    public int hashCode() {
        return (identification * 31 + source.hashCode()) * 31 + destination.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("IP (tos 0x").append(Integer.toHexString(dscp << 2 | ecn))
                .append(", ttl ").append(ttl).append(", id ").append(identification)
                .append(", offset ").append(fragmentOffset * 8).append(", flags [")
                .append(dontFragment() ? "DF" : moreFragments() ? "+" : "none").append("], proto ")
                .append(protocol).append(", length ").append(totalLength);
        if (options.length > 0) {
            s.append(", options ").append(HexFormat.of().formatHex(options));
        }
        return s.append(") ").append(source.getHostAddress()).append(" > ").append(destination.getHostAddress())
                .toString();
    }
}
