package dev.netkit.ping;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How netkit ping's probes travel, in the lab: injected through the capture layer on the veth links (across r1..r3,
 * IPv4 and IPv6, errors included), through raw sockets on loopback, and either way when forced.
 */
class PingLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void injectionAcrossTheRoutersIsTheDefaultOnEthernet() {
        LabExtension.Result r = lab.netkit("client", "ping", "-v", "-c", "3", "-i", "0.2", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stderr().contains("ping: sending through injection on eth0 via "), r.stderr());
        assertTrue(r.stdout().contains("64 bytes from server.netkit.test (198.18.10.10): icmp_seq=3 ttl=61 time="),
                r.stdout());
        assertTrue(r.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), r.stdout());
        LabExtension.Result v6 = lab.netkit("client", "ping", "-v", "--inject", "-6", "-n", "-c", "2", "-i", "0.2",
                "server.netkit.test");
        assertEquals(0, v6.exitCode(), v6.output());
        assertTrue(v6.stderr().contains("injection on eth0"), v6.stderr());
        assertTrue(v6.stdout().contains("64 bytes from 2001:db8:10::10: icmp_seq=2 ttl=61 time="), v6.stdout());
    }

    @Test
    void injectedProbesCarryTheSequenceAsIpIdOnTheWire() {
        // tcpdump on the server's link sees what left the client: injected frames carry IP id = icmp_seq, which the
        // kernel's raw socket never sets, so this fails if the probes went through the kernel.
        LabExtension.Result r = lab.exec("server", Duration.ofSeconds(30), "sh", "-c",
                "timeout 40 tcpdump -l -n -v -i eth0 -c 3 'icmp[icmptype] == icmp-echo and src host 198.18.1.10' "
                        + "> /tmp/nkping-$$.txt 2>/dev/null & t=$!; sleep 1; "
                        + "ip netns exec " + lab.ns("client") + " " + JAVA + " --enable-native-access=ALL-UNNAMED -jar "
                        + System.getProperty("netkit.jar") + " ping -n --inject -c 3 -i 0.2 198.18.10.10 >/dev/null; "
                        + "wait $t; cat /tmp/nkping-$$.txt; rm -f /tmp/nkping-$$.txt");
        for (int seq = 1; seq <= 3; seq++) {
            Matcher m = Pattern.compile("id " + seq + ", offset 0, flags \\[DF\\], proto ICMP.*\\n.*198\\.18\\.1\\.10 > "
                    + "198\\.18\\.10\\.10: ICMP echo request, id \\d+, seq " + seq + ",").matcher(r.stdout());
            assertTrue(m.find(), "seq " + seq + ":\n" + r.output());
        }
    }

    @Test
    void errorsComeBackThroughTheCaptureToo() {
        LabExtension.Result r = lab.netkit("client", "ping", "-v", "--inject", "-c", "1", "198.18.10.99");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("From 198.18.3.2 icmp_seq=1 Destination Host Unreachable"), r.stdout());
        LabExtension.Result big = lab.netkit("pc2", "ping", "--inject", "-n", "-c", "1", "-M", "do", "-s", "1472",
                "server.netkit.test");
        assertEquals(1, big.exitCode(), big.output());
        assertTrue(big.stdout().contains("From 198.18.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)"),
                big.stdout());
        LabExtension.Result silent = lab.netkit("client", "ping", "--inject", "-c", "2", "-i", "0.2", "-W", "1",
                "pc3.netkit.test");
        assertEquals(1, silent.exitCode(), silent.output());
        assertTrue(silent.stdout().contains("2 packets transmitted, 0 received, 100% packet loss"), silent.stdout());
    }

    @Test
    void tcpAndUdpProbesAndSeveralHostsAreInjectedToo() {
        LabExtension.Result tcp = lab.netkit("client", "ping", "-v", "-n", "--tcp", "80", "-c", "1", "198.18.10.10");
        assertEquals(0, tcp.exitCode(), tcp.output());
        assertTrue(tcp.stderr().contains("injection on eth0"), tcp.stderr());
        assertTrue(tcp.stdout().contains("from 198.18.10.10 port 80: seq=1 open time="), tcp.stdout());
        LabExtension.Result closed = lab.netkit("client", "ping", "-n", "--tcp", "9998", "-c", "1", "198.18.10.10");
        assertTrue(closed.stdout().contains("from 198.18.10.10 port 9998: seq=1 closed time="), closed.output());
        LabExtension.Result udp = lab.netkit("client", "ping", "-v", "-n", "--udp", "9997", "-c", "1", "-6",
                "server.netkit.test");
        assertEquals(0, udp.exitCode(), udp.output());
        assertTrue(udp.stderr().contains("injection on eth0"), udp.stderr());
        assertTrue(udp.stdout().contains("from 2001:db8:10::10: seq=1 port unreachable time="), udp.stdout());
        // fping style: one hop on the LAN, one behind the routers, through the same capture
        LabExtension.Result two = lab.netkit("client", "ping", "-v", "198.18.1.11", "198.18.10.10");
        assertEquals(0, two.exitCode(), two.output());
        assertTrue(two.stderr().contains("ping: sending through injection on eth0\n"), two.stderr());
        assertEquals("198.18.1.11 is alive\n198.18.10.10 is alive\n", two.stdout());
    }

    @Test
    void loopbackGoesThroughTheRawSocket() {
        LabExtension.Result r = lab.netkit("client", "ping", "-v", "-c", "2", "-i", "0.2", "127.0.0.1");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stderr().contains("ping: sending through kernel sockets (lo has no Ethernet link"), r.stderr());
        assertTrue(r.stdout().contains("64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time="), r.stdout());
        LabExtension.Result forced = lab.netkit("client", "ping", "--inject", "-c", "1", "127.0.0.1");
        assertEquals(2, forced.exitCode(), forced.output());
        assertTrue(forced.stderr().contains("cannot inject probes: lo has no Ethernet link"), forced.stderr());
    }

    @Test
    void rawSocketAcrossTheRoutersWhenAskedFor() {
        LabExtension.Result r = lab.netkit("client", "ping", "-v", "--no-inject", "-n", "-c", "2", "-i", "0.2",
                "198.18.10.10");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stderr().contains("kernel sockets (--no-inject)"), r.stderr());
        assertTrue(r.stdout().contains("64 bytes from 198.18.10.10: icmp_seq=2 ttl=61 time="), r.stdout());
    }
}
