package dev.netkit.arp;

import dev.netkit.packet.MacAddress;
import dev.netkit.address.Cidr;

import java.net.Inet4Address;

/**
 * Where ARP is sent from: the interface, its MAC and its IPv4 address with prefix (the attached subnet).
 */
public record ArpEndpoint(String iface, MacAddress mac, Inet4Address ip, int prefixLength) {
    /** The attached subnet. */
    public Cidr prefix() {
        return Cidr.of(ip, prefixLength);
    }
}
