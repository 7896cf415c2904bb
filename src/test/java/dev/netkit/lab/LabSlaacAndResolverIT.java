package dev.netkit.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.netkit.lab.LabExtension.readOrEmpty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab parts {@code ra} and {@code resolver2}: host slaac forms its IPv6 address and default route from radvd's
 * advertisements (RS and RA printed by netkit sniff as tcpdump prints them), and the second resolver answers from its
 * own cache, without validation, and stale while the netkit.test server is unplugged.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LabSlaacAndResolverIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension(LabPart.with(Topologies.internet(),
            List.of(LabPart.RA, LabPart.RESOLVER2)));

    private static final Duration SHORT = Duration.ofSeconds(30);

    private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(100);
        }
    }

    @Test
    void slaacHostHasItsEui64AddressAndR1AsDefaultRouter() {
        LabExtension.Result addr = lab.exec(Slaac.HOST, SHORT, "ip", "-6", "-o", "addr", "show", "dev", "eth0",
                "scope", "global");
        assertTrue(addr.stdout().contains("inet6 " + Slaac.ADDRESS + "/64 scope global dynamic"), addr.output());
        LabExtension.Result route = lab.exec(Slaac.HOST, SHORT, "ip", "-6", "route", "show", "default");
        assertTrue(route.stdout().startsWith("default via fe80::6e:6bff:fe01:1 dev eth0 proto ra "), route.output());
        // netkit route reads the same table: the default route learned from the advertisement, protocol ra
        LabExtension.Result netkit = lab.netkit(Slaac.HOST, "route", "-6");
        assertEquals(0, netkit.exitCode(), netkit.output());
        assertTrue(netkit.stdout().lines().anyMatch(l -> l.startsWith("default ") && l.contains("fe80::6e:6bff:fe01:1")
                && l.contains(" ra")), netkit.stdout());
        // the address works: to the server through r1
        LabExtension.Result ping = lab.exec(Slaac.HOST, SHORT, "ping", "-6", "-c", "1", "-W", "2", "2001:db8:10::10");
        assertEquals(0, ping.exitCode(), ping.output());
        // the other hosts of the LAN keep their static addresses and ignore the advertisements
        LabExtension.Result client = lab.exec("client", SHORT, "ip", "-6", "route", "show", "default");
        assertTrue(client.stdout().startsWith("default via 2001:db8:1::1 dev eth0"), client.output());
    }

    @Test
    void sniffPrintsRouterSolicitationAndAdvertisementAsTcpdump() throws Exception {
        Path dir = Files.createTempDirectory("slaacit");
        List<Process> captures = new ArrayList<>();
        try {
            Path netkitOut = dir.resolve("netkit.txt");
            Path netkitErr = dir.resolve("netkit.err");
            Path tcpdumpOut = dir.resolve("tcpdump.txt");
            Path tcpdumpErr = dir.resolve("tcpdump.err");
            List<String> sniff = new ArrayList<>(List.of("ip", "netns", "exec", lab.ns(Slaac.HOST)));
            sniff.addAll(LabExtension.netkitCommand());
            sniff.addAll(List.of("sniff", "-v", "-n", "-i", "eth0", "icmp6"));
            captures.add(start(sniff, netkitOut, netkitErr));
            // -l: tcpdump writes its lines to a file in 4 KiB blocks otherwise, and the wait below saw none of them
            captures.add(start(List.of("ip", "netns", "exec", lab.ns(Slaac.HOST), "tcpdump", "-l",
                    "--immediate-mode", "-v", "-n", "-i", "eth0", "icmp6"), tcpdumpOut, tcpdumpErr));
            await("both captures listening", Duration.ofSeconds(30),
                    () -> readOrEmpty(netkitErr).contains("listening on")
                            && readOrEmpty(tcpdumpErr).contains("listening on"));
            // a link that comes back up makes the kernel solicit a router; radvd answers at once
            LabExtension.Result bounce = lab.exec(Slaac.HOST, SHORT, "sh", "-c",
                    "ip link set eth0 down && ip link set eth0 up");
            assertEquals(0, bounce.exitCode(), bounce.output());
            await("RS and RA in both", Duration.ofSeconds(20), () -> List.of(readOrEmpty(netkitOut),
                    readOrEmpty(tcpdumpOut)).stream()
                    .allMatch(t -> t.contains("router solicitation") && t.contains("router advertisement")));
            // the bounce left the address tentative (duplicate address detection) and the default route gone until
            // the advertisement: the host as the other tests find it again before this one ends
            await("the SLAAC address and route back", Duration.ofSeconds(30), () -> lab.exec(Slaac.HOST, SHORT, "ip",
                    "-6", "-o", "addr", "show", "dev", "eth0", "scope", "global").stdout()
                    .contains("inet6 " + Slaac.ADDRESS + "/64 scope global dynamic")
                    && lab.exec(Slaac.HOST, SHORT, "ip", "-6", "route", "show", "default").stdout()
                    .startsWith("default via fe80::6e:6bff:fe01:1 dev eth0 proto ra "));
            for (Process p : captures) {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            }
            List<String> netkit = routerLines(readOrEmpty(netkitOut));
            List<String> tcpdump = routerLines(readOrEmpty(tcpdumpOut));
            assertTrue(netkit.stream().anyMatch(l -> l.contains("> ff02::2: [icmp6 sum ok] ICMP6, router solicitation")),
                    String.join("\n", netkit));
            assertTrue(netkit.stream().anyMatch(l -> l.contains("prefix info option (3), length 32 (4): 2001:db8:1::/64,"
                    + " Flags [onlink, auto]")), String.join("\n", netkit));
            assertEquals(tcpdump.subList(0, Math.min(tcpdump.size(), netkit.size())),
                    netkit.subList(0, Math.min(tcpdump.size(), netkit.size())));
        } finally {
            captures.forEach(Process::destroyForcibly);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The RS and RA packets' lines from the first RS on, without their time stamps: the first line and its indented
     * option lines. Debian 12's tcpdump 4.99.3 writes the IPv6 header's "(58) payload length: N", the later tcpdump
     * that netkit prints as "(58), payload length N": one form for both.
     */
    private static List<String> routerLines(String text) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        boolean solicited = false;
        for (String line : text.lines().toList()) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                solicited |= line.contains("router solicitation");
                in = solicited && (line.contains("router solicitation") || line.contains("router advertisement"));
                if (in) {
                    out.add(line.substring(line.indexOf(' ') + 1).replaceAll("\\) payload length: (\\d+)",
                            "), payload length $1"));
                }
            } else if (in) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private static Process start(List<String> cmd, Path out, Path err) throws java.io.IOException {
        return new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
    }

    @Test
    void secondResolverHandsOutWhatTheValidatingResolverRefuses() {
        LabExtension.Result validating = lab.exec("client", SHORT, "dig", "+tries=1", "+time=5", "@198.18.10.53",
                "tampered.netkit.test", "A");
        assertTrue(validating.stdout().contains("status: SERVFAIL"), validating.output());
        LabExtension.Result second = lab.exec("client", SHORT, "dig", "+tries=1", "+time=5", "+short", "@198.18.10.54",
                "tampered.netkit.test", "A");
        assertEquals("198.18.10.99", second.stdout().strip(), second.output());
        // netkit's dig sees the same difference
        LabExtension.Result netkit = lab.netkit("client", "dig", "+short", "@198.18.10.54", "tampered.netkit.test");
        assertEquals("198.18.10.99", netkit.stdout().strip(), netkit.output());
        LabExtension.Result netkitValidating = lab.netkit("client", "dig", "@198.18.10.53", "tampered.netkit.test");
        assertTrue(netkitValidating.stdout().contains("status: SERVFAIL"), netkitValidating.output());
    }

    @Test
    void secondResolverServesItsExpiredAnswerWhileTheServerIsUnplugged() throws Exception {
        String name = "pc2.netkit.test";
        LabExtension.Result fresh = lab.exec("client", SHORT, "dig", "+tries=1", "+time=5", "+noall", "+answer",
                "@198.18.10.54", name, "A");
        assertTrue(fresh.stdout().matches("(?s)pc2\\.netkit\\.test\\.\\s+(\\d+)\\s+IN\\s+A\\s+198\\.18\\.1\\.11\\s*"),
                fresh.output());
        int ttl = Integer.parseInt(fresh.stdout().split("\\s+")[1]);
        assertTrue(ttl <= SecondResolver.MAX_TTL, "its cache keeps an answer " + SecondResolver.MAX_TTL + " s at most: "
                + fresh.stdout());
        try {
            // auth's port on r3's LAN bridge down: netkit.test's server no longer answers
            LabExtension.Result unplug = lab.exec("r3", SHORT, "ip", "link", "set", "dev", "auth", "down");
            assertEquals(0, unplug.exitCode(), unplug.output());
            Thread.sleep((SecondResolver.MAX_TTL + 2) * 1000L);
            LabExtension.Result stale = lab.exec("client", SHORT, "dig", "+tries=1", "+time=8", "+noall", "+answer",
                    "@198.18.10.54", name, "A");
            assertTrue(stale.stdout().matches("(?s)pc2\\.netkit\\.test\\.\\s+30\\s+IN\\s+A\\s+198\\.18\\.1\\.11\\s*"),
                    "the expired answer, with serve-expired-reply-ttl 30: " + stale.output());
            // the resolver never had the name: it cannot answer without the server
            LabExtension.Result none = lab.exec("client", SHORT, "dig", "+tries=1", "+time=8", "@198.18.10.53", name,
                    "A");
            assertFalse(none.stdout().contains("198.18.1.11"), none.output());
        } finally {
            lab.exec("r3", SHORT, "ip", "link", "set", "dev", "auth", "up");
        }
    }
}
