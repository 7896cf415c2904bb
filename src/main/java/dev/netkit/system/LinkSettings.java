package dev.netkit.system;

import java.nio.charset.StandardCharsets;

/**
 * An Ethernet link's speed, duplex and autonegotiation as the driver reports them (ethtool's
 * ETHTOOL_GLINKSETTINGS, the lines {@code Speed}, {@code Duplex} and {@code Auto-negotiation} of {@code ethtool IF});
 * a veth says 10000 Mb/s, full duplex, autonegotiation off.
 *
 * @param speedMbps the speed in Mb/s, or -1 when unknown (no carrier)
 * @param duplex    "full", "half", or null when unknown
 */
public record LinkSettings(long speedMbps, String duplex, boolean autoneg) {

    /** The settings of the interface, or null when its driver has none (loopback, tunnels) or they cannot be read. */
    public static LinkSettings read(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (!Libc.loaded() || n.length == 0 || n.length >= 16) {
            return null;
        }
        int[] v = new int[4];
        if (Libc.ethtoolLink(n, v) != 0) {
            return null;
        }
        // SPEED_UNKNOWN is (u32) -1; the kernel also says 0 for "no speed"
        long speed = v[0] == -1 || v[0] == 0 ? -1 : Integer.toUnsignedLong(v[0]);
        String duplex = switch (v[1]) {
            case 0 -> "half";
            case 1 -> "full";
            default -> null;
        };
        return new LinkSettings(speed, duplex, v[2] != 0);
    }

    /** ethtool's words: {@code 10000Mb/s}, or {@code Unknown!}. */
    public String speedText() {
        return speedMbps < 0 ? "Unknown!" : speedMbps + "Mb/s";
    }
}
