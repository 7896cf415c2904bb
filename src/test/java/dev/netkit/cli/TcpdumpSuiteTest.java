package dev.netkit.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * tcpdump's own regression suite as the measure of {@code sniff -r}: each case of tcpdump 4.99.6's TESTLIST that
 * netkit can run (copied to src/test/resources/tcpdump-tests with the expected outputs and tcpdump's licence) is
 * run in this JVM as TESTrun runs tcpdump ({@code -# -n -tttt -r FILE OPTIONS}, UTC), and every packet's lines are
 * compared with tcpdump's. The identical-line ratio per protocol family must not fall below its floor. Debian's
 * installed tcpdump runs the same cases in the same test, which checks the harness: it must score nearly all.
 */
public class TcpdumpSuiteTest {
    private static final String RESOURCES = "/tcpdump-tests/";

    /** A test's protocol family, from its name: the first pattern that matches (tcpdump's names, print-*.c). */
    private static final Map<String, Pattern> FAMILIES = new LinkedHashMap<>();

    static {
        family("tcp-options", "^(mptcp|tfo|tcp-auth)");
        family("tcp", "^(tcp|print-|dccp)");
        family("dns", "^(dns|edns|lwres)");
        family("dhcpv6", "^(dhcpv6|dhcp6)");
        family("dhcp", "^(dhcp|bootp)");
        family("ntp", "^ntp");
        family("stp", "^(stp|rstp|mstp|rpvst|spb)");
        family("lldp", "^lldp");
        family("cdp", "^cdp");
        family("vxlan", "^(vxlan|nsh-over-vxlan)");
        family("gre", "^gre");
        family("syslog", "^syslog");
        family("tftp", "^tftp");
        family("rip", "^(rip|hoobr_ripng)");
        family("snmp", "^(snmp|ip-snmp|ip6-snmp)");
        family("ospf", "^(ospf-|ospf2)");
        family("icmp", "^icmp-");
        family("icmp6", "^(icmpv6|icmp6)");
        family("igmp/mld", "^(igmp|mtrace|dvmrp|mld)");
        family("arp", "^arp");
        family("ipv4", "^(ipv4|ip_)");
        family("ipv6", "^(ipv6|ip6_)");
    }

    /**
     * The lowest identical-line ratio each family may have: today's figures, raised as printers improve, so a
     * change can only keep or raise them. "common" is every family above together; "all" also the rest.
     * "FAMILY -vv" are the cases with -vv, -vvv, -q or -AA (run since sniff gives these tcpdump's meaning), kept
     * apart so that the families above keep the cases their floors were set on; "all -vv" is all of those.
     */
    private static final Map<String, Double> FLOORS = Map.ofEntries(
            Map.entry("tcp-options", 1.000),
            Map.entry("tcp", 0.997),
            Map.entry("dns", 0.967),
            Map.entry("dhcpv6", 0.958),
            Map.entry("dhcp", 1.000),
            Map.entry("ntp", 1.000),
            Map.entry("stp", 0.882),
            Map.entry("lldp", 1.000),
            Map.entry("cdp", 1.000),
            Map.entry("vxlan", 1.000),
            Map.entry("gre", 0.928),
            Map.entry("syslog", 1.000),
            Map.entry("tftp", 1.000),
            Map.entry("rip", 1.000),
            Map.entry("snmp", 1.000),
            Map.entry("ospf", 1.000),
            Map.entry("icmp", 1.000),
            Map.entry("icmp6", 0.951),
            Map.entry("igmp/mld", 0.963),
            Map.entry("arp", 1.000),
            Map.entry("ipv4", 0.888),
            Map.entry("ipv6", 0.222),
            Map.entry("other", 0.272),
            Map.entry("common", 0.966),
            Map.entry("all", 0.395),
            Map.entry("arp -vv", 1.000),
            Map.entry("dhcp -vv", 1.000),
            Map.entry("dns -vv", 0.965),
            Map.entry("icmp -vv", 1.000),
            Map.entry("icmp6 -vv", 1.000),
            Map.entry("ospf -vv", 1.000),
            Map.entry("other -vv", 0.244),
            Map.entry("tcp -vv", 0.709),
            Map.entry("vxlan -vv", 0.142),
            Map.entry("all -vv", 0.391));

    private static void family(String name, String regex) {
        FAMILIES.put(name, Pattern.compile(regex));
    }

    static String familyOf(String testName) {
        for (Map.Entry<String, Pattern> e : FAMILIES.entrySet()) {
            if (e.getValue().matcher(testName).find()) {
                return e.getKey();
            }
        }
        return "other";
    }

    /** One TESTLIST line: the test's name, capture, expected output and options. */
    record Case(String name, String pcap, String out, List<String> options) {
        boolean specialTime() {
            return options.contains("SPECIAL_t");
        }

        List<String> plainOptions() {
            return options.stream().filter(o -> !o.equals("SPECIAL_t")).toList();
        }

        /**
         * Its tally: the family, or for a case with an option sniff took on with tcpdump's meaning after the
         * floors were first set (-vv, -vvv, -q, -AA) the family with " -vv", measured apart so that the earlier
         * families keep their cases and floors.
         */
        String tally() {
            boolean later = plainOptions().stream().anyMatch(o -> o.matches("-v{2,}|-q|-AA"));
            return familyOf(name) + (later ? " -vv" : "");
        }
    }

    /** tcpdump options whose meaning netkit's sniff shares today; a case with any other is not run. */
    static boolean netkitRuns(Case c) {
        for (String o : c.plainOptions()) {
            boolean filterWord = !o.startsWith("-");
            boolean known = List.of("-v", "-vv", "-vvv", "-vvvv", "-q", "-e", "-ev", "-ve", "-x", "-xx", "-X", "-XX",
                    "-A", "-AA", "--nano").contains(o)
                    || o.matches("-c\\d+");
            if (!filterWord && !known) {
                return false;
            }
        }
        return true;
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : resource("TESTLIST").split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            cases.add(new Case(f[0], f[1], f[2], List.of(f).subList(3, f.length)));
        }
        return cases;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TcpdumpSuiteTest.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** tcpdump's command line for a case, as TESTrun builds it, without the program name. */
    static List<String> arguments(Case c, Path pcap) {
        List<String> args = new ArrayList<>(List.of("-#", "-n"));
        if (!c.specialTime()) {
            args.add("-tttt");
        }
        args.add("-r");
        args.add(pcap.toString());
        args.addAll(c.plainOptions());
        return args;
    }

    /** The output split into packets: each starts at the line that -# numbers with the next number. */
    static List<List<String>> packets(String text) {
        List<List<String>> packets = new ArrayList<>();
        Pattern numbered = Pattern.compile("^ *(\\d+)  ");
        for (String line : text.split("\n", -1)) {
            Matcher m = numbered.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) == packets.size() + 1) {
                packets.add(new ArrayList<>());
            }
            if (!packets.isEmpty()) {
                packets.get(packets.size() - 1).add(line);
            }
        }
        if (!packets.isEmpty()) {
            List<String> last = packets.get(packets.size() - 1);
            while (!last.isEmpty() && last.get(last.size() - 1).isEmpty()) {
                last.remove(last.size() - 1);
            }
        }
        return packets;
    }

    /** Lines of {@code expected} found identical, in order, in {@code actual}, packet by packet (LCS). */
    static int identicalLines(List<List<String>> expected, List<List<String>> actual) {
        int same = 0;
        for (int p = 0; p < expected.size() && p < actual.size(); p++) {
            List<String> a = expected.get(p);
            List<String> b = actual.get(p);
            int[][] lcs = new int[a.size() + 1][b.size() + 1];
            for (int i = a.size() - 1; i >= 0; i--) {
                for (int j = b.size() - 1; j >= 0; j--) {
                    lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
                            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            same += lcs[0][0];
        }
        return same;
    }

    static int lineCount(List<List<String>> packets) {
        return packets.stream().mapToInt(List::size).sum();
    }

    static String runNetkit(Case c, Path pcap) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Netkit.run(new PrintWriter(out), new PrintWriter(err), concat("sniff", arguments(c, pcap)));
        return out.toString();
    }

    /** Debian's tcpdump on the case, or null when it cannot run it (an option 4.99.3 lacks). */
    static String runTcpdump(Case c, Path pcap) throws IOException, InterruptedException {
        return tcpdump(arguments(c, pcap));
    }

    /** Debian's tcpdump with these arguments in UTC, its stdout; null when it fails and prints nothing. */
    static String tcpdump(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tcpdump"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TZ", "GMT0");
        Process p = pb.start();
        byte[] text = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        return p.exitValue() != 0 && s.isEmpty() ? null : s;
    }

    static boolean tcpdumpInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "tcpdump"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"));
    }

    private static String[] concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    /** Identical and total lines of one family, for netkit and for Debian's tcpdump on the same cases. */
    static final class Tally {
        int cases;
        long lines;
        long netkit;
        long tcpdumpLines;
        long tcpdump;

        void add(Tally t) {
            cases += t.cases;
            lines += t.lines;
            netkit += t.netkit;
            tcpdumpLines += t.tcpdumpLines;
            tcpdump += t.tcpdump;
        }

        double netkitRatio() {
            return lines == 0 ? 1 : (double) netkit / lines;
        }

        double tcpdumpRatio() {
            return tcpdumpLines == 0 ? Double.NaN : (double) tcpdump / tcpdumpLines;
        }
    }

    @Test
    void tcpdumpRegressionCasesPrintAsTcpdumpDoes() throws Exception {
        Path corpus = SniffCorpusTest.corpus();
        SniffCorpusTest.files(); // skips without the corpus (fails under CI)
        boolean peer = tcpdumpInstalled();
        if (!peer && System.getenv("CI") != null) {
            fail("tcpdump is not installed (Debian package tcpdump)");
        }
        Map<String, Tally> families = new LinkedHashMap<>();
        Map<String, Tally> later = new java.util.TreeMap<>();
        for (String f : FAMILIES.keySet()) {
            families.put(f, new Tally());
        }
        families.put("other", new Tally());
        StringBuilder worst = new StringBuilder();
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        int run = 0;
        try {
            for (Case c : cases()) {
                Path pcap = corpus.resolve(c.pcap());
                if (!netkitRuns(c) || !Files.exists(pcap)) {
                    continue;
                }
                run++;
                List<List<String>> expected = packets(resource(c.out()));
                List<List<String>> netkit = packets(runNetkit(c, pcap));
                Tally t = c.tally().endsWith(" -vv") ? later.computeIfAbsent(c.tally(), k -> new Tally())
                        : families.get(c.tally());
                t.cases++;
                int lines = lineCount(expected);
                int same = identicalLines(expected, netkit);
                t.lines += lines;
                t.netkit += same;
                if (same < lines) {
                    worst.append(String.format("  %-40s %-16s %4d/%4d%n", c.name(), c.tally(), same, lines));
                }
                String debian = peer ? runTcpdump(c, pcap) : null;
                if (debian != null) {
                    t.tcpdumpLines += lines;
                    t.tcpdump += identicalLines(expected, packets(debian));
                }
            }
        } finally {
            TimeZone.setDefault(zone);
        }
        Tally common = new Tally();
        Tally all = new Tally();
        for (Map.Entry<String, Tally> e : families.entrySet()) {
            if (!e.getKey().equals("other")) {
                common.add(e.getValue());
            }
            all.add(e.getValue());
        }
        families.put("common", common);
        families.put("all", all);
        Tally allLater = new Tally();
        later.values().forEach(allLater::add);
        families.putAll(later);
        families.put("all -vv", allLater);
        StringBuilder report = new StringBuilder(String.format("tcpdump 4.99.6 suite: %d cases run%n"
                + "  %-16s %5s %7s %8s %8s%n", run, "family", "cases", "lines", "netkit", "tcpdump"));
        List<String> below = new ArrayList<>();
        for (Map.Entry<String, Tally> e : families.entrySet()) {
            Tally t = e.getValue();
            report.append(String.format("  %-16s %5d %7d %7.1f%% %7.1f%%%n", e.getKey(), t.cases, t.lines,
                    100 * t.netkitRatio(), 100 * t.tcpdumpRatio()));
            double floor = FLOORS.getOrDefault(e.getKey(), 0.0);
            if (t.netkitRatio() + 1e-9 < floor) {
                below.add(String.format("%s: %.4f below its floor %.4f", e.getKey(), t.netkitRatio(), floor));
            }
        }
        System.out.print(report);
        System.out.print("cases not identical (identical/expected lines):\n" + worst);
        assertTrue(run >= 300, "expected the suite's cases, ran " + run);
        if (peer) {
            // the harness itself: Debian's tcpdump, run the same way, must reproduce tcpdump's own outputs
            assertTrue(all.tcpdumpRatio() > 0.9, "Debian's tcpdump scores " + all.tcpdumpRatio() + ":\n" + report);
        }
        assertTrue(below.isEmpty(), String.join("\n", below) + "\n" + report);
    }
}
