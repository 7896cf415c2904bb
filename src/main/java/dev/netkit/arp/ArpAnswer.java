package dev.netkit.arp;

import dev.netkit.packet.MacAddress;

import java.net.InetAddress;

/**
 * One ARP reply (or, for an NDP scan, a neighbour advertisement or a reply to multicast) to a scan or ping.
 *
 * @param ip        the address that answered
 * @param mac       the MAC it answered with
 * @param rttMs     from our request to this reply, in milliseconds
 * @param duplicate how many earlier replies this address already gave (0 for the first)
 * @param conflict  an earlier reply for this address came from a different MAC
 * @param unicast   the reply was addressed to our MAC (not broadcast)
 */
public record ArpAnswer(InetAddress ip, MacAddress mac, double rttMs, int duplicate, boolean conflict,
                        boolean unicast) {
}
