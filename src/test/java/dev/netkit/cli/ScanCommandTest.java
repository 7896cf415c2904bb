package dev.netkit.cli;

import dev.netkit.scan.ScanTiming;
import dev.netkit.cli.render.ScanProgress;
import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit scan through the command line: --dry-run (nothing sent) for target lists and the warning about public
 * addresses, and connect/UDP scans of loopback listeners this test opens (-oN, --banners, --stats-every,
 * --host-timeout).
 */
class ScanCommandTest {
    static final InetAddress LO = InetAddress.getLoopbackAddress();

    @Test
    void dryRunListsTargetsWithoutNetworkAndBroadcastAddresses() {
        NetkitTest.Result r = NetkitTest.run("scan", "--dry-run", "-p", "22,80", "198.18.1.0/30", "198.18.1.255");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(List.of("198.18.1.1", "198.18.1.2", "198.18.1.255",
                "netkit scan: dry run: 3 addresses x 2 tcp + 0 udp ports = 6 probes; nothing sent"), r.out().lines().toList());
        assertEquals("", r.err());
    }

    @Test
    void publicTargetsAreWarnedAbout() {
        // --dry-run: the addresses are parsed, never probed
        NetkitTest.Result r = NetkitTest.run("scan", "--dry-run", "-p", "80", "198.18.10.10", "9.9.9.9", "2606:4700::1111");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().startsWith("netkit scan: warning: 2 targets are outside the private, benchmarking and"
                + " documentation ranges (first: 9.9.9.9)"), r.err());
        assertEquals("", NetkitTest.run("scan", "--dry-run", "-p", "80", "198.18.0.0/16", "2001:db8::1", "127.0.0.1").err());
    }

    @Test
    void badTimingOptionsAreOneLineAndExitTwo() {
        String[][] bad = {
                {"--rate", "0"}, {"--rate", "fast"}, {"--min-rate", "-1"}, {"--max-rate", "x"},
                {"--min-rate", "100", "--max-rate", "10"}, {"-T", "6"}, {"-T", "x"}, {"-T6"},
                {"--max-retries", "-1"}, {"--max-retries", "many"}, {"--max-retries", "51"},
        };
        for (String[] options : bad) {
            List<String> args = new java.util.ArrayList<>(List.of("scan", "-sT", "-p", "1"));
            args.addAll(List.of(options));
            args.add("127.0.0.1");
            NetkitTest.Result r = NetkitTest.run(args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.code(), String.join(" ", options) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("netkit scan: "), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aPortOutOfRangeInAListIsNamedAlone() {
        // the number refused, in OptionRange's shape; port 0 named is taken, as nmap's -p 0
        NetkitTest.Result r = NetkitTest.run("scan", "--dry-run", "-p", "22,1-99999", "127.0.0.1");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit scan: -p 99999 is out of range: use 0..65535", r.err().strip());
        assertEquals("netkit scan: -p 99999999999999 is out of range: use 0..65535",
                NetkitTest.run("scan", "--dry-run", "-p", "99999999999999", "127.0.0.1").err().strip());
        assertEquals(ExitCode.OK, NetkitTest.run("scan", "--dry-run", "-p", "0", "127.0.0.1").code());
    }

    @Test
    void timesAsNmapWritesThem() {
        assertEquals(500_000_000L, ScanTiming.duration("500ms", "x"));
        assertEquals(30_000_000_000L, ScanTiming.duration("30s", "x"));
        assertEquals(30_000_000_000L, ScanTiming.duration("30", "x"));
        assertEquals(120_000_000_000L, ScanTiming.duration("2m", "x"));
        assertEquals(ExitCode.USAGE, NetkitTest.run("scan", "--host-timeout", "soon", "127.0.0.1").code());
        assertEquals(ExitCode.USAGE, NetkitTest.run("scan", "--host-timeout", "0", "127.0.0.1").code());
    }

    @Test
    void withReasonTheHostLineSaysWhatAnsweredAsNmapDoes() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 50, LO)) {
            String port = String.valueOf(open.getLocalPort());
            NetkitTest.Result r = NetkitTest.run("scan", "-sT", "--reason", "-p", port, "127.0.0.1");
            assertEquals(ExitCode.OK, r.code(), r.err());
            // our own address (localhost-response), else the kernel's echo or a connect (syn-ack, conn-refused)
            assertTrue(r.out().lines().anyMatch(l -> l.matches(
                    "Host is up, received (localhost-response|echo-reply|syn-ack|conn-refused)( \\(.*s latency\\))?\\.")),
                    r.out());
            NetkitTest.Result plain = NetkitTest.run("scan", "-sT", "-p", port, "127.0.0.1");
            assertTrue(plain.out().lines().anyMatch(l -> l.matches("Host is up( \\(.*s latency\\))?\\.")), plain.out());
        }
    }

    /** A loopback service that greets each client with {@code text}, for {@code n} clients. */
    static Thread greeter(ServerSocket s, String text, int n) {
        return Thread.ofVirtual().start(() -> {
            for (int i = 0; i < n; i++) {
                try (Socket c = s.accept()) {
                    OutputStream o = c.getOutputStream();
                    o.write(text.getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                    Thread.sleep(100);
                } catch (java.io.IOException e) {
                    // the scan's own connect closes with RST at once: next client
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Test
    void connectScanWithEscapedBannersAndANormalOutputFile(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, LO)) {
            closed = gone.getLocalPort();
        }
        try (ServerSocket ssh = new ServerSocket(0, 5, LO)) {
            // the scan's connect, then the banner's connect
            Thread t = greeter(ssh, "SSH-2.0-Test\u001b]0;owned\u0007\r\n", 2);
            Path file = dir.resolve("scan.nmap");
            int port = ssh.getLocalPort();
            NetkitTest.Result r = NetkitTest.run("scan", "-sT", "-Pn", "--banners", "-oN", file.toString(), "-p",
                    port + "," + closed, "127.0.0.1");
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertTrue(r.out().contains(port + "/tcp"), r.out());
            assertTrue(r.out().contains("|_banner: SSH-2.0-Test\\x1b]0;owned\\x07\n"), r.out());
            assertFalse(r.out().contains("\u001b"), "no raw escape reaches the terminal");
            String normal = Files.readString(file);
            assertTrue(normal.startsWith("# netkit scan initiated "), normal);
            assertTrue(normal.contains(" as: netkit scan -sT -Pn --banners -oN "), normal);
            assertTrue(normal.contains("netkit scan report for 127.0.0.1\n"), normal);
            assertTrue(normal.contains(closed + "/tcp"), normal);
            assertTrue(normal.contains("|_banner: SSH-2.0-Test\\x1b]0;owned\\x07"), normal);
            assertFalse(normal.contains("\nnetkit done:"), "the file's own footer replaces the summary line");
            assertTrue(normal.lines().reduce((a, b) -> b).orElse("").matches(
                    "# netkit done at .* -- 1 IP address \\(1 host up\\) scanned in [0-9.]+ seconds"), normal);
            t.join(2000);
        }
    }

    @Test
    void bannersInJsonAreWholeAndJsonEscaped() throws Exception {
        try (ServerSocket ssh = new ServerSocket(0, 5, LO)) {
            Thread t = greeter(ssh, "220 mail\u001b[2J\r\n", 2);
            NetkitTest.Result r = NetkitTest.run("scan", "-sT", "-Pn", "--banners", "--json", "-p",
                    String.valueOf(ssh.getLocalPort()), "127.0.0.1");
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertTrue(r.out().contains("\"state\":\"open\",\"reason\":\"syn-ack\"")
                    && r.out().contains("\"banner\":\"220 mail\\u001B[2J\\r\\n\"")
                    || r.out().contains("\"banner\":\"220 mail\\u001b[2J\\r\\n\""), r.out());
            t.join(2000);
        }
    }

    @Test
    void progressLinesWithStatsEvery() throws Exception {
        try (DatagramSocket mute = new DatagramSocket(0, LO)) {
            // a silent UDP port keeps the scan waiting for a second: several progress lines in that time
            NetkitTest.Result r = NetkitTest.run("scan", "-sU", "-Pn", "--max-retries", "0", "--stats-every", "100ms",
                    "-p", String.valueOf(mute.getLocalPort()), "127.0.0.1");
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertTrue(r.err().contains("scan: 0.0% (0/1 probes), 0 probes/s, ETA -"), r.err());
            assertTrue(r.out().contains("open|filtered"), r.out());
        }
        assertEquals("scan: 50.0% (500/1000 probes), 250 probes/s, ETA 2.0 s", ScanProgress.line(500, 1000, 2));
    }

    @Test
    void noProgressWithJsonEvenWithStatsEvery() throws Exception {
        try (DatagramSocket mute = new DatagramSocket(0, LO)) {
            NetkitTest.Result r = NetkitTest.run("scan", "-sU", "-Pn", "--max-retries", "0", "--stats-every", "100ms",
                    "--json", "-p", String.valueOf(mute.getLocalPort()), "127.0.0.1");
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertFalse(r.err().contains("scan:"), r.err());
            assertTrue(r.out().contains("open|filtered"), r.out());
        }
    }

    @Test
    void aHostPastItsTimeoutIsSkipped() {
        NetkitTest.Result r = NetkitTest.run("scan", "-sT", "-Pn", "--host-timeout", "1ms", "-p", "1-3000",
                "127.0.0.1");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("Skipping host 127.0.0.1 due to host timeout\n"), r.out());
        assertFalse(r.out().contains("/tcp"), r.out());
    }
}
