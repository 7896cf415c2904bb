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
import java.util.List;
import java.util.Map;

/**
 * The interfaces of this network namespace: names, flags and addresses from {@code ip -j -s addr show}, counters
 * from /sys/class/net/NAME/statistics (ip's stats64 when sysfs belongs to another namespace).
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
        for (NetInterface i : parse(IpJson.run("-s", "addr", "show"))) {
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
        out.sort(Comparator.comparingInt(NetInterface::index));
        return out;
    }

    /** The counters now: sysfs when it shows this interface (same ifindex), else those ip reported. */
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
            // sysfs of another namespace or a vanished interface: keep what ip said
        }
        return i.counters();
    }

    /** Re-reads the counters of each interface (for --watch). */
    public List<NetInterface> refresh(List<NetInterface> ifaces) {
        boolean sysfs = ifaces.stream().allMatch(i -> Files.isDirectory(sysClassNet.resolve(i.name())));
        if (!sysfs) {
            List<NetInterface> fresh = parse(IpJson.run("-s", "link", "show"));
            return fresh.stream().filter(f -> ifaces.stream().anyMatch(i -> i.index() == f.index())).toList();
        }
        return ifaces.stream().map(i -> i.withCounters(counters(i))).toList();
    }

    private static long stat(Path dir, String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name)).strip());
    }

    /** Parses {@code ip -j [-s] addr show} (or {@code link show}) output. */
    @SuppressWarnings("unchecked")
    public static List<NetInterface> parse(List<Map<String, Object>> json) {
        List<NetInterface> out = new ArrayList<>();
        for (Map<String, Object> m : json) {
            List<String> flags = IpJson.list(m, "flags").stream().map(Object::toString).toList();
            List<NetInterface.Address> addrs = new ArrayList<>();
            for (Object o : IpJson.list(m, "addr_info")) {
                if (!(o instanceof Map<?, ?> a0)) {
                    continue;
                }
                Map<String, Object> a = (Map<String, Object>) a0;
                String family = IpJson.str(a, "family");
                if (!"inet".equals(family) && !"inet6".equals(family)) {
                    continue;
                }
                List<String> aflags = new ArrayList<>();
                for (String f : List.of("secondary", "tentative", "deprecated", "dadfailed", "temporary", "dynamic",
                        "noprefixroute", "nodad")) {
                    if (Boolean.TRUE.equals(a.get(f))) {
                        aflags.add(f);
                    }
                }
                addrs.add(new NetInterface.Address(family, IpJson.str(a, "local"), (int) IpJson.num(a, "prefixlen", 0),
                        IpJson.str(a, "broadcast"), IpJson.str(a, "scope"), aflags));
            }
            NetInterface.Counters c = NetInterface.Counters.ZERO;
            if (m.get("stats64") instanceof Map<?, ?> s0) {
                Map<String, Object> s = (Map<String, Object>) s0;
                Map<String, Object> rx = s.get("rx") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
                Map<String, Object> tx = s.get("tx") instanceof Map<?, ?> t ? (Map<String, Object>) t : Map.of();
                c = new NetInterface.Counters(IpJson.num(rx, "bytes", 0), IpJson.num(tx, "bytes", 0),
                        IpJson.num(rx, "packets", 0), IpJson.num(tx, "packets", 0), IpJson.num(rx, "errors", 0),
                        IpJson.num(tx, "errors", 0), IpJson.num(rx, "dropped", 0), IpJson.num(tx, "dropped", 0));
            }
            String linkType = IpJson.str(m, "link_type");
            String mac = IpJson.str(m, "address");
            if ("loopback".equals(linkType) || "none".equals(linkType)) {
                mac = "loopback".equals(linkType) ? mac : null;
            }
            out.add(new NetInterface((int) IpJson.num(m, "ifindex", 0), IpJson.str(m, "ifname"),
                    IpJson.str(m, "operstate"), flags, (int) IpJson.num(m, "mtu", 0), mac, linkType,
                    IpJson.str(m, "master"), addrs, c));
        }
        return out;
    }
}
