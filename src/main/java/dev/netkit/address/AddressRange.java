package dev.netkit.address;

import dev.netkit.NetkitException;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Consecutive addresses of one family, {@code first..last} inclusive: the one expander of target lists (arp-scan's,
 * nmap's, fping -g's). Written as an address, a CIDR block ({@code ADDR/LEN} or {@code ADDR/NETMASK}), a range
 * {@code FIRST-LAST}, or {@code FIRST-N} where N replaces the last IPv4 octet (decimal) or IPv6 group (hex).
 *
 * @param block the prefix length when written as a CIDR block, else -1
 */
public record AddressRange(IpAddress first, IpAddress last, int block) {

    public AddressRange {
        if (first.version() != last.version() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException(first + "-" + last);
        }
    }

    /** Parses one target specification (see the class comment); a usage error says what is wrong. */
    public static AddressRange parse(String spec) {
        String s = spec.strip();
        int dash = s.indexOf('-');
        if (dash <= 0) {
            Cidr c = Cidr.parse(s);
            return new AddressRange(c.network(), c.last(), s.indexOf('/') < 0 ? -1 : c.prefix());
        }
        IpAddress first = IpAddress.parse(s.substring(0, dash));
        String rest = s.substring(dash + 1);
        IpAddress last;
        if (first.version() == 4 && rest.indexOf('.') < 0) {
            last = IpAddress.v4((first.lo() & 0xffffff00L) | lastPart(rest, 10, 255, s, "octet 0-255"));
        } else if (first.version() == 6 && rest.indexOf(':') < 0) {
            last = IpAddress.v6(first.hi(), (first.lo() & ~0xffffL) | lastPart(rest, 16, 0xffff, s, "group 0-ffff"));
        } else {
            last = IpAddress.parse(rest);
            if (last.version() != first.version()) {
                throw NetkitException.usage("'" + s + "' is not an IPv" + first.version() + " range");
            }
        }
        if (last.compareTo(first) < 0) {
            throw NetkitException.usage("range '" + s + "' ends before it starts");
        }
        return new AddressRange(first, last, -1);
    }

    /**
     * Every address the specifications name, in order, each once: {@link #hosts(boolean)} of each after
     * {@code check} has seen it (a family check, say). More than {@code limit} addresses is a usage error whose
     * message is {@code tooMany}.
     */
    public static List<InetAddress> expand(List<String> specs, boolean anycastToo, int limit, String tooMany,
            BiConsumer<String, AddressRange> check) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String spec : specs) {
            AddressRange r = parse(spec);
            check.accept(spec.strip(), r);
            r = r.hosts(anycastToo);
            if (r.size() > limit - out.size()) {
                throw NetkitException.usage(tooMany);
            }
            out.addAll(r.addresses());
        }
        return List.copyOf(out);
    }

    private static int lastPart(String text, int radix, int max, String spec, String what) {
        try {
            int n = Integer.parseInt(text, radix);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw NetkitException.usage("range '" + spec + "' must end in an address or a last " + what);
    }

    public int version() {
        return first.version();
    }

    /**
     * The hosts of a block: an IPv4 block shorter than /31 without its network and broadcast address (as arp-scan,
     * nmap and fping count them); {@code anycastToo} false also leaves out the IPv6 Subnet-Router anycast address
     * (RFC 4291 section 2.6.1, all host bits zero) of a block shorter than /127. Ranges and addresses stay whole.
     */
    public AddressRange hosts(boolean anycastToo) {
        if (block < 0) {
            return this;
        }
        if (version() == 4 && block < 31) {
            return new AddressRange(first.plus(1), last.plus(-1), block);
        }
        if (version() == 6 && block < 127 && !anycastToo) {
            return new AddressRange(first.plus(1), last, block);
        }
        return this;
    }

    /** The number of addresses, or Long.MAX_VALUE when it is 2^63 or more. */
    public long size() {
        BigInteger n = last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
        return n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
    }

    /** Every address, in order; the caller bounds the size first. */
    public List<InetAddress> addresses() {
        long n = size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("range of " + n + " addresses");
        }
        List<InetAddress> out = new ArrayList<>((int) n);
        IpAddress a = first;
        for (long i = 0; i < n; i++) {
            out.add(a.toInetAddress());
            if (i + 1 < n) {
                a = a.plus(1); // not past the last: 255.255.255.255 has no successor
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
