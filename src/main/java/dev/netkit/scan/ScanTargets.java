package dev.netkit.scan;

import dev.netkit.NetkitException;
import dev.netkit.address.AddressRange;
import dev.netkit.address.AddressType;
import dev.netkit.address.IpAddress;
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
    /** The most addresses one range or block may name. */
    static final int LIMIT = 1 << 16;

    private ScanTargets() {
    }

    public static List<ScanTarget> expand(List<String> specs, Set<String> exclude,
                                          Function<String, InetAddress> resolver) {
        if (specs.size() == 1 && exclude.isEmpty()) {
            // one address, name, block or range names no address twice: no map to drop repeats (a /16 is 65,534)
            return List.copyOf(addresses(specs.getFirst().strip(), resolver));
        }
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
            // one range names no address twice: expanded without AddressRange.expand's set (65,534 entries for a /16)
            AddressRange r = AddressRange.parse(spec).hosts(true);
            if (r.size() > LIMIT) {
                throw NetkitException.usage("too many targets: at most " + LIMIT + " addresses");
            }
            return r.addresses().stream().map(a -> new ScanTarget(a, null)).toList();
        }
        if (spec.indexOf(':') >= 0 || spec.indexOf('/') >= 0) {
            throw NetkitException.usage("'" + spec + "' is not an address, a name, an IPv4 CIDR or range");
        }
        return List.of(new ScanTarget(resolver.apply(spec), spec));
    }

    /**
     * The kinds of address (IANA's special-purpose registries, as {@link AddressType} reads them) a scan may aim
     * at without a second thought: private (RFC 1918, RFC 4193), shared (RFC 6598), loopback, link-local,
     * benchmarking (RFC 2544, RFC 5180) and documentation (RFC 5737, RFC 3849, RFC 9637).
     */
    static final Set<String> LOCAL_SCOPE = Set.of("private", "unique-local", "shared", "loopback", "link-local",
            "benchmarking", "documentation");

    /** True when the address lies in a private, benchmarking or documentation range (see LOCAL_SCOPE). */
    public static boolean inLocalScope(InetAddress a) {
        return LOCAL_SCOPE.contains(AddressType.of(IpAddress.of(a)).name());
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
