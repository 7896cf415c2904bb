package dev.netkit.packet;

import java.net.Inet4Address;

/**
 * An ICMPv4 message (RFC 792): echo request/reply, destination unreachable (all codes, with the next-hop
 * MTU of RFC 1191 for "fragmentation needed"), time exceeded, redirect, or any other type kept as bytes.
 * Error messages carry the quoted original datagram; {@link #emit} computes the checksum.
 */
public sealed interface Icmpv4Message extends Layer {

    Icmpv4Type type();

    int code();

    /** The 32-bit rest-of-header field as it goes on the wire. */
    long restOfHeader();

    /** The bytes after the 8-byte header: echo data or the quoted datagram. */
    byte[] data();

    default int bufferLength() {
        return Icmpv4Packet.HEADER_LENGTH + data().length;
    }

    /** Writes the message with its checksum at {@code offset}; returns its length. */
    default int emit(byte[] buffer, int offset) {
        byte[] data = data();
        NetworkOrder.put8(buffer, offset + Icmpv4Packet.TYPE, type().value());
        NetworkOrder.put8(buffer, offset + Icmpv4Packet.CODE, code());
        NetworkOrder.put16(buffer, offset + Icmpv4Packet.CHECKSUM, 0);
        NetworkOrder.put32(buffer, offset + Icmpv4Packet.REST, restOfHeader());
        System.arraycopy(data, 0, buffer, offset + Icmpv4Packet.DATA, data.length);
        int length = Icmpv4Packet.HEADER_LENGTH + data.length;
        NetworkOrder.put16(buffer, offset + Icmpv4Packet.CHECKSUM, Checksum.of(buffer, offset, length));
        return length;
    }

    /** The message as bytes. */
    default byte[] toBytes() {
        byte[] b = new byte[bufferLength()];
        emit(b, 0);
        return b;
    }

    static Icmpv4Message parse(Icmpv4Packet p) {
        int type = p.type().value();
        long rest = p.restOfHeader();
        byte[] data = p.data();
        return switch (type) {
            case 0, 8 -> new Echo(type == 8, (int) (rest >>> 16), (int) rest & 0xffff, data);
            case 3 -> new DestinationUnreachable(Icmpv4UnreachableCode.valueOf(p.code()), (int) rest & 0xffff, data);
            case 11 -> new TimeExceeded(p.code(), data);
            case 5 -> new Redirect(p.code(), NetworkOrder.ipv4(p.buffer(), p.offset() + Icmpv4Packet.REST), data);
            default -> new Other(p.type(), p.code(), rest, data);
        };
    }

    /** Parses {@code length} bytes at {@code offset}. */
    static Icmpv4Message parse(byte[] buffer, int offset, int length) {
        return parse(Icmpv4Packet.newChecked(buffer, offset, length));
    }

    /** An error message (unreachable, time exceeded, redirect): its data is the quoted original datagram. */
    sealed interface ErrorMessage extends Icmpv4Message permits DestinationUnreachable, TimeExceeded, Redirect {
        /** The quoted original datagram as bytes (a copy). */
        byte[] quoted();

        @Override
        default byte[] data() {
            return quoted();
        }

        /** The quoted original datagram, decoded as far as it goes (usually IP header plus 8 bytes). */
        default Frame quotedFrame() {
            return Frame.decode(LinkType.RAW, quoted());
        }
    }

    /** Echo request (type 8) or reply (type 0), RFC 792 page 14. */
    record Echo(boolean request, int identifier, int sequence, byte[] data) implements Icmpv4Message {
        public Echo {
            data = data.clone();
        }

        public static Echo request(int identifier, int sequence, byte[] data) {
            return new Echo(true, identifier, sequence, data);
        }

        public static Echo reply(int identifier, int sequence, byte[] data) {
            return new Echo(false, identifier, sequence, data);
        }

        @Override
        public Icmpv4Type type() {
            return request ? Icmpv4Type.ECHO_REQUEST : Icmpv4Type.ECHO_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public long restOfHeader() {
            return (long) (identifier & 0xffff) << 16 | sequence & 0xffff;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "ICMP echo " + (request ? "request" : "reply") + ", id " + identifier + ", seq " + sequence
                    + ", length " + bufferLength();
        }
    }

    /** Destination unreachable (type 3); {@code nextHopMtu} matters for FRAGMENTATION_NEEDED (RFC 1191). */
    record DestinationUnreachable(Icmpv4UnreachableCode reason, int nextHopMtu, byte[] quoted)
            implements ErrorMessage {
        public DestinationUnreachable {
            quoted = quoted.clone();
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.DESTINATION_UNREACHABLE;
        }

        @Override
        public int code() {
            return reason.value();
        }

        @Override
        public long restOfHeader() {
            return nextHopMtu & 0xffff;
        }

        @Override
        public byte[] quoted() {
            return quoted.clone();
        }

        @Override
        public String toString() {
            return "ICMP unreachable " + reason
                    + (reason.equals(Icmpv4UnreachableCode.FRAGMENTATION_NEEDED) ? ", mtu " + nextHopMtu : "");
        }
    }

    /** Time exceeded (type 11, RFC 792): code 0 TTL exceeded in transit, 1 fragment reassembly time exceeded. */
    record TimeExceeded(int code, byte[] quoted) implements ErrorMessage {
        public static final int TTL_EXCEEDED = 0;
        public static final int REASSEMBLY_TIME_EXCEEDED = 1;

        public TimeExceeded {
            quoted = quoted.clone();
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.TIME_EXCEEDED;
        }

        @Override
        public long restOfHeader() {
            return 0;
        }

        @Override
        public byte[] quoted() {
            return quoted.clone();
        }

        @Override
        public String toString() {
            return code == TTL_EXCEEDED ? "ICMP time exceeded in-transit" : "ICMP ip reassembly time exceeded";
        }
    }

    /** Redirect (type 5, RFC 792; codes 0-3 for net, host, TOS and net, TOS and host) to {@code gateway}. */
    record Redirect(int code, Inet4Address gateway, byte[] quoted) implements ErrorMessage {
        public Redirect {
            quoted = quoted.clone();
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.REDIRECT;
        }

        @Override
        public long restOfHeader() {
            byte[] a = gateway.getAddress();
            return NetworkOrder.u32(a, 0);
        }

        @Override
        public byte[] quoted() {
            return quoted.clone();
        }

        @Override
        public String toString() {
            return "ICMP redirect to host " + gateway.getHostAddress();
        }
    }

    /** Any other type (RFC 792: parameter problem, timestamp, source quench...), kept as rest-of-header and data. */
    record Other(Icmpv4Type type, int code, long restOfHeader, byte[] data) implements Icmpv4Message {
        public Other {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "ICMP type " + type + " code " + code;
        }
    }
}
