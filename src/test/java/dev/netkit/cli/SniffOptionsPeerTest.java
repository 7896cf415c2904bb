package dev.netkit.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tcpdump's display options mean in {@code sniff} what they mean in tcpdump: Debian's tcpdump and netkit read
 * the same corpus captures with each option (and a few pairs) in this test, and print the same bytes. The
 * captures are ones where tcpdump 4.99.3 (Debian) and 4.99.6 print alike (IPv4 TCP with HTTP and TCP options,
 * DNS over UDP and TCP, TCP Fast Open), so Debian's output stands for current tcpdump's.
 */
class SniffOptionsPeerTest {
    private static final List<String> FILES = List.of("print-flags.pcap", "dns_udp.pcap", "dns_tcp.pcap",
            "tfo-5c1fa7f9ae91.pcap");
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-q"), List.of("-#"),
            List.of("-t"), List.of("-tt"), List.of("-ttt"), List.of("-tttt"), List.of("-ttttt"), List.of("--nano"),
            List.of("--time-stamp-precision=nano"), List.of("-ttt", "--nano"), List.of("-S"), List.of("-e"),
            List.of("-x"), List.of("-xx"), List.of("-X"), List.of("-XX"), List.of("-A"), List.of("-AA"),
            List.of("-v"), List.of("-vv"), List.of("-vvv"), List.of("-q", "-v"), List.of("-S", "-v"),
            List.of("-e", "-v"), List.of("-#", "-e", "-tttt"));

    @Test
    void everyDisplayOptionPrintsAsTcpdumpDoes() throws Exception {
        Path corpus = SniffCorpusTest.corpus();
        SniffCorpusTest.files(); // skips without the corpus (fails under CI)
        if (!TcpdumpSuiteTest.tcpdumpInstalled()) {
            if (System.getenv("CI") != null) {
                fail("tcpdump is not installed (Debian package tcpdump)");
            }
            assumeTrue(false, "tcpdump is not installed");
        }
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        List<String> differ = new ArrayList<>();
        int compared = 0;
        try {
            for (String file : FILES) {
                Path pcap = corpus.resolve(file);
                for (List<String> options : OPTIONS) {
                    List<String> args = new ArrayList<>(List.of("-n"));
                    args.addAll(options);
                    args.addAll(List.of("-r", pcap.toString()));
                    String tcpdump = tcpdump(args);
                    String netkit = netkit(args);
                    assertTrue(!tcpdump.isEmpty(), "tcpdump printed nothing for " + args);
                    compared++;
                    if (!tcpdump.equals(netkit)) {
                        differ.add(file + " " + String.join(" ", options) + ":\n" + firstDifference(tcpdump, netkit));
                    }
                }
            }
        } finally {
            TimeZone.setDefault(zone);
        }
        assertEquals(FILES.size() * OPTIONS.size(), compared);
        assertEquals(List.of(), differ);
    }

    private static String netkit(List<String> args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of("sniff"));
        all.addAll(args);
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(new StringWriter()), all.toArray(String[]::new));
        assertEquals(0, code, "netkit " + all);
        return out.toString();
    }

    private static String tcpdump(List<String> args) throws Exception {
        String text = TcpdumpSuiteTest.tcpdump(args);
        assertNotNull(text, "tcpdump " + args + " failed");
        return text;
    }

    /** The first line that differs, both versions, so a failure says where. */
    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return "  line " + (i + 1) + "\n  tcpdump: " + x + "\n  netkit:  " + y;
            }
        }
        return "  (same lines)";
    }
}
