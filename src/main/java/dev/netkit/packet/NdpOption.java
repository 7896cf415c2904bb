package dev.netkit.packet;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Neighbor Discovery option (RFC 4861 section 4.6): source/target link-layer address, prefix
 * information, MTU, or an unknown type kept as bytes. Lengths are in units of 8 bytes on the wire.
 */
public sealed interface NdpOption {
    int SOURCE_LINK_LAYER_ADDRESS = 1;
    int TARGET_LINK_LAYER_ADDRESS = 2;
    int PREFIX_INFORMATION = 3;
    int MTU = 5;

    int type();

    /** Bytes on the wire, a multiple of 8. */
    int length();

    void write(byte[] buffer, int offset);

    /** Source (type 1) or target (type 2) link-layer address (RFC 4861 section 4.6.1). */
    record LinkLayerAddress(int type, byte[] address) implements NdpOption {
        public LinkLayerAddress {
            if (address.length > 255 * 8 - 2) {
                throw new IllegalArgumentException("link-layer address too long: " + address.length);
            }
            address = address.clone();
        }

        public static LinkLayerAddress source(MacAddress mac) {
            return new LinkLayerAddress(SOURCE_LINK_LAYER_ADDRESS, mac.octets());
        }

        public static LinkLayerAddress target(MacAddress mac) {
            return new LinkLayerAddress(TARGET_LINK_LAYER_ADDRESS, mac.octets());
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        /** The address as a MAC, when it has 6 bytes. */
        public MacAddress mac() {
            return MacAddress.of(address);
        }

        public int length() {
            return (2 + address.length + 7) / 8 * 8;
        }

        public void write(byte[] b, int o) {
            Arrays.fill(b, o, o + length(), (byte) 0);
            b[o] = (byte) type;
            b[o + 1] = (byte) (length() / 8);
            System.arraycopy(address, 0, b, o + 2, address.length);
        }

        @Override
        public String toString() {
            return (type == SOURCE_LINK_LAYER_ADDRESS ? "source" : "target") + " link-address "
                    + HexFormat.ofDelimiter(":").formatHex(address);
        }
    }

    /** Prefix information (type 3, RFC 4861 section 4.6.2); flags hold L (0x80) and A (0x40). */
    record PrefixInformation(int prefixLength, int flags, long validLifetime, long preferredLifetime,
                             Inet6Address prefix) implements NdpOption {
        public int type() {
            return PREFIX_INFORMATION;
        }

        public boolean onLink() {
            return (flags & 0x80) != 0;
        }

        public boolean autonomous() {
            return (flags & 0x40) != 0;
        }

        public int length() {
            return 32;
        }

        public void write(byte[] b, int o) {
            Arrays.fill(b, o, o + 32, (byte) 0);
            b[o] = PREFIX_INFORMATION;
            b[o + 1] = 4;
            b[o + 2] = (byte) prefixLength;
            b[o + 3] = (byte) flags;
            NetworkOrder.put32(b, o + 4, validLifetime);
            NetworkOrder.put32(b, o + 8, preferredLifetime);
            NetworkOrder.putAddress(b, o + 16, prefix);
        }

        @Override
        public String toString() {
            return "prefix info " + prefix.getHostAddress() + "/" + prefixLength + " valid " + validLifetime
                    + "s pref " + preferredLifetime + "s";
        }
    }

    /** The link MTU (type 5, RFC 4861 section 4.6.4). */
    record Mtu(long mtu) implements NdpOption {
        public int type() {
            return MTU;
        }

        public int length() {
            return 8;
        }

        public void write(byte[] b, int o) {
            b[o] = MTU;
            b[o + 1] = 1;
            b[o + 2] = 0;
            b[o + 3] = 0;
            NetworkOrder.put32(b, o + 4, mtu);
        }

        @Override
        public String toString() {
            return "mtu " + mtu;
        }
    }

    /** Any other option (RFC 4861 section 4.6): its type and the bytes after type and length. */
    record Unknown(int type, byte[] data) implements NdpOption {
        public Unknown {
            if ((data.length + 2) % 8 != 0 || data.length + 2 > 255 * 8) {
                throw new IllegalArgumentException("NDP option data must be 8n-2 bytes, not " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /**
         * The data (after type and length) as a bounds-checked view, for the fields of types this codec keeps as
         * bytes: route information's prefix length, flags and lifetime (RFC 4191), RDNSS's and DNSSL's lifetime and
         * addresses (RFC 8106), PREF64's lifetime and prefix (RFC 8781).
         */
        public MessageBytes fields() {
            return new MessageBytes("ICMPv6 option " + type, data, 0, data.length);
        }

        public int length() {
            return data.length + 2;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) type;
            b[o + 1] = (byte) (length() / 8);
            System.arraycopy(data, 0, b, o + 2, data.length);
        }

        @Override
        public String toString() {
            return "option " + type + " " + HexFormat.of().formatHex(data);
        }
    }

    static List<NdpOption> parseAll(byte[] b, int offset, int length) {
        List<NdpOption> out = new ArrayList<>();
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (i + 2 > end) {
                throw new MalformedPacketException("ICMPv6", "option at byte " + (i - offset) + " has no length byte");
            }
            int type = b[i] & 0xff;
            int len = (b[i + 1] & 0xff) * 8;
            if (len == 0) {
                throw new MalformedPacketException("ICMPv6", "option " + type + " has length 0");
            }
            if (i + len > end) {
                throw new MalformedPacketException("ICMPv6", "option " + type + " length " + len + " exceeds the "
                        + (end - i) + " bytes of options left");
            }
            out.add(switch (type) {
                case SOURCE_LINK_LAYER_ADDRESS, TARGET_LINK_LAYER_ADDRESS ->
                        new LinkLayerAddress(type, NetworkOrder.copy(b, i + 2, len - 2));
                case PREFIX_INFORMATION -> {
                    if (len != 32) {
                        throw new MalformedPacketException("ICMPv6", "prefix information option length " + len
                                + " is not 32");
                    }
                    yield new PrefixInformation(b[i + 2] & 0xff, b[i + 3] & 0xff, NetworkOrder.u32(b, i + 4),
                            NetworkOrder.u32(b, i + 8), NetworkOrder.ipv6(b, i + 16));
                }
                case MTU -> {
                    if (len != 8) {
                        throw new MalformedPacketException("ICMPv6", "MTU option length " + len + " is not 8");
                    }
                    yield new Mtu(NetworkOrder.u32(b, i + 4));
                }
                default -> new Unknown(type, NetworkOrder.copy(b, i + 2, len - 2));
            });
            i += len;
        }
        return out;
    }

    static int lengthOf(List<NdpOption> options) {
        int n = 0;
        for (NdpOption o : options) {
            n += o.length();
        }
        return n;
    }
}
