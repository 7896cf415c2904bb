package dev.netkit.system;

import dev.netkit.address.Cidr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing tables and rules of this namespace, from the kernel's rtnetlink dumps (RTM_GETROUTE, RTM_GETRULE),
 * named as {@code ip route show table all} and {@code ip rule} print them.
 */
public final class RouteTable {
    private RouteTable() {
    }

    /** Every route of every table, IPv4 then IPv6 (as asked), as {@code ip route show table all} lists them. */
    public static List<RouteEntry> read(boolean v4, boolean v6) {
        List<RouteEntry> out = new ArrayList<>();
        Map<Integer, String> names = InterfaceTable.names();
        if (v4) {
            out.addAll(routes(Libc.AF_INET, names));
        }
        if (v6) {
            out.addAll(routes(Libc.AF_INET6, names));
        }
        return out;
    }

    /** The tables in rule order for one family (plain "lookup TABLE" rules; rules with selectors are skipped). */
    public static List<String> readRuleTables(boolean v6) {
        try {
            return ruleTables(Rtnetlink.dump(Rtnetlink.RTM_GETRULE, Rtnetlink.family(12, v6 ? Libc.AF_INET6 : Libc.AF_INET)));
        } catch (dev.netkit.NetkitException e) {
            return List.of("local", "main", "default");
        }
    }

    private static List<String> ruleTables(List<Rtnetlink.Message> rules) {
        List<String> tables = new ArrayList<>();
        for (Rtnetlink.Message r : rules) {
            r.attributes(12);
            boolean plain = r.u8(1) == 0 && r.u8(2) == 0 && r.u8(3) == 0 && r.u8(7) == FR_ACT_TO_TBL
                    && (r.u32(8) & FIB_RULE_INVERT) == 0;
            for (int selector : RULE_SELECTORS) {
                plain &= !r.has(selector);
            }
            long table = r.u32Attribute(FRA_TABLE, r.u8(4));
            String name = RouteNames.table(table);
            if (plain && table != 0 && !tables.contains(name)) {
                tables.add(name);
            }
        }
        return tables.isEmpty() ? List.of("local", "main", "default") : tables;
    }

    private static List<RouteEntry> routes(int family, Map<Integer, String> names) {
        List<RouteEntry> out = new ArrayList<>();
        boolean v6 = family == Libc.AF_INET6;
        for (Rtnetlink.Message r : Rtnetlink.dump(Rtnetlink.RTM_GETROUTE, Rtnetlink.family(12, family))) {
            r.attributes(12);
            long rtmFlags = r.u32(8);
            if (r.u8(0) != family || (rtmFlags & RTM_F_CLONED) != 0) {
                continue; // ip route show leaves out the route cache
            }
            byte[] dstBytes = r.bytes(RTA_DST);
            InetAddress dstAddress = dstBytes != null ? IpLiteral.byBytes(dstBytes)
                    : IpLiteral.byBytes(new byte[v6 ? 16 : 4]);
            Cidr prefix;
            try {
                prefix = Cidr.of(dstAddress, r.u8(1));
            } catch (RuntimeException e) {
                continue; // a prefix longer than the address: not a route of this family
            }
            InetAddress gw = address(r.bytes(RTA_GATEWAY));
            long oif = r.u32Attribute(RTA_OIF, 0);
            String dev = oif == 0 ? null : names.getOrDefault((int) oif, "if" + oif);
            List<RouteEntry.NextHop> nexthops = new ArrayList<>();
            for (Rtnetlink.Message nh : r.list(RTA_MULTIPATH, 8)) {
                // struct rtnexthop: u16 len, u8 flags, u8 hops (weight - 1), int ifindex, then its attributes
                long ifindex = nh.u32(4);
                nexthops.add(new RouteEntry.NextHop(address(nh.bytes(RTA_GATEWAY)),
                        ifindex == 0 ? null : names.getOrDefault((int) ifindex, "if" + ifindex), nh.u8(3) + 1,
                        routeFlags(nh.u8(2))));
            }
            if (gw == null && dev == null && !nexthops.isEmpty()) {
                // the first next hop stands for the route where one gateway is asked for (route get, flag G)
                gw = nexthops.get(0).gateway();
                dev = nexthops.get(0).dev();
            }
            long table = r.u32Attribute(RTA_TABLE, r.u8(4));
            int protocol = r.u8(5);
            out.add(new RouteEntry(RouteNames.type(r.u8(7)), prefix, gw, dev, r.u32Attribute(RTA_PRIORITY, 0),
                    address(r.bytes(RTA_PREFSRC)), table == 0 ? "main" : RouteNames.table(table),
                    protocol == RTPROT_BOOT ? null : RouteNames.protocol(protocol), RouteNames.scope(r.u8(6)),
                    routeFlags(rtmFlags), List.copyOf(nexthops)));
        }
        return out;
    }

    /** ip's words for rtm_flags, in its order. */
    private static List<String> routeFlags(long flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ROUTE_FLAG_BITS.length; i++) {
            if ((flags & ROUTE_FLAG_BITS[i]) != 0) {
                out.add(ROUTE_FLAG_NAMES[i]);
            }
        }
        return out;
    }

    private static InetAddress address(byte[] b) {
        return b == null || (b.length != 4 && b.length != 16) ? null : IpLiteral.byBytes(b);
    }

    // linux/rtnetlink.h and fib_rules.h
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_MULTIPATH = 9;
    private static final int RTA_TABLE = 15;
    private static final int RTPROT_BOOT = 3;
    private static final long RTM_F_CLONED = 0x200;
    private static final long[] ROUTE_FLAG_BITS = {0x1, 0x4, 0x2, 0x8, 0x40, 0x100, 0x10, 0x20, 0x4000, 0x8000,
            0x20000000};
    private static final String[] ROUTE_FLAG_NAMES = {"dead", "onlink", "pervasive", "offload", "trap", "notify",
            "linkdown", "unresolved", "rt_offload", "rt_trap", "rt_offload_failed"};
    private static final int FR_ACT_TO_TBL = 1;
    private static final long FIB_RULE_INVERT = 0x2;
    private static final int FRA_TABLE = 15;
    /** FRA_DST, SRC, IIFNAME, FWMARK, FWMASK, OIFNAME, UID_RANGE, IP_PROTO, SPORT_RANGE, DPORT_RANGE: a selector. */
    private static final int[] RULE_SELECTORS = {1, 2, 3, 10, 16, 17, 20, 22, 23, 24};
}
