package dev.netkit.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of recorded 'ip -j -s addr' (src/test/resources/iproute/record.sh), sysfs counters, resolv.conf. */
class InterfaceTableTest {
    static List<NetInterface> recorded() throws IOException {
        return RecordedIp.interfaces(IpJson.parseArray(Files.readString(Path.of("src/test/resources/iproute/addr.json"))));
    }

    static NetInterface named(List<NetInterface> l, String name) {
        return l.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void addressesFlagsAndScopes() throws IOException {
        List<NetInterface> l = recorded();
        NetInterface eth0 = named(l, "eth0");
        assertEquals("UP", eth0.state());
        assertTrue(eth0.flags().contains("LOWER_UP"), eth0.flags().toString());
        assertEquals(1500, eth0.mtu());
        assertEquals("ether", eth0.linkType());
        assertTrue(eth0.mac().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), eth0.mac());
        List<String> cidrs = eth0.addresses().stream().map(NetInterface.Address::cidr).toList();
        assertEquals("198.18.1.10/24", cidrs.get(0));
        assertEquals("198.18.1.20/24", cidrs.get(1));
        assertTrue(cidrs.contains("2001:db8:1::10/64"), cidrs.toString());
        assertEquals("198.18.1.255", eth0.addresses().get(0).broadcast());
        assertTrue(eth0.addresses().get(1).flags().contains("secondary"));
        NetInterface.Address ll = eth0.addresses().stream().filter(a -> a.address().startsWith("fe80")).findFirst().orElseThrow();
        assertEquals("link", ll.scope());
        assertNull(ll.broadcast());
        NetInterface lo = named(l, "lo");
        assertEquals("loopback", lo.linkType());
        assertEquals("host", lo.addresses().get(0).scope());
    }

    @Test
    void stats64FromIp() throws IOException {
        NetInterface eth0 = named(recorded(), "eth0");
        assertTrue(eth0.counters().txPackets() > 0, eth0.counters().toString());
    }

    @Test
    void sysfsCountersWinWhenTheIndexMatches(@TempDir Path sys) throws IOException {
        NetInterface eth0 = named(recorded(), "eth0");
        Path st = Files.createDirectories(sys.resolve("eth0/statistics"));
        Files.writeString(sys.resolve("eth0/ifindex"), eth0.index() + "\n");
        String[] names = {"rx_bytes", "tx_bytes", "rx_packets", "tx_packets", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped"};
        for (int i = 0; i < names.length; i++) {
            Files.writeString(st.resolve(names[i]), (1000 + i) + "\n");
        }
        assertEquals(new NetInterface.Counters(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007),
                new InterfaceTable(sys).counters(eth0));
        // another namespace's eth0 (other ifindex): keep ip's numbers
        Files.writeString(sys.resolve("eth0/ifindex"), "999\n");
        assertEquals(eth0.counters(), new InterfaceTable(sys).counters(eth0));
    }

    @Test
    void resolvConf() {
        ResolvConf rc = ResolvConf.parse("# lab\nnameserver 198.18.10.53\nnameserver 2001:db8:10::53\n"
                + "domain old.test\nsearch netkit.test test\noptions ndots:1\n");
        assertEquals(List.of("198.18.10.53", "2001:db8:10::53"), rc.nameserverTexts());
        assertEquals(List.of("netkit.test", "test"), rc.search());
    }
}
