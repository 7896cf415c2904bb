package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        Set<Inet4Address> out = new LinkedHashSet<>();
        for (String spec : specs) {
            long[] r = range(spec.strip());
            if (r[1] - r[0] + 1 + out.size() > LIMIT) {
                throw NetkitException.usage("too many targets: at most " + LIMIT + " addresses");
            }
            for (long v = r[0]; v <= r[1]; v++) {
                out.add(address(v));
            }
        }
        return List.copyOf(out);
    }

    /** The first and last address (inclusive) of one specification. */
    static long[] range(String s) {
        int dash = s.indexOf('-');
        if (dash > 0) {
            long first = v4(s.substring(0, dash), s);
            String rest = s.substring(dash + 1);
            long last;
            if (rest.indexOf('.') < 0) {
                int n = octet(rest, s);
                last = (first & 0xffffff00L) | n;
            } else {
                last = v4(rest, s);
            }
            if (last < first) {
                throw NetkitException.usage("range '" + s + "' ends before it starts");
            }
            return new long[] {first, last};
        }
        Cidr c = Cidr.parse(s);
        if (c.version() != 4) {
            throw NetkitException.usage("'" + s + "' is not IPv4: ARP is IPv4 only");
        }
        long first = c.network().lo();
        long last = c.last().lo();
        if (c.prefix() < 31) {
            first++;
            last--;
        }
        return new long[] {first, last};
    }

    private static long v4(String text, String spec) {
        IpAddress a = IpAddress.parse(text);
        if (a.version() != 4) {
            throw NetkitException.usage("'" + spec + "' is not an IPv4 range");
        }
        return a.lo();
    }

    private static int octet(String text, String spec) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw NetkitException.usage("range '" + spec + "' must end in an address or a last octet 0-255");
    }

    static Inet4Address address(long v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16),
                    (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
