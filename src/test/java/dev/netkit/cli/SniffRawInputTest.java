package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sniff --decode-hex and --decode-raw print raw bytes as tcpdump prints them: in each case text2pcap (Wireshark's,
 * Debian's wireshark-common) turns the same input into a capture file, with the same layer and dummy IP header,
 * and tcpdump -r reads it. The inputs (src/test/resources/raw, written by od -Ax -tx1 -v): a DNS response about
 * int.nyt.com in an Ethernet frame (exercise 004-18) and as a bare IP packet, and three bare TCP segments between
 * 198.51.100.1 and .2 whose third has a wrong checksum (exercise 001-13).
 */
class SniffRawInputTest {
    private static final Path RAW = Path.of("src/test/resources/raw");

    @TempDir
    Path dir;

    @Test
    void hexDumpOfAnEthernetFrame() throws Exception {
        Path pcap = text2pcap(RAW.resolve("dns-response.txt"));
        String verbose = same(List.of("-n", "-t", "-v"), pcap,
                List.of("--decode-hex", RAW.resolve("dns-response.txt").toString()));
        assertTrue(verbose.contains("11164 1/0/0 int.nyt.com. A 203.0.113.80 (45)"), verbose);
        same(List.of("-n", "-t", "-e"), pcap, List.of("--decode-hex", RAW.resolve("dns-response.txt").toString(), "--layer",
                "ether"));
    }

    @Test
    void bareTcpSegmentsCheckedAgainstGivenAddresses() throws Exception {
        Path pcap = text2pcap(RAW.resolve("tcp-segments.txt"), "-i", "6", "-4", "198.51.100.1,198.51.100.2");
        List<String> ours = List.of("--decode-hex", RAW.resolve("tcp-segments.txt").toString(), "--layer", "tcp",
                "--addresses", "198.51.100.1,198.51.100.2");
        String out = same(List.of("-n", "-t", "-vv"), pcap, ours);
        assertEquals(2, out.split("\\(correct\\)", -1).length - 1, out);
        assertTrue(out.contains("cksum 0xc7b6 (incorrect -> 0xc6b7)"), out);
        // text2pcap's own default addresses when none are given
        same(List.of("-n", "-t"), text2pcap(RAW.resolve("tcp-segments.txt"), "-i", "6"),
                List.of("--decode-hex", RAW.resolve("tcp-segments.txt").toString(), "--layer", "tcp"));
    }

    @Test
    void binaryFilesFromTheIpAndTcpLayers() throws Exception {
        // od writes the hex dump text2pcap reads; netkit reads the bytes themselves
        Path ip = od(RAW.resolve("dns-response-ip.bin"));
        same(List.of("-n", "-t", "-v"), text2pcap(ip, "-l", "101"),
                List.of("--decode-raw", RAW.resolve("dns-response-ip.bin").toString(), "--layer", "ip"));
        Path tcp = od(RAW.resolve("tcp-segment-3.bin"));
        same(List.of("-n", "-t", "-vv"), text2pcap(tcp, "-i", "6", "-4", "198.51.100.1,198.51.100.2"),
                List.of("--decode-raw", RAW.resolve("tcp-segment-3.bin").toString(), "--layer", "tcp", "--addresses",
                        "198.51.100.1,198.51.100.2"));
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "no hex here\n");
        String[][] bad = {{"--decode-hex", empty.toString()},
                {"--decode-hex", RAW.resolve("tcp-segments.txt").toString(), "--layer", "sctp"},
                {"--decode-hex", RAW.resolve("tcp-segments.txt").toString(), "--layer", "ip", "--addresses", "1.1.1.1,2.2.2.2"},
                {"--layer", "ip"}, {"--decode-hex", "x", "-r", "y"},
                {"--decode-hex", RAW.resolve("tcp-segments.txt").toString(), "--layer", "tcp", "--addresses", "198.51.100.1"}};
        for (String[] args : bad) {
            List<String> all = new ArrayList<>(List.of("sniff"));
            all.addAll(List.of(args));
            StringWriter err = new StringWriter();
            int code = Netkit.run(new PrintWriter(new StringWriter()), new PrintWriter(err), all.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, code, all + ": " + err);
            assertEquals(1, err.toString().lines().count(), err.toString());
        }
    }

    /** tcpdump OPTIONS -r PCAP and netkit sniff OPTIONS OURS print the same; returns that text. */
    private static String same(List<String> options, Path pcap, List<String> ours) throws Exception {
        List<String> peer = new ArrayList<>(options);
        peer.addAll(List.of("-r", pcap.toString()));
        String tcpdump = TcpdumpSuiteTest.tcpdump(peer);
        assertTrue(tcpdump != null && !tcpdump.isEmpty(), "tcpdump " + peer + " printed nothing");
        List<String> args = new ArrayList<>(options);
        args.addAll(ours);
        assertEquals(tcpdump, netkit(args.toArray(String[]::new)), String.join(" ", args));
        return tcpdump;
    }

    private static String netkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("sniff"));
        all.addAll(List.of(args));
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        assertEquals(0, code, all + ": " + err);
        return out.toString();
    }

    private Path text2pcap(Path input, String... options) throws Exception {
        Path out = dir.resolve(input.getFileName() + "-" + String.join("", options).replaceAll("[^0-9a-z]", "") + ".pcap");
        List<String> cmd = new ArrayList<>(List.of("text2pcap", "-q", "-F", "pcap"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(input.toString(), out.toString()));
        run(cmd);
        return out;
    }

    private Path od(Path binary) throws Exception {
        Path out = dir.resolve(binary.getFileName() + ".txt");
        Files.writeString(out, run(List.of("od", "-Ax", "-tx1", "-v", binary.toString())));
        return out;
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), cmd + ": " + text);
        return text;
    }
}
