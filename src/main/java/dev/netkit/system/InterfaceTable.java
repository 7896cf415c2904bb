package dev.netkit.system;

import dev.netkit.NetkitException;
import dev.netkit.packet.MacAddress;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interfaces of this network namespace: names, flags and addresses from the kernel's rtnetlink dumps, named and
 * ordered as {@code ip -s addr show} shows them; counters from /sys/class/net/NAME/statistics (the link's stats64
 * when sysfs belongs to another namespace).
 */
public final class InterfaceTable {
    private final Path sysClassNet;

    public InterfaceTable(Path sysClassNet) {
        this.sysClassNet = sysClassNet;
    }

    public InterfaceTable() {
        this(Path.of("/sys/class/net"));
    }

    /** Every interface, or the one named (an empty list when there is none of that name). */
    public List<NetInterface> read(String onlyName) {
        List<NetInterface> out = new ArrayList<>();
        for (NetInterface i : dump(true)) {
            if (onlyName == null || i.name().equals(onlyName)) {
                out.add(i.withCounters(counters(i)));
            }
        }
        return out;
    }

    /**
     * The interfaces as the JDK sees them, without forking {@code ip} (which costs more than a whole ARP scan of a
     * LAN): name, MAC, up or down, MTU, addresses with prefix length; no counters, flags only LOOPBACK. A six-byte
     * hardware address on a link that is neither loopback nor point-to-point is Ethernet.
     */
    public static List<NetInterface> inProcess() {
        List<NetInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] hw = n.getHardwareAddress();
                boolean ether = hw != null && hw.length == 6 && !n.isLoopback() && !n.isPointToPoint();
                List<NetInterface.Address> addrs = new ArrayList<>();
                for (InterfaceAddress a : n.getInterfaceAddresses()) {
                    InetAddress ip = a.getAddress();
                    addrs.add(new NetInterface.Address(ip instanceof Inet6Address ? "inet6" : "inet",
                            IpLiteral.format(ip), a.getNetworkPrefixLength(), null,
                            ip.isLinkLocalAddress() ? "link" : "global", List.of()));
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
        // a lambda of this class, which the AOT cache keeps; Comparator.comparingInt's own was spun at every start
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    /** The counters now: sysfs when it shows this interface (same ifindex), else the link dump's stats64. */
    public NetInterface.Counters counters(NetInterface i) {
        Path dir = sysClassNet.resolve(i.name());
        try {
            if (Files.isDirectory(dir) && Integer.parseInt(Files.readString(dir.resolve("ifindex")).strip()) == i.index()) {
                Path s = dir.resolve("statistics");
                return new NetInterface.Counters(stat(s, "rx_bytes"), stat(s, "tx_bytes"), stat(s, "rx_packets"),
                        stat(s, "tx_packets"), stat(s, "rx_errors"), stat(s, "tx_errors"), stat(s, "rx_dropped"),
                        stat(s, "tx_dropped"));
            }
        } catch (IOException | NumberFormatException e) {
            // sysfs of another namespace or a vanished interface: keep the kernel's stats64
        }
        return i.counters();
    }

    /** Re-reads the counters of each interface (for --watch). */
    public List<NetInterface> refresh(List<NetInterface> ifaces) {
        boolean sysfs = ifaces.stream().allMatch(i -> Files.isDirectory(sysClassNet.resolve(i.name())));
        if (!sysfs) {
            List<NetInterface> fresh = dump(false);
            return fresh.stream().filter(f -> ifaces.stream().anyMatch(i -> i.index() == f.index())).toList();
        }
        return ifaces.stream().map(i -> i.withCounters(counters(i))).toList();
    }

    private static long stat(Path dir, String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name)).strip());
    }

    /**
     * The interfaces as {@code ip -s addr show} lists them: links in the kernel's dump order, each with its addresses
     * (IPv4 then IPv6, in the kernel's order) and the link's stats64.
     */
    static List<NetInterface> dump(boolean withAddresses) {
        List<Rtnetlink.Message> links = Rtnetlink.dump(Rtnetlink.RTM_GETLINK, Rtnetlink.family(16, 0));
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, Long> flagsOf = new HashMap<>();
        for (Rtnetlink.Message m : links) {
            m.attributes(16);
            names.put((int) m.u32(4), m.string(IFLA_IFNAME));
            flagsOf.put((int) m.u32(4), m.u32(8));
        }
        Map<Integer, List<NetInterface.Address>> addresses = new HashMap<>();
        if (withAddresses) {
            for (Rtnetlink.Message m : Rtnetlink.dump(Rtnetlink.RTM_GETADDR, Rtnetlink.family(8, 0))) {
                NetInterface.Address a = address(m.attributes(8));
                if (a != null) {
                    addresses.computeIfAbsent((int) m.u32(4), k -> new ArrayList<>()).add(a);
                }
            }
        }
        List<NetInterface> out = new ArrayList<>();
        for (Rtnetlink.Message m : links) {
            int index = (int) m.u32(4);
            int type = m.u16(2);
            List<String> flags = linkFlags(m.u32(8));
            long link = m.u32Attribute(IFLA_LINK, 0);
            // ip's "M-DOWN": the lower link of this namespace is down (one in another namespace is not looked at)
            if (link != 0 && !m.has(IFLA_LINK_NETNSID) && (flagsOf.getOrDefault((int) link, 0L) & IFF_UP) == 0) {
                flags.add("M-DOWN");
            }
            String linkType = arphrdName(type);
            byte[] hw = m.bytes(IFLA_ADDRESS);
            String mac = hw == null || hw.length == 0 || type == ARPHRD_NONE ? null : linkAddress(hw, type);
            long master = m.u32Attribute(IFLA_MASTER, 0);
            NetInterface.Counters c = new NetInterface.Counters(m.u64Attribute(IFLA_STATS64, 16),
                    m.u64Attribute(IFLA_STATS64, 24), m.u64Attribute(IFLA_STATS64, 0), m.u64Attribute(IFLA_STATS64, 8),
                    m.u64Attribute(IFLA_STATS64, 32), m.u64Attribute(IFLA_STATS64, 40),
                    m.u64Attribute(IFLA_STATS64, 48), m.u64Attribute(IFLA_STATS64, 56));
            int state = m.u8Attribute(IFLA_OPERSTATE, -1);
            out.add(new NetInterface(index, names.get(index), state < 0 ? null
                    : state < OPERSTATES.length ? OPERSTATES[state] : Integer.toString(state), List.copyOf(flags),
                    (int) m.u32Attribute(IFLA_MTU, 0), mac, linkType,
                    master == 0 ? null : names.getOrDefault((int) master, "if" + master),
                    List.copyOf(addresses.getOrDefault(index, List.of())), c));
        }
        return out;
    }

    /** One address of an RTM_NEWADDR message, or null for a family other than inet and inet6. */
    private static NetInterface.Address address(Rtnetlink.Message m) {
        int family = m.u8(0);
        if (family != Libc.AF_INET && family != Libc.AF_INET6) {
            return null;
        }
        byte[] local = m.has(IFA_LOCAL) ? m.bytes(IFA_LOCAL) : m.bytes(IFA_ADDRESS);
        if (local == null) {
            return null;
        }
        long f = m.u32Attribute(IFA_FLAGS, m.u8(2));
        boolean v6 = family == Libc.AF_INET6;
        List<String> flags = new ArrayList<>();
        if (!v6 && (f & IFA_F_SECONDARY) != 0) {
            flags.add("secondary");
        }
        if ((f & IFA_F_TENTATIVE) != 0) {
            flags.add("tentative");
        }
        if ((f & IFA_F_DEPRECATED) != 0) {
            flags.add("deprecated");
        }
        if ((f & IFA_F_DADFAILED) != 0) {
            flags.add("dadfailed");
        }
        if (v6 && (f & IFA_F_SECONDARY) != 0) { // the same bit is IFA_F_TEMPORARY for IPv6
            flags.add("temporary");
        }
        if ((f & IFA_F_PERMANENT) == 0) {
            flags.add("dynamic");
        }
        if ((f & IFA_F_NOPREFIXROUTE) != 0) {
            flags.add("noprefixroute");
        }
        if ((f & IFA_F_NODAD) != 0) {
            flags.add("nodad");
        }
        byte[] brd = m.bytes(IFA_BROADCAST);
        return new NetInterface.Address(v6 ? "inet6" : "inet", Rtnetlink.address(local), m.u8(1),
                brd == null ? null : Rtnetlink.address(brd), RouteNames.scope(m.u8(3)), List.copyOf(flags));
    }

    /** The IFF_* names of {@code flags} in ip's order: NO-CARRIER (up, not running) first, the rest in hex. */
    static List<String> linkFlags(long flags) {
        List<String> out = new ArrayList<>();
        if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) {
            out.add("NO-CARRIER");
        }
        long rest = flags & ~IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((rest & FLAG_BITS[i]) != 0) {
                out.add(FLAG_NAMES[i]);
                rest &= ~FLAG_BITS[i];
            }
        }
        if (rest != 0) {
            out.add(Long.toHexString(rest));
        }
        return out;
    }

    /** A link-layer address as ip writes it: an IP address for IPv4 and IPv6 tunnels, else hex bytes with colons. */
    static String linkAddress(byte[] hw, int arphrd) {
        if (hw.length == 4 && (arphrd == ARPHRD_TUNNEL || arphrd == ARPHRD_SIT || arphrd == ARPHRD_IPGRE)
                || hw.length == 16 && (arphrd == ARPHRD_TUNNEL6 || arphrd == ARPHRD_IP6GRE)) {
            return Rtnetlink.address(hw);
        }
        StringBuilder b = new StringBuilder(3 * hw.length);
        for (byte x : hw) {
            if (!b.isEmpty()) {
                b.append(':');
            }
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    /** ip's name of an ARPHRD_* link type (linux/if_arp.h), or [NUMBER]. */
    static String arphrdName(int type) {
        int i = java.util.Arrays.binarySearch(ARPHRD_TYPES, type);
        return i >= 0 ? ARPHRD_NAMES[i] : "[" + type + "]";
    }

    /** The name of each ifindex of this namespace (for routes and neighbours, which carry only the index). */
    static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        for (Rtnetlink.Message m : Rtnetlink.dump(Rtnetlink.RTM_GETLINK, Rtnetlink.family(16, 0))) {
            names.put((int) m.u32(4), m.attributes(16).string(IFLA_IFNAME));
        }
        return names;
    }

    // linux/if_link.h, if_addr.h, if.h, if_arp.h
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_LINK = 5;
    private static final int IFLA_MASTER = 10;
    private static final int IFLA_OPERSTATE = 16;
    private static final int IFLA_STATS64 = 23;
    private static final int IFLA_LINK_NETNSID = 37;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_BROADCAST = 4;
    private static final int IFA_FLAGS = 8;
    private static final int IFA_F_SECONDARY = 0x01;
    private static final int IFA_F_NODAD = 0x02;
    private static final int IFA_F_DADFAILED = 0x08;
    private static final int IFA_F_DEPRECATED = 0x20;
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int IFA_F_PERMANENT = 0x80;
    private static final int IFA_F_NOPREFIXROUTE = 0x200;
    private static final long IFF_UP = 0x1;
    private static final long IFF_RUNNING = 0x40;
    private static final long[] FLAG_BITS = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800, 0x4, 0x8000,
            0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000};
    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
            "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP",
            "LOWER_UP", "DORMANT", "ECHO"};
    private static final String[] OPERSTATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
            "DORMANT", "UP"};
    private static final int ARPHRD_TUNNEL = 768;
    private static final int ARPHRD_TUNNEL6 = 769;
    private static final int ARPHRD_SIT = 776;
    private static final int ARPHRD_IPGRE = 778;
    private static final int ARPHRD_IP6GRE = 823;
    private static final int ARPHRD_NONE = 0xfffe;
    private static final int[] ARPHRD_TYPES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 19, 23, 24, 32, 256, 257, 258, 259, 260,
            264, 270, 271, 272, 280, 512, 513, 516, 517, 518, 768, 769, 770, 771, 772, 773, 774, 775, 776, 777, 778, 779,
            780, 781, 782, 783, 784, 785, 786, 787, 788, 789, 790, 791, 792, 793, 794, 795, 796, 797, 798, 799, 800,
            801, 802, 803, 804, 805, 820, 821, 822, 823, 824, 825, 0xfffe, 0xffff};
    private static final String[] ARPHRD_NAMES = {"generic", "ether", "eether", "ax25", "pronet", "chaos", "ieee802",
            "arcnet", "atalk", "dlci", "atm", "metricom", "ieee1394", "infiniband", "slip", "cslip", "slip6", "cslip6",
            "rsrvd", "adapt", "rose", "x25", "hwx25", "can", "ppp", "hdlc", "lapb", "ddcmp", "rawhdlc", "ipip",
            "tunnel6", "frad", "skip", "loopback", "ltalk", "fddi", "bif", "sit", "ip/ddp", "gre", "pimreg", "hippi",
            "ash", "econet", "irda", "fcpp", "fcal", "fcpl", "fcfb0", "fcfb1", "fcfb2", "fcfb3", "fcfb4", "fcfb5",
            "fcfb6", "fcfb7", "fcfb8", "fcfb9", "fcfb10", "fcfb11", "fcfb12", "tr", "ieee802.11", "ieee802.11/prism",
            "ieee802.11/radiotap", "ieee802.15.4", "ieee802.15.4/monitor", "phonet", "phonet_pipe", "caif", "gre6",
            "netlink", "6lowpan", "none", "void"};
}
