package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit ping with several hosts beside Debian's fping, both run from the lab's client on the same targets: pc2 on
 * the LAN and the server behind three routers answer, pc3 drops echo requests. Round-trip times differ between two
 * runs, so they are masked; everything else (names, order, counts, losses) must match.
 */
class FpingLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final String PC2 = "198.18.1.11";
    private static final String SERVER = "198.18.10.10";
    private static final String PC3 = "198.18.1.12";

    private static LabExtension.Result fping(String... args) {
        List<String> cmd = new ArrayList<>(List.of("fping"));
        cmd.addAll(List.of(args));
        return lab.exec("client", Duration.ofSeconds(60), cmd.toArray(String[]::new));
    }

    private static LabExtension.Result netkit(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ping", "-n"));
        cmd.addAll(List.of(args));
        return lab.netkit("client", cmd.toArray(String[]::new));
    }

    /** A line with its round trips (and the averages after them) replaced by "T". */
    private static String masked(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(" : ");
            if (colon < 0) {
                b.append(line).append('\n');
                continue;
            }
            String rest = line.substring(colon)
                    .replaceAll("bytes, [0-9.e+]+ ms \\([0-9.e+]+ avg", "bytes, T ms (T avg")
                    .replaceAll("min/avg/max = [0-9.e+/]+", "min/avg/max = T");
            b.append(line, 0, colon).append(rest).append('\n');
        }
        return b.toString();
    }

    @Test
    void aliveAndUnreachableLinesAsFping() {
        String[] hosts = {PC2, SERVER, PC3};
        LabExtension.Result f = fping(hosts);
        LabExtension.Result n = netkit(hosts);
        assertEquals(f.stdout(), n.stdout(), "fping:\n" + f.output() + "netkit:\n" + n.output());
        assertEquals(PC2 + " is alive\n" + SERVER + " is alive\n" + PC3 + " is unreachable\n", n.stdout());
        assertEquals(1, f.exitCode(), f.output());
        assertEquals(3, n.exitCode(), n.output()); // netkit's partial result, docs/conventions.md

        LabExtension.Result fa = fping(concat("-a", hosts));
        LabExtension.Result na = netkit(concat("-a", hosts));
        assertEquals(fa.stdout(), na.stdout(), fa.output() + na.output());
        LabExtension.Result fu = fping(concat("-u", hosts));
        LabExtension.Result nu = netkit(concat("-u", hosts));
        assertEquals(fu.stdout(), nu.stdout(), fu.output() + nu.output());
        assertEquals(PC3 + "\n", nu.stdout());
    }

    @Test
    void generatedNetworksAndRangesAsFping() {
        // 198.18.1.8/29: .9 to .14; the client (.10) and pc2 (.11) answer, pc3 (.12) drops, the rest are absent
        LabExtension.Result f = fping("-a", "-g", "198.18.1.8/29");
        LabExtension.Result n = netkit("-a", "-g", "198.18.1.8/29");
        assertEquals(f.stdout(), n.stdout(), f.output() + n.output());
        assertEquals("198.18.1.10\n198.18.1.11\n", n.stdout());
        LabExtension.Result fr = fping("-u", "-g", "198.18.1.10", "198.18.1.13");
        LabExtension.Result nr = netkit("-u", "-g", "198.18.1.10", "198.18.1.13");
        assertEquals(fr.stdout(), nr.stdout(), fr.output() + nr.output());
        assertEquals("198.18.1.12\n198.18.1.13\n", nr.stdout());
    }

    @Test
    void countModeLinesSummariesAndStatistics() {
        String[] hosts = {PC2, SERVER, PC3};
        LabExtension.Result f = fping(concat("-c", "3", "-p", "300", "-s", hosts));
        LabExtension.Result n = netkit(concat("-c", "3", "-i", "0.3", "--stats", hosts));
        // fping writes the summaries and -s's block on stderr; netkit writes them, results, on stdout
        String fpingText = f.stdout() + "\n" + f.stderr();
        List<String> fLines = masked(fpingText).lines().filter(l -> l.contains(" : ")).sorted().toList();
        List<String> nLines = masked(n.stdout()).lines().filter(l -> l.contains(" : ")).sorted().toList();
        assertEquals(fLines, nLines, "fping:\n" + f.output() + "netkit:\n" + n.output());
        assertTrue(n.stdout().contains(PC3 + "  : xmt/rcv/%loss = 3/0/100%\n"), n.stdout());
        assertTrue(Pattern.compile(Pattern.quote(SERVER) + " : xmt/rcv/%loss = 3/3/0%, min/avg/max = [0-9.]+/[0-9.]+/"
                + "[0-9.]+\n").matcher(n.stdout()).find(), n.stdout());
        // -s: every count is the same; round trips are times
        for (String what : List.of("targets", "alive", "unreachable", "unknown addresses",
                "timeouts (waiting for response)", "ICMP Echos sent", "ICMP Echo Replies received",
                "other ICMP received")) {
            assertEquals(count(f.stderr(), what), count(n.stdout(), what), what + "\n" + f.output() + n.output());
        }
        assertEquals(9, count(n.stdout(), "ICMP Echos sent"));
        assertEquals(6, count(n.stdout(), "ICMP Echo Replies received"));

        // the same figures in JSON: one summary per host, one statistics object
        LabExtension.Result j = netkit(concat("--json", "-c", "3", "-i", "0.3", "--stats", hosts));
        Map<String, Map<String, Object>> summaries = new HashMap<>();
        Map<String, Object> stats = null;
        for (Map<String, Object> o : DnsTestSupport.parseLines(j.stdout())) {
            switch ((String) o.get("type")) {
                case "summary" -> summaries.put((String) o.get("host"), o);
                case "statistics" -> stats = o;
                default -> {
                }
            }
        }
        for (String host : hosts) {
            Matcher x = Pattern.compile(Pattern.quote(host) + " +: xmt/rcv/%loss = (\\d+)/(\\d+)/(\\d+)%")
                    .matcher(f.stderr());
            assertTrue(x.find(), f.stderr());
            Map<String, Object> s = summaries.get(host);
            assertEquals(Long.parseLong(x.group(1)), s.get("transmitted"), j.stdout());
            assertEquals(Long.parseLong(x.group(2)), s.get("received"), j.stdout());
            assertEquals(Integer.parseInt(x.group(3)), ((Number) s.get("loss_pct")).intValue(), j.stdout());
        }
        assertTrue(stats != null, j.stdout());
        for (String[] pair : new String[][] {{"targets", "targets"}, {"alive", "alive"},
                {"unreachable", "unreachable"}, {"ICMP Echos sent", "sent"}, {"ICMP Echo Replies received", "received"},
                {"timeouts (waiting for response)", "timeouts"}, {"other ICMP received", "other_icmp"}}) {
            assertEquals(count(f.stderr(), pair[0]), stats.get(pair[1]), pair[1] + ": " + j.stdout());
        }
    }

    private static long count(String text, String what) {
        Matcher x = Pattern.compile("(?m)^ +(\\d+) " + Pattern.quote(what) + "$").matcher(text);
        assertTrue(x.find(), what + " in:\n" + text);
        return Long.parseLong(x.group(1));
    }

    /** The words and the arrays of words given, in order, as one argument list. */
    private static String[] concat(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String[] a) {
                all.addAll(Arrays.asList(a));
            } else {
                all.add((String) p);
            }
        }
        return all.toArray(String[]::new);
    }
}
