package dev.netkit.scan;

import dev.netkit.lab.LabExtension;
import dev.netkit.system.IpJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scan -sn from the lab's client finds exactly the hosts nmap -sn finds: on the client LAN by ARP (pc3 drops echo
 * but answers ARP), on the server LAN behind three routers by ICMP echo and TCP to 443/80. The lossy host (~20%
 * loss each way) is left out of the comparison: whether a few probes get through is luck, for nmap as for us.
 */
class HostDiscoveryLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final Pattern UP = Pattern.compile("^Host: (\\S+) .*Status: Up", Pattern.MULTILINE);

    static Set<String> nmap(String... args) {
        List<String> cmd = new ArrayList<>(List.of("nmap", "-n", "-sn", "-oG", "-"));
        cmd.addAll(List.of(args));
        LabExtension.Result r = lab.exec("client", Duration.ofSeconds(120), cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        Set<String> up = new TreeSet<>();
        Matcher m = UP.matcher(r.stdout());
        while (m.find()) {
            up.add(m.group(1));
        }
        return up;
    }

    static Set<String> netkit(String... args) {
        List<String> cmd = new ArrayList<>(List.of("scan", "-sn", "--json"));
        cmd.addAll(List.of(args));
        LabExtension.Result r = lab.netkit("client", cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        Set<String> up = new TreeSet<>();
        for (Map<String, Object> o : IpJson.parseArray("[" + String.join(",", r.stdout().lines().toList()) + "]")) {
            if (o.get("type").equals("host")) {
                up.add((String) o.get("host"));
            } else {
                assertEquals((long) up.size(), o.get("hosts_up"), r.stdout());
            }
        }
        return up;
    }

    @Test
    void clientLanByArpMatchesNmap() {
        Set<String> ours = netkit("198.18.1.0/24");
        assertEquals(Set.of("198.18.1.1", "198.18.1.10", "198.18.1.11", "198.18.1.12"), ours);
        assertEquals(nmap("198.18.1.0/24"), ours);
    }

    @Test
    void serverLanBehindRoutersMatchesNmap() {
        Set<String> ours = netkit("--exclude", "198.18.10.30", "198.18.10.0/24");
        assertTrue(ours.containsAll(Set.of("198.18.10.1", "198.18.10.10", "198.18.10.53")), ours.toString());
        assertEquals(nmap("--exclude", "198.18.10.30", "198.18.10.0/24"), ours);
    }

    @Test
    void clientLanOverIpv6ByNeighbourDiscoveryMatchesNmap() {
        String[] targets = {"2001:db8:1::1", "2001:db8:1::10", "2001:db8:1::11", "2001:db8:1::12", "2001:db8:1::13"};
        Set<String> ours = netkit(targets);
        // pc3 (::12) drops echo requests but answers neighbour solicitations; ::13 is nobody
        assertEquals(Set.of("2001:db8:1::1", "2001:db8:1::10", "2001:db8:1::11", "2001:db8:1::12"), ours);
        List<String> six = new ArrayList<>(List.of("-6"));
        six.addAll(List.of(targets));
        assertEquals(nmap(six.toArray(String[]::new)), ours);
        // found by neighbour discovery, so with the MAC of pc3's LAN interface
        String mac = lab.exec("pc3", Duration.ofSeconds(10), "sh", "-c", "cat /sys/class/net/$(ip -o -6 addr show to "
                + "2001:db8:1::12/128 | cut -d' ' -f2)/address").stdout().strip();
        LabExtension.Result r = lab.netkit("client", "scan", "-sn", "--json", "2001:db8:1::12");
        assertTrue(r.stdout().matches("(?s).*\\{\"type\":\"host\",\"host\":\"2001:db8:1::12\"[^}]*\"mac\":\""
                + mac + "\".*"), r.stdout() + " / " + mac);
    }

    @Test
    void beyondTheLinkTheProbesAreRawAnAckTo80AmongThem() throws Exception {
        // a bare ACK to 80 with window 1024 and no options is ours: the kernel's handshake ACK of a connect()
        // carries timestamps (data offset 8) and a scaled window; seen on the server, it shows the raw probes ran
        var seen = new java.util.concurrent.atomic.AtomicReference<LabExtension.Result>();
        Thread dump = Thread.ofVirtual().start(() -> seen.set(lab.exec("server", Duration.ofSeconds(40), "timeout",
                "30", "tcpdump", "-n", "-l", "-c", "1", "-i", "eth0",
                "src 198.18.1.10 and tcp dst port 80 and tcp[13] = 16 and tcp[12] = 0x50 and tcp[14:2] = 1024")));
        Set<String> ours = Set.of();
        for (int i = 0; i < 5 && dump.isAlive(); i++) {
            // until tcpdump (started in parallel) has seen one: bounded, and each run sends the ACK again
            ours = netkit("198.18.10.10", "198.18.10.99");
            dump.join(2000);
        }
        dump.join(35_000);
        assertEquals(Set.of("198.18.10.10"), ours, "the server is up, .99 (host unreachable from r3) is not");
        assertTrue(seen.get().stdout().contains("198.18.1.10.") && seen.get().stdout().contains("> 198.18.10.10.80:")
                && seen.get().stdout().contains("Flags [.]") && seen.get().stdout().contains("win 1024"),
                seen.get().stdout() + seen.get().stderr());
    }
}
