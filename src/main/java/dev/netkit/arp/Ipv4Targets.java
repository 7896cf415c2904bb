package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.address.AddressRange;

import java.net.Inet4Address;
import java.util.List;

/**
 * IPv4 targets as arp-scan takes them: an address, a CIDR block (network and broadcast address left out below
 * /31), a range {@code 198.18.1.10-198.18.1.20} or {@code 198.18.1.10-20}. At most {@value #LIMIT} addresses.
 */
public final class Ipv4Targets {
    public static final int LIMIT = 1 << 16;

    private Ipv4Targets() {
    }

    /** Every address the specifications name, in order, each once. */
    public static List<Inet4Address> expand(List<String> specs) {
        return AddressRange.expand(specs, true, LIMIT, "too many targets: at most " + LIMIT + " addresses",
                (s, r) -> {
                    if (r.version() != 4) {
                        throw NetkitException.usage(s.indexOf('-') > 0 ? "'" + s + "' is not an IPv4 range"
                                : "'" + s + "' is not IPv4: ARP is IPv4 only");
                    }
                }).stream().map(a -> (Inet4Address) a).toList();
    }
}
