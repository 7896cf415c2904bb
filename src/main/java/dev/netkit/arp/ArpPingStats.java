package dev.netkit.arp;

import dev.netkit.packet.MacAddress;

import java.util.List;

/**
 * What an arp ping run did.
 *
 * @param sent       probes sent
 * @param broadcasts of which sent to the broadcast address
 * @param received   replies received
 * @param macs       the distinct MACs that answered, in order (more than one is a conflict)
 */
public record ArpPingStats(int sent, int broadcasts, int received, List<MacAddress> macs) {
    public boolean conflict() {
        return macs.size() > 1;
    }
}
