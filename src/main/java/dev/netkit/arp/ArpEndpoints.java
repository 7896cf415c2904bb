package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.InterfaceTable;
import dev.netkit.address.Cidr;
import dev.netkit.system.NetInterface;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Picks the interface ARP goes out of: the one named, the one whose subnet holds the target, or the first one. */
public final class ArpEndpoints {
    private ArpEndpoints() {
    }

    /** The endpoint on {@code iface} (or chosen for {@code target} when iface is null; target may be null too). */
    public static ArpEndpoint pick(String iface, Inet4Address target) {
        return pick(InterfaceTable.inProcess(), iface, target);
    }

    static ArpEndpoint pick(List<NetInterface> ifaces, String iface, Inet4Address target) {
        ArpEndpoint fallback = null;
        for (NetInterface i : ifaces) {
            if (iface != null && !i.name().equals(iface)) {
                continue;
            }
            if (i.mac() == null || !"ether".equals(i.linkType()) || i.flags().contains("LOOPBACK")) {
                if (iface != null) {
                    throw NetkitException.usage("interface " + iface + " has no Ethernet address: ARP needs one");
                }
                continue;
            }
            for (NetInterface.Address a : i.addresses()) {
                if (a.isV6()) {
                    continue;
                }
                ArpEndpoint e = new ArpEndpoint(i.name(), MacAddress.parse(i.mac()), v4(a.address()), a.prefixLength());
                if (target == null || iface != null || e.prefix().contains(target)) {
                    return e;
                }
                if (fallback == null && i.state().equals("UP")) {
                    fallback = e;
                }
            }
            if (iface != null) {
                throw NetkitException.usage("interface " + iface + " has no IPv4 address");
            }
        }
        if (iface != null) {
            throw NetkitException.usage("there is no interface named " + iface);
        }
        if (fallback == null) {
            throw NetkitException.usage("no Ethernet interface with an IPv4 address: give one with -i");
        }
        return fallback;
    }

    /**
     * The NDP endpoint on {@code iface} (or, when null, the first Ethernet interface that is up and has IPv6,
     * preferring one whose global prefix holds {@code target}, which may be null).
     */
    public static NdpEndpoint pickV6(String iface, Inet6Address target) {
        return pickV6(InterfaceTable.inProcess(), iface, target);
    }

    static NdpEndpoint pickV6(List<NetInterface> ifaces, String iface, Inet6Address target) {
        NdpEndpoint fallback = null;
        boolean named = false;
        for (NetInterface i : ifaces) {
            if (iface != null && !i.name().equals(iface)) {
                continue;
            }
            named = true;
            if (i.mac() == null || !"ether".equals(i.linkType()) || i.flags().contains("LOOPBACK")) {
                if (iface != null) {
                    throw NetkitException.usage("interface " + iface + " has no Ethernet address: NDP needs one");
                }
                continue;
            }
            Inet6Address linkLocal = null;
            List<NetInterface.Address> globals = new ArrayList<>();
            for (NetInterface.Address a : i.addresses()) {
                if (a.isV6() && a.scope().equals("link")) {
                    linkLocal = linkLocal == null ? v6(a.address()) : linkLocal;
                } else if (a.isV6()) {
                    globals.add(a);
                }
            }
            if (linkLocal == null) {
                if (iface != null) {
                    throw NetkitException.usage("interface " + iface + " has no IPv6 link-local address");
                }
                continue;
            }
            NetInterface.Address g = globals.isEmpty() ? null : globals.get(0);
            for (NetInterface.Address a : globals) {
                if (target != null && Cidr.of(v6(a.address()), a.prefixLength()).contains(target)) {
                    g = a;
                }
            }
            NdpEndpoint e = g == null ? new NdpEndpoint(i.name(), MacAddress.parse(i.mac()), linkLocal, 64, linkLocal)
                    : new NdpEndpoint(i.name(), MacAddress.parse(i.mac()), v6(g.address()), g.prefixLength(), linkLocal);
            boolean holds = target != null && g != null && e.prefix().contains(target);
            if (iface != null || holds || (target == null && i.state().equals("UP"))) {
                return e;
            }
            if (fallback == null && i.state().equals("UP")) {
                fallback = e;
            }
        }
        if (iface != null && !named) {
            throw NetkitException.usage("there is no interface named " + iface);
        }
        if (fallback == null) {
            throw NetkitException.usage("no Ethernet interface with IPv6: give one with -i");
        }
        return fallback;
    }

    static Inet6Address v6(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (UnknownHostException | ClassCastException e) {
            throw NetkitException.usage("'" + text + "' is not an IPv6 address");
        }
    }

    /** The attached subnet in CIDR form, as --localnet scans it. */
    public static String localnet(ArpEndpoint e) {
        return dev.netkit.system.IpLiteral.format(e.ip()) + "/" + e.prefixLength();
    }

    static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException | ClassCastException e) {
            throw NetkitException.usage("'" + text + "' is not an IPv4 address");
        }
    }
}
