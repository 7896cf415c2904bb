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
