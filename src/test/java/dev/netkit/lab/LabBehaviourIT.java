package dev.netkit.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab behaves as docs/lab.md says, seen through the classic tools (ping, traceroute, dig, nc) run inside it. */
class LabBehaviourIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final Duration SHORT = Duration.ofSeconds(10);

    private LabExtension.Result client(String... cmd) {
        return lab.exec("client", SHORT, cmd);
    }

    @Test
    void pingReachesServerByNameOverBothFamilies() {
        LabExtension.Result r = client("ping", "-4", "-c", "1", "-W", "2", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("198.18.10.10"), r.stdout());
        LabExtension.Result r6 = client("ping", "-6", "-c", "1", "-W", "2", "server.netkit.test");
        assertEquals(0, r6.exitCode(), r6.output());
        assertTrue(r6.stdout().contains("2001:db8:10::10"), r6.stdout());
    }

    @Test
    void pc3DropsEchoRequests() {
        LabExtension.Result r = client("ping", "-c", "2", "-i", "0.2", "-W", "1", "198.18.1.12");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("100% packet loss"), r.stdout());
        // pc3 is there all the same: it answers ARP and TCP.
        LabExtension.Result arp = client("ip", "neigh", "show", "198.18.1.12");
        assertTrue(arp.stdout().contains("02:6e:6b:01:00:0c"), arp.output());
    }

    @Test
    void tracerouteShowsSilentR3() {
        LabExtension.Result r = client("traceroute", "-n", "-q", "1", "-w", "1", "-m", "6", "198.18.10.10");
        assertEquals(0, r.exitCode(), r.output());
        List<String> hops = r.stdout().lines().skip(1).map(String::trim).toList();
        assertTrue(hops.get(0).startsWith("1  198.18.1.1 "), r.stdout());
        assertTrue(hops.get(1).startsWith("2  198.18.2.2 "), r.stdout());
        assertEquals("3  *", hops.get(2), r.stdout());
        assertTrue(hops.get(3).startsWith("4  198.18.10.10 "), r.stdout());
        assertEquals(4, hops.size(), r.stdout());
    }

    @Test
    void traceroute6ShowsSilentR3() {
        LabExtension.Result r = client("traceroute", "-6", "-n", "-q", "1", "-w", "1", "-m", "6", "2001:db8:10::10");
        assertEquals(0, r.exitCode(), r.output());
        List<String> hops = r.stdout().lines().skip(1).map(String::trim).toList();
        assertTrue(hops.get(0).startsWith("1  2001:db8:1::1 "), r.stdout());
        assertTrue(hops.get(1).startsWith("2  2001:db8:2::2 "), r.stdout());
        assertEquals("3  *", hops.get(2), r.stdout());
        assertTrue(hops.get(3).startsWith("4  2001:db8:10::10 "), r.stdout());
    }

    @Test
    void pathMtuIs1400BetweenR1AndR2() {
        LabExtension.Result big = client("ping", "-M", "do", "-s", "1472", "-c", "1", "-W", "2", "198.18.10.10");
        assertNotEquals(0, big.exitCode(), big.output());
        assertTrue(big.stdout().contains("Frag needed and DF set (mtu = 1400)"), big.output());
        assertTrue(big.stdout().contains("From 198.18.1.1 "), big.output());
        LabExtension.Result fits = client("ping", "-M", "do", "-s", "1372", "-c", "1", "-W", "2", "198.18.10.10");
        assertEquals(0, fits.exitCode(), fits.output());
        LabExtension.Result mtu = lab.exec("r2", SHORT, "ip", "link", "show", "r1");
        assertTrue(mtu.stdout().contains("mtu 1400"), mtu.output());
    }

    @Test
    void openPortsAcceptAndServe() {
        for (String port : List.of("22", "80", "443", "8080")) {
            LabExtension.Result r = client("nc", "-z", "-w", "2", "198.18.10.10", port);
            assertEquals(0, r.exitCode(), port + ": " + r.output());
        }
        LabExtension.Result http = client("sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\nHost: server.netkit.test\\r\\n\\r\\n' | nc -w 2 198.18.10.10 80");
        assertTrue(http.stdout().startsWith("HTTP/1.1 200 OK"), http.output());
        LabExtension.Result ssh = client("nc", "-w", "2", "198.18.10.10", "22");
        assertTrue(ssh.stdout().startsWith("SSH-2.0-"), ssh.output());
    }

    @Test
    void port9998IsRefusedAnd9999TimesOut() {
        LabExtension.Result closed = client("nc", "-z", "-v", "-w", "2", "198.18.10.10", "9998");
        assertEquals(1, closed.exitCode(), closed.output());
        assertTrue(closed.stderr().contains("Connection refused"), closed.output());
        LabExtension.Result filtered = client("nc", "-z", "-v", "-w", "2", "198.18.10.10", "9999");
        assertEquals(1, filtered.exitCode(), filtered.output());
        assertTrue(filtered.stderr().contains("timed out"), filtered.output());
    }

    @Test
    void udpEchoOn7AndPortUnreachableOn9997() {
        LabExtension.Result echo = client("sh", "-c", "echo netkit-echo | nc -u -w 1 198.18.10.10 7");
        assertTrue(echo.stdout().contains("netkit-echo"), echo.output());
        LabExtension.Result echo6 = client("sh", "-c", "echo netkit-echo6 | nc -6 -u -w 1 2001:db8:10::10 7");
        assertTrue(echo6.stdout().contains("netkit-echo6"), echo6.output());
        LabExtension.Result closed = client("dig", "@198.18.10.10", "-p", "9997", "+tries=1", "+time=2", "x.netkit.test");
        assertTrue(closed.output().contains("connection refused"), closed.output());
    }

    @Test
    void digResolvesThroughTheLabRoot() {
        assertEquals("198.18.10.10", client("dig", "+short", "server.netkit.test").stdout().strip());
        assertEquals("2001:db8:10::10", client("dig", "+short", "server.netkit.test", "AAAA").stdout().strip());
        assertEquals("server.netkit.test.", client("dig", "+short", "-x", "198.18.10.10").stdout().strip());
        assertEquals("server.netkit.test.", client("dig", "+short", "-x", "2001:db8:10::10").stdout().strip());
        assertEquals("r3.netkit.test.", client("dig", "+short", "-x", "198.18.3.2").stdout().strip());
        assertEquals(List.of("web.netkit.test.", "server.netkit.test.", "198.18.10.10"),
                client("dig", "+short", "www.netkit.test").stdout().lines().toList());
        assertEquals("10 server.netkit.test.", client("dig", "+short", "netkit.test", "MX").stdout().strip());
        assertTrue(client("dig", "+short", "_http._tcp.netkit.test", "SRV").stdout().contains("80 server.netkit.test."));
        // the resolver is reachable over IPv6 too
        assertEquals("198.18.10.10",
                client("dig", "+short", "@2001:db8:10::53", "server.netkit.test").stdout().strip());
    }

    @Test
    void digTraceWalksRootTldAndAuthoritative() {
        LabExtension.Result r = client("dig", "+trace", "+nodnssec", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        // dig picks the IPv4 or the IPv6 address of each server
        for (String server : List.of("root", "tld", "auth")) {
            int octet = List.of("root", "tld", "auth").indexOf(server) + 2;
            assertTrue(Pattern.compile("from (198\\.18\\.10\\." + octet + "|2001:db8:10::" + octet + ")#53\\("
                    + server + "\\.netkit\\.test\\)").matcher(r.stdout()).find(), server + ":\n" + r.stdout());
        }
    }

    @Test
    void bigTxtFallsBackToTcp() {
        LabExtension.Result r = client("dig", "+noedns", "big.netkit.test", "TXT");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(";; Truncated, retrying in TCP mode."), r.stdout());
        Matcher m = Pattern.compile("MSG SIZE\\s+rcvd: (\\d+)").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        assertTrue(Integer.parseInt(m.group(1)) > 512, r.stdout());
    }

    @Test
    void lameDelegationIsServfail() {
        LabExtension.Result r = client("dig", "+tries=1", "+time=5", "lame.netkit.test");
        assertTrue(r.stdout().contains("status: SERVFAIL"), r.output());
    }

    @Test
    void asnZoneSpeaksTeamCymru() {
        assertEquals("\"64510 | 198.18.10.0/24 | ZZ | lab | 2026-01-01\"",
                client("dig", "+short", "10.10.18.198.origin.asn.netkit.test", "TXT").stdout().strip());
        assertEquals("\"64502 | 198.18.2.0/30 | ZZ | lab | 2026-01-01\"",
                client("dig", "+short", "2.2.18.198.origin.asn.netkit.test", "TXT").stdout().strip());
        assertTrue(client("dig", "+short", "AS64501.asn.netkit.test", "TXT").stdout()
                .startsWith("\"64501 | ZZ | lab | 2026-01-01 | NETKIT-CLIENT-LAN"));
    }

    @Test
    void lossyLosesSomeButNotAll() {
        LabExtension.Result r = lab.exec("client", Duration.ofSeconds(20), "ping", "-q", "-c", "100", "-i", "0.01",
                "-W", "1", "198.18.10.30");
        Matcher m = Pattern.compile("(\\d+) received, (\\d+)% packet loss").matcher(r.stdout());
        assertTrue(m.find(), r.output());
        int loss = Integer.parseInt(m.group(2));
        // ~36% expected (20% each way); 100 pings make 5%..80% a safe band.
        assertTrue(loss >= 5 && loss <= 80, r.stdout());
    }

    @Test
    void unusedAddressIsHostUnreachableFromR3() {
        LabExtension.Result r = client("ping", "-c", "1", "-W", "5", "198.18.10.99");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("Destination Host Unreachable"), r.output());
    }

    @Test
    void nothingIsRoutedOutOfTheLab() {
        // 192.0.2.1 (TEST-NET-1) is outside the lab; 'ip route get' only asks the kernel, nothing is sent.
        // Traffic for it goes client -> r1 -> r2 -> r3, and r3 has no route: it ends there.
        LabExtension.Result r = lab.exec("r3", SHORT, "ip", "route", "get", "192.0.2.1");
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.stderr().contains("unreachable"), r.output());
        LabExtension.Result r6 = lab.exec("r3", SHORT, "ip", "-6", "route", "get", "2001:db9::1");
        assertNotEquals(0, r6.exitCode(), r6.output());
    }

    @Test
    void everyHostUsesTheLabResolver() throws Exception {
        for (String host : List.of("client", "pc2", "server", "r1", "lossy")) {
            Path f = Path.of("/etc/netns", lab.ns(host), "resolv.conf");
            assertTrue(Files.readString(f).contains("nameserver 198.18.10.53"), f.toString());
            LabExtension.Result r = lab.exec(host, SHORT, "cat", "/etc/resolv.conf");
            assertTrue(r.stdout().contains("nameserver 198.18.10.53"), host + ": " + r.output());
        }
    }

    @Test
    void macsAreStableAndLocallyAdministered() {
        LabExtension.Result r = client("ip", "-br", "link", "show", "eth0");
        assertTrue(r.stdout().contains("02:6e:6b:01:00:0a"), r.output());
        LabExtension.Result s = lab.exec("server", SHORT, "ip", "-br", "link", "show", "eth0");
        assertTrue(s.stdout().contains("02:6e:6b:0a:00:0a"), s.output());
    }

    @Test
    void netkitRunsInsideAHost() {
        LabExtension.Result r = lab.netkit("client", "--version");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().startsWith("netkit "), r.output());
    }

    @Test
    void execTimesOutBoundedly() {
        long t0 = System.nanoTime();
        LabExtension.Result r = lab.exec("client", Duration.ofMillis(500), "sleep", "30");
        assertEquals(LabExtension.TIMED_OUT, r.exitCode());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(8).toNanos());
    }
}
