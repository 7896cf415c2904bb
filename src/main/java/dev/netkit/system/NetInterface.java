package dev.netkit.system;

import java.util.List;

/**
 * One network interface: what {@code ip addr} shows plus the counters of /sys/class/net/NAME/statistics.
 *
 * @param state    operstate: UP, DOWN, UNKNOWN (loopback and tunnels), LOWERLAYERDOWN, ...
 * @param flags    IFF_* names as ip prints them: UP, BROADCAST, LOOPBACK, MULTICAST, LOWER_UP, ...
 * @param mac      link-layer address, null when the link has none
 * @param linkType ether, loopback, none, ...
 * @param master   the bridge or bond this interface is enslaved to, or null
 */
public record NetInterface(int index, String name, String state, List<String> flags, int mtu, String mac,
                           String linkType, String master, List<Address> addresses, Counters counters) {

    /** An address on the interface: {@code family} is inet or inet6; broadcast only for IPv4. */
    public record Address(String family, String address, int prefixLength, String broadcast, String scope,
                          List<String> flags) {
        public String cidr() {
            return address + "/" + prefixLength;
        }

        public boolean isV6() {
            return family.equals("inet6");
        }
    }

    /** The kernel's interface counters (struct rtnl_link_stats64). */
    public record Counters(long rxBytes, long txBytes, long rxPackets, long txPackets, long rxErrors, long txErrors,
                           long rxDropped, long txDropped) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public NetInterface withCounters(Counters c) {
        return new NetInterface(index, name, state, flags, mtu, mac, linkType, master, addresses, c);
    }
}
