package dev.netkit.arp;

import dev.netkit.packet.MacAddress;
import dev.netkit.address.Cidr;

import java.net.Inet6Address;

/**
 * Where neighbour discovery is sent from: the interface, its MAC, the address probes come from (a global one on
 * the link when there is one, else the link-local one) with its prefix length, and the link-local address.
 */
public record NdpEndpoint(String iface, MacAddress mac, Inet6Address ip, int prefixLength, Inet6Address linkLocal) {
    /** The prefix on the link that {@code ip} belongs to. */
    public Cidr prefix() {
        return Cidr.of(ip, prefixLength);
    }
}
