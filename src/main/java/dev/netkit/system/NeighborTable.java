package dev.netkit.system;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.packet.MacAddress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel's neighbour table of this namespace, from its rtnetlink dump (RTM_GETNEIGH), as {@code ip neigh show}
 * lists it: the whole table (arp) or the MAC of one neighbour (send's and scan's next hop).
 */
public final class NeighborTable {
    private NeighborTable() {
    }

    /**
     * Every neighbour entry ip neigh shows, IPv4 and/or IPv6, optionally of one interface only (an unknown name is
     * an error, as ip's "Cannot find device").
     */
    public static List<Neighbor> read(boolean v4, boolean v6, String iface) {
        Map<Integer, String> names = InterfaceTable.names();
        int index = iface == null ? 0 : index(iface);
        List<Neighbor> out = new ArrayList<>();
        if (v4) {
            out.addAll(entries(Libc.AF_INET, index, names));
        }
        if (v6) {
            out.addAll(entries(Libc.AF_INET6, index, names));
        }
        return out;
    }

    /**
     * Sets a permanent (static) entry, replacing any entry of that address on the interface, as {@code ip neigh
     * replace ADDRESS lladdr MAC dev IFACE nud permanent} and {@code arp -s}; {@code iface} null takes the
     * interface of the route to the address, as arp -s. Returns the interface. Without CAP_NET_ADMIN: exit 4.
     */
    public static String setPermanent(InetAddress address, MacAddress mac, String iface) {
        String dev = iface != null ? iface : RouteLookup.system(address).lookup(address).dev();
        if (dev == null) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(address)
                    + ": say which interface with 'dev IFACE'");
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(ndmsg(address, index(dev), NUD_PERMANENT));
        Rtnetlink.attribute(body, NDA_DST, address.getAddress());
        Rtnetlink.attribute(body, NDA_LLADDR, mac.octets());
        check(Rtnetlink.change(Rtnetlink.RTM_NEWNEIGH, Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_REPLACE,
                body.toByteArray()), "changing the neighbour table", address, dev);
        return dev;
    }

    /**
     * Deletes the entries of {@code address} (on {@code iface} only, when not null), as {@code ip neigh del} and
     * {@code arp -d}; returns the interfaces they were on, none when there was no entry. Without CAP_NET_ADMIN: exit 4.
     */
    public static List<String> delete(InetAddress address, String iface) {
        Map<Integer, String> names = InterfaceTable.names();
        if (iface != null) {
            index(iface);
        }
        String ip = Rtnetlink.address(address.getAddress());
        int family = address instanceof java.net.Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
        List<String> deleted = new ArrayList<>();
        for (Neighbor n : entries(family, 0, names)) {
            if (n.ip().equals(ip) && n.iface() != null && (iface == null || iface.equals(n.iface()))) {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                body.writeBytes(ndmsg(address, index(n.iface()), 0));
                Rtnetlink.attribute(body, NDA_DST, address.getAddress());
                int r = Rtnetlink.change(Rtnetlink.RTM_DELNEIGH, 0, body.toByteArray());
                if (r != -ENOENT) { // gone already (expired between the dump and now)
                    check(r, "changing the neighbour table", address, n.iface());
                    deleted.add(n.iface());
                }
            }
        }
        return deleted;
    }

    /** struct ndmsg: family, padding, ifindex, state, flags, type. */
    private static byte[] ndmsg(InetAddress address, int ifindex, int state) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.nativeOrder());
        b.put((byte) (address instanceof java.net.Inet6Address ? Libc.AF_INET6 : Libc.AF_INET)).put((byte) 0)
                .putShort((short) 0).putInt(ifindex).putShort((short) state).put((byte) 0).put((byte) 0);
        return b.array();
    }

    private static int index(String iface) {
        return InterfaceTable.names().entrySet().stream().filter(e -> iface.equals(e.getValue()))
                .mapToInt(Map.Entry::getKey).findFirst().orElseThrow(() -> new NetkitException(ExitCode.NEGATIVE,
                        "no interface named '" + TerminalText.escape(iface) + "'"));
    }

    private static void check(int result, String what, InetAddress address, String dev) {
        if (result == -Libc.EPERM) {
            throw NetkitException.privilege(what + " (CAP_NET_ADMIN)");
        }
        if (result < 0) {
            throw new NetkitException(1, what + " for " + IpLiteral.format(address) + " on "
                    + TerminalText.escape(dev) + ": " + Libc.error(result));
        }
    }

    /** The MAC the table holds for {@code address} on {@code device} (null: any device), or null when none. */
    public static String mac(InetAddress address, String device) {
        boolean v6 = address instanceof java.net.Inet6Address;
        String ip = Rtnetlink.address(address.getAddress());
        List<Neighbor> entries = entries(v6 ? Libc.AF_INET6 : Libc.AF_INET, 0, InterfaceTable.names()).stream()
                .filter(n -> device == null || device.equals(n.iface())).toList();
        return macOf(entries, ip);
    }

    /** The first resolved MAC of {@code ip} among the entries (a FAILED entry may still show an old one). */
    static String macOf(List<Neighbor> entries, String ip) {
        for (Neighbor n : entries) {
            if (n.ip().equals(ip) && n.mac() != null && !n.states().contains("FAILED")) {
                return n.mac();
            }
        }
        return null;
    }

    /**
     * One family's entries of interface {@code index} (0: all) in the kernel's order, as ip neigh show filters them:
     * NOARP entries (multicast, loopback) and entries in no state are left out unless they are proxies or learnt
     * externally.
     */
    private static List<Neighbor> entries(int family, int index, Map<Integer, String> names) {
        List<Neighbor> out = new ArrayList<>();
        for (Rtnetlink.Message m : Rtnetlink.dump(Rtnetlink.RTM_GETNEIGH, Rtnetlink.family(12, family))) {
            m.attributes(12);
            int ifindex = (int) m.u32(4);
            int state = m.u16(8);
            int flags = m.u8(10);
            byte[] dst = m.bytes(NDA_DST);
            if (m.u8(0) != family || index != 0 && ifindex != index || dst == null
                    || (state & SHOWN_STATES) == 0 && (flags & (NTF_PROXY | NTF_EXT_LEARNED)) == 0) {
                continue;
            }
            List<String> states = new ArrayList<>();
            int rest = state;
            for (int i = 0; i < NUD_NAMES.length; i++) {
                if ((rest & (1 << i)) != 0) {
                    states.add(NUD_NAMES[i]);
                    rest &= ~(1 << i);
                }
            }
            if (rest != 0) {
                states.add(Integer.toHexString(rest));
            }
            byte[] ll = m.bytes(NDA_LLADDR);
            // neighbours are on ARP and NDP links, whose addresses ip writes as hex bytes (ARPHRD_ETHER's way)
            out.add(new Neighbor(Rtnetlink.address(dst), ll == null ? null : InterfaceTable.linkAddress(ll, 1),
                    ifindex == 0 ? null : names.getOrDefault(ifindex, "if" + ifindex), List.copyOf(states),
                    (flags & NTF_ROUTER) != 0));
        }
        return out;
    }

    // linux/neighbour.h
    private static final int NDA_DST = 1;
    private static final int NDA_LLADDR = 2;
    private static final int NUD_PERMANENT = 0x80;
    private static final int ENOENT = 2;
    private static final int NTF_PROXY = 0x08;
    private static final int NTF_EXT_LEARNED = 0x10;
    private static final int NTF_ROUTER = 0x80;
    /** ip neigh show's default: every NUD state but NOARP (0x40). */
    private static final int SHOWN_STATES = 0xff & ~0x40;
    /** NUD_INCOMPLETE (0x01) up to NUD_PERMANENT (0x80), one bit each. */
    private static final String[] NUD_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED",
            "NOARP", "PERMANENT"};
}
