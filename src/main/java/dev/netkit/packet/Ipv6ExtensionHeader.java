package dev.netkit.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An IPv6 extension header (RFC 8200 section 4): hop-by-hop options, routing, fragment or destination
 * options. Each names the header that follows it.
 */
public sealed interface Ipv6ExtensionHeader extends Layer
        permits Ipv6ExtensionHeader.OptionsHeader, Ipv6ExtensionHeader.Routing, Ipv6ExtensionHeader.Fragment {

    /** The protocol number of this header itself (0, 43, 44 or 60). */
    IpProtocol protocol();

    /** The header after this one. */
    IpProtocol nextHeader();

    int bufferLength();

    int emit(byte[] buffer, int offset);

    /** The same header naming another header after it (a builder chains a list of headers this way). */
    Ipv6ExtensionHeader withNextHeader(IpProtocol next);

    /** True for the four protocol numbers this interface decodes. */
    static boolean isExtension(IpProtocol p) {
        int v = p.value();
        return v == 0 || v == 43 || v == 44 || v == 60;
    }

    /** Parses one extension header of type {@code type} at {@code offset}. */
    static Ipv6ExtensionHeader parse(IpProtocol type, byte[] b, int offset, int length) {
        String name = "IPv6 " + switch (type.value()) {
            case 0 -> "hop-by-hop";
            case 43 -> "routing";
            case 44 -> "fragment";
            default -> "destination options";
        };
        PacketView.require(name, "header length", 8, length);
        IpProtocol next = IpProtocol.valueOf(NetworkOrder.u8(b, offset));
        if (type.value() == 44) {
            int fo = NetworkOrder.u16(b, offset + 2);
            return new Fragment(next, fo >>> 3, (fo & 1) != 0, NetworkOrder.u32(b, offset + 4));
        }
        int len = (NetworkOrder.u8(b, offset + 1) + 1) * 8;
        PacketView.require(name, "header length", len, length);
        return switch (type.value()) {
            case 0 -> new HopByHopOptions(next, NetworkOrder.copy(b, offset + 2, len - 2));
            case 43 -> new Routing(next, NetworkOrder.u8(b, offset + 2), NetworkOrder.u8(b, offset + 3),
                    NetworkOrder.copy(b, offset + 4, len - 4));
            case 60 -> new DestinationOptions(next, NetworkOrder.copy(b, offset + 2, len - 2));
            default -> throw new IllegalArgumentException(type + " is not an IPv6 extension header");
        };
    }

    /** One TLV option of a hop-by-hop or destination options header (RFC 8200 section 4.2); Pad1 has no data. */
    record Option(int type, byte[] data) {
        public static final int PAD1 = 0;
        public static final int PADN = 1;
        public static final int ROUTER_ALERT = 5;
        public static final int JUMBO_PAYLOAD = 0xc2;

        public Option {
            if (type < 0 || type > 255 || data.length > 255) {
                throw new IllegalArgumentException("IPv6 option: type 0..255 and at most 255 bytes of data");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The data as a bounds-checked view: router alert's value (RFC 2711), a jumbo payload length (RFC 2675). */
        public MessageBytes fields() {
            return new MessageBytes("IPv6 option " + type, data, 0, data.length);
        }

        @Override
        public String toString() {
            return "opt(" + type + (data.length > 0 ? " " + HexFormat.of().formatHex(data) : "") + ")";
        }
    }

    /**
     * The options area of a hop-by-hop or destination options header holding {@code options} in order, padded with
     * Pad1 or PadN to the 8n+6 bytes the header needs (RFC 8200 section 4.2).
     */
    static byte[] optionsArea(List<Option> options) {
        int length = 0;
        for (Option o : options) {
            length += o.type() == Option.PAD1 ? 1 : 2 + o.data.length;
        }
        int padded = length + 2 <= 8 ? 6 : (length + 2 + 7) / 8 * 8 - 2;
        byte[] area = new byte[padded];
        int at = 0;
        for (Option o : options) {
            area[at++] = (byte) o.type();
            if (o.type() != Option.PAD1) {
                area[at++] = (byte) o.data.length;
                System.arraycopy(o.data, 0, area, at, o.data.length);
                at += o.data.length;
            }
        }
        if (padded - at >= 2) {
            area[at] = Option.PADN;
            area[at + 1] = (byte) (padded - at - 2);
        } // one byte left is Pad1, already 0
        return area;
    }

    /** The options of {@code area}; a malformed one throws, or with {@code lenient} ends the list before it. */
    private static List<Option> options(String name, byte[] area, boolean lenient) {
        List<Option> out = new ArrayList<>();
        int i = 0;
        while (i < area.length) {
            int type = area[i] & 0xff;
            if (type == Option.PAD1) {
                out.add(new Option(type, new byte[0]));
                i++;
                continue;
            }
            if (lenient && (i + 1 >= area.length || i + 2 + (area[i + 1] & 0xff) > area.length)) {
                return out;
            }
            if (i + 1 >= area.length) {
                throw new MalformedPacketException(name, "option " + type + " has no length byte");
            }
            int len = area[i + 1] & 0xff;
            if (i + 2 + len > area.length) {
                throw new MalformedPacketException(name, "option " + type + " length " + len + " exceeds the "
                        + (area.length - i - 2) + " bytes of options left");
            }
            out.add(new Option(type, Arrays.copyOfRange(area, i + 2, i + 2 + len)));
            i += 2 + len;
        }
        return out;
    }

    private static byte[] checkArea(byte[] area) {
        if ((area.length + 2) % 8 != 0 || area.length + 2 > 2048) {
            throw new IllegalArgumentException("IPv6 options area must be 8n+6 bytes, not " + area.length);
        }
        return area.clone();
    }

    /**
     * Hop-by-hop or destination options: one format, a TLV options area (RFC 8200 section 4.2), under two protocol
     * numbers.
     */
    sealed interface OptionsHeader extends Ipv6ExtensionHeader permits HopByHopOptions, DestinationOptions {
        /** Everything after the first two bytes: the options, padded to 8n+6 bytes. */
        byte[] area();

        default List<Option> options() {
            return Ipv6ExtensionHeader.options(protocol().equals(IpProtocol.HOPOPT) ? "IPv6 hop-by-hop"
                    : "IPv6 destination options", area(), false);
        }

        /**
         * The options before the first that overruns the area (tcpdump prints those and stops there); all of them
         * when the area is well formed.
         */
        default List<Option> wellFormedOptions() {
            return Ipv6ExtensionHeader.options("IPv6 options", area(), true);
        }

        default int bufferLength() {
            return area().length + 2;
        }

        default int emit(byte[] b, int offset) {
            byte[] area = area();
            b[offset] = (byte) nextHeader().value();
            b[offset + 1] = (byte) ((area.length + 2) / 8 - 1);
            System.arraycopy(area, 0, b, offset + 2, area.length);
            return area.length + 2;
        }
    }

    /** Hop-by-hop options (RFC 8200 section 4.3). */
    record HopByHopOptions(IpProtocol nextHeader, byte[] area) implements OptionsHeader {
        public HopByHopOptions {
            area = checkArea(area);
        }

        /** A header holding {@code options}, padded as the header needs. */
        public static HopByHopOptions of(IpProtocol nextHeader, List<Option> options) {
            return new HopByHopOptions(nextHeader, optionsArea(options));
        }

        public HopByHopOptions withNextHeader(IpProtocol next) {
            return new HopByHopOptions(next, area);
        }

        @Override
        public byte[] area() {
            return area.clone();
        }

        public IpProtocol protocol() {
            return IpProtocol.HOPOPT;
        }

        @Override
        public String toString() {
            return "HBH " + HexFormat.of().formatHex(area);
        }
    }

    /** Destination options (RFC 8200 section 4.6). */
    record DestinationOptions(IpProtocol nextHeader, byte[] area) implements OptionsHeader {
        public DestinationOptions {
            area = checkArea(area);
        }

        /** A header holding {@code options}, padded as the header needs. */
        public static DestinationOptions of(IpProtocol nextHeader, List<Option> options) {
            return new DestinationOptions(nextHeader, optionsArea(options));
        }

        public DestinationOptions withNextHeader(IpProtocol next) {
            return new DestinationOptions(next, area);
        }

        @Override
        public byte[] area() {
            return area.clone();
        }

        public IpProtocol protocol() {
            return IpProtocol.IPV6_OPTS;
        }

        @Override
        public String toString() {
            return "DSTOPT " + HexFormat.of().formatHex(area);
        }
    }

    /** A routing header (RFC 8200 section 4.4) of any type; {@code data} is type-specific. */
    record Routing(IpProtocol nextHeader, int routingType, int segmentsLeft, byte[] data)
            implements Ipv6ExtensionHeader {
        public Routing {
            if ((data.length + 4) % 8 != 0 || data.length + 4 > 2048) {
                throw new IllegalArgumentException("IPv6 routing data must be 8n+4 bytes, not " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /**
         * The data after segments left as a bounds-checked view: type 0's and 2's reserved word (RFC 8200 4.4,
         * RFC 6275 6.4), a segment routing header's last entry, flags and tag (RFC 8754 section 2), then addresses.
         */
        public MessageBytes fields() {
            return new MessageBytes("IPv6 routing", data, 0, data.length);
        }

        public Routing withNextHeader(IpProtocol next) {
            return new Routing(next, routingType, segmentsLeft, data);
        }

        public IpProtocol protocol() {
            return IpProtocol.IPV6_ROUTE;
        }

        public int bufferLength() {
            return data.length + 4;
        }

        public int emit(byte[] b, int offset) {
            b[offset] = (byte) nextHeader.value();
            b[offset + 1] = (byte) ((data.length + 4) / 8 - 1);
            b[offset + 2] = (byte) routingType;
            b[offset + 3] = (byte) segmentsLeft;
            System.arraycopy(data, 0, b, offset + 4, data.length);
            return data.length + 4;
        }

        /**
         * The final destination this header routes to when segments are left (RFC 8200 section 8.1 puts it in
         * the upper-layer pseudo-header): the last address of type 0 and 2, the first segment of an SRH (type
         * 4, RFC 8754). Empty when no segments are left or the type is not one of those.
         */
        public java.util.Optional<java.net.Inet6Address> finalDestination() {
            if (segmentsLeft == 0 || data.length < 20) {
                return java.util.Optional.empty();
            }
            return switch (routingType) {
                case 0, 2 -> java.util.Optional.of(NetworkOrder.ipv6(data, data.length - 16));
                case 4 -> java.util.Optional.of(NetworkOrder.ipv6(data, 4));
                default -> java.util.Optional.empty();
            };
        }

        @Override
        public String toString() {
            return "srcrt (type " + routingType + ", segleft " + segmentsLeft + ")";
        }
    }

    /** A fragment header (RFC 8200 section 4.5); {@code fragmentOffset} is in 8-byte units. */
    record Fragment(IpProtocol nextHeader, int fragmentOffset, boolean moreFragments, long identification)
            implements Ipv6ExtensionHeader {
        public static final int LENGTH = 8;

        public Fragment withNextHeader(IpProtocol next) {
            return new Fragment(next, fragmentOffset, moreFragments, identification);
        }

        public IpProtocol protocol() {
            return IpProtocol.IPV6_FRAG;
        }

        public int bufferLength() {
            return LENGTH;
        }

        public int emit(byte[] b, int offset) {
            b[offset] = (byte) nextHeader.value();
            b[offset + 1] = 0;
            NetworkOrder.put16(b, offset + 2, (fragmentOffset & 0x1fff) << 3 | (moreFragments ? 1 : 0));
            NetworkOrder.put32(b, offset + 4, identification);
            return LENGTH;
        }

        @Override
        public String toString() {
            return "frag (0x" + Long.toHexString(identification) + ":" + fragmentOffset * 8
                    + (moreFragments ? "+" : "") + ")";
        }
    }
}
