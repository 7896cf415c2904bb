package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit send} from the lab client: what answers a crafted packet, and what a router sees of it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SendLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static LabExtension.Result send(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "send";
        System.arraycopy(args, 0, full, 1, args.length);
        return lab.netkit("client", full);
    }

    /**
     * tcpdump on a lab host from construction until {@link #stop}: started in the background, stopped by its own
     * process id, so a slow start of netkit on a busy machine cannot outlast a fixed capture time.
     */
    private static final class Capture implements AutoCloseable {
        private final String host;
        private final Path pidFile;
        private final CompletableFuture<LabExtension.Result> result;

        Capture(String host, String... tcpdumpArgs) throws Exception {
            this.host = host;
            this.pidFile = Files.createTempFile("nk-send-tcpdump-", ".pid");
            StringBuilder cmd = new StringBuilder("timeout 200 tcpdump");
            for (String a : tcpdumpArgs) {
                cmd.append(" '").append(a).append('\'');
            }
            cmd.append(" & echo $! > ").append(pidFile).append("; wait");
            result = CompletableFuture.supplyAsync(() -> lab.exec(host, Duration.ofSeconds(230), "sh", "-c",
                    cmd.toString()));
            long until = System.nanoTime() + 30_000_000_000L;
            while (Files.size(pidFile) == 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            Thread.sleep(2000); // tcpdump opens its capture after the shell started it
        }

        LabExtension.Result stop() throws Exception {
            Thread.sleep(1000); // the last frames reach the capture
            lab.exec(host, Duration.ofSeconds(10), "sh", "-c", "kill -INT $(cat " + pidFile + ")");
            return result.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (!result.isDone()) {
                lab.exec(host, Duration.ofSeconds(10), "sh", "-c", "kill $(cat " + pidFile + ")");
            }
            Files.deleteIfExists(pidFile);
        }
    }

    private static long lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).count();
    }

    @Test
    void synToAnOpenPortGetsSynAck() {
        LabExtension.Result r = send("--tcp", "--flags", "S", "--sport", "40000", "--dport", "80", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("198.18.1.10.40000 > 198.18.10.10.80: Flags [S], "), r.stdout());
        assertTrue(r.stdout().contains("198.18.10.10.80 > 198.18.1.10.40000: Flags [S.], "), r.stdout());
        assertTrue(r.stderr().startsWith("1 packet sent (1 frame), "), r.stderr());
    }

    @Test
    void synToAClosedPortGetsReset() {
        LabExtension.Result r = send("--tcp", "--flags", "S", "--sport", "40001", "--dport", "9998", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("198.18.10.10.9998 > 198.18.1.10.40001: Flags [R.], "), r.stdout());
    }

    @Test
    void synOverIpv6GetsSynAck() {
        LabExtension.Result r = send("--tcp", "--sport", "40002", "--dport", "80", "2001:db8:10::10");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("2001:db8:10::10.80 > 2001:db8:1::10.40002: Flags [S.], "), r.stdout());
    }

    @Test
    void bigUdpLeavesAsThreeFragmentsAndTheEchoComesBack() throws Exception {
        // A capture on r2, behind the 1400-byte link, counts the fragments of IPv4 id 4242.
        try (Capture capture = new Capture("r2", "-n", "-l", "-i", "r1", "ip[4:2] = 4242")) {
            LabExtension.Result r = send("--udp", "--size", "3000", "--dport", "7", "--sport", "40003", "--id", "4242",
                    "--mtu", "1400", "--wait", "2", "server.netkit.test");
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(3, lines(r.stdout(), "proto UDP (17), length") - lines(r.stdout(), "ttl 61"), r.stdout());
            assertTrue(r.stderr().startsWith("1 packet sent (3 frames), "), r.stderr());
            // the first fragment gives the datagram's length, as tcpdump prints it
            assertTrue(r.stdout().contains("198.18.10.10.7 > 198.18.1.10.40003: UDP, length 3000"), r.stdout());
            LabExtension.Result seen = capture.stop();
            assertEquals(3, lines(seen.stdout(), " IP 198.18.1.10"), seen.output());
        }
    }

    @Test
    void bigUdpIsFragmentedAtTheInterfaceMtuByDefault() {
        LabExtension.Result r = send("--udp", "--size", "3000", "--dport", "7", "--sport", "40004", "--wait", "2",
                "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stderr().startsWith("1 packet sent (3 frames), "), r.stderr());
        assertTrue(r.stdout().contains("198.18.10.10.7 > 198.18.1.10.40004: UDP, length 3000"), r.stdout());
    }

    @Test
    void ttlOneGetsTimeExceededFromR1() {
        LabExtension.Result r = send("--ttl", "1", "--udp", "--dport", "7", "--data", "x", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("198.18.1.1 > 198.18.1.10: ICMP time exceeded in-transit"), r.stdout());
    }

    @Test
    void badChecksumGetsNoAnswer() {
        LabExtension.Result r = send("--bad-checksum", "--udp", "--dport", "7", "--data", "lost", "server.netkit.test");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("198.18.1.10.") && r.stdout().contains(" > 198.18.10.10.7: UDP"), r.stdout());
        assertEquals("1 packet sent (1 frame), 0 replies\n", r.stderr());
        // The same datagram with a good checksum is echoed.
        LabExtension.Result good = send("--udp", "--dport", "7", "--data", "lost", "server.netkit.test");
        assertEquals(0, good.exitCode(), good.output());
    }

    @Test
    void echoRequestGetsReplyAsJson() {
        LabExtension.Result r = send("--json", "server.netkit.test");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().startsWith("{\"type\":\"sent\","), r.stdout());
        assertTrue(r.stdout().contains("{\"type\":\"reply\",\"rtt_ms\":"), r.stdout());
        assertTrue(r.stdout().contains("{\"type\":\"summary\",\"sent\":1,\"frames\":1,\"replies\":1}"), r.stdout());
    }

    @Test
    void writeRecordsTheProbeAndItsAnswer() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("nk-send-", ".pcap");
        try {
            LabExtension.Result r = send("--tcp", "--flags", "S", "--sport", "40003", "--dport", "80",
                    "-w", file.toString(), "server.netkit.test");
            assertEquals(0, r.exitCode(), r.output());
            LabExtension.Result read = lab.exec("client", Duration.ofSeconds(20), "tcpdump", "-n", "-r", file.toString());
            assertEquals(0, read.exitCode(), read.output());
            assertEquals(1, lines(read.stdout(), "198.18.1.10.40003 > 198.18.10.10.80: Flags [S]"), read.stdout());
            assertEquals(1, lines(read.stdout(), "198.18.10.10.80 > 198.18.1.10.40003: Flags [S.]"), read.stdout());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void arpRequestGetsTheReplyAndLeavesANeighbourEntry() {
        // pc2 answers a request for its address, and learns the sender's (here a made-up one) from it
        LabExtension.Result r = send("--arp", "--src", "198.18.1.99", "198.18.1.11");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("Request who-has 198.18.1.11 tell 198.18.1.99"), r.stdout());
        assertTrue(r.stdout().contains("Reply 198.18.1.11 is-at 02:"), r.stdout());
        assertTrue(r.stderr().startsWith("1 packet sent (1 frame), 1 reply"), r.stderr());
        LabExtension.Result neigh = lab.exec("pc2", Duration.ofSeconds(10), "ip", "neigh", "show", "198.18.1.99");
        assertTrue(neigh.stdout().contains("lladdr 02:"), neigh.output());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void eachCraftedKindArrivesAtPc2() throws Exception {
        // tcpdump on pc2 sees each crafted frame as tcpdump prints it; replies are shown by send as today
        try (Capture capture = new Capture("pc2", "-e", "-n", "-v", "-l", "-i", "eth0",
                // 'vlan' shifts the offsets of every test after it (libpcap), so it comes last
                "(src host 198.18.1.10 and icmp) or (src host 2001:db8:1::10 and ip6) or arp or vlan")) {
            LabExtension.Result gratuitous = send("--gratuitous", "198.18.1.10");
            assertEquals(1, gratuitous.exitCode(), gratuitous.output());
            LabExtension.Result reply = send("--arp-op", "is-at", "--src", "198.18.1.98", "198.18.1.11");
            assertEquals(1, reply.exitCode(), reply.output());
            LabExtension.Result tagged = send("--vlan", "10", "--vlan-prio", "5", "198.18.1.11");
            assertEquals(1, tagged.exitCode(), tagged.output());
            assertTrue(tagged.stdout().contains("vlan 10, p 5, ethertype IPv4"), tagged.stdout());
            LabExtension.Result rr = send("--rroute", "198.18.1.11");
            assertEquals(0, rr.exitCode(), rr.output());
            LabExtension.Result ts = send("--ip-timestamp", "tsonly", "--router-alert", "198.18.1.11");
            assertEquals(0, ts.exitCode(), ts.output());
            LabExtension.Result v6 = send("--hop-by-hop", "router-alert", "--frag6", "--id", "4242", "--dest-opt", "pad",
                    "2001:db8:1::11");
            assertEquals(0, v6.exitCode(), v6.output());
            // pc2 answers this one with a parameter problem, which the codecs do not decode as an error yet
            LabExtension.Result unknown = send("--dest-opt", "0x80:0000", "2001:db8:1::11");
            assertTrue(unknown.stdout().contains("DSTOPT (opt_type 0x80: len=2)"), unknown.output());
            LabExtension.Result seen = capture.stop();
            String t = seen.stdout();
            assertTrue(t.contains("Request who-has 198.18.1.10 tell 198.18.1.10"), seen.output());
            assertTrue(t.contains("Reply 198.18.1.98 is-at "), seen.output());
            assertTrue(t.contains("vlan 10, p 5, ethertype IPv4"), seen.output());
            assertTrue(t.contains("options (RR "), seen.output());
            assertTrue(t.contains("options (RA,timestamp TS{TSONLY "), seen.output());
            assertTrue(t.contains("HBH (rtalert: 0x0000)") && t.contains("frag (0x00001092:0|"), seen.output());
            assertTrue(t.contains("DSTOPT (opt_type 0x80: len=2)"), seen.output());
        }
    }
}
