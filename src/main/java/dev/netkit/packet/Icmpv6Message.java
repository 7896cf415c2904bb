package dev.netkit.packet;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

/**
 * An ICMPv6 message (RFC 4443): echo, destination unreachable, packet too big, time exceeded, and the
 * Neighbor Discovery messages RS, RA, NS, NA with their options (RFC 4861); other types are kept as bytes.
 * {@link #emit} computes the checksum over the IPv6 pseudo-header it is given.
 */
public sealed interface Icmpv6Message extends Layer {

    Icmpv6Type type();

    /** The code; 0 unless the type defines others (RFC 4443 and RFC 4861 give echo, ND and packet too big none). */
    default int code() {
        return 0;
    }

    /** Everything after type, code and checksum. */
    byte[] body();

    default int bufferLength() {
        return Icmpv6Packet.BODY + body().length;
    }

    /** Writes the message with its checksum at {@code offset}; returns its length. */
    default int emit(byte[] buffer, int offset, PseudoHeader pseudoHeader) {
        byte[] body = body();
        buffer[offset + Icmpv6Packet.TYPE] = (byte) type().value();
        buffer[offset + Icmpv6Packet.CODE] = (byte) code();
        NetworkOrder.put16(buffer, offset + Icmpv6Packet.CHECKSUM, 0);
        System.arraycopy(body, 0, buffer, offset + Icmpv6Packet.BODY, body.length);
        int length = Icmpv6Packet.BODY + body.length;
        NetworkOrder.put16(buffer, offset + Icmpv6Packet.CHECKSUM, Checksum.finish(Checksum.sum(buffer, offset, length)
                + pseudoHeader.sum(IpProtocol.ICMPV6.value(), length)));
        return length;
    }

    default byte[] toBytes(PseudoHeader pseudoHeader) {
        byte[] b = new byte[bufferLength()];
        emit(b, 0, pseudoHeader);
        return b;
    }

    static Icmpv6Message parse(byte[] buffer, int offset, int length) {
        return parse(Icmpv6Packet.newChecked(buffer, offset, length));
    }

    static Icmpv6Message parse(Icmpv6Packet p) {
        byte[] b = p.buffer();
        int o = p.offset();
        int n = p.length();
        int type = p.type().value();
        return switch (type) {
            case 128, 129 -> new Echo(type == 128, NetworkOrder.u16(b, o + 4), NetworkOrder.u16(b, o + 6),
                    NetworkOrder.copy(b, o + 8, n - 8));
            case 1 -> new DestinationUnreachable(Icmpv6UnreachableCode.valueOf(p.code()), NetworkOrder.copy(b, o + 8, n - 8));
            case 2 -> new PacketTooBig(NetworkOrder.u32(b, o + 4), NetworkOrder.copy(b, o + 8, n - 8));
            case 3 -> new TimeExceeded(p.code(), NetworkOrder.copy(b, o + 8, n - 8));
            case 133 -> new RouterSolicitation(NdpOption.parseAll(b, o + 8, n - 8));
            case 134 -> {
                PacketView.require("ICMPv6", "router advertisement length", 16, n);
                yield new RouterAdvertisement(b[o + 4] & 0xff, b[o + 5] & 0xff, NetworkOrder.u16(b, o + 6),
                        NetworkOrder.u32(b, o + 8), NetworkOrder.u32(b, o + 12), NdpOption.parseAll(b, o + 16, n - 16));
            }
            case 135 -> {
                PacketView.require("ICMPv6", "neighbor solicitation length", 24, n);
                yield new NeighborSolicitation(NetworkOrder.ipv6(b, o + 8), NdpOption.parseAll(b, o + 24, n - 24));
            }
            case 136 -> {
                PacketView.require("ICMPv6", "neighbor advertisement length", 24, n);
                int f = b[o + 4] & 0xff;
                yield new NeighborAdvertisement((f & 0x80) != 0, (f & 0x40) != 0, (f & 0x20) != 0,
                        NetworkOrder.ipv6(b, o + 8), NdpOption.parseAll(b, o + 24, n - 24));
            }
            default -> new Other(p.type(), p.code(), NetworkOrder.copy(b, o + 4, n - 4));
        };
    }

    private static byte[] withHeader(long rest, byte[] data) {
        byte[] body = new byte[4 + data.length];
        NetworkOrder.put32(body, 0, rest);
        System.arraycopy(data, 0, body, 4, data.length);
        return body;
    }

    private static byte[] withOptions(byte[] fixed, List<NdpOption> options) {
        byte[] body = new byte[fixed.length + NdpOption.lengthOf(options)];
        System.arraycopy(fixed, 0, body, 0, fixed.length);
        int at = fixed.length;
        for (NdpOption option : options) {
            option.write(body, at);
            at += option.length();
        }
        return body;
    }

    /** Echo request (128) or reply (129), RFC 4443 section 4. */
    record Echo(boolean request, int identifier, int sequence, byte[] data) implements Icmpv6Message {
        public Echo {
            data = data.clone();
        }

        public static Echo request(int identifier, int sequence, byte[] data) {
            return new Echo(true, identifier, sequence, data);
        }

        public Icmpv6Type type() {
            return request ? Icmpv6Type.ECHO_REQUEST : Icmpv6Type.ECHO_REPLY;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public byte[] body() {
            return withHeader((long) (identifier & 0xffff) << 16 | sequence & 0xffff, data);
        }

        @Override
        public String toString() {
            return "ICMP6, echo " + (request ? "request" : "reply") + ", id " + identifier + ", seq " + sequence;
        }
    }

    /** An error message (unreachable, packet too big, time exceeded) quoting the original datagram. */
    sealed interface ErrorMessage extends Icmpv6Message permits DestinationUnreachable, PacketTooBig, TimeExceeded {
        /** The quoted original datagram as bytes (a copy). */
        byte[] quoted();

        /** The quoted original datagram, decoded as far as it goes. */
        default Frame quotedFrame() {
            return Frame.decode(LinkType.IPV6, quoted());
        }

        /** An unused rest-of-header, then the quote; packet too big puts its MTU there. */
        default byte[] body() {
            return withHeader(0, quoted());
        }
    }

    /** Destination unreachable (1), RFC 4443 section 3.1, quoting as much of the original as fits. */
    record DestinationUnreachable(Icmpv6UnreachableCode reason, byte[] quoted) implements ErrorMessage {
        public DestinationUnreachable {
            quoted = quoted.clone();
        }

        public Icmpv6Type type() {
            return Icmpv6Type.DESTINATION_UNREACHABLE;
        }

        public int code() {
            return reason.value();
        }

        @Override
        public byte[] quoted() {
            return quoted.clone();
        }

        @Override
        public String toString() {
            return "ICMP6, destination unreachable, " + reason;
        }
    }

    /** Packet too big (2), RFC 4443 section 3.2, with the MTU of the next hop. */
    record PacketTooBig(long mtu, byte[] quoted) implements ErrorMessage {
        public PacketTooBig {
            quoted = quoted.clone();
        }

        public Icmpv6Type type() {
            return Icmpv6Type.PACKET_TOO_BIG;
        }

        @Override
        public byte[] quoted() {
            return quoted.clone();
        }

        @Override
        public byte[] body() {
            return withHeader(mtu, quoted);
        }

        @Override
        public String toString() {
            return "ICMP6, packet too big, mtu " + mtu;
        }
    }

    /** Time exceeded (3), RFC 4443 section 3.3: code 0 hop limit, 1 fragment reassembly time. */
    record TimeExceeded(int code, byte[] quoted) implements ErrorMessage {
        public TimeExceeded {
            quoted = quoted.clone();
        }

        public Icmpv6Type type() {
            return Icmpv6Type.TIME_EXCEEDED;
        }

        @Override
        public byte[] quoted() {
            return quoted.clone();
        }

        @Override
        public String toString() {
            return "ICMP6, time exceeded in-transit" + (code == 1 ? " (reassembly)" : "");
        }
    }

    /** Router solicitation (133), RFC 4861 section 4.1. */
    record RouterSolicitation(List<NdpOption> options) implements Icmpv6Message {
        public RouterSolicitation {
            options = List.copyOf(options);
        }

        public Icmpv6Type type() {
            return Icmpv6Type.ROUTER_SOLICITATION;
        }

        public byte[] body() {
            return withOptions(new byte[4], options);
        }

        @Override
        public String toString() {
            return "ICMP6, router solicitation" + (options.isEmpty() ? "" : ", " + options);
        }
    }

    /** Router advertisement (134), RFC 4861 section 4.2; flags hold M (0x80) and O (0x40). */
    record RouterAdvertisement(int currentHopLimit, int flags, int routerLifetime, long reachableTime,
                               long retransmitTimer, List<NdpOption> options) implements Icmpv6Message {
        public RouterAdvertisement {
            options = List.copyOf(options);
        }

        public Icmpv6Type type() {
            return Icmpv6Type.ROUTER_ADVERTISEMENT;
        }

        public boolean managed() {
            return (flags & 0x80) != 0;
        }

        public boolean otherConfiguration() {
            return (flags & 0x40) != 0;
        }

        public byte[] body() {
            byte[] fixed = new byte[12];
            fixed[0] = (byte) currentHopLimit;
            fixed[1] = (byte) flags;
            NetworkOrder.put16(fixed, 2, routerLifetime);
            NetworkOrder.put32(fixed, 4, reachableTime);
            NetworkOrder.put32(fixed, 8, retransmitTimer);
            return withOptions(fixed, options);
        }

        @Override
        public String toString() {
            return "ICMP6, router advertisement, hop limit " + currentHopLimit + ", lifetime " + routerLifetime + "s"
                    + (options.isEmpty() ? "" : ", " + options);
        }
    }

    /** Neighbor solicitation (135), RFC 4861 section 4.3. */
    record NeighborSolicitation(Inet6Address target, List<NdpOption> options) implements Icmpv6Message {
        public NeighborSolicitation {
            options = List.copyOf(options);
        }

        public Icmpv6Type type() {
            return Icmpv6Type.NEIGHBOR_SOLICITATION;
        }

        public byte[] body() {
            byte[] fixed = new byte[20];
            NetworkOrder.putAddress(fixed, 4, target);
            return withOptions(fixed, options);
        }

        @Override
        public String toString() {
            return "ICMP6, neighbor solicitation, who has " + target.getHostAddress();
        }
    }

    /** Neighbor advertisement (136), RFC 4861 section 4.4, with its router, solicited and override flags. */
    record NeighborAdvertisement(boolean router, boolean solicited, boolean override, Inet6Address target,
                                 List<NdpOption> options) implements Icmpv6Message {
        public NeighborAdvertisement {
            options = List.copyOf(options);
        }

        /** The MAC of the target link-layer address option (RFC 4861 section 4.6.1), if a 6-byte one is there. */
        public Optional<MacAddress> targetMac() {
            MacAddress mac = null;
            for (NdpOption o : options) {
                if (o instanceof NdpOption.LinkLayerAddress l && l.type() == NdpOption.TARGET_LINK_LAYER_ADDRESS
                        && l.address().length == 6) {
                    mac = l.mac(); // the last one, as the scanners always took it
                }
            }
            return Optional.ofNullable(mac);
        }

        public Icmpv6Type type() {
            return Icmpv6Type.NEIGHBOR_ADVERTISEMENT;
        }

        public byte[] body() {
            byte[] fixed = new byte[20];
            fixed[0] = (byte) ((router ? 0x80 : 0) | (solicited ? 0x40 : 0) | (override ? 0x20 : 0));
            NetworkOrder.putAddress(fixed, 4, target);
            return withOptions(fixed, options);
        }

        @Override
        public String toString() {
            return "ICMP6, neighbor advertisement, tgt is " + target.getHostAddress();
        }
    }

    /** Any other type (RFC 4443 parameter problem, RFC 4861 redirect, RFC 2710 MLD...), its body kept as bytes. */
    record Other(Icmpv6Type type, int code, byte[] body) implements Icmpv6Message {
        public Other {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /**
         * The 4 bytes after the checksum (there even when the type defines no fields: the header is 8 bytes);
         * an extended echo's identifier, sequence number and state (RFC 8335 section 3), for one.
         */
        public long restOfHeader() {
            return NetworkOrder.u32(body, 0);
        }

        @Override
        public String toString() {
            return "ICMP6, type " + type + " code " + code;
        }
    }
}
