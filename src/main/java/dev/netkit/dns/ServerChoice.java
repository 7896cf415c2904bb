package dev.netkit.dns;

import dev.netkit.NetkitException;
import dev.netkit.system.ResolvConf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which servers a lookup asks, as BIND's dig, host and nslookup choose them. */
public final class ServerChoice {
    private ServerChoice() {
    }

    /**
     * The given servers (addresses or names, each with all its addresses), else resolv.conf's nameservers, else
     * the local host as dig falls back to; only those of the family asked for ({@code -4}, {@code -6}).
     */
    public static List<InetSocketAddress> servers(List<String> given, int port, boolean ipv4, boolean ipv6,
                                                  ResolvConf conf) {
        List<InetAddress> addrs = new ArrayList<>();
        if (!given.isEmpty()) {
            for (String s : given) {
                try {
                    addrs.addAll(Arrays.asList(InetAddress.getAllByName(s)));
                } catch (UnknownHostException e) {
                    throw NetkitException.usage("couldn't get address for '" + s + "': not found");
                }
            }
        } else {
            addrs.addAll(conf.nameservers());
            if (addrs.isEmpty()) {
                addrs.add(InetAddress.getLoopbackAddress());
            }
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : addrs) {
            if ((ipv4 && !(a instanceof Inet4Address)) || (ipv6 && !(a instanceof Inet6Address))) {
                continue;
            }
            out.add(new InetSocketAddress(a, port));
        }
        if (out.isEmpty()) {
            throw NetkitException.usage("no " + (ipv4 ? "IPv4" : "IPv6") + " server to ask");
        }
        return out;
    }

    /** The same, refused when a source address ({@code -b}) is of another family than every server. */
    public static List<InetSocketAddress> servers(List<String> given, int port, boolean ipv4, boolean ipv6,
                                                  ResolvConf conf, InetAddress source) {
        List<InetSocketAddress> servers = servers(given, port, ipv4, ipv6, conf);
        if (source != null && servers.stream().noneMatch(s -> s.getAddress().getClass() == source.getClass())) {
            throw NetkitException.usage("-b " + DnsClient.hostText(source) + " is " + family(source)
                    + " but no server to ask is (" + DnsClient.addressText(servers.get(0)) + ")");
        }
        return servers;
    }

    private static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    /** How many addresses the last given server has: BIND dig's "; (2 servers found)" for @localhost. */
    public static int serversFound(List<String> given) {
        try {
            return InetAddress.getAllByName(given.get(given.size() - 1)).length;
        } catch (UnknownHostException e) {
            return 1; // the lookup itself says it cannot find the server
        }
    }
}
