package dev.netkit.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An ARP message for IPv4 over Ethernet (RFC 826), including the gratuitous announcement (RFC 5227
 * section 3) and the address probe with sender 0.0.0.0 (RFC 5227 section 2.1.1). It is 28 bytes long and
 * padded to a 60-byte Ethernet frame on the wire.
 */
public record ArpMessage(ArpOperation operation, MacAddress senderMac, Inet4Address senderIp,
                         MacAddress targetMac, Inet4Address targetIp) implements Layer {
    /** The length of an Ethernet/IPv4 ARP message. */
    public static final int LENGTH = 28;
    static final int ETHERNET = 1;

    private static final Inet4Address ANY = ipv4(new byte[4]);

    public static ArpMessage parse(ArpPacket packet) {
        if (packet.hardwareType() != ETHERNET || packet.hardwareLength() != 6) {
            throw new MalformedPacketException("ARP", "hardware type " + packet.hardwareType() + " length "
                    + packet.hardwareLength() + " is not Ethernet (1, 6 bytes)");
        }
        if (!packet.protocolType().equals(EtherType.IPV4) || packet.protocolLength() != 4) {
            throw new MalformedPacketException("ARP", "protocol type " + packet.protocolType() + " length "
                    + packet.protocolLength() + " is not IPv4 (0x0800, 4 bytes)");
        }
        byte[] b = packet.buffer();
        int at = packet.offset() + ArpPacket.ADDRESSES;
        return new ArpMessage(packet.operation(), MacAddress.read(b, at), NetworkOrder.ipv4(b, at + 6),
                MacAddress.read(b, at + 10), NetworkOrder.ipv4(b, at + 16));
    }

    /** Who has {@code targetIp}? Tell {@code senderIp}. */
    public static ArpMessage request(MacAddress senderMac, Inet4Address senderIp, Inet4Address targetIp) {
        return new ArpMessage(ArpOperation.REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** {@code senderIp} is at {@code senderMac}, sent to the asker. */
    public static ArpMessage reply(MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac,
                                   Inet4Address targetIp) {
        return new ArpMessage(ArpOperation.REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    /** A gratuitous ARP announcement: a request whose sender and target IP are both {@code ip}. */
    public static ArpMessage gratuitous(MacAddress mac, Inet4Address ip) {
        return new ArpMessage(ArpOperation.REQUEST, mac, ip, MacAddress.ZERO, ip);
    }

    /** An address-conflict probe: a request from 0.0.0.0 for {@code ip}. */
    public static ArpMessage probe(MacAddress mac, Inet4Address ip) {
        return new ArpMessage(ArpOperation.REQUEST, mac, ANY, MacAddress.ZERO, ip);
    }

    /**
     * True when this is a reply from {@code asked} (any address when null) that {@code self} did not send: the
     * answer to our request, as arp-scan, arping and the next-hop resolver take it.
     */
    public boolean answers(Inet4Address asked, MacAddress self) {
        return operation.equals(ArpOperation.REPLY) && (asked == null || senderIp.equals(asked))
                && (self == null || !senderMac.equals(self));
    }

    public boolean isGratuitous() {
        return senderIp.equals(targetIp) && !senderIp.equals(ANY);
    }

    public boolean isProbe() {
        return operation.equals(ArpOperation.REQUEST) && senderIp.equals(ANY);
    }

    public int bufferLength() {
        return LENGTH;
    }

    public int emit(byte[] buffer, int offset) {
        NetworkOrder.put16(buffer, offset + ArpPacket.HARDWARE_TYPE, ETHERNET);
        NetworkOrder.put16(buffer, offset + ArpPacket.PROTOCOL_TYPE, EtherType.IPV4.value());
        buffer[offset + ArpPacket.HARDWARE_LENGTH] = 6;
        buffer[offset + ArpPacket.PROTOCOL_LENGTH] = 4;
        NetworkOrder.put16(buffer, offset + ArpPacket.OPERATION, operation.value());
        int at = offset + ArpPacket.ADDRESSES;
        senderMac.write(buffer, at);
        NetworkOrder.putAddress(buffer, at + 6, senderIp);
        targetMac.write(buffer, at + 10);
        NetworkOrder.putAddress(buffer, at + 16, targetIp);
        return LENGTH;
    }

    /**
     * The whole Ethernet frame, padded with zeros to 60 bytes: replies go to the target's MAC, requests
     * (including gratuitous and probe) to broadcast.
     */
    public byte[] toFrame() {
        MacAddress to = operation.equals(ArpOperation.REPLY) ? targetMac : MacAddress.BROADCAST;
        EthernetHeader eth = EthernetHeader.of(to, senderMac, EtherType.ARP);
        byte[] frame = new byte[Math.max(EthernetFrame.MINIMUM_LENGTH, eth.bufferLength() + LENGTH)];
        int at = eth.emit(frame, 0);
        emit(frame, at);
        return frame;
    }

    private static Inet4Address ipv4(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        if (operation.equals(ArpOperation.REQUEST)) {
            return "Request who-has " + targetIp.getHostAddress() + " tell " + senderIp.getHostAddress();
        }
        if (operation.equals(ArpOperation.REPLY)) {
            return "Reply " + senderIp.getHostAddress() + " is-at " + senderMac;
        }
        return operation + " " + senderIp.getHostAddress() + " " + senderMac + " -> " + targetIp.getHostAddress();
    }
}
