package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.InterfaceTable;
import dev.netkit.system.NetInterface;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Picks the interface ARP goes out of: the one named, the one whose subnet holds the target, or the first one. */
public final class ArpEndpoints {
    private ArpEndpoints() {
    }

    /** The endpoint on {@code iface} (or chosen for {@code target} when iface is null; target may be null too). */
    public static ArpEndpoint pick(String iface, Inet4Address target) {
        return pick(new InterfaceTable().read(null), iface, target);
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
                if (target == null || iface != null || contains(e, target)) {
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

    /** True when {@code a} lies in the endpoint's attached subnet. */
    public static boolean contains(ArpEndpoint e, Inet4Address a) {
        int mask = e.prefixLength() == 0 ? 0 : -1 << (32 - e.prefixLength());
        return (toInt(e.ip()) & mask) == (toInt(a) & mask);
    }

    /** The attached subnet in CIDR form, as --localnet scans it. */
    public static String localnet(ArpEndpoint e) {
        return e.ip().getHostAddress() + "/" + e.prefixLength();
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException | ClassCastException e) {
            throw NetkitException.usage("'" + text + "' is not an IPv4 address");
        }
    }
}
