package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import dev.netkit.lab.LabFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each named fault in a real lab: switched on, its symptom seen by the netkit command a learner would run (or by
 * ip/nft where the fault's effect is the point), switched off, the symptom gone. Faults are switched through
 * {@code netkit lab fault} itself.
 */
class LabFaultIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final Duration T = Duration.ofSeconds(30);

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static void fault(String name, String state) {
        Run r = cli("lab", "fault", "--name", lab.name(), name, state);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("fault " + name + " is now " + state), r.out());
    }

    /** Every fault is off after each test, even a failed one, so one test's fault never breaks another's. */
    @AfterEach
    void allOff() {
        for (LabFault f : LabFault.values()) {
            f.set(lab.name(), false);
        }
    }

    @Test
    void listShowsEachFaultAndWhetherItIsOn() {
        fault("dns-down", "on");
        Run r = cli("lab", "fault", "--name", lab.name(), "list", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(LabFault.values().length, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("{\"type\":\"fault\",\"name\":\"dns-down\",\"on\":true,"), r.out());
        assertTrue(r.out().contains("{\"type\":\"fault\",\"name\":\"dns-slow\",\"on\":false,"), r.out());
        Run again = cli("lab", "fault", "--name", lab.name(), "dns-down", "on");
        assertTrue(again.out().startsWith("fault dns-down was already on"), again.out());
        Run bad = cli("lab", "fault", "--name", lab.name(), "dns-gone", "on");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("no fault 'dns-gone': faults are dns-down, dns-slow"), bad.err());
    }

    @Test
    void dnsDownTimesOutAndComesBack() {
        fault("dns-down", "on");
        LabExtension.Result down = lab.netkit("client", "dig", "+tries=1", "+timeout=1", "server.netkit.test");
        assertEquals(9, down.exitCode(), down.output());
        fault("dns-down", "off");
        LabExtension.Result up = lab.netkit("client", "dig", "+short", "server.netkit.test");
        assertEquals("198.18.10.10", up.stdout().strip(), up.output());
    }

    @Test
    void dnsSlowLosesTheFirstTryOfEachLookup() {
        fault("dns-slow", "on");
        for (String name : new String[] {"www.netkit.test", "auth.netkit.test"}) {
            LabExtension.Result r = lab.netkit("client", "dig", "+tries=3", "+timeout=1", name);
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("communications error to 198.18.10.53#53: timed out"), r.output());
        }
        fault("dns-slow", "off");
        LabExtension.Result r = lab.netkit("client", "dig", "+tries=1", "+timeout=2", "tld.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertFalse(r.output().contains("timed out"), r.output());
    }

    @Test
    void pmtuBlackHoleSwallowsFragmentationNeeded() {
        String[] bigDf = {"ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1472", "198.18.10.10"};
        fault("pmtu-blackhole", "on");
        LabExtension.Result hole = lab.netkit("client", bigDf);
        assertEquals(1, hole.exitCode(), hole.output());
        assertFalse(hole.output().contains("Frag needed"), hole.output());
        LabExtension.Result small = lab.netkit("client", "ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1372",
                "198.18.10.10");
        assertEquals(0, small.exitCode(), "packets that fit still cross: " + small.output());
        fault("pmtu-blackhole", "off");
        LabExtension.Result told = lab.netkit("client", bigDf);
        assertTrue(told.output().contains("Frag needed and DF set (mtu = 1400)"), told.output());
    }

    @Test
    void duplicateIpAnswersTwiceInAnArpScan() {
        fault("duplicate-ip", "on");
        LabExtension.Result dup = lab.netkit("pc3", "arp", "scan", "--localnet");
        assertEquals(0, dup.exitCode(), dup.output());
        assertTrue(dup.stdout().contains("198.18.1.10  02:6e:6b:01:00:0b"), dup.stdout());
        assertTrue(dup.stdout().contains("(DUP: 2)"), dup.stdout());
        fault("duplicate-ip", "off");
        LabExtension.Result one = lab.netkit("pc3", "arp", "scan", "--localnet");
        assertFalse(one.stdout().contains("198.18.1.10  02:6e:6b:01:00:0b"), one.stdout());
        assertFalse(one.stdout().contains("DUP"), one.stdout());
    }

    @Test
    void wrongNetmaskLooksForTheServerOnTheLan() {
        fault("wrong-netmask", "on");
        assertTrue(lab.netkit("client", "ifaces", "-s").stdout().contains("198.18.1.10/16"));
        LabExtension.Result lost = lab.netkit("client", "ping", "-c", "1", "-W", "2", "198.18.10.10");
        assertEquals(1, lost.exitCode(), lost.output());
        assertEquals(0, lab.netkit("client", "ping", "-c", "1", "-W", "2", "198.18.1.11").exitCode(),
                "the LAN itself still works");
        fault("wrong-netmask", "off");
        assertTrue(lab.netkit("client", "ifaces", "-s").stdout().contains("198.18.1.10/24"));
        LabExtension.Result back = lab.netkit("client", "ping", "-c", "1", "-W", "2", "198.18.10.10");
        assertEquals(0, back.exitCode(), back.output());
    }

    @Test
    void wrongLanCutsPc2OffItsNeighbours() {
        fault("wrong-lan", "on");
        assertEquals(1, lab.netkit("client", "ping", "-c", "1", "-W", "1", "198.18.1.11").exitCode());
        assertTrue(lab.exec("r3", T, "ip", "-br", "link", "show", "master", "lan").stdout().contains("pc2"));
        fault("wrong-lan", "off");
        LabExtension.Result back = lab.netkit("client", "ping", "-c", "1", "-W", "2", "198.18.1.11");
        assertEquals(0, back.exitCode(), back.output());
        assertTrue(lab.exec("r1", T, "ip", "-br", "link", "show", "master", "lan").stdout().contains("pc2"));
    }

    @Test
    void icmpRateLimitShowsStarsAtHopTwo() throws InterruptedException {
        fault("icmp-ratelimit", "on");
        String limited = hop2(lab.netkit("client", "trace", "-n", "-m", "2", "198.18.10.10").stdout());
        assertTrue(limited.contains("*"), limited);
        fault("icmp-ratelimit", "off");
        Thread.sleep(1100);
        String free = hop2(lab.netkit("client", "trace", "-n", "-m", "2", "198.18.10.10").stdout());
        assertFalse(free.contains("*"), free);
        assertEquals("0", lab.exec("r2", T, "sysctl", "-n", "net.ipv4.icmp_ratelimit").stdout().strip(),
                "off restores the lab's own value");
    }

    @Test
    void asymmetricRouteBringsRepliesBackInFewerHops() {
        String[] ping = {"ping", "-c", "1", "-W", "2", "198.18.10.10"};
        String[] traceBack = {"trace", "-n", "-m", "5", "198.18.1.10"};
        fault("asymmetric-route", "on");
        LabExtension.Result short1 = lab.netkit("client", ping);
        assertTrue(short1.stdout().contains("ttl=62"), "the reply crossed r3 and r1 only: " + short1.output());
        String forward = lab.netkit("client", "trace", "-n", "-m", "5", "198.18.10.10").stdout();
        assertTrue(hop(forward, 2).contains("198.18.2.2") && hop(forward, 4).contains("198.18.10.10"),
                "the way there still crosses r2: " + forward);
        String back = lab.netkit("server", traceBack).stdout();
        assertTrue(hop(back, 3).contains("198.18.1.10"), "the way back skips r2: " + back);
        fault("asymmetric-route", "off");
        LabExtension.Result long1 = lab.netkit("client", ping);
        assertTrue(long1.stdout().contains("ttl=61"), long1.output());
        String again = lab.netkit("server", traceBack).stdout();
        assertTrue(hop(again, 3).contains("198.18.2.1") && hop(again, 4).contains("198.18.1.10"), again);
        assertFalse(lab.exec("r3", T, "ip", "-o", "link").stdout().contains("r1@"), "the r1-r3 link is gone");
    }

    @Test
    void chatterIsDecodedBySniffOnTheClientLan() throws Exception {
        fault("chatter", "on");
        List<String[]> talkers = dev.netkit.lab.LabState.read(lab.name()).orElseThrow().pids().stream()
                .filter(p -> p[1].equals("chatter")).toList();
        assertEquals(4, talkers.size(), "one talker per protocol in the lab's pids file");
        for (String[] t : talkers) {
            // lab down kills every process in the lab's namespaces: the talkers are in pc2's and pc3's
            assertEquals(Files.readSymbolicLink(Path.of("/proc", t[2], "ns", "net")).toString(),
                    "net:[" + Files.getAttribute(Path.of("/run/netns", lab.ns(t[0])), "unix:ino") + "]");
        }
        // 16 packets take at least 5 s at the talkers' pace (2, 2, 3 and 4 s), time for each protocol
        LabExtension.Result sniff = lab.netkit("client", "sniff", "-n", "-A", "-i", "eth0", "-c", "16", "udp");
        assertEquals(0, sniff.exitCode(), sniff.output());
        String out = sniff.stdout();
        assertTrue(out.contains("198.18.1.11.5353 > 224.0.0.251.5353: 0 PTR (QM)? _services._dns-sd._udp.local."), out);
        assertTrue(out.contains("198.18.1.11.49500 > 239.255.255.250.1900: UDP") && out.contains("M-SEARCH * HTTP/1.1"),
                out);
        assertTrue(out.contains("198.18.1.12.49501 > 224.0.0.252.5355: UDP") && out.contains("fileserver"), out);
        assertTrue(out.contains("0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:6e:6b:01:00:0c"), out);
        LabExtension.Result bpdu = lab.netkit("client", "sniff", "-n", "-c", "1", "-i", "eth0", "stp");
        assertTrue(bpdu.stdout().contains("STP 802.1d, Config"), "sw2br in r1 sends BPDUs: " + bpdu.output());
        fault("chatter", "off");
        for (String[] t : talkers) {
            assertFalse(ProcessHandle.of(Long.parseLong(t[2])).map(ProcessHandle::isAlive).orElse(false), t[2]);
        }
        assertTrue(dev.netkit.lab.LabState.read(lab.name()).orElseThrow().pids().stream()
                .noneMatch(p -> p[1].equals("chatter")));
        assertFalse(lab.exec("r1", T, "ip", "-o", "link").stdout().contains("sw2"), "the switch is unplugged");
        // the slowest talker sent every 4 s: 5 s of silence
        LabExtension.Result quiet = lab.exec("client", T, "timeout", "5", "tcpdump", "-n", "-i", "eth0",
                "--immediate-mode", "-c", "1", "udp or stp");
        assertEquals(124, quiet.exitCode(), quiet.output());
    }

    private static String hop(String trace, int n) {
        String prefix = String.format("%2d ", n);
        return trace.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("no hop " + n + " in:\n" + trace);
    }

    private static String hop2(String trace) {
        return hop(trace, 2);
    }
}
