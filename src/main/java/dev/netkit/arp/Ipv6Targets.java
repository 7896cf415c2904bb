package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.address.AddressRange;

import java.net.Inet6Address;
import java.util.List;

/**
 * IPv6 targets of an NDP scan: an address, a CIDR block of at most {@value #LIMIT} addresses (/112 or longer; the
 * all-zeros Subnet-Router anycast address left out), or a range {@code 2001:db8:1::1-2001:db8:1::20} or
 * {@code 2001:db8:1::1-20} (the last group, in hex). A /64 cannot be enumerated: use --localnet for it.
 */
public final class Ipv6Targets {
    public static final int LIMIT = 1 << 16;

    private Ipv6Targets() {
    }

    /** Every address the specifications name, in order, each once. */
    public static List<Inet6Address> expand(List<String> specs) {
        for (String spec : specs) {
            String s = spec.strip();
            try {
                AddressRange.parse(s);
            } catch (NetkitException e) {
                if (e.getMessage().startsWith("range '")) {
                    throw e; // already says what is wrong with the range
                }
                throw NetkitException.usage(s.indexOf('-') > 0 ? "'" + s + "' is not an IPv6 range"
                        : "'" + s + "' is not an IPv6 address, CIDR or range");
            }
        }
        return AddressRange.expand(specs, false, LIMIT, "too many targets: at most " + LIMIT + " addresses (a /112); "
                + "--localnet finds the hosts of a whole /64", (s, r) -> {
                    if (r.version() != 6) {
                        throw NetkitException.usage(s.indexOf('-') > 0 ? "'" + s + "' is not an IPv6 range"
                                : "'" + s + "' is not IPv6: --ndp scans IPv6 (without it, arp scan is IPv4)");
                    }
                    if (r.block() >= 0 && r.block() < 112) {
                        throw NetkitException.usage("'" + s + "' is too large to ask address by address (at most a "
                                + "/112); --localnet finds the hosts of a whole /64");
                    }
                }).stream().map(a -> (Inet6Address) a).toList();
    }
}
