package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.NetInterface;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Picks the interface ARP goes out of: the one named, the one whose subnet holds the target, or the first one. */
public final class ArpEndpoints {
    private ArpEndpoints() {
    }

    /** The endpoint on {@code iface} (or chosen for {@code target} when iface is null; target may be null too). */
    public static ArpEndpoint pick(String iface, Inet4Address target) {
        return pick(interfaces(), iface, target);
    }

    /**
     * The interfaces as the JDK sees them (in-process: a fork of {@code ip} costs more than the whole ARP scan of a
     * LAN): name, MAC, up or down, addresses. A six-byte hardware address on a link that is neither loopback nor
     * point-to-point is Ethernet.
     */
    static List<NetInterface> interfaces() {
        List<NetInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] hw = n.getHardwareAddress();
                boolean ether = hw != null && hw.length == 6 && !n.isLoopback() && !n.isPointToPoint();
                List<NetInterface.Address> addrs = new ArrayList<>();
                for (InterfaceAddress a : n.getInterfaceAddresses()) {
                    InetAddress ip = a.getAddress();
                    boolean v6 = ip instanceof Inet6Address;
                    addrs.add(new NetInterface.Address(v6 ? "inet6" : "inet", IpLiteral.format(ip),
                            a.getNetworkPrefixLength(), null, ip.isLinkLocalAddress() ? "link" : "global", List.of()));
                }
                Collections.reverse(addrs); // the JDK lists them newest first; ip lists the primary first
                out.add(new NetInterface(n.getIndex(), n.getName(), n.isUp() ? "UP" : "DOWN",
                        n.isLoopback() ? List.of("LOOPBACK") : List.of(), n.getMTU(),
                        hw == null ? null : MacAddress.of(hw).toString(), ether ? "ether" : "other", null,
                        List.copyOf(addrs), NetInterface.Counters.ZERO));
            }
        } catch (SocketException e) {
            throw new NetkitException(1, "cannot list the interfaces: " + e.getMessage());
        }
        out.sort(Comparator.comparingInt(NetInterface::index));
        return out;
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

    /**
     * The NDP endpoint on {@code iface} (or, when null, the first Ethernet interface that is up and has IPv6,
     * preferring one whose global prefix holds {@code target}, which may be null).
     */
    public static NdpEndpoint pickV6(String iface, Inet6Address target) {
        return pickV6(interfaces(), iface, target);
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
                if (target != null && prefixHolds(v6(a.address()), a.prefixLength(), target)) {
                    g = a;
                }
            }
            NdpEndpoint e = g == null ? new NdpEndpoint(i.name(), MacAddress.parse(i.mac()), linkLocal, 64, linkLocal)
                    : new NdpEndpoint(i.name(), MacAddress.parse(i.mac()), v6(g.address()), g.prefixLength(), linkLocal);
            boolean holds = target != null && g != null && prefixHolds(e.ip(), e.prefixLength(), target);
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

    /** True when {@code a} lies in the prefix {@code net}/{@code prefixLength}. */
    public static boolean prefixHolds(Inet6Address net, int prefixLength, Inet6Address a) {
        byte[] x = net.getAddress();
        byte[] y = a.getAddress();
        int bits = prefixLength;
        for (int k = 0; k < 16 && bits > 0; k++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((x[k] & mask) != (y[k] & mask)) {
                return false;
            }
        }
        return true;
    }

    static Inet6Address v6(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (UnknownHostException | ClassCastException e) {
            throw NetkitException.usage("'" + text + "' is not an IPv6 address");
        }
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
