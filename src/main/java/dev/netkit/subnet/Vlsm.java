package dev.netkit.subnet;

import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.NetkitException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Variable-length subnet masking: gives each host count the smallest subnet that fits it, largest
 * request first, packed from the start of the network (so every block stays aligned).
 */
public final class Vlsm {

    /** One request and the subnet it got. */
    public record Allocation(long hostsWanted, Cidr subnet, BigInteger usableHosts) {
    }

    private Vlsm() {
    }

    /** The prefix length of the smallest subnet with at least {@code hosts} usable addresses. */
    public static int prefixFor(int version, long hosts) {
        int bits = version == 4 ? 32 : 128;
        for (int host = 0; host <= bits; host++) {
            BigInteger size = BigInteger.ONE.shiftLeft(host);
            BigInteger usable = version == 4 && host >= 2 ? size.subtract(BigInteger.TWO) : size;
            if (version == 4 && host == 1) {
                usable = BigInteger.TWO; // RFC 3021 point-to-point /31
            }
            if (usable.compareTo(BigInteger.valueOf(hosts)) >= 0) {
                return bits - host;
            }
        }
        throw NetkitException.usage(hosts + " hosts do not fit in any IPv" + version + " subnet");
    }

    public static List<Allocation> allocate(Cidr network, List<Long> hosts) {
        if (hosts.isEmpty()) {
            throw NetkitException.usage("--hosts needs at least one host count, like --hosts 50,20,10");
        }
        List<Long> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.reverseOrder());
        Cidr base = network.normalized();
        BigInteger cursor = base.network().toBigInteger();
        BigInteger end = base.last().toBigInteger();
        BigInteger needed = BigInteger.ZERO;
        List<Allocation> out = new ArrayList<>();
        for (long h : sorted) {
            if (h < 1) {
                throw NetkitException.usage("host count " + h + " is not positive: give counts like --hosts 50,20,10");
            }
            int p = prefixFor(base.version(), h);
            BigInteger size = BigInteger.ONE.shiftLeft(base.address().bits() - p);
            needed = needed.add(size);
            if (p < base.prefix() || cursor.add(size).subtract(BigInteger.ONE).compareTo(end) > 0) {
                throw NetkitException.usage("hosts " + joined(sorted) + " need " + total(sorted, base.version())
                        + " addresses but " + base + " has only " + base.totalAddresses()
                        + ": use a larger network or fewer hosts");
            }
            Cidr subnet = new Cidr(IpAddress.fromBigInteger(base.version(), cursor), p);
            out.add(new Allocation(h, subnet, SubnetInfo.of(subnet).usableHosts()));
            cursor = cursor.add(size);
        }
        return out;
    }

    private static BigInteger total(List<Long> hosts, int version) {
        BigInteger t = BigInteger.ZERO;
        for (long h : hosts) {
            t = t.add(BigInteger.ONE.shiftLeft((version == 4 ? 32 : 128) - prefixFor(version, Math.max(h, 1))));
        }
        return t;
    }

    private static String joined(List<Long> hosts) {
        StringBuilder b = new StringBuilder();
        for (long h : hosts) {
            b.append(b.length() == 0 ? "" : ",").append(h);
        }
        return b.toString();
    }
}
