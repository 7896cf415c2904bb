package dev.netkit.packet;

/**
 * The PPP header of LINKTYPE_PPP (RFC 1661 section 2, the address and control of RFC 1662 when present) and of
 * LINKTYPE_PPP_HDLC (RFC 1662: always an address and a control byte). {@code address} is -1 when the frame has
 * none (address and control field compression); {@code protocol} is the PPP protocol number (RFC 1661's
 * protocol field, one byte when compressed); {@code length} the header's bytes.
 */
public record PppHeader(int address, int control, int protocol, int length) implements Layer {
    /** RFC 1662's all-stations address and unnumbered-information control. */
    public static final int ALL_STATIONS = 0xff;
    public static final int UI = 0x03;
    /** The address byte pppd writes in captures of LINKTYPE_PPP: 0 received, 1 sent (tcpdump's PPP_PPPD_IN/OUT). */
    public static final int PPPD_IN = 0x00;
    public static final int PPPD_OUT = 0x01;

    /**
     * Reads LINKTYPE_PPP's header: the address and control bytes when they are ff 03 or pppd's direction, then a
     * protocol of one byte when its low bit is set, else two.
     */
    public static PppHeader parse(byte[] b, int offset, int length) {
        PacketView.require("PPP", "header", 4, length);
        int first = NetworkOrder.u16(b, offset);
        int at = offset;
        int address = -1;
        int control = -1;
        if (first == (ALL_STATIONS << 8 | UI) || first == (PPPD_IN << 8 | UI) || first == (PPPD_OUT << 8 | UI)) {
            address = first >> 8;
            control = UI;
            at += 2;
        }
        int protocol;
        if ((b[at] & 1) != 0) {
            protocol = b[at] & 0xff;
            at++;
        } else {
            protocol = NetworkOrder.u16(b, at);
            at += 2;
        }
        return new PppHeader(address, control, protocol, at - offset);
    }

    /** Reads LINKTYPE_PPP_HDLC's header: address, control and a two-byte protocol. */
    public static PppHeader parseHdlc(byte[] b, int offset, int length) {
        PacketView.require("PPP", "HDLC header", 4, length);
        return new PppHeader(b[offset] & 0xff, b[offset + 1] & 0xff, NetworkOrder.u16(b, offset + 2), 4);
    }

    /** IPv4: PPP's 0x0021, Van Jacobson's uncompressed TCP/IP 0x002f, and the EtherType some stacks put here. */
    public boolean isIpv4() {
        return protocol == 0x0021 || protocol == 0x002f || protocol == 0x0800;
    }

    /** IPv6: PPP's 0x0057 (RFC 5072), or its EtherType. */
    public boolean isIpv6() {
        return protocol == 0x0057 || protocol == 0x86dd;
    }

    @Override
    public String toString() {
        return String.format("PPP protocol 0x%04x", protocol);
    }
}
