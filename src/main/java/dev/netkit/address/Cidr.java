package dev.netkit.address;

import dev.netkit.NetkitException;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An address with a prefix length (RFC 4632 CIDR, RFC 4291 section 2.3). The address keeps its host bits,
 * so {@code 192.0.2.130/26} remembers .130; {@link #network()} clears them.
 */
public record Cidr(IpAddress address, int prefix) implements Comparable<Cidr> {

    /** The most subnets one split may produce. */
    public static final int MAX_SPLIT = 1 << 24;

    public Cidr {
        if (prefix < 0 || prefix > address.bits()) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
    }

    /**
     * Parses {@code ADDR}, {@code ADDR/LEN} or {@code ADDR/NETMASK}; a bare address is a /32 or /128.
     */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            IpAddress a = IpAddress.parse(s);
            return new Cidr(a, a.bits());
        }
        IpAddress a = IpAddress.parse(s.substring(0, slash));
        return new Cidr(a, parsePrefix(a.version(), s.substring(slash + 1)));
    }

    /** Parses {@code ADDR} and a separate netmask or prefix length ({@code 255.255.240.0}, {@code 20}, {@code /20}). */
    public static Cidr parse(String address, String mask) {
        IpAddress a = IpAddress.parse(address);
        String m = mask.strip();
        return new Cidr(a, parsePrefix(a.version(), m.startsWith("/") ? m.substring(1) : m));
    }

    /** The prefix of a JDK address and a length, as the kernel's tables give them. */
    public static Cidr of(InetAddress address, int prefix) {
        return new Cidr(IpAddress.of(address), prefix);
    }

    /**
     * Parses a destination as ip-route(8) writes it: {@code ADDR/LEN}, {@code ADDR/NETMASK}, a bare address (a host
     * prefix) or {@code default} (also {@code any}), whose family {@code v6IfDefault} says. An IPv6 zone is dropped.
     */
    public static Cidr parseRoute(String text, boolean v6IfDefault) {
        if (text.equals("default") || text.equals("any")) {
            return new Cidr(v6IfDefault ? IpAddress.v6(0, 0) : IpAddress.v4(0), 0);
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        int zone = addr.indexOf('%');
        IpAddress a;
        try {
            a = IpAddress.parse(zone < 0 ? addr : addr.substring(0, zone));
        } catch (NetkitException e) {
            throw NetkitException.usage("'" + text + "' is not a prefix: '" + addr + "' is not an IP address");
        }
        int max = a.bits();
        int len = max;
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (l.contains(".") && a.version() == 4) {
                try {
                    len = IpAddress.parse(l).maskLength();
                } catch (NetkitException e) {
                    throw NetkitException.usage("'" + l + "' is not an IPv4 or IPv6 address (netmask)");
                }
                if (len < 0) {
                    throw NetkitException.usage("netmask " + l + " is not contiguous");
                }
            } else {
                try {
                    len = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    len = -1;
                }
            }
            if (len < 0 || len > max) {
                throw NetkitException.usage("'" + text + "': prefix length '" + l + "' is not in 0.." + max);
            }
        }
        return new Cidr(a, len);
    }

    /** A prefix length (0..32 or 0..128) or, for IPv4, a contiguous dotted netmask. */
    public static int parsePrefix(int version, String text) {
        String p = text.strip();
        int max = version == 4 ? 32 : 128;
        if (p.isEmpty()) {
            throw NetkitException.usage("missing prefix length after '/': write e.g. /24");
        }
        if (version == 4 && p.indexOf('.') >= 0) {
            long m;
            try {
                m = IpAddress.parseV4(p, p);
            } catch (NetkitException e) {
                throw NetkitException.usage("'" + p + "' is not a netmask: " + e.getMessage().replaceFirst("^'[^']*' is not an IPv4 address: ", ""));
            }
            int len = IpAddress.v4(m).maskLength();
            if (len < 0) {
                throw NetkitException.usage("'" + p + "' is not a valid netmask: its one bits are not contiguous"
                        + " (a netmask is ones then zeros, like 255.255.240.0)");
            }
            return len;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) < '0' || p.charAt(i) > '9' || i > 3) {
                throw NetkitException.usage("'" + p + "' is not a prefix length: use a number from 0 to " + max
                        + (version == 4 ? " or a netmask like 255.255.255.0" : ""));
            }
        }
        int len = Integer.parseInt(p);
        if (len > max) {
            throw NetkitException.usage("prefix length /" + len + " is out of range: IPv" + version
                    + " prefixes are /0 to /" + max);
        }
        return len;
    }

    public int version() {
        return address.version();
    }

    public IpAddress netmask() {
        return IpAddress.mask(version(), prefix);
    }

    /** The inverse mask (Cisco wildcard): the host bits set. */
    public IpAddress wildcard() {
        return netmask().not();
    }

    /** The first address: the address with its host bits cleared. */
    public IpAddress network() {
        return address.and(netmask());
    }

    /** The last address: all host bits set (the IPv4 broadcast for prefixes up to /30). */
    public IpAddress last() {
        return address.or(wildcard());
    }

    /** This prefix with the host bits of its address cleared. */
    public Cidr normalized() {
        return new Cidr(network(), prefix);
    }

    /** 2^(bits - prefix), exact. */
    public BigInteger totalAddresses() {
        return BigInteger.ONE.shiftLeft(address.bits() - prefix);
    }

    public boolean contains(IpAddress a) {
        return a.version() == version() && address.samePrefix(a, prefix);
    }

    /** True when {@code a} is of the same family and its first {@code prefix} bits equal this prefix's. */
    public boolean contains(InetAddress a) {
        return contains(IpAddress.of(a));
    }

    public boolean contains(Cidr c) {
        return c.version() == version() && c.prefix >= prefix && contains(c.address);
    }

    /** Splits this network into subnets of {@code newPrefix}, in address order. */
    public void split(int newPrefix, Consumer<Cidr> each) {
        if (newPrefix < prefix) {
            throw NetkitException.usage("cannot split " + normalized() + " into /" + newPrefix
                    + " subnets: the new prefix must be /" + prefix + " or longer");
        }
        if (newPrefix > address.bits()) {
            throw NetkitException.usage("prefix length /" + newPrefix + " is out of range: IPv" + version()
                    + " prefixes are /0 to /" + address.bits());
        }
        if (newPrefix - prefix > 24) {
            throw NetkitException.usage("splitting " + normalized() + " into /" + newPrefix + " gives 2^"
                    + (newPrefix - prefix) + " subnets, more than 2^24: choose a shorter prefix");
        }
        long count = 1L << (newPrefix - prefix);
        IpAddress step = IpAddress.mask(version(), newPrefix).not();
        IpAddress cur = network();
        for (long i = 0; i < count; i++) {
            each.accept(new Cidr(cur, newPrefix));
            cur = cur.or(step).plus(1);
        }
    }

    /** The minimal list of prefixes that covers exactly {@code first..last} (inclusive), in order. */
    public static List<Cidr> range(IpAddress first, IpAddress last) {
        if (first.version() != last.version()) {
            throw NetkitException.usage("a range needs two addresses of the same family, not " + first + " and " + last);
        }
        if (first.compareTo(last) > 0) {
            throw NetkitException.usage("range " + first + "-" + last + " is reversed: write the lower address first ("
                    + last + "-" + first + ")");
        }
        List<Cidr> out = new ArrayList<>();
        int bits = first.bits();
        BigInteger start = first.toBigInteger();
        BigInteger end = last.toBigInteger();
        while (start.compareTo(end) <= 0) {
            int align = start.signum() == 0 ? bits : Math.min(start.getLowestSetBit(), bits);
            int span = end.subtract(start).add(BigInteger.ONE).bitLength() - 1;
            int size = Math.min(align, span);
            out.add(new Cidr(IpAddress.fromBigInteger(first.version(), start), bits - size));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && c.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + prefix;
    }

    /** Network order: IPv4 before IPv6, then by network address, then shorter prefix first. */
    @Override
    public int compareTo(Cidr o) {
        int c = network().compareTo(o.network());
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    /** "default" for /0, the bare address for a host prefix, ADDR/LEN otherwise - as ip route prints. */
    public String routeText() {
        if (prefix == 0) {
            return "default";
        }
        return prefix == address.bits() ? address.toString() : toString();
    }

    /** {@code ADDRESS/PREFIX}, keeping the address as given. */
    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
