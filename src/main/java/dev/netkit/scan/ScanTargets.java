package dev.netkit.scan;

import dev.netkit.NetkitException;
import dev.netkit.arp.Ipv4Targets;
import dev.netkit.system.IpLiteral;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * nmap-style targets: addresses (v4 and v6), names, IPv4 CIDR blocks (without network and broadcast address),
 * ranges {@code 198.18.1.10-20}; minus the excluded ones. Names are resolved by the function given (DNS in use).
 */
public final class ScanTargets {
    private ScanTargets() {
    }

    public static List<ScanTarget> expand(List<String> specs, Set<String> exclude,
                                          Function<String, InetAddress> resolver) {
        Map<InetAddress, ScanTarget> out = new LinkedHashMap<>();
        List<InetAddress> excluded = new ArrayList<>();
        for (String e : exclude) {
            excluded.addAll(addresses(e.strip(), resolver).stream().map(ScanTarget::address).toList());
        }
        for (String spec : specs) {
            for (ScanTarget t : addresses(spec.strip(), resolver)) {
                if (!excluded.contains(t.address())) {
                    out.putIfAbsent(t.address(), t);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static List<ScanTarget> addresses(String spec, Function<String, InetAddress> resolver) {
        if (spec.isEmpty()) {
            return List.of();
        }
        InetAddress literal = IpLiteral.parseOrNull(spec);
        if (literal != null) {
            return List.of(new ScanTarget(literal, null));
        }
        boolean v4Shape = spec.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '/' || c == '-');
        if (v4Shape) {
            return Ipv4Targets.expand(List.of(spec)).stream().map(a -> new ScanTarget(a, null)).toList();
        }
        if (spec.indexOf(':') >= 0 || spec.indexOf('/') >= 0) {
            throw NetkitException.usage("'" + spec + "' is not an address, a name, an IPv4 CIDR or range");
        }
        return List.of(new ScanTarget(resolver.apply(spec), spec));
    }

    /**
     * Prefixes a scan may aim at without a second thought: private (RFC 1918, RFC 4193), shared (RFC 6598),
     * loopback, link-local, benchmarking (RFC 2544, RFC 5180) and documentation (RFC 5737, RFC 3849, RFC 9637).
     */
    static final List<String> LOCAL_SCOPE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "198.18.0.0/15", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
            "::1/128", "fc00::/7", "fe80::/10", "2001:2::/48", "2001:db8::/32", "3fff::/20");

    /** True when the address lies in a private, benchmarking or documentation range (see LOCAL_SCOPE). */
    public static boolean inLocalScope(InetAddress a) {
        byte[] b = a.getAddress();
        for (String cidr : LOCAL_SCOPE) {
            int slash = cidr.indexOf('/');
            byte[] net = IpLiteral.parseOrNull(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (net.length == b.length && samePrefix(net, b, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i & 7);
            if ((a[i >>> 3] & mask) != (b[i >>> 3] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The targets outside every private, benchmarking and documentation range (the scan warns about them). */
    public static List<ScanTarget> outsideLocalScope(List<ScanTarget> targets) {
        return targets.stream().filter(t -> !inLocalScope(t.address())).toList();
    }

    /** Resolves a name with the system resolver, IPv4 first like nmap. */
    public static InetAddress resolve(String name) {
        try {
            InetAddress[] all = InetAddress.getAllByName(name);
            for (InetAddress a : all) {
                if (a.getAddress().length == 4) {
                    return a;
                }
            }
            return all[0];
        } catch (UnknownHostException e) {
            throw new NetkitException(1, "failed to resolve \"" + name + "\"");
        }
    }
}
