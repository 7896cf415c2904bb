package dev.netkit.sniff.print;

import dev.netkit.packet.CdpTlv;

import java.util.Arrays;

/**
 * The address TLVs of CDP as tcpdump prints them (print-cdp.c): a count, then per address its protocol (an NLPID
 * for IPv4, an LLC/SNAP header for IPv6, anything else in hex) and the address; IPv4 prefixes with their lengths.
 */
final class CdpAddressText {
    /** IPv4's NLPID (ISO/IEC TR 9577). */
    private static final int NLPID_IPV4 = 0xcc;
    /** An LLC/SNAP header naming IPv6 (RFC 1042). */
    private static final byte[] SNAP_IPV6 = {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0, (byte) 0x86, (byte) 0xdd};

    private CdpAddressText() {
    }

    /** The address TLV's value, {@code l} bytes: a count, then the entries. */
    static void addresses(StringBuilder b, CdpTlv tlv, int l) {
        if (l < CdpTlv.ADDRESS_COUNT_LENGTH) {
            b.append(" (not enough space for num)");
            tlv.needValue();
            return;
        }
        long num = tlv.addressCount();
        int e = CdpTlv.ADDRESSES;
        l -= CdpTlv.ADDRESS_COUNT_LENGTH;
        while (num != 0) {
            if (l < CdpTlv.PROTOCOL_HEADER_LENGTH) {
                b.append(" (not enough space for PT+PL)");
                tlv.needValue();
                return;
            }
            int pt = tlv.protocolType(e);
            int pl = tlv.protocolLength(e);
            l -= CdpTlv.PROTOCOL_HEADER_LENGTH;
            if (l < pl + CdpTlv.ADDRESS_LENGTH_FIELD) {
                b.append(" (not enough space for P+AL)");
                tlv.needValue();
                return;
            }
            int al = tlv.addressLength(e);
            boolean ipv4 = pt == CdpTlv.PROTOCOL_NLPID && pl == 1 && tlv.protocolByte(e, 0) == NLPID_IPV4 && al == 4;
            boolean ipv6 = pt == CdpTlv.PROTOCOL_802_2 && pl == SNAP_IPV6.length
                    && Arrays.equals(tlv.protocol(e), SNAP_IPV6) && al == 16;
            if (!ipv4 && !ipv6) {
                b.append(String.format("pt=0x%02x, pl=%d, pb=", pt, pl));
                for (int i = 0; i < pl; i++) {
                    b.append(String.format(" %02x", tlv.protocolByte(e, i)));
                }
                b.append(", al=").append(al).append(", a=");
            }
            l -= pl + CdpTlv.ADDRESS_LENGTH_FIELD;
            if (l < al) {
                b.append(" (not enough space for A)");
                tlv.needValue();
                return;
            }
            if (ipv4) {
                AddressText.ipv4(b.append("IPv4 (").append(num).append(") "), tlv.address(e, 4), 0);
            } else if (ipv6) {
                AddressText.ipv6(b.append("IPv6 (").append(num).append(") "), tlv.address(e, 16), 0);
            } else {
                for (int i = 0; i < al; i++) {
                    b.append(String.format(" %02x", tlv.addressByte(e, i)));
                }
            }
            e = tlv.nextAddress(e);
            l -= al;
            num--;
            if (num != 0) {
                b.append(' ');
            }
        }
        if (l != 0) {
            b.append(" (").append(l).append(" bytes of stray data)");
        }
    }

    /** The IPv4 prefixes TLV's value, {@code l} bytes. */
    static void prefixes(StringBuilder b, CdpTlv tlv, int l) {
        if (l % CdpTlv.PREFIX_LENGTH != 0) {
            b.append(" [length ").append(l).append(" is not a multiple of 5]");
            tlv.needValue();
            return;
        }
        b.append(" IPv4 Prefixes (").append(l / CdpTlv.PREFIX_LENGTH).append("):");
        for (int i = 0; i < l / CdpTlv.PREFIX_LENGTH; i++) {
            b.append(' ').append(tlv.prefixOctet(i, 0)).append('.').append(tlv.prefixOctet(i, 1)).append('.')
                    .append(tlv.prefixOctet(i, 2)).append('.').append(tlv.prefixOctet(i, 3)).append('/')
                    .append(tlv.prefixBits(i));
        }
    }
}
