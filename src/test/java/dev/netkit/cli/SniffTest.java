package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netkit sniff} in-process on files: tcpdump's text, JSON, dumps, -w round trips and errors. */
class SniffTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SniffTest.class.getResourceAsStream("/sniff/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Path loopback() throws IOException {
        Path p = dir.resolve("loopback.pcap");
        try (InputStream in = SniffTest.class.getResourceAsStream("/sniff/loopback.pcap")) {
            Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    /**
     * loopback.pcap: DNS over UDP, a port unreachable, an HTTP exchange, a refused port, pings v4/v6 (tcpdump 4.99.3;
     * in the -v text the HTTP body's last line "hi" lost 4.99.3's " [|http]", as tcpdump 4.99.5 and later print it).
     */
    void assertSameAsTcpdump(String expectedFile, String... opts) throws IOException {
        List<String> args = new ArrayList<>(List.of("sniff", "-tt", "-n"));
        args.addAll(List.of(opts));
        args.addAll(List.of("-r", loopback().toString()));
        Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(resource(expectedFile), r.out());
    }

    @Test
    void oneLinePerPacketLikeTcpdump() throws IOException {
        assertSameAsTcpdump("loopback.tcpdump.txt");
    }

    @Test
    void verboseLikeTcpdumpV() throws IOException {
        assertSameAsTcpdump("loopback.tcpdumpv.txt", "-v");
    }

    @Test
    void linkHeaderLikeTcpdumpE() throws IOException {
        assertSameAsTcpdump("loopback.tcpdumpe.txt", "-e");
    }

    /** tcpdump -# prints each packet's number right-aligned in 5 columns and two spaces before its line. */
    @Test
    void numberedLikeTcpdumpHash() throws IOException {
        Result r = run("sniff", "-#", "-tt", "-n", "-r", loopback().toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        List<String> plain = resource("loopback.tcpdump.txt").lines().toList();
        List<String> numbered = r.out().lines().toList();
        assertEquals(plain.size(), numbered.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(String.format("%5d  %s", i + 1, plain.get(i)), numbered.get(i));
        }
    }

    /** ssh.pcap (crafted): SSH banners on port 22 with CR LF, LF, none, a bare CR, an escape; one on port 2222. */
    @Test
    void sshVersionLikeTcpdump() throws IOException {
        assertSameAsSavedTcpdump("ssh");
    }

    @Test
    void icmpTimeStampsLikeTcpdump() throws IOException {
        // org/recv/xmit in hours:minutes:seconds.millis; 24 h and the high bit are not wrapped, as tcpdump 4.99.3 prints
        assertSameAsSavedTcpdump("icmp-timestamp");
    }

    /** /sniff/NAME.pcap read at -tt -n and -tt -n -v equals what tcpdump 4.99.3 printed (NAME-n.txt, NAME-nv.txt). */
    private void assertSameAsSavedTcpdump(String name) throws IOException {
        Path p = dir.resolve(name + ".pcap");
        try (InputStream in = SniffTest.class.getResourceAsStream("/sniff/" + name + ".pcap")) {
            Files.copy(in, p);
        }
        for (String[] c : new String[][] {{name + "-n.txt"}, {name + "-nv.txt", "-v"}}) {
            List<String> args = new ArrayList<>(List.of("sniff", "-tt", "-n"));
            args.addAll(List.of(c).subList(1, c.length));
            args.addAll(List.of("-r", p.toString()));
            Result r = run(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertEquals(resource(c[0]), r.out());
        }
    }

    @Test
    void hexLikeTcpdumpX() throws IOException {
        assertSameAsTcpdump("loopback.tcpdumpx.txt", "-x");
    }

    @Test
    void hexAndAsciiLikeTcpdumpCapitalX() throws IOException {
        assertSameAsTcpdump("loopback.tcpdumpX.txt", "-X");
    }

    // The expected lines below are what tcpdump 4.99.3 -tt -n printed for the same frames, but for the cut datagram
    // in 4.99.5's words (4.99.3: "truncated-ip - 30 bytes missing!"; print-ip.c of 4.99.5 and later).
    @Test
    void handBuiltLabFramesPrintLikeTcpdump() throws IOException {
        Path p = SniffFrames.pcap(dir, "hand.pcap", SniffFrames.arpRequest(), SniffFrames.arpReply(),
                SniffFrames.tcpSyn(), SniffFrames.dnsQuery("10.10.18.198.in-addr.arpa.", 20011),
                SniffFrames.neighborSolicitation(), SniffFrames.vlanEcho(), SniffFrames.truncatedTcp(),
                SniffFrames.secondFragment());
        Result r = run("sniff", "-tt", "-n", "-r", p.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("""
                1700000000.000000 ARP, Request who-has 198.18.1.1 tell 198.18.1.10, length 28
                1700000001.000000 ARP, Reply 198.18.1.1 is-at 02:00:00:00:01:01, length 46
                1700000002.000000 IP 198.18.1.10.39200 > 198.18.10.10.80: Flags [S], seq 1660379222, win 65535, \
                options [mss 1460,nop,wscale 6,sackOK,TS val 2474478 ecr 0], length 0
                1700000003.000000 IP 198.18.1.10.62368 > 198.18.10.53.53: 20011+ PTR? 10.10.18.198.in-addr.arpa. (43)
                1700000004.000000 IP6 2001:db8:1::10 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has \
                2001:db8:1::1, length 32
                1700000005.000000 IP 198.18.1.10 > 198.18.10.10: ICMP echo request, id 77, seq 3, length 64
                1700000006.000000 IP [total length 60 > length 30] (invalid) 198.18.1.10.39200 > 198.18.10.10.80:  [|tcp]
                1700000007.000000 IP 198.18.1.10 > 198.18.10.10: ip-proto-1
                """, r.out());
        Result e = run("sniff", "-tt", "-n", "-e", "-c", "1", "-r", p.toString(), "vlan");
        assertEquals("1700000005.000000 02:00:00:00:01:0a > 02:00:00:00:01:01, ethertype 802.1Q (0x8100), "
                + "length 102: vlan 10, p 0, ethertype IPv4 (0x0800), 198.18.1.10 > 198.18.10.10: ICMP echo request, "
                + "id 77, seq 3, length 64\n", e.out());
        Result v = run("sniff", "-tt", "-n", "-v", "-c", "1", "-r", p.toString());
        assertEquals("1700000000.000000 ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 198.18.1.1 tell "
                + "198.18.1.10, length 28\n", v.out());
    }

    @Test
    void jsonHasOneObjectPerLayerAndASummary() throws IOException {
        Path p = SniffFrames.pcap(dir, "j.pcap", SniffFrames.arpRequest(), SniffFrames.tcpSyn(),
                SniffFrames.dnsQuery("server.netkit.test.", 4711));
        Result r = run("sniff", "--json", "-r", p.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertEquals("{\"type\":\"packet\",\"ts\":1700000000.000000,\"caplen\":42,\"len\":42,"
                + "\"eth\":{\"src\":\"02:00:00:00:01:0a\",\"dst\":\"ff:ff:ff:ff:ff:ff\",\"ethertype\":2054},"
                + "\"arp\":{\"op\":\"request\",\"sender_mac\":\"02:00:00:00:01:0a\",\"sender_ip\":\"198.18.1.10\","
                + "\"target_mac\":\"00:00:00:00:00:00\",\"target_ip\":\"198.18.1.1\"}}", lines[0]);
        assertTrue(lines[1].contains("\"ip\":{\"version\":4,\"src\":\"198.18.1.10\",\"dst\":\"198.18.10.10\","
                + "\"ttl\":64,\"proto\":6,\"id\":4242,\"df\":true,\"mf\":false,\"frag_offset\":0,\"len\":60,"
                + "\"checksum_ok\":true}"), lines[1]);
        assertTrue(lines[1].contains("\"tcp\":{\"sport\":39200,\"dport\":80,\"seq\":1660379222,\"ack\":0,"
                + "\"flags\":\"S\",\"win\":65535,\"options\":[\"mss 1460\",\"nop\",\"wscale 6\",\"sackOK\","
                + "\"TS val 2474478 ecr 0\"]}"), lines[1]);
        assertFalse(lines[1].contains("\"udp\""), "a layer's key only when present");
        assertTrue(lines[2].contains("\"udp\":{\"sport\":62368,\"dport\":53,\"len\":44}"), lines[2]);
        assertTrue(lines[2].contains("\"dns\":{\"id\":4711,\"qr\":false,\"opcode\":\"QUERY\",\"rcode\":\"NOERROR\","
                + "\"questions\":[{\"name\":\"server.netkit.test.\",\"type\":\"PTR\"}],\"answers\":[]}"), lines[2]);
        assertEquals("{\"type\":\"summary\",\"captured\":3,\"received_by_filter\":3,\"dropped_by_kernel\":0}",
                lines[3]);
    }

    @Test
    void jsonFlagsUseTcpdumpLetters() throws IOException {
        Result r = run("sniff", "--json", "-r", loopback().toString(), "tcp");
        List<String> flags = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            int i = l.indexOf("\"flags\":\"");
            if (i > 0) {
                flags.add(l.substring(i + 9, l.indexOf('"', i + 9)));
            }
        }
        assertEquals(List.of("S", "S.", ".", "P.", ".", "P.", ".", "F.", "F.", ".", "S", "R."), flags);
    }

    @Test
    void controlCharactersFromTheWireAreEscaped() throws IOException {
        // a DNS name whose label carries ESC [ 2 J (clear screen) and a BEL
        Path p = SniffFrames.pcap(dir, "evil.pcap", SniffFrames.dnsQuery("a\u001b[2J\u0007b.netkit.test.", 1));
        for (String[] mode : new String[][] {{"-n"}, {"-n", "-v"}, {"-n", "-vv"}, {"-n", "--fields"}, {"--json"}, {"-n", "-A"}, {"-n", "-X"}}) {
            List<String> args = new ArrayList<>(List.of("sniff"));
            args.addAll(List.of(mode));
            args.addAll(List.of("-r", p.toString()));
            Result r = run(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertNoControlCharacters(String.join(" ", mode), r.out());
        }
        String line = run("sniff", "-n", "-r", p.toString()).out();
        assertTrue(line.contains("PTR? a\\027[2J\\007b.netkit.test."), line);
    }

    static void assertNoControlCharacters(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0);
            assertFalse(control, what + ": raw control character 0x" + Integer.toHexString(c) + " at " + i);
        }
    }

    @Test
    void fieldViewShowsOffsetsBitsAndMeanings() throws IOException {
        Path p = SniffFrames.pcap(dir, "syn.pcap", SniffFrames.tcpSyn());
        Result r = run("sniff", "-n", "--fields", "-r", p.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("  IPv4, 20 bytes at offset 14"), out);
        assertTrue(out.matches("(?s).*\\n    14 +version +0100 +4\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n    20\\.1 +don't fragment \\(DF\\) +1 +set\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n    23 +protocol +00000110 +6 \\(TCP\\)\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n    47\\.6 +SYN \\(synchronize\\) +1 +set\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n    56 +MSS +0x05b4 +1460\\n.*"), out);
    }

    @Test
    void writeThenReadKeepsEveryByte() throws IOException {
        Path in = loopback();
        Path out = dir.resolve("copy.pcap");
        Result w = run("sniff", "-r", in.toString(), "-w", out.toString());
        assertEquals(ExitCode.OK, w.code(), w.err());
        assertEquals("", w.out(), "-w without --print prints no packets");
        // stdout is not a terminal, but neither is stderr: no progress line
        assertEquals(1, w.err().lines().count(), w.err());
        assertTrue(w.err().startsWith("reading from file "), w.err());
        List<CapturedFrame> a = frames(in);
        List<CapturedFrame> b = frames(out);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data(), b.get(i).data(), "frame " + (i + 1));
            assertEquals(a.get(i).timestampNanos(), b.get(i).timestampNanos());
            assertEquals(a.get(i).originalLength(), b.get(i).originalLength());
        }
        Result again = run("sniff", "-tt", "-n", "-r", out.toString());
        assertEquals(resource("loopback.tcpdump.txt"), again.out());
    }

    @Test
    void writeWithPrintAndCountAndFilter() throws IOException {
        Path out = dir.resolve("icmp.pcap");
        Result w = run("sniff", "-tt", "-n", "-c", "2", "-r", loopback().toString(), "-w", out.toString(), "--print", "icmp");
        assertEquals(ExitCode.OK, w.code(), w.err());
        assertEquals(2, w.out().lines().count(), w.out());
        assertTrue(w.out().lines().allMatch(l -> l.contains("ICMP")), w.out());
        assertEquals(2, frames(out).size());
    }

    @Test
    void rotatesBySize() throws IOException {
        Path base = dir.resolve("ring.pcap");
        // 24 packets of ~100-3000 bytes: -C counts millions of bytes, so force tiny files via the engine test below
        Result w = run("sniff", "-r", loopback().toString(), "-w", base.toString(), "-C", "1", "-W", "3");
        assertEquals(ExitCode.OK, w.code(), w.err());
        assertTrue(Files.exists(dir.resolve("ring.pcap0")), "with -W the first file is FILE0");
        assertEquals(24, frames(dir.resolve("ring.pcap0")).size());
    }

    @Test
    void statsGiveHierarchyTalkersAndConversations() throws IOException {
        Result r = run("sniff", "-r", loopback().toString(), "-w", dir.resolve("x.pcap").toString(), "--stats");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("Protocol hierarchy (24 packets"), r.out());
        assertTrue(r.out().matches("(?s).*\\n      tcp +frames:12 .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n        dns +frames:4 .*"), r.out());
        assertTrue(r.out().contains("tcp 127.0.0.1:56480 <-> 127.0.0.1:8080"), r.out());
        Result j = run("sniff", "-r", loopback().toString(), "--json", "--stats", "-c", "1");
        assertTrue(j.out().contains("{\"type\":\"protocol\",\"path\":\"eth\",\"protocol\":\"eth\",\"depth\":0,"
                + "\"packets\":1,"), j.out());
        assertTrue(j.out().contains("{\"type\":\"conversation\",\"protocol\":\"udp\""), j.out());
    }

    @Test
    void damagedFileKeepsTheGoodPacketsAndSaysWhere() throws IOException {
        byte[] whole = Files.readAllBytes(loopback());
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 50));
        Result r = run("sniff", "-n", "-r", cut.toString());
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals(23, r.out().lines().count());
        assertTrue(r.err().contains("truncated record"), r.err());
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path p = loopback();
        assertEquals(ExitCode.USAGE, run("sniff", "-r", p.toString(), "-i", "lo").code());
        assertEquals(ExitCode.USAGE, run("sniff", "-r", p.toString(), "--print").code());
        assertEquals(ExitCode.USAGE, run("sniff", "-r", p.toString(), "-C", "1").code());
        Result bad = run("sniff", "-r", p.toString(), "tcp", "port", "http-ish");
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().startsWith("netkit sniff: bad filter"), bad.err());
        Result missing = run("sniff", "-r", dir.resolve("nope.pcap").toString());
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Files.writeString(dir.resolve("text.pcap"), "not a capture at all");
        assertEquals(ExitCode.USAGE, run("sniff", "-r", dir.resolve("text.pcap").toString()).code());
    }

    static List<CapturedFrame> frames(Path p) {
        List<CapturedFrame> out = new ArrayList<>();
        try (PcapFileReader r = PcapFileReader.open(p)) {
            for (CapturedFrame f; (f = r.next()) != null; ) {
                out.add(f);
            }
        }
        return out;
    }
}
