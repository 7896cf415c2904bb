package dev.netkit.cli;

import dev.netkit.JsonTree;
import dev.netkit.lab.LabExtension;
import dev.netkit.system.IpJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sockets, ifaces and route inside the lab's hosts, compared with ss and ip run in the same host: the server's
 * known services (TCP 22, 80, 443, 8080, UDP 7), the resolver's Unbound, a connection from client to
 * server:8080, the addresses of client and r1, and route get on and off the client LAN and on r2.
 */
class SystemLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final Duration T = Duration.ofSeconds(30);

    static String sh(String host, String... cmd) {
        var r = lab.exec(host, T, cmd);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + " in " + host + ": " + r.stderr());
        return r.stdout();
    }

    static String nk(String host, String... args) {
        var r = lab.netkit(host, args);
        assertEquals(0, r.exitCode(), "netkit " + String.join(" ", args) + " in " + host + ": " + r.stderr());
        return r.stdout();
    }

    @BeforeAll
    static void connect() throws InterruptedException {
        // a connection from client to server:8080 that ends by itself after 40 s
        lab.exec("client", T, "sh", "-c",
                "timeout 40 socat -u TCP4:198.18.10.10:8080 SYSTEM:'sleep 40' </dev/null >/dev/null 2>&1 &");
        // wait until both ends are ESTAB (a SYN-SENT seen by ss could be ESTAB by the time netkit looks)
        for (int i = 0; i < 100 && !(established("client") && established("server")); i++) {
            Thread.sleep(100);
        }
        assertTrue(established("client") && established("server"), "the client's connection did not come up");
    }

    static boolean established(String host) {
        return sh(host, "ss", "-tn", "state", "established").contains("198.18.10.10:8080");
    }

    @Test
    void serverTcpListenersEqualSs() {
        Set<String> ss = SystemNamespaceIT.rows(sh("server", "ss", "-tln"));
        assertEquals(ss, SystemNamespaceIT.rows(nk("server", "sockets", "-tln")));
        for (String port : List.of(":22 ", ":80 ", ":443 ", ":8080 ")) {
            assertTrue(ss.stream().anyMatch(r -> r.contains(port)), port + " not in " + ss);
        }
    }

    @Test
    void serverUdpListenersEqualSs() {
        Set<String> ss = SystemNamespaceIT.rows(sh("server", "ss", "-uln"));
        assertEquals(ss, SystemNamespaceIT.rows(nk("server", "sockets", "-uln")));
        assertTrue(ss.stream().anyMatch(r -> r.contains(":7 ")), ss.toString());
    }

    @Test
    void processesEqualSs() {
        for (String host : List.of("server", "resolver")) {
            assertEquals(SystemNamespaceIT.users(sh(host, "ss", "-tlnp")),
                    SystemNamespaceIT.users(nk(host, "sockets", "-tlnp")), host);
            assertEquals(SystemNamespaceIT.users(sh(host, "ss", "-ulnp")),
                    SystemNamespaceIT.users(nk(host, "sockets", "-ulnp")), host);
        }
        assertTrue(nk("resolver", "sockets", "-ulnp").contains("unbound"), "unbound not seen on the resolver");
    }

    @Test
    void connectionSeenFromBothEnds() {
        for (String host : List.of("client", "server")) {
            Set<String> ss = SystemNamespaceIT.rows(sh(host, "ss", "-tn"));
            assertEquals(ss, SystemNamespaceIT.rows(nk(host, "sockets", "-tn")), host);
            assertTrue(ss.stream().anyMatch(r -> r.startsWith("ESTAB ") && r.contains("8080")), host + ": " + ss);
        }
        String json = nk("client", "sockets", "-tn", "--json", "dst", "198.18.10.0/24");
        assertTrue(json.contains("\"peer_address\":\"198.18.10.10\",\"peer_port\":8080"), json);
    }

    @SuppressWarnings("unchecked")
    @Test
    void ifacesJsonEqualsIpAddr() throws IOException {
        for (String host : List.of("client", "r1")) {
            List<Map<String, Object>> ip = IpJson.parseArray(sh(host, "ip", "-j", "addr"));
            List<String> lines = nk(host, "ifaces", "--json").lines().toList();
            assertEquals(ip.size(), lines.size(), host);
            for (int i = 0; i < ip.size(); i++) {
                Map<String, Object> want = ip.get(i);
                Map<String, Object> got = (Map<String, Object>) JsonTree.parseValue(lines.get(i));
                assertEquals(want.get("ifname"), got.get("name"), host);
                assertEquals(want.get("ifindex"), got.get("index"), host);
                assertEquals(want.get("mtu"), got.get("mtu"), host);
                assertEquals(want.get("address"), got.get("mac"), host);
                assertEquals(want.get("flags"), got.get("flags"), host);
                List<String> cidrs = new ArrayList<>();
                for (Object a : (List<Object>) want.get("addr_info")) {
                    Map<String, Object> am = (Map<String, Object>) a;
                    cidrs.add(am.get("local") + "/" + am.get("prefixlen"));
                }
                assertEquals(cidrs, got.get("addresses"), host);
                String name = (String) want.get("ifname");
                long txBefore = Long.parseLong(sh(host, "cat", "/sys/class/net/" + name + "/statistics/tx_packets").strip());
                Map<String, Object> again = (Map<String, Object>) JsonTree.parseValue(nk(host, "ifaces", name, "--json").strip());
                long txAfter = Long.parseLong(sh(host, "cat", "/sys/class/net/" + name + "/statistics/tx_packets").strip());
                long tx = (Long) again.get("tx_packets");
                assertTrue(txBefore <= tx && tx <= txAfter, host + " " + name + ": " + txBefore + " <= " + tx + " <= " + txAfter);
            }
        }
        assertTrue(nk("client", "ifaces", "-s").contains("198.18.1.10/24"));
        assertTrue(nk("r1", "ifaces", "-s").contains("198.18.2.1/30"));
    }

    /**
     * ifaces NAME's link line and JSON say what ethtool says in the same host (a veth: 10000Mb/s, full duplex,
     * autonegotiation off); loopback, whose driver has no link settings, has none in either; the list of all
     * interfaces stays as ip addr shows it, without the line.
     */
    @SuppressWarnings("unchecked")
    @Test
    void ifacesLinkSettingsEqualEthtool() throws IOException {
        for (String[] hostIface : List.of(new String[] {"client", "eth0"}, new String[] {"r1", "r2"})) {
            String host = hostIface[0];
            String iface = hostIface[1];
            String ethtool = sh(host, "ethtool", iface);
            String speed = ethtoolField(ethtool, "Speed");
            String duplex = ethtoolField(ethtool, "Duplex").toLowerCase(java.util.Locale.ROOT);
            String autoneg = ethtoolField(ethtool, "Auto-negotiation");
            assertEquals(List.of("    speed " + speed + "  duplex " + duplex + "  autoneg " + autoneg),
                    nk(host, "ifaces", iface).lines().filter(l -> l.startsWith("    speed ")).toList(), host);
            Map<String, Object> json = (Map<String, Object>) JsonTree.parseValue(nk(host, "ifaces", iface, "--json").strip());
            assertEquals(Long.parseLong(speed.replace("Mb/s", "")), json.get("speed_mbps"), host);
            assertEquals(duplex, json.get("duplex"), host);
            assertEquals(autoneg.equals("on"), json.get("autoneg"), host);
        }
        assertTrue(nk("client", "ifaces", "eth0").contains("\n    speed 10000Mb/s  duplex full  autoneg off\n"));
        assertTrue(!sh("client", "ethtool", "lo").contains("Speed:"));
        assertTrue(!nk("client", "ifaces", "lo").contains("speed"));
        assertTrue(!nk("client", "ifaces", "lo", "--json").contains("autoneg"));
        assertTrue(!nk("client", "ifaces").contains("speed"));
    }

    /** The value of one "Name: value" line of ethtool's output. */
    private static String ethtoolField(String ethtool, String name) {
        return ethtool.lines().map(String::strip).filter(l -> l.startsWith(name + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + ethtool)).substring(name.length() + 2);
    }

    @Test
    void ifacesAllShowsTheLabResolverAndGateway() {
        String out = nk("client", "ifaces", "--all");
        assertTrue(out.contains("DNS servers ....... 198.18.10.53"), out);
        assertTrue(out.contains("Default gateways .. 198.18.1.1 (eth"), out);
    }

    @SuppressWarnings("unchecked")
    @Test
    void routeGetEqualsIpRouteGet() throws IOException {
        Map<String, List<String>> asks = Map.of(
                "client", List.of("198.18.1.11", "198.18.1.1", "198.18.10.10", "198.18.1.10", "2001:db8:1::11",
                        "2001:db8:10::10"),
                "r2", List.of("198.18.10.10", "198.18.1.10", "198.18.2.1", "2001:db8:10::10", "2001:db8:1::10"));
        int n = 0;
        for (var e : asks.entrySet()) {
            for (String addr : e.getValue()) {
                Map<String, Object> ip = IpJson.parseArray(sh(e.getKey(), "ip", "-j", "route", "get", addr)).get(0);
                Map<String, Object> got = (Map<String, Object>) JsonTree.parseValue(
                        nk(e.getKey(), "route", "get", addr, "--json").strip());
                String where = e.getKey() + " " + addr + ": ip said " + ip;
                assertEquals(ip.get("dev"), got.get("dev"), where);
                assertEquals(ip.get("gateway"), got.get("gateway"), where);
                assertEquals(ip.get("prefsrc"), got.get("src"), where);
                n++;
            }
        }
        assertEquals(11, n);
    }
}
