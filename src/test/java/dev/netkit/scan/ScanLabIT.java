package dev.netkit.scan;

import dev.netkit.lab.LabExtension;
import dev.netkit.system.IpJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit scan from the lab's client against server (TCP 22, 80, 443, 8080 open, 9998 closed, 9999 dropped; UDP 7
 * echo, 9997 closed) compared port by port with nmap run in the same namespace; -sn of the client LAN.
 */
class ScanLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final String PORTS = "22,80,443,8080,9998,9999";
    static final Pattern ROW = Pattern.compile("^(\\d+)/(tcp|udp)\\s+(\\S+)", Pattern.MULTILINE);

    static Map<String, String> table(String text) {
        Map<String, String> m = new TreeMap<>();
        Matcher x = ROW.matcher(text);
        while (x.find()) {
            m.put(x.group(1) + "/" + x.group(2), x.group(3));
        }
        return m;
    }

    static Map<String, String> nmap(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "nmap";
        System.arraycopy(args, 0, cmd, 1, args.length);
        LabExtension.Result r = lab.exec("client", Duration.ofSeconds(120), cmd);
        assertEquals(0, r.exitCode(), r.stderr());
        return table(r.stdout());
    }

    static final Map<String, String> EXPECTED = Map.of("22/tcp", "open", "80/tcp", "open", "443/tcp", "open",
            "8080/tcp", "open", "9998/tcp", "closed", "9999/tcp", "filtered");

    @Test
    void synScanOfAllPortsMatchesNmap() {
        LabExtension.Result r = lab.netkit("client", "scan", "-sS", "-p-", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("netkit scan report for server.netkit.test (198.18.10.10)"), r.stdout());
        assertTrue(r.stdout().contains("Not shown: 65530 closed tcp ports (reset)"), r.stdout());
        assertTrue(r.stdout().contains("1 IP address (1 host up) scanned in"), r.stdout());
        Map<String, String> netkit = table(r.stdout());
        // 9998 is hidden with the other closed ports, as nmap does
        Map<String, String> expected = new TreeMap<>(EXPECTED);
        expected.remove("9998/tcp");
        assertEquals(expected, netkit);
        assertEquals(nmap("-sS", "-T5", "-p-", "198.18.10.10"), netkit);
    }

    @Test
    void synAndConnectScansOfTheKnownPortsMatchNmap() {
        Map<String, String> nm = nmap("-sS", "-T4", "-p", PORTS, "198.18.10.10");
        assertEquals(new TreeMap<>(EXPECTED), nm);
        LabExtension.Result s = lab.netkit("client", "scan", "-sS", "-p", PORTS, "198.18.10.10");
        assertEquals(nm, table(s.stdout()), s.stdout());
        LabExtension.Result t = lab.netkit("client", "scan", "-sT", "--reason", "-p", PORTS, "198.18.10.10");
        assertEquals(nmap("-sT", "-T4", "-p", PORTS, "198.18.10.10"), table(t.stdout()), t.stdout());
        assertTrue(t.stdout().contains("9998/tcp closed"), t.stdout());
        assertTrue(t.stdout().contains("conn-refused"), t.stdout());
    }

    @Test
    void udpEchoIsOpenAndNineNineNineSevenClosed() {
        LabExtension.Result u = lab.netkit("client", "scan", "-sU", "-p", "7,9997", "198.18.10.10");
        assertEquals(Map.of("7/udp", "open", "9997/udp", "closed"), table(u.stdout()), u.stdout());
        assertEquals(nmap("-sU", "-p", "7,9997", "198.18.10.10"), table(u.stdout()));
    }

    @Test
    void discoveryOfTheClientLanAsJson() {
        LabExtension.Result r = lab.netkit("client", "scan", "-sn", "--json", "198.18.1.0/24");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> hosts = new TreeMap<>();
        Map<String, Object> summary = null;
        for (Map<String, Object> o : IpJson.parseArray("[" + String.join(",", r.stdout().lines().toList()) + "]")) {
            if (o.get("type").equals("host")) {
                hosts.put((String) o.get("host"), o.get("mac"));
            } else if (o.get("type").equals("summary")) {
                summary = o;
            }
        }
        // pc3 drops ICMP echo but answers ARP; the scanner itself (.10) is up too, without a MAC
        assertEquals(java.util.Set.of("198.18.1.1", "198.18.1.10", "198.18.1.11", "198.18.1.12"), hosts.keySet());
        assertTrue(hosts.get("198.18.1.12") != null, r.stdout());
        assertEquals(254L, summary.get("hosts_total"));
        assertEquals(4L, summary.get("hosts_up"));
    }

    @Test
    void connectScanOverIpv6MatchesNmap() {
        LabExtension.Result t = lab.netkit("client", "scan", "-sT", "-p", PORTS, "2001:db8:10::10");
        assertEquals(0, t.exitCode(), t.stderr());
        assertTrue(t.stdout().contains("netkit scan report for 2001:db8:10::10"), t.stdout());
        assertEquals(new TreeMap<>(EXPECTED), table(t.stdout()));
        assertEquals(nmap("-6", "-sT", "-T4", "-p", PORTS, "2001:db8:10::10"), table(t.stdout()));
    }

    @Test
    void synScanOverIpv6MatchesNmap() {
        LabExtension.Result s = lab.netkit("client", "scan", "-sS", "--reason", "-p", PORTS, "2001:db8:10::10");
        assertEquals(0, s.exitCode(), s.stderr());
        assertEquals(new TreeMap<>(EXPECTED), table(s.stdout()), s.stdout());
        assertTrue(s.stdout().contains("9998/tcp closed   unknown  reset"), s.stdout()); // a RST seen on the wire
        assertEquals(nmap("-6", "-sS", "-T4", "-p", PORTS, "2001:db8:10::10"), table(s.stdout()));
    }

    @Test
    void bannersOfTheServersServices() {
        LabExtension.Result r = lab.netkit("client", "scan", "-sS", "--banners", "-p", "22,80,9998", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.stderr());
        // the lab's port 22 greets as OpenSSH; port 80 answers the HEAD request
        assertTrue(r.stdout().contains("22/tcp   open   ssh\n|_banner: SSH-2.0-OpenSSH_9.2p1 netkit-lab\n"), r.stdout());
        assertTrue(r.stdout().contains("80/tcp   open   http\n|_banner: HTTP/1.1 200 OK\n"), r.stdout());
    }
}
