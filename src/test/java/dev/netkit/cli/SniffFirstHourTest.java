package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.packet.Checksum;
import dev.netkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue #21's sniff items: what a new user met in the first hour, each checked against tcpdump where it can be. */
class SniffFirstHourTest {
    @TempDir
    Path dir;

    Path loopback() throws IOException {
        Path p = dir.resolve("loopback.pcap");
        try (InputStream in = SniffFirstHourTest.class.getResourceAsStream("/sniff/loopback.pcap")) {
            Files.copy(in, p);
        }
        return p;
    }

    /** tcpdump on {@code args}: exit code, stdout, stderr; skips without tcpdump (fails under CI). */
    static SniffTest.Result tcpdump(String... args) throws IOException, InterruptedException {
        if (!TcpdumpSuiteTest.tcpdumpInstalled()) {
            if (System.getenv("CI") != null) {
                fail("tcpdump is not installed (Debian package tcpdump)");
            }
            assumeTrue(false, "tcpdump is not installed");
        }
        List<String> cmd = new ArrayList<>(List.of("tcpdump"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TZ", "GMT0");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tcpdump did not end");
        return new SniffTest.Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1),
                new String(err, StandardCharsets.ISO_8859_1));
    }

    @Test
    void negativeSnapLengthIsRefusedAsEveryRange() throws IOException {
        Path p = loopback().toAbsolutePath();
        SniffTest.Result r = SniffTest.run("sniff", "-r", p.toString(), "-s", "-1");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit sniff: -s -1 is out of range: use 0..262144\n", r.err());
        assertEquals("", r.out());
        // the siblings: one check, one message shape
        SniffTest.Result c = SniffTest.run("sniff", "-r", p.toString(), "-c", "0");
        assertEquals(ExitCode.USAGE, c.code());
        assertEquals("netkit sniff: -c 0 is out of range: use 1 or more\n", c.err());
        SniffTest.Result b = SniffTest.run("sniff", "-i", "lo", "-B", "0");
        assertEquals(ExitCode.USAGE, b.code());
        assertEquals("netkit sniff: -B 0 is out of range: use 1..2097151\n", b.err());
        SniffTest.Result g = SniffTest.run("sniff", "-r", p.toString(), "-w", dir.resolve("x.pcap").toString(),
                "-G", "-5");
        assertEquals(ExitCode.USAGE, g.code());
        assertEquals("netkit sniff: -G -5 is out of range: use 0 or more\n", g.err());
        // 0 keeps tcpdump's meaning: the largest snapshot
        assertEquals(ExitCode.OK, SniffTest.run("sniff", "-r", p.toString(), "-s", "0", "-c", "1").code());
    }

    @Test
    void filterSyntaxErrorGivesLibpcapsOwnWords() throws Exception {
        Path p = loopback().toAbsolutePath();
        SniffTest.Result r = SniffTest.run("sniff", "-r", p.toString(), "tcp", "port");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        SniffTest.Result t = tcpdump("-n", "-r", p.toString(), "tcp", "port");
        assertTrue(t.code() != 0, t.err());
        // tcpdump prints libpcap's pcap_geterr() after its name: "can't parse filter expression: syntax error"
        String words = t.err().lines().filter(l -> l.startsWith("tcpdump: ")).findFirst().orElseThrow()
                .substring("tcpdump: ".length());
        assertTrue(words.endsWith("syntax error"), words);
        assertEquals("netkit sniff: bad filter 'tcp port': " + words + "\n", r.err());
    }

    @Test
    void statsPrintIpv6InRfc5952Form() throws IOException {
        SniffTest.Result r = SniffTest.run("sniff", "-r", loopback().toString(), "-w", dir.resolve("x.pcap").toString(),
                "--stats");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("::1"), r.out());
        assertFalse(r.out().contains("0:0:0:0"), r.out());
    }

    /**
     * The first fragment of a 3000-byte UDP datagram: its UDP header says 3008 bytes, the fragment carries 1376.
     * tcpdump prints the datagram's length (the rest comes in later fragments), not "bad length".
     */
    @Test
    void firstFragmentOfUdpPrintsTheDatagramLengthAsTcpdump() throws Exception {
        byte[] whole = PacketBuilder.ethernet(SniffFrames.CLIENT, SniffFrames.R1)
                .ipv4(SniffFrames.v4("198.18.1.10"), SniffFrames.v4("198.18.10.10")).identification(7)
                .udp(40000, 9999, new byte[3000]).build();
        byte[] first = Arrays.copyOf(whole, 14 + 20 + 1376);
        first[14 + 2] = (byte) (1396 >> 8);
        first[14 + 3] = (byte) 1396;
        first[14 + 6] = 0x20; // more fragments, offset 0
        first[14 + 10] = 0;
        first[14 + 11] = 0;
        int sum = Checksum.of(first, 14, 20);
        first[14 + 10] = (byte) (sum >> 8);
        first[14 + 11] = (byte) sum;
        Path p = SniffFrames.pcap(dir, "fragment.pcap", first);
        for (String v : List.of("-e", "-v")) {
            SniffTest.Result r = SniffTest.run("sniff", "-tt", "-n", v, "-r", p.toString());
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertTrue(r.out().contains(": UDP, length 3000\n"), r.out());
            assertEquals(tcpdump("-tt", "-n", v, "-r", p.toString()).out(), r.out());
        }
    }
}
