package dev.netkit.trace;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trace --flows and Paris probes on a real load balancer: five namespaces of our own ({@code nkmp...-c, -r, -a, -b,
 * -s}). The client's router r reaches the server's address 198.18.205.1 / 2001:db8:205::1 over two equal-cost next
 * hops, router a or router b, with the kernel's layer-4 multipath hash (addresses, protocol, ports), as a router
 * of a load-balanced network does: client -> r -> a|b -> server.
 */
class TraceMultipathIT {
    private static final String NAME = "nkmp" + Long.toString(ProcessHandle.current().pid(), 36);
    private static final String[] HOSTS = {"c", "r", "a", "b", "s"};
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static boolean built;

    private static String ns(String host) {
        return NAME + "-" + host;
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(long timeoutSeconds, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread to = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
            Thread te = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            to.join(5000);
            te.join(5000);
            return new Run(p.isAlive() ? 124 : p.exitValue(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        }
    }

    private static void copy(java.io.InputStream in, java.io.ByteArrayOutputStream sink) {
        try {
            in.transferTo(sink);
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private static void sh(String... cmd) {
        Run r = run(30, List.of(cmd));
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + r.err());
        }
    }

    private static void in(String host, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(List.of(cmd));
        Run r = run(30, full);
        if (r.code() != 0) {
            throw new IllegalStateException(full + ": " + r.err());
        }
    }

    private static void link(String x, String y, String net4, String net6) {
        sh("ip", "link", "add", "to" + y, "netns", ns(x), "type", "veth", "peer", "name", "to" + x, "netns", ns(y));
        in(x, "ip", "addr", "add", net4 + ".1/30", "dev", "to" + y);
        in(y, "ip", "addr", "add", net4 + ".2/30", "dev", "to" + x);
        in(x, "ip", "addr", "add", net6 + "::1/64", "dev", "to" + y, "nodad");
        in(y, "ip", "addr", "add", net6 + "::2/64", "dev", "to" + x, "nodad");
        in(x, "ip", "link", "set", "to" + y, "up");
        in(y, "ip", "link", "set", "to" + x, "up");
    }

    @BeforeAll
    static void build() {
        LabExtension.assumeRoot();
        built = true;
        for (String h : HOSTS) {
            sh("ip", "netns", "add", ns(h));
            in(h, "ip", "link", "set", "lo", "up");
        }
        link("c", "r", "198.18.200", "2001:db8:200");
        link("r", "a", "198.18.201", "2001:db8:201");
        link("r", "b", "198.18.202", "2001:db8:202");
        link("a", "s", "198.18.203", "2001:db8:203");
        link("b", "s", "198.18.204", "2001:db8:204");
        in("s", "ip", "addr", "add", "198.18.205.1/32", "dev", "lo");
        in("s", "ip", "addr", "add", "2001:db8:205::1/128", "dev", "lo");
        in("c", "ip", "route", "add", "default", "via", "198.18.200.2");
        in("c", "ip", "-6", "route", "add", "default", "via", "2001:db8:200::2");
        // forwarding, and an answer to every probe (no ICMP rate limit inside this test's routers)
        for (String h : new String[] {"r", "a", "b", "s"}) {
            in(h, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                    "net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0", "net.ipv4.icmp_msgs_per_sec=100000",
                    "net.ipv4.icmp_msgs_burst=10000");
        }
        // the load balancer: two equal-cost next hops, hashed on addresses, protocol and ports
        in("r", "sysctl", "-q", "-w", "net.ipv4.fib_multipath_hash_policy=1", "net.ipv6.fib_multipath_hash_policy=1");
        in("r", "ip", "route", "add", "198.18.205.1/32", "nexthop", "via", "198.18.201.2", "nexthop", "via",
                "198.18.202.2");
        in("r", "ip", "-6", "route", "add", "2001:db8:205::1/128", "nexthop", "via", "2001:db8:201::2", "nexthop",
                "via", "2001:db8:202::2");
        for (String h : new String[] {"a", "b"}) {
            String up4 = h.equals("a") ? "198.18.203.2" : "198.18.204.2";
            String up6 = h.equals("a") ? "2001:db8:203::2" : "2001:db8:204::2";
            String down4 = h.equals("a") ? "198.18.201.1" : "198.18.202.1";
            String down6 = h.equals("a") ? "2001:db8:201::1" : "2001:db8:202::1";
            in(h, "ip", "route", "add", "198.18.205.1/32", "via", up4);
            in(h, "ip", "-6", "route", "add", "2001:db8:205::1/128", "via", up6);
            in(h, "ip", "route", "add", "198.18.200.0/30", "via", down4);
            in(h, "ip", "-6", "route", "add", "2001:db8:200::/64", "via", down6);
        }
        in("s", "ip", "route", "add", "198.18.200.0/30", "via", "198.18.203.1");
        in("s", "ip", "-6", "route", "add", "2001:db8:200::/64", "via", "2001:db8:203::1");
    }

    @AfterAll
    static void tearDown() {
        if (!built) {
            return;
        }
        for (String h : HOSTS) {
            run(30, List.of("ip", "netns", "del", ns(h)));
        }
    }

    private static Run netkit(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns("c"), JAVA,
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                System.getProperty("netkit.jar", "target/netkit.jar")));
        cmd.addAll(List.of(args));
        return run(60, cmd);
    }

    /** Each flow's responders at TTL 2 (a or b), from trace's text (blocks "flow N" then hop lines). */
    private static Map<Integer, Set<String>> secondHops(String text) {
        Map<Integer, Set<String>> map = new HashMap<>();
        int flow = 0;
        Pattern address = Pattern.compile("(198\\.18\\.\\d+\\.\\d+|2001:db8:[0-9a-f:]+)");
        for (String line : text.split("\n")) {
            if (line.startsWith("flow ")) {
                flow = Integer.parseInt(line.substring(5).trim());
            } else if (line.startsWith(" 2  ")) {
                Set<String> who = new HashSet<>();
                Matcher m = address.matcher(line);
                while (m.find()) {
                    who.add(m.group(1));
                }
                map.put(flow, who);
            }
        }
        return map;
    }

    @ParameterizedTest(name = "trace {0} -{1} --flows 16")
    @CsvSource({"-U,4", "-T,4", "-U,6", "-T,6"})
    void flowsFindBothBranchesAndEachFlowKeepsToOne(String method, String family) {
        boolean v6 = family.equals("6");
        String a = v6 ? "2001:db8:201::2" : "198.18.201.2";
        String b = v6 ? "2001:db8:202::2" : "198.18.202.2";
        String dst = v6 ? "2001:db8:205::1" : "198.18.205.1";
        Run r = netkit("trace", "-n", method, "-p", method.equals("-T") ? "80" : "33434", "-q", "3", "--flows", "16",
                dst);
        assertEquals(0, r.code(), r.out() + r.err());
        Map<Integer, Set<String>> first = secondHops(r.out());
        assertEquals(16, first.size(), r.out());
        Set<String> seen = new HashSet<>();
        for (var e : first.entrySet()) {
            // Paris: the three probes of one flow hash alike, so one router answers all of them
            assertEquals(1, e.getValue().size(), "flow " + e.getKey() + " split over " + e.getValue() + "\n" + r.out());
            seen.addAll(e.getValue());
        }
        // 16 flows on a two-way hash: both routers (all on one side: 2 in 65536)
        assertEquals(Set.of(a, b), seen, r.out());
        assertTrue(r.out().contains("16 flows, 2 distinct paths:"), r.out());
        String r1 = v6 ? "2001:db8:200::2" : "198.18.200.2";
        assertTrue(r.out().contains(": " + r1 + " " + a + " " + dst + "\n")
                && r.out().contains(": " + r1 + " " + b + " " + dst + "\n"), r.out());
    }

    @ParameterizedTest(name = "Paris TCP SYNs over IPv{0} {1}")
    @CsvSource({"4,--no-inject", "6,--no-inject", "4,--inject", "6,--inject"})
    void tcpProbesOfAFlowKeepTheirPortsAndFlowLabel(String family, String channel) throws Exception {
        boolean v6 = family.equals("6");
        String dst = v6 ? "2001:db8:205::1" : "198.18.205.1";
        Path pcap = Files.createTempFile("nkmp", ".pcap");
        // only our own SYNs (SYN alone: the kernel's resets of the answers are not probes); --immediate-mode: a
        // packet waiting in the capture ring's current block when tcpdump is stopped would be lost
        String filter = v6 ? "ip6 and dst host " + dst + " and tcp and ip6[40+13] == 2"
                : "dst host " + dst + " and tcp and tcp[13] == 2";
        Process dump = new ProcessBuilder("ip", "netns", "exec", ns("c"), "tcpdump", "-i", "any", "-n",
                "--immediate-mode", "-U", "-w", pcap.toString(), filter).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitListening(dump);
            Run r = netkit("trace", channel, "-n", "-T", "-p", "80", "-q", "3", "-m", "3", "--flows", "2", dst);
            assertEquals(0, r.code(), r.out() + r.err());
            Thread.sleep(300);
        } finally {
            dump.destroy();
            dump.waitFor(10, TimeUnit.SECONDS);
            if (dump.isAlive()) {
                dump.destroyForcibly();
            }
        }
        try {
            Run read = run(30, List.of("tcpdump", "-r", pcap.toString(), "-n", "-v"));
            // per source port: the flow labels (IPv6) seen, and how many SYNs
            Map<String, Set<String>> labels = new HashMap<>();
            Map<String, Integer> count = new HashMap<>();
            Pattern syn = Pattern.compile("\\.(\\d+) > [0-9a-f.:]+\\.80: Flags \\[S\\]");
            Pattern label = Pattern.compile("flowlabel (0x[0-9a-f]+)");
            String lastLabel = "";
            for (String line : read.out().split("\n")) {
                Matcher l = label.matcher(line);
                if (l.find()) {
                    lastLabel = l.group(1);
                }
                Matcher m = syn.matcher(line);
                if (m.find()) {
                    labels.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(lastLabel);
                    count.merge(m.group(1), 1, Integer::sum);
                }
            }
            // two flows: every SYN captured came from one of two source ports (one connect() per probe would have
            // given each its own port). The capture may miss a few of the SYNs that leave in one burst, so only
            // at least 6 of them are required.
            assertEquals(2, count.size(), read.out() + read.err() + DUMP_ERR);
            assertTrue(count.values().stream().mapToInt(Integer::intValue).sum() >= 6, count + "\n" + read.out());
            Set<String> flowLabels = new HashSet<>();
            for (var e : count.entrySet()) {
                if (v6) {
                    assertEquals(1, labels.get(e.getKey()).size(), "flow labels of port " + e.getKey() + ": "
                            + labels.get(e.getKey()) + "\n" + read.out());
                    flowLabels.addAll(labels.get(e.getKey()));
                }
            }
            if (v6) {
                // and each flow its own label, so that a load balancer hashing the label splits flows as ports do
                assertEquals(2, flowLabels.size(), "flow labels " + labels + "\n" + read.out());
            }
        } finally {
            Files.deleteIfExists(pcap);
        }
    }

    /** Waits (at most 10 s) for tcpdump's "listening on" line on stderr. */
    private static final java.io.ByteArrayOutputStream DUMP_ERR = new java.io.ByteArrayOutputStream();

    private static void waitListening(Process dump) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(dump.getErrorStream(), StandardCharsets.UTF_8));
        long end = System.nanoTime() + 10_000_000_000L;
        String line;
        while (System.nanoTime() < end && (line = err.readLine()) != null) {
            if (line.contains("listening on")) {
                Thread.ofVirtual().start(() -> copy(dump.getErrorStream(), DUMP_ERR));
                return;
            }
        }
        throw new IllegalStateException("tcpdump did not start");
    }
}
