package dev.netkit.cli;

import dev.netkit.JsonTree;
import dev.netkit.system.IpJson;
import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * sockets, ifaces and route inside two namespaces this test builds (nksys*-a, nksys*-b, joined by a veth pair,
 * lab addresses 198.18.1.10 and .1), compared with what ss and ip say there. Listeners and connections are socat
 * processes the test starts; everything is removed afterwards, also on failure.
 */
class SystemNamespaceIT {
    static final String TAG = "nksys" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    static final String A = TAG + "-a";
    static final String B = TAG + "-b";
    static final List<Process> PROCESSES = new ArrayList<>();

    record Run(int code, String out, String err) {
    }

    static Run exec(long timeoutSeconds, String... cmd) {
        try {
            Path outFile = Files.createTempFile("nksys", ".out");
            Path errFile = Files.createTempFile("nksys", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
                }
                return new Run(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                        Files.readString(errFile, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Run must(String... cmd) {
        Run r = exec(20, cmd);
        assertEquals(0, r.code(), String.join(" ", cmd) + ": " + r.err());
        return r;
    }

    static Run in(String ns, String... cmd) {
        String[] all = new String[cmd.length + 4];
        all[0] = "ip";
        all[1] = "netns";
        all[2] = "exec";
        all[3] = ns;
        System.arraycopy(cmd, 0, all, 4, cmd.length);
        return exec(60, all);
    }

    static Run netkit(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", System.getProperty("netkit.jar")));
        cmd.addAll(List.of(args));
        return in(ns, cmd.toArray(String[]::new));
    }

    static void start(String ns, String... cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        PROCESSES.add(new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    @BeforeAll
    static void build() throws Exception {
        LabExtension.assumeRoot(); // skips without root, fails under CI
        must("ip", "netns", "add", A);
        must("ip", "netns", "add", B);
        must("ip", "-n", A, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", B);
        for (String ns : List.of(A, B)) {
            must("ip", "-n", ns, "link", "set", "lo", "up");
            must("ip", "-n", ns, "link", "set", "eth0", "up");
        }
        must("ip", "-n", A, "addr", "add", "198.18.1.10/24", "brd", "+", "dev", "eth0");
        must("ip", "-n", A, "addr", "add", "2001:db8:1::10/64", "dev", "eth0", "nodad");
        must("ip", "-n", B, "addr", "add", "198.18.1.1/24", "brd", "+", "dev", "eth0");
        must("ip", "-n", B, "addr", "add", "2001:db8:1::1/64", "dev", "eth0", "nodad");
        must("ip", "-n", A, "route", "add", "default", "via", "198.18.1.1");
        must("ip", "-n", A, "route", "add", "198.18.10.0/24", "via", "198.18.1.1", "metric", "50");
        must("ip", "-n", A, "route", "add", "198.18.10.0/24", "dev", "eth0", "metric", "100");
        must("ip", "-n", A, "-6", "route", "add", "default", "via", "2001:db8:1::1");
        // listeners in A, a listener in B, and connections both ways; they live 10 minutes, longer than this class
        // runs on a busy machine (a minute was not always), and tearDown kills them
        start(A, "socat", "TCP4-LISTEN:8080,reuseaddr,fork", "SYSTEM:sleep 600");
        start(A, "socat", "TCP6-LISTEN:2222,ipv6only=1,reuseaddr,fork", "SYSTEM:sleep 600");
        start(A, "socat", "-u", "UDP4-RECV:5353", "/dev/null");
        start(A, "socat", "-u", "UDP6-RECV:7777", "/dev/null");
        start(B, "socat", "TCP4-LISTEN:9000,reuseaddr,fork", "SYSTEM:sleep 600");
        waitFor(A, ":8080", "ss", "-tln");
        waitFor(A, ":2222", "ss", "-tln");
        waitFor(A, ":7777", "ss", "-uln");
        waitFor(B, ":9000", "ss", "-tln");
        start(B, "socat", "TCP4:198.18.1.10:8080", "SYSTEM:sleep 600");
        start(A, "socat", "TCP4:198.18.1.1:9000", "SYSTEM:sleep 600");
        start(B, "socat", "TCP6:[2001:db8:1::10]:2222", "SYSTEM:sleep 600");
        waitFor(A, ":9000", "ss", "-tn", "state", "established");
        waitFor(A, "]:2222", "ss", "-tn", "state", "established");
        waitFor(B, ":8080", "ss", "-tn", "state", "established");
    }

    /** Polls a command until its output contains {@code text}, for at most 10 s. */
    static void waitFor(String ns, String text, String... cmd) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (in(ns, cmd).out().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail(String.join(" ", cmd) + " in " + ns + " never showed " + text);
    }

    @AfterAll
    static void tearDown() {
        for (Process p : PROCESSES) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String ns : List.of(A, B)) {
            // kill what is left in the namespace (only our socat children), then delete it
            exec(10, "ip", "netns", "pids", ns).out().lines().forEach(pid ->
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
            exec(10, "ip", "netns", "del", ns);
        }
    }

    /**
     * "STATE LOCAL PEER" of each data line of ss-like text (the columns netkit copies from ss; without a State column
     * when one state was asked for). ss's "*" for a dual-stack wildcard is netkit's "[::]" (see docs/sockets.md).
     */
    static Set<String> rows(String text) {
        boolean state = text.startsWith("State");
        Set<String> out = new TreeSet<>();
        text.lines().skip(1).forEach(l -> {
            String[] f = l.strip().replace("*:", "[::]:").split("\\s+");
            out.add(state ? f[0] + " " + f[3] + " " + f[4] : f[2] + " " + f[3]);
        });
        return out;
    }

    @Test
    void tcpListenersEqualSs() {
        Run nk = netkit(A, "sockets", "-tln");
        assertEquals(0, nk.code(), nk.err());
        Set<String> ss = rows(in(A, "ss", "-tln").out());
        assertEquals(ss, rows(nk.out()));
        assertTrue(ss.contains("LISTEN 0.0.0.0:8080 0.0.0.0:*") && ss.contains("LISTEN [::]:2222 [::]:*"), ss.toString());
    }

    @Test
    void udpListenersEqualSs() {
        Set<String> ss = rows(in(A, "ss", "-uln").out());
        assertEquals(ss, rows(netkit(A, "sockets", "-uln").out()));
        assertEquals(2, ss.size(), ss.toString());
    }

    @Test
    void connectedTcpEqualsSsOnBothSides() {
        for (String ns : List.of(A, B)) {
            Set<String> ss = rows(in(ns, "ss", "-tn").out());
            assertEquals(ss, rows(netkit(ns, "sockets", "-tn").out()), ns);
            assertTrue(ss.stream().allMatch(s -> s.startsWith("ESTAB ")), ss.toString());
            assertTrue(ss.size() >= 2, ss.toString());
        }
    }

    static final Pattern USER = Pattern.compile("\\(\"([^\"]*)\",pid=(\\d+),fd=(\\d+)\\)");

    /** port -> sorted "name/pid/fd" of the processes in ss -p style text. */
    static Map<String, Set<String>> users(String text) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        text.lines().skip(1).forEach(l -> {
            String[] f = l.strip().split("\\s+");
            Set<String> u = new TreeSet<>();
            Matcher m = USER.matcher(l);
            while (m.find()) {
                u.add(m.group(1) + "/" + m.group(2) + "/" + m.group(3));
            }
            out.put(f[3].replace("*:", "[::]:"), u);
        });
        return out;
    }

    @Test
    void processesEqualSs() {
        Map<String, Set<String>> ss = users(in(A, "ss", "-tlnp").out());
        Map<String, Set<String>> nk = users(netkit(A, "sockets", "-tlnp").out());
        assertEquals(ss, nk);
        assertTrue(nk.get("0.0.0.0:8080").stream().anyMatch(u -> u.startsWith("socat/")), nk.toString());
        Map<String, Set<String>> ssu = users(in(A, "ss", "-ulnp").out());
        assertEquals(ssu, users(netkit(A, "sockets", "-ulnp").out()));
    }

    @Test
    void filterWordsAgreeWithSs() {
        String[] filter = {"state", "established", "(", "dport", "=", ":9000", "or", "sport", "=", ":8080", ")"};
        List<String> ssCmd = new ArrayList<>(List.of("ss", "-tn"));
        ssCmd.addAll(List.of(filter));
        List<String> nkCmd = new ArrayList<>(List.of("sockets", "-tn"));
        nkCmd.addAll(List.of(filter));
        Set<String> ss = rows(in(A, ssCmd.toArray(String[]::new)).out());
        assertEquals(2, ss.size(), ss.toString());
        assertEquals(ss, rows(netkit(A, nkCmd.toArray(String[]::new)).out()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void ifacesJsonEqualsIpAddrAndSysfs() throws IOException {
        List<Map<String, Object>> ip = IpJson.parseArray(in(A, "ip", "-j", "addr").out());
        long rxBefore = Long.parseLong(in(A, "cat", "/sys/class/net/eth0/statistics/rx_bytes").out().strip());
        Run nk = netkit(A, "ifaces", "--json");
        long rxAfter = Long.parseLong(in(A, "cat", "/sys/class/net/eth0/statistics/rx_bytes").out().strip());
        assertEquals(0, nk.code(), nk.err());
        List<String> lines = nk.out().lines().toList();
        assertEquals(ip.size(), lines.size());
        for (int i = 0; i < ip.size(); i++) {
            Map<String, Object> want = ip.get(i);
            Map<String, Object> got = (Map<String, Object>) JsonTree.parseValue(lines.get(i));
            assertEquals("interface", got.get("type"));
            assertEquals(want.get("ifindex"), got.get("index"));
            assertEquals(want.get("ifname"), got.get("name"));
            assertEquals(want.get("mtu"), got.get("mtu"));
            assertEquals(want.get("operstate"), got.get("state"));
            assertEquals(want.get("flags"), got.get("flags"));
            assertEquals(want.get("address"), got.get("mac"));
            List<String> cidrs = new ArrayList<>();
            for (Object a : (List<Object>) want.get("addr_info")) {
                Map<String, Object> am = (Map<String, Object>) a;
                cidrs.add(am.get("local") + "/" + am.get("prefixlen"));
            }
            assertEquals(cidrs, got.get("addresses"));
            if (want.get("ifname").equals("eth0")) {
                assertTrue(cidrs.contains("198.18.1.10/24") && cidrs.contains("2001:db8:1::10/64"), cidrs.toString());
                long rx = (Long) got.get("rx_bytes");
                assertTrue(rxBefore <= rx && rx <= rxAfter, rxBefore + " <= " + rx + " <= " + rxAfter);
            }
        }
    }

    @Test
    void ifacesCountersEqualSysfsForEveryCounter() {
        String dir = "/sys/class/net/lo/statistics/";
        // lo is quiet between the reads unless we talk; no traffic is made here
        String[] names = {"rx_bytes", "tx_bytes", "rx_packets", "tx_packets", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped"};
        Run nk = netkit(A, "ifaces", "lo", "--json");
        for (String n : names) {
            long sys = Long.parseLong(in(A, "cat", dir + n).out().strip());
            assertTrue(nk.out().contains("\"" + n + "\":" + sys), n + "=" + sys + " in " + nk.out());
        }
    }

    @Test
    void ifacesWatchReportsRates() {
        Run nk = netkit(A, "ifaces", "eth0", "--watch", "0.2", "--count", "2", "--json");
        assertEquals(0, nk.code(), nk.err());
        List<String> lines = nk.out().lines().toList();
        assertEquals(2, lines.size(), nk.out());
        assertTrue(lines.get(0).startsWith("{\"type\":\"rate\",\"name\":\"eth0\",\"interval_s\":0.2"), lines.get(0));
    }

    @Test
    void ifacesAllShowsDefaultGateways() {
        Run nk = netkit(A, "ifaces", "--all");
        assertTrue(nk.out().contains("Default gateways .. 198.18.1.1 (eth0), 2001:db8:1::1 (eth0, metric 1024)"), nk.out());
    }

    @SuppressWarnings("unchecked")
    @Test
    void routeGetEqualsIpRouteGet() throws IOException {
        Set<String> checked = new HashSet<>();
        for (String addr : List.of("198.18.1.1", "198.18.1.77", "198.18.10.10", "198.18.99.1", "198.18.1.10",
                "127.0.0.1", "2001:db8:1::1", "2001:db8:10::10", "2001:db8:1::10")) {
            Map<String, Object> ip = IpJson.parseArray(in(A, "ip", "-j", "route", "get", addr).out()).get(0);
            Run nk = netkit(A, "route", "get", addr, "--json");
            assertEquals(0, nk.code(), addr + ": " + nk.err());
            Map<String, Object> got = (Map<String, Object>) JsonTree.parseValue(nk.out().strip());
            assertEquals(ip.get("dev"), got.get("dev"), addr);
            assertEquals(ip.get("gateway"), got.get("gateway"), addr);
            assertEquals(ip.get("prefsrc"), got.get("src"), addr);
            checked.add(addr);
        }
        assertEquals(9, checked.size());
    }

    @Test
    void routeGetExplainsMetric() {
        Run nk = netkit(A, "route", "get", "198.18.10.10");
        assertTrue(nk.out().startsWith("198.18.10.10 via 198.18.1.1 dev eth0 src 198.18.1.10"), nk.out());
        assertTrue(nk.out().contains("same prefix /24, higher metric 100 > 50"), nk.out());
        assertTrue(nk.out().contains("shorter prefix /0 < /24"), nk.out());
    }

    /** Every route of every table, field by field, as ip route show table all prints it (netkit reads the dump). */
    @SuppressWarnings("unchecked")
    @Test
    void routeTableEqualsIpRouteShowTableAll() throws IOException {
        List<String> want = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (Map<String, Object> r : IpJson.parseArray(in(A, "ip", "-j", family, "route", "show", "table", "all").out())) {
                String dst = (String) r.get("dst");
                String cidr = dst.equals("default") ? (family.equals("-4") ? "0.0.0.0/0" : "::/0")
                        : dst.contains("/") ? dst : dst + (family.equals("-4") ? "/32" : "/128");
                want.add(String.join(" ", cidr, String.valueOf(r.get("gateway")), String.valueOf(r.get("dev")),
                        String.valueOf(r.getOrDefault("metric", 0L)), String.valueOf(r.get("prefsrc")),
                        (String) r.getOrDefault("type", "unicast"), (String) r.getOrDefault("table", "main"),
                        String.valueOf(r.get("protocol")), (String) r.getOrDefault("scope", "global")));
            }
        }
        Run nk = netkit(A, "route", "-a", "--json");
        assertEquals(0, nk.code(), nk.err());
        List<String> got = new ArrayList<>();
        for (String line : nk.out().lines().toList()) {
            Map<String, Object> r = (Map<String, Object>) JsonTree.parseValue(line);
            got.add(String.join(" ", (String) r.get("dst"), String.valueOf(r.get("gateway")), String.valueOf(r.get("dev")),
                    String.valueOf(r.get("metric")), String.valueOf(r.get("src")), (String) r.get("route_type"),
                    (String) r.get("table"), String.valueOf(r.get("protocol")), (String) r.get("scope")));
        }
        assertEquals(want, got);
        // ip names no protocol for "boot" (what ip route add sets), and netkit leaves it out too
        assertTrue(got.contains("198.18.10.0/24 198.18.1.1 eth0 50 null unicast main null global"), got.toString());
        assertTrue(got.stream().anyMatch(s -> s.startsWith("198.18.1.10/32 null eth0 0 198.18.1.10 local local kernel host")),
                got.toString());
    }

    @Test
    void routeTableHasFlags() {
        Run nk = netkit(A, "route", "-4");
        List<String> lines = nk.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Destination"), nk.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("default +198\\.18\\.1\\.1 +eth0 +0 +- +UG.*")), nk.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("198\\.18\\.1\\.0/24 +- +eth0 +0 +198\\.18\\.1\\.10 +U +kernel")), nk.out());
        assertFalse(nk.out().contains("2001:db8"), nk.out());
    }
}
