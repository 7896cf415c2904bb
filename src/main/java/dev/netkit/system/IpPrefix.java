package dev.netkit.system;

import dev.netkit.NetkitException;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address prefix such as 198.18.1.0/24 or 2001:db8::/32; {@code default} is /0. */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is not in 0.." + max);
        }
    }

    /** Parses {@code ADDR/LEN}, a bare address (a host prefix) or {@code default}; v6 says which family default is. */
    public static IpPrefix parse(String text, boolean v6IfDefault) {
        if (text.equals("default") || text.equals("any")) {
            return new IpPrefix(IpLiteral.byBytes(new byte[v6IfDefault ? 16 : 4]), 0);
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress a = IpLiteral.parseOrNull(addr);
        if (a == null) {
            throw NetkitException.usage("'" + text + "' is not a prefix: '" + addr + "' is not an IP address");
        }
        int max = a.getAddress().length * 8;
        int len = max;
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (l.contains(".") && a instanceof Inet4Address) {
                len = maskLength(IpLiteral.parse(l, "netmask"));
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
        return new IpPrefix(a, len);
    }

    /** The prefix length of a dotted netmask like 255.255.255.252; a usage error if it is not contiguous. */
    public static int maskLength(InetAddress mask) {
        byte[] b = mask.getAddress();
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        int bits = b.length * 8;
        int len = Long.bitCount(v);
        long expect = len == 0 ? 0 : ((1L << bits) - 1) ^ ((1L << (bits - len)) - 1);
        if (v != expect) {
            throw NetkitException.usage("netmask " + mask.getHostAddress() + " is not contiguous");
        }
        return len;
    }

    public boolean isV6() {
        return !(address instanceof Inet4Address);
    }

    /** True when {@code a} is of the same family and its first {@code length} bits equal this prefix's. */
    public boolean contains(InetAddress a) {
        byte[] p = address.getAddress();
        byte[] x = a.getAddress();
        if (p.length != x.length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (p[i] != x[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (p[full] & mask) == (x[full] & mask);
    }

    /** The network address: the host bits cleared. */
    public IpPrefix network() {
        byte[] p = address.getAddress().clone();
        for (int bit = length; bit < p.length * 8; bit++) {
            p[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return new IpPrefix(IpLiteral.byBytes(p), length);
    }

    /** "default" for /0, the bare address for a host prefix, ADDR/LEN otherwise - as ip route prints. */
    public String routeText() {
        if (length == 0) {
            return "default";
        }
        if (length == address.getAddress().length * 8) {
            return IpLiteral.format(address);
        }
        return toString();
    }

    @Override
    public String toString() {
        return IpLiteral.format(address) + "/" + length;
    }
}
