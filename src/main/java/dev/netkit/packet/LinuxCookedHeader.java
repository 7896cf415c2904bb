package dev.netkit.packet;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The pseudo link-layer header of a Linux "any" capture: SLL v1 (16 bytes) or SLL2 (20 bytes), as
 * libpcap's LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2 define them (tcpdump.org linktypes, RFC 9495).
 */
public record LinuxCookedHeader(int version, int packetType, int hardwareType, byte[] address, EtherType protocol,
                                int interfaceIndex) implements Layer {
    public static final int V1_LENGTH = 16;
    public static final int V2_LENGTH = 20;

    public LinuxCookedHeader {
        address = address.clone();
    }

    /** Parses a v1 header: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
    public static LinuxCookedHeader parseV1(byte[] b, int offset, int length) {
        PacketView.require("SLL", "header length", V1_LENGTH, length);
        int addressLength = Math.min(8, NetworkOrder.u16(b, offset + 4));
        return new LinuxCookedHeader(1, NetworkOrder.u16(b, offset), NetworkOrder.u16(b, offset + 2),
                NetworkOrder.copy(b, offset + 6, addressLength), EtherType.valueOf(NetworkOrder.u16(b, offset + 14)), 0);
    }

    /** Parses a v2 header: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
    public static LinuxCookedHeader parseV2(byte[] b, int offset, int length) {
        PacketView.require("SLL2", "header length", V2_LENGTH, length);
        int addressLength = Math.min(8, NetworkOrder.u8(b, offset + 11));
        return new LinuxCookedHeader(2, NetworkOrder.u8(b, offset + 10), NetworkOrder.u16(b, offset + 8),
                NetworkOrder.copy(b, offset + 12, addressLength), EtherType.valueOf(NetworkOrder.u16(b, offset)),
                (int) NetworkOrder.u32(b, offset + 4));
    }

    public int bufferLength() {
        return version == 1 ? V1_LENGTH : V2_LENGTH;
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinuxCookedHeader h && h.version == version && h.packetType == packetType
                && h.hardwareType == hardwareType && Arrays.equals(h.address, address) && h.protocol.equals(protocol)
                && h.interfaceIndex == interfaceIndex;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + protocol.hashCode();
    }

    @Override
    public String toString() {
        String[] types = {"In", "B", "M", "P", "Out"};
        return (packetType < types.length ? types[packetType] : "type " + packetType) + " "
                + HexFormat.ofDelimiter(":").formatHex(address) + " ethertype " + protocol;
    }
}
