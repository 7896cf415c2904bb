package dev.netkit.subnet;

import dev.netkit.address.AddressType;
import dev.netkit.address.Cidr;
import dev.netkit.address.IpAddress;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    static NetkitException usage(Runnable r) {
        NetkitException e = assertThrows(NetkitException.class, r::run);
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e;
    }

    @Test
    void netmaskGivesNetworkAndBroadcast() {
        SubnetInfo i = SubnetInfo.of(Cidr.parse("129.133.178.53", "255.255.240.0"));
        assertEquals("129.133.176.0", i.network().toString());
        assertEquals(20, i.cidr().prefix());
        assertEquals("129.133.191.255", i.broadcast().toString());
        assertEquals("0.0.15.255", i.wildcard().toString());
        assertEquals(4094, i.usableHosts().intValueExact());
        assertEquals("B", i.historicalClass());
    }

    @Test
    void slash26Range() {
        SubnetInfo i = SubnetInfo.of(Cidr.parse("192.0.2.128/26"));
        assertEquals("192.0.2.128", i.network().toString());
        assertEquals("192.0.2.191", i.broadcast().toString());
        assertEquals("192.0.2.129", i.firstHost().toString());
        assertEquals("192.0.2.190", i.lastHost().toString());
    }

    @Test
    void slashNetmaskForm() {
        assertEquals(26, Cidr.parse("192.0.2.130/255.255.255.192").prefix());
    }

    @Test
    void slash28Has14Usable() {
        assertEquals(14, SubnetInfo.of(Cidr.parse("198.51.100.96/28")).usableHosts().intValueExact());
    }

    @Test
    void slash21Network() {
        assertEquals("214.197.216.0", Cidr.parse("214.197.217.45/21").network().toString());
    }

    @Test
    void rfc3021PointToPointAndHostRoute() {
        SubnetInfo p2p = SubnetInfo.of(Cidr.parse("192.0.2.1/31"));
        assertEquals(2, p2p.usableHosts().intValueExact());
        assertEquals("192.0.2.0", p2p.firstHost().toString());
        assertEquals("192.0.2.1", p2p.lastHost().toString());
        assertNull(p2p.broadcast());
        SubnetInfo host = SubnetInfo.of(Cidr.parse("192.0.2.1/32"));
        assertEquals(1, host.usableHosts().intValueExact());
        assertEquals("192.0.2.1", host.firstHost().toString());
        assertNull(host.broadcast());
    }

    @Test
    void ipv6TotalsAreExact() {
        SubnetInfo all = SubnetInfo.of(Cidr.parse("::/0"));
        assertEquals(BigInteger.TWO.pow(128), all.totalAddresses());
        assertEquals("340282366920938463463374607431768211456", all.totalAddresses().toString());
        SubnetInfo lan = SubnetInfo.of(Cidr.parse("2001:db8::1/64"));
        assertEquals("2001:db8::", lan.network().toString());
        assertEquals("2001:db8::ffff:ffff:ffff:ffff", lan.lastHost().toString());
        assertNull(lan.broadcast());
    }

    @Test
    void reverseZones() {
        assertEquals("15.84.61.108.in-addr.arpa", SubnetInfo.of(Cidr.parse("108.61.84.15")).reverseZone());
        assertEquals("2.0.192.in-addr.arpa", SubnetInfo.of(Cidr.parse("192.0.2.130/26")).reverseZone());
        assertEquals("8.b.d.0.1.0.0.2.ip6.arpa", SubnetInfo.of(Cidr.parse("2001:db8::/32")).reverseZone());
    }

    @Test
    void multicastMacs() {
        assertEquals("33:33:00:00:00:01", SubnetInfo.of(Cidr.parse("ff02::1")).multicastMac());
        assertEquals("01:00:5e:00:00:fb", SubnetInfo.of(Cidr.parse("224.0.0.251")).multicastMac());
        assertEquals("01:00:5e:7f:00:01", SubnetInfo.of(Cidr.parse("239.255.0.1")).multicastMac());
        assertNull(SubnetInfo.of(Cidr.parse("192.0.2.1")).multicastMac());
    }

    @Test
    void addressTypes() {
        String[][] cases = {
                {"10.1.2.3", "private"}, {"172.31.255.255", "private"}, {"192.168.0.1", "private"},
                {"172.32.0.1", "public"}, {"8.8.8.8", "public"}, {"127.0.0.1", "loopback"},
                {"169.254.1.1", "link-local"}, {"224.0.0.1", "multicast"}, {"192.0.2.1", "documentation"},
                {"198.51.100.1", "documentation"}, {"203.0.113.9", "documentation"},
                {"198.18.0.1", "benchmarking"}, {"198.19.255.255", "benchmarking"}, {"100.64.0.1", "shared"},
                {"100.127.255.255", "shared"}, {"0.0.0.0", "unspecified"}, {"255.255.255.255", "broadcast"},
                {"240.0.0.1", "reserved"}, {"::1", "loopback"}, {"::", "unspecified"},
                {"fe80::1", "link-local"}, {"fd00::1", "unique-local"}, {"fc00::1", "unique-local"},
                {"ff02::1", "multicast"}, {"2001:db8::1", "documentation"}, {"::ffff:192.0.2.1", "ipv4-mapped"},
                {"2001:2::1", "benchmarking"}, {"2606:4700::1", "public"}, {"2002:c000:201::1", "6to4"},
                {"64:ff9b::192.0.2.1", "nat64"}, {"2001::1", "teredo"}};
        for (String[] c : cases) {
            assertEquals(c[1], AddressType.of(IpAddress.parse(c[0])).name(), c[0]);
        }
    }

    @Test
    void embeddedIpv4() {
        assertEquals("192.0.2.1", SubnetInfo.of(Cidr.parse("::ffff:192.0.2.1")).embeddedV4().toString());
        assertEquals("192.0.2.1", SubnetInfo.of(Cidr.parse("2002:c000:201::1")).embeddedV4().toString());
    }

    @Test
    void historicalClasses() {
        assertEquals("A", SubnetInfo.of(Cidr.parse("10.0.0.0/8")).historicalClass());
        assertEquals("C", SubnetInfo.of(Cidr.parse("192.0.2.1")).historicalClass());
        assertEquals("D", SubnetInfo.of(Cidr.parse("224.0.0.1")).historicalClass());
        assertEquals("E", SubnetInfo.of(Cidr.parse("250.0.0.1")).historicalClass());
        assertNull(SubnetInfo.of(Cidr.parse("::1")).historicalClass());
    }

    @Test
    void badPrefixesAreRejected() {
        assertTrue(usage(() -> Cidr.parse("10.0.0.0/33")).getMessage().contains("/0 to /32"));
        assertTrue(usage(() -> Cidr.parse("2001:db8::/129")).getMessage().contains("/0 to /128"));
        assertTrue(usage(() -> Cidr.parse("10.0.0.1", "255.0.255.0")).getMessage().contains("not contiguous"));
        assertTrue(usage(() -> Cidr.parse("10.0.0.0/x")).getMessage().contains("not a prefix length"));
        assertTrue(usage(() -> Cidr.parse("10.0.0.0/")).getMessage().contains("missing prefix length"));
    }

    @Test
    void splitByPrefix() {
        List<String> out = new ArrayList<>();
        Cidr.parse("198.18.0.0/24").split(26, c -> out.add(c.toString()));
        assertEquals(List.of("198.18.0.0/26", "198.18.0.64/26", "198.18.0.128/26", "198.18.0.192/26"), out);
        List<String> v6 = new ArrayList<>();
        Cidr.parse("2001:db8::/62").split(64, c -> v6.add(c.toString()));
        assertEquals(List.of("2001:db8::/64", "2001:db8:0:1::/64", "2001:db8:0:2::/64", "2001:db8:0:3::/64"), v6);
    }

    @Test
    void splitPrefixShorterThanNetworkIsRejected() {
        String m = usage(() -> Cidr.parse("10.0.0.0/16").split(8, c -> { })).getMessage();
        assertTrue(m.contains("must be /16 or longer"), m);
    }

    @Test
    void vlsmLargestFirst() {
        List<Vlsm.Allocation> plan = Vlsm.allocate(Cidr.parse("192.168.1.0/24"), List.of(10L, 50L, 20L));
        assertEquals(List.of(50L, 20L, 10L), plan.stream().map(Vlsm.Allocation::hostsWanted).toList());
        assertEquals(List.of("192.168.1.0/26", "192.168.1.64/27", "192.168.1.96/28"),
                plan.stream().map(a -> a.subnet().toString()).toList());
        assertEquals(62, plan.get(0).usableHosts().intValueExact());
    }

    @Test
    void vlsmThatDoesNotFitIsRejected() {
        String m = usage(() -> Vlsm.allocate(Cidr.parse("192.168.1.0/26"), List.of(50L, 20L))).getMessage();
        assertTrue(m.contains("has only 64"), m);
    }

    @Test
    void rangeToCidrs() {
        assertEquals(List.of("10.0.0.0/29", "10.0.0.8/31"),
                Cidr.range(IpAddress.parse("10.0.0.0"), IpAddress.parse("10.0.0.9")).stream().map(Cidr::toString).toList());
        assertEquals(List.of("0.0.0.0/0"),
                Cidr.range(IpAddress.parse("0.0.0.0"), IpAddress.parse("255.255.255.255")).stream().map(Cidr::toString).toList());
        assertEquals(List.of("2001:db8::1/128", "2001:db8::2/127"),
                Cidr.range(IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:db8::3")).stream().map(Cidr::toString).toList());
    }

    @Test
    void reversedRangeIsRejected() {
        String m = usage(() -> Cidr.range(IpAddress.parse("10.0.0.9"), IpAddress.parse("10.0.0.1"))).getMessage();
        assertTrue(m.contains("reversed"), m);
    }

    @Test
    void contains() {
        Cidr net = Cidr.parse("198.18.1.0/24");
        assertTrue(net.contains(IpAddress.parse("198.18.1.255")));
        assertFalse(net.contains(IpAddress.parse("198.18.2.0")));
        assertFalse(net.contains(IpAddress.parse("::ffff:198.18.1.1")));
        assertTrue(net.contains(Cidr.parse("198.18.1.128/25")));
        assertFalse(net.contains(Cidr.parse("198.18.0.0/23")));
    }
}
