package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        Set<Inet6Address> out = new LinkedHashSet<>();
        for (String spec : specs) {
            IpAddress[] r = range(spec.strip());
            if (r[0].hi() != r[1].hi() || Long.compareUnsigned(r[1].lo() - r[0].lo(), LIMIT - out.size()) >= 0) {
                throw NetkitException.usage("too many targets: at most " + LIMIT + " addresses (a /112); "
                        + "--localnet finds the hosts of a whole /64");
            }
            for (long v = r[0].lo(); Long.compareUnsigned(v, r[1].lo()) <= 0; v++) {
                out.add(address(IpAddress.v6(r[0].hi(), v)));
                if (v == r[1].lo()) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    static IpAddress[] range(String s) {
        int dash = s.indexOf('-');
        if (dash > 0) {
            IpAddress first = v6(s.substring(0, dash), s);
            String rest = s.substring(dash + 1);
            IpAddress last;
            if (rest.indexOf(':') < 0) {
                int group;
                try {
                    group = Integer.parseInt(rest, 16);
                } catch (NumberFormatException e) {
                    group = -1;
                }
                if (group < 0 || group > 0xffff) {
                    throw NetkitException.usage("range '" + s + "' must end in an address or a last group 0-ffff");
                }
                last = IpAddress.v6(first.hi(), (first.lo() & ~0xffffL) | group);
            } else {
                last = v6(rest, s);
            }
            if (last.compareTo(first) < 0) {
                throw NetkitException.usage("range '" + s + "' ends before it starts");
            }
            return new IpAddress[] {first, last};
        }
        Cidr c;
        try {
            c = Cidr.parse(s);
        } catch (NetkitException e) {
            throw NetkitException.usage("'" + s + "' is not an IPv6 address, CIDR or range");
        }
        if (c.version() != 6) {
            throw NetkitException.usage("'" + s + "' is not IPv6: --ndp scans IPv6 (without it, arp scan is IPv4)");
        }
        if (c.prefix() < 112) {
            throw NetkitException.usage("'" + s + "' is too large to ask address by address (at most a /112); "
                    + "--localnet finds the hosts of a whole /64");
        }
        IpAddress first = c.network();
        if (c.prefix() < 127) {
            first = first.plus(1);
        }
        return new IpAddress[] {first, c.last()};
    }

    private static IpAddress v6(String text, String spec) {
        IpAddress a;
        try {
            a = IpAddress.parse(text);
        } catch (NetkitException e) {
            throw NetkitException.usage("'" + spec + "' is not an IPv6 range");
        }
        if (a.version() != 6) {
            throw NetkitException.usage("'" + spec + "' is not an IPv6 range");
        }
        return a;
    }

    static Inet6Address address(IpAddress a) {
        try {
            return (Inet6Address) InetAddress.getByAddress(a.bytes());
        } catch (UnknownHostException | ClassCastException e) {
            throw new AssertionError(e);
        }
    }
}
