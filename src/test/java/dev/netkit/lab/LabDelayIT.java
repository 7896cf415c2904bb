package dev.netkit.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab part {@code delay}: r1-r2 is a long-haul line through the relay on host ocean, 80 ms each way, so a trace
 * from the client steps up by 160 ms at r2 and stays up to the server, in netkit trace as in traceroute; the ocean is
 * no hop.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LabDelayIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension(LabPart.with(Topologies.internet(), List.of(LabPart.DELAY)));

    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final double ROUND_TRIP = 2 * DelayLine.DELAY_MS;
    /** A hop line of traceroute and netkit trace: TTL, address, then the times. */
    private static final Pattern HOP = Pattern.compile("(?m)^ ?(\\d+)  (\\S+)((?:  [\\d.]+ ms)+)");

    /** Hop number -> the address and its smallest time (ms), from a traceroute-style text. */
    private static List<double[]> hops(String text, List<String> addresses) {
        List<double[]> out = new ArrayList<>();
        Matcher m = HOP.matcher(text);
        while (m.find()) {
            double min = Double.MAX_VALUE;
            for (String t : m.group(3).trim().split("\\s+ms\\s*")) {
                if (!t.isBlank()) {
                    min = Math.min(min, Double.parseDouble(t.trim()));
                }
            }
            out.add(new double[] {Integer.parseInt(m.group(1)), min});
            addresses.add(m.group(2));
        }
        return out;
    }

    private static void assertStepAtR2(String text) {
        List<String> addresses = new ArrayList<>();
        List<double[]> hops = hops(text, addresses);
        assertEquals(List.of("198.18.1.1", "198.18.2.2", "198.18.10.10"), addresses, text);
        assertTrue(hops.get(0)[1] < ROUND_TRIP / 4, "r1 is near: " + text);
        assertTrue(hops.get(1)[1] >= ROUND_TRIP && hops.get(1)[1] < 3 * ROUND_TRIP, "r2 is across the line: " + text);
        assertEquals(4, (int) hops.get(2)[0], text);
        assertTrue(hops.get(2)[1] >= ROUND_TRIP && hops.get(2)[1] < 3 * ROUND_TRIP, "the step lasts: " + text);
    }

    @Test
    void traceStepsUpAtR2AndStaysUpToTheEnd() {
        LabExtension.Result netkit = lab.netkit("client", "trace", "-n", "server.netkit.test");
        assertEquals(0, netkit.exitCode(), netkit.output());
        assertStepAtR2(netkit.stdout());
        LabExtension.Result traceroute = lab.exec("client", SHORT, "traceroute", "-n", "server.netkit.test");
        assertEquals(0, traceroute.exitCode(), traceroute.output());
        assertStepAtR2(traceroute.stdout());
    }

    @Test
    void theLineCarriesTcpAndDnsWholeAndIsNoHop() {
        // a TCP transfer and a DNS answer over TCP cross the line complete (checksums and segments done by r1 and r2)
        LabExtension.Result big = lab.exec("client", SHORT, "dig", "+tcp", "+short", "@198.18.10.53", "big.netkit.test",
                "TXT");
        assertEquals(0, big.exitCode(), big.output());
        assertTrue(big.stdout().length() > 500, big.output());
        LabExtension.Result ping = lab.exec("r1", SHORT, "ping", "-c", "3", "-i", "0.2", "198.18.2.2");
        assertEquals(0, ping.exitCode(), ping.output());
        Matcher rtt = Pattern.compile("= ([\\d.]+)/").matcher(ping.stdout());
        assertTrue(rtt.find(), ping.stdout());
        assertTrue(Double.parseDouble(rtt.group(1)) >= ROUND_TRIP, ping.stdout());
        // r1 and r2 are still neighbours: the TTL of r2's answer is not lowered by the ocean
        assertTrue(ping.stdout().contains("ttl=64"), ping.stdout());
    }
}
