package dev.netkit.system;

import java.util.List;

/**
 * One entry of the kernel's neighbour table (ARP for IPv4, NDP for IPv6), as {@code ip neigh} shows it.
 *
 * @param ip     the neighbour's address, as ip prints it
 * @param mac    its link-layer address, or null while unresolved (INCOMPLETE, FAILED)
 * @param iface  the interface it was learnt on
 * @param states NUD states: REACHABLE, STALE, DELAY, PROBE, PERMANENT, NOARP, FAILED, INCOMPLETE
 * @param router true when the neighbour said it is a router (IPv6)
 */
public record Neighbor(String ip, String mac, String iface, List<String> states, boolean router) {

    /** The states joined with commas, as ip neigh prints them. */
    public String state() {
        return states.isEmpty() ? "NONE" : String.join(",", states);
    }

    public boolean isV6() {
        return ip.indexOf(':') >= 0;
    }
}
