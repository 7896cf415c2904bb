package dev.netkit.privileges;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's evidence with netkit-helper: {@code privileges install} as root, then netkit run by an ordinary user
 * of the group netkit (created here, removed at the end) captures in the lab's client namespace what root captures;
 * a user outside the group gets exit 4 and no capture; the helper refuses another namespace's interface and a bad
 * filter; {@code privileges remove} leaves neither file nor group behind.
 */
class HelperLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final String MEMBER = "nkmember";
    private static final String OUTSIDER = "nkoutsider";
    private static final Path HELPER = Path.of("/usr/local/lib/netkit/netkit-helper");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration T = Duration.ofSeconds(60);
    private static final List<String> created = new ArrayList<>();
    /** The jar and its native directory where both users can read them, and a directory they can write. */
    private static Path copy;
    private static Path writable;

    @BeforeAll
    static void installAndUsers() throws Exception {
        assertFalse(Files.exists(HELPER), HELPER + " is installed already: this test installs and removes it");
        for (String user : List.of(MEMBER, OUTSIDER)) {
            if (run(null, "id", "-u", user).exitCode() != 0) {
                LabExtension.Result add = run(null, "useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", user);
                assertEquals(0, add.exitCode(), add.output());
                created.add(user);
            }
        }
        copy = Files.createTempDirectory("nkhelper", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path jar = Path.of(System.getProperty("netkit.jar", "target/netkit.jar")).toAbsolutePath();
        Files.copy(jar, copy.resolve("netkit.jar"));
        Files.createDirectories(copy.resolve("native"));
        for (String f : List.of("libnetkit-libc.so", "netkit-helper")) {
            Files.copy(jar.getParent().resolve("native").resolve(f), copy.resolve("native").resolve(f));
        }
        try (var files = Files.walk(copy)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        writable = Files.createDirectory(copy.resolve("out"));
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));

        LabExtension.Result install = run(null, JAVA, "-jar", copy.resolve("netkit.jar").toString(), "privileges",
                "install");
        assertEquals(0, install.exitCode(), install.output());
        assertTrue(install.stdout().contains("sudo usermod -aG netkit "), install.stdout());
        assertEquals("root:netkit 750", run(null, "stat", "-c", "%U:%G %a", HELPER.toString()).stdout().strip());
        String caps = run(null, "getcap", HELPER.toString()).stdout();
        assertTrue(caps.contains("cap_net_admin,cap_net_raw=ep"), caps);
        LabExtension.Result join = run(null, "usermod", "-aG", "netkit", MEMBER);
        assertEquals(0, join.exitCode(), join.output());
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            LabExtension.Result remove = run(null, JAVA, "-jar", copy.resolve("netkit.jar").toString(), "privileges",
                    "remove");
            assertEquals(0, remove.exitCode(), remove.output());
            assertFalse(Files.exists(HELPER), "the helper is left");
            assertFalse(Files.exists(HELPER.getParent()), "its directory is left");
            assertEquals(2, run(null, "getent", "group", "netkit").exitCode(), "the group netkit is left");
        } finally {
            for (String user : created) {
                run(null, "userdel", user);
            }
            if (copy != null) {
                try (var files = Files.walk(copy)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** The command line of netkit as {@code user} in the client namespace: no capability in any set but the bounding. */
    private static List<String> asUser(String user, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.ns("client"), "setpriv",
                "--reuid=" + user, "--regid=" + user, "--init-groups", "--inh-caps=-all", JAVA,
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-jar",
                copy.resolve("netkit.jar").toString()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * The helper itself run by {@code user} in {@code host}'s namespace with {@code request} on its stdin. Through a
     * shell's exec: setpriv keeps root's capabilities until its own exec (to set the ones asked for), so it would
     * execute a file of mode 0750 for anyone.
     */
    private static LabExtension.Result helperAs(String user, String host, String request) throws Exception {
        return run(request, "ip", "netns", "exec", lab.ns(host), "setpriv", "--reuid=" + user, "--regid=" + user,
                "--init-groups", "--inh-caps=-all", "/bin/sh", "-c", "exec \"$0\"", HELPER.toString());
    }

    private static LabExtension.Result run(String stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // refused before it read everything
        }
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        Thread to = Thread.ofVirtual().start(() -> copyQuietly(p.getInputStream(), out));
        Thread te = Thread.ofVirtual().start(() -> copyQuietly(p.getErrorStream(), err));
        if (!p.waitFor(T.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        to.join(5000);
        te.join(5000);
        return new LabExtension.Result(p.isAlive() ? -1 : p.exitValue(), out.toString(StandardCharsets.ISO_8859_1),
                err.toString(StandardCharsets.UTF_8));
    }

    private static void copyQuietly(java.io.InputStream in, java.io.OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static String clientInterface() {
        return interfaces("client").stream().filter(n -> !n.equals("lo")).findFirst().orElseThrow();
    }

    private static List<String> interfaces(String host) {
        List<String> names = new ArrayList<>();
        for (String line : lab.exec(host, Duration.ofSeconds(10), "ip", "-o", "link", "show").stdout().split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                names.add(f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1]);
            }
        }
        return names;
    }

    private static void awaitListening(Path stderr, Process p) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end && p.isAlive()) {
            if (Files.exists(stderr) && Files.readString(stderr).contains("listening on")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sniff did not start: " + Files.readString(stderr));
    }

    private static Process start(List<String> cmd, Path stderr) throws IOException {
        return new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(new File("/dev/null"))
                .redirectError(stderr.toFile()).start();
    }

    @Test
    void memberSniffsWhatRootSniffs() throws Exception {
        String itf = clientInterface();
        Path userFile = writable.resolve("user.pcap");
        Path rootFile = writable.resolve("root.pcap");
        Process user = start(asUser(MEMBER, "sniff", "-i", itf, "-c", "5", "-w", userFile.toString(), "icmp"),
                writable.resolve("user.err"));
        Process root = start(List.of("ip", "netns", "exec", lab.ns("client"), JAVA, "--enable-native-access=ALL-UNNAMED",
                "-jar", copy.resolve("netkit.jar").toString(), "sniff", "-i", itf, "-c", "5", "-w", rootFile.toString(),
                "icmp"), writable.resolve("root.err"));
        try {
            awaitListening(writable.resolve("user.err"), user);
            awaitListening(writable.resolve("root.err"), root);
            // the helper under the user's netkit holds its capture open with no capability left
            ProcessHandle helper = user.descendants().filter(h -> h.info().command().orElse("").endsWith(
                    "netkit-helper")).findFirst().orElseThrow(() -> new AssertionError("no netkit-helper running"));
            String status = Files.readString(Path.of("/proc", Long.toString(helper.pid()), "status"));
            assertTrue(status.contains("CapPrm:\t0000000000000000") && status.contains("CapEff:\t0000000000000000")
                    && status.contains("NoNewPrivs:\t1"), status);
            LabExtension.Result ping = lab.exec("client", Duration.ofSeconds(20), "ping", "-n", "-c", "5", "-i", "0.2",
                    "198.18.1.1");
            assertEquals(0, ping.exitCode(), ping.output());
            assertTrue(user.waitFor(20, TimeUnit.SECONDS), Files.readString(writable.resolve("user.err")));
            assertTrue(root.waitFor(20, TimeUnit.SECONDS), Files.readString(writable.resolve("root.err")));
        } finally {
            user.destroyForcibly();
            root.destroyForcibly();
        }
        assertEquals(0, user.exitValue(), Files.readString(writable.resolve("user.err")));
        assertTrue(Files.readString(writable.resolve("user.err")).contains("5 packets captured"),
                Files.readString(writable.resolve("user.err")));
        LabExtension.Result userRead = run(null, "tcpdump", "-t", "-n", "-r", userFile.toString());
        LabExtension.Result rootRead = run(null, "tcpdump", "-t", "-n", "-r", rootFile.toString());
        assertEquals(5, userRead.stdout().lines().count(), userRead.output());
        assertTrue(userRead.stdout().lines().allMatch(l -> l.contains("ICMP echo")), userRead.stdout());
        assertEquals(rootRead.stdout(), userRead.stdout());
    }

    @Test
    void outsiderGetsExitFourAndNoCapture() throws Exception {
        Path file = writable.resolve("outsider.pcap");
        LabExtension.Result r = run(null, asUser(OUTSIDER, "sniff", "-i", clientInterface(), "-c", "1", "-w",
                file.toString()).toArray(String[]::new));
        assertEquals(4, r.exitCode(), r.output());
        assertTrue(r.stderr().contains("sudo") && r.stderr().contains("group netkit")
                && r.stderr().contains("usermod -aG netkit " + OUTSIDER), r.stderr());
        assertFalse(r.stderr().contains("setcap") || r.stderr().contains("cap_net"), r.stderr());
        assertFalse(Files.exists(file), "a capture file was opened");
        LabExtension.Result direct = helperAs(OUTSIDER, "client", "capture lo 256 0 \n");
        assertEquals(126, direct.exitCode(), direct.output());
        assertTrue(direct.stderr().contains("Permission denied"), direct.output());
        assertEquals("", direct.stdout());
    }

    @Test
    void helperRefusesAnotherNamespacesInterfaceAndBadFilters() throws Exception {
        assertTrue(interfaces("r1").contains("r2") && !interfaces("client").contains("r2"), "r2 is r1's alone");
        LabExtension.Result other = helperAs(MEMBER, "client", "capture r2 256 0 \n");
        assertEquals(2, other.exitCode(), other.output());
        assertEquals("netkit-helper: no such interface in this network namespace: r2\n", other.stderr());
        assertEquals("", other.stdout());
        LabExtension.Result sniff = run(null, asUser(MEMBER, "sniff", "-i", "r2", "-c", "1").toArray(String[]::new));
        assertEquals(2, sniff.exitCode(), sniff.output());
        assertTrue(sniff.stderr().contains("no such interface in this network namespace: r2"), sniff.stderr());

        LabExtension.Result filter = helperAs(MEMBER, "client", "capture " + clientInterface() + " 256 0 icmp and\n");
        assertEquals(2, filter.exitCode(), filter.output());
        assertTrue(filter.stderr().startsWith("netkit-helper: bad filter: "), filter.stderr());
        assertEquals("", filter.stdout());
        LabExtension.Result bad = run(null, asUser(MEMBER, "sniff", "-i", clientInterface(), "-c", "1", "tcp port")
                .toArray(String[]::new));
        assertEquals(2, bad.exitCode(), bad.output());
        assertTrue(bad.stderr().contains("bad filter"), bad.stderr());

        LabExtension.Result ok = helperAs(MEMBER, "client", "capture " + clientInterface() + " 256 0 icmp\n");
        assertEquals(0, ok.exitCode(), ok.output());
        assertEquals(24, ok.stdout().length(), "a pcap header and no frame"); // stdin ended at once
        assertTrue(ok.stderr().startsWith("stats "), ok.stderr());
    }

    /** The rows "PORT/PROTO STATE" of a scan report. */
    private static List<String> ports(String text) {
        List<String> rows = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("(?m)^(\\d+/(?:tcp|udp))\\s+(\\S+)").matcher(text);
        while (m.find()) {
            rows.add(m.group(1) + " " + m.group(2));
        }
        return rows;
    }

    /** The lines "ADDRESS  MAC ..." of arp scan's text. */
    private static List<String> arpRows(String text) {
        return text.lines().filter(l -> l.startsWith("198.18.")).map(l -> l.replaceAll("\\s+\\d+\\.\\d+ ms.*$", ""))
                .sorted().toList();
    }

    @Test
    void memberScansArpsAndSendsAsRootDoes() throws Exception {
        String ports = "22,80,443,8080,9998,9999";
        LabExtension.Result user = run(null, asUser(MEMBER, "scan", "-sS", "--reason", "-p", ports, "198.18.10.10")
                .toArray(String[]::new));
        assertEquals(0, user.exitCode(), user.output());
        LabExtension.Result root = lab.netkit("client", "scan", "-sS", "--reason", "-p", ports, "198.18.10.10");
        assertEquals(0, root.exitCode(), root.output());
        assertEquals(ports(root.stdout()), ports(user.stdout()), "root:\n" + root.stdout() + "user:\n" + user.stdout());
        assertTrue(ports(user.stdout()).contains("80/tcp open"), user.stdout());
        // SYNs, not connect(): a closed port answered with a reset, not a refused connection
        assertTrue(user.stdout().contains(" reset"), user.stdout());

        LabExtension.Result arpUser = run(null, asUser(MEMBER, "arp", "scan", "198.18.1.10-12").toArray(String[]::new));
        assertEquals(0, arpUser.exitCode(), arpUser.output());
        LabExtension.Result arpRoot = lab.netkit("client", "arp", "scan", "198.18.1.10-12");
        assertEquals(0, arpRoot.exitCode(), arpRoot.output());
        assertEquals(arpRows(arpRoot.stdout()), arpRows(arpUser.stdout()),
                "root:\n" + arpRoot.stdout() + "user:\n" + arpUser.stdout());
        assertTrue(arpUser.stdout().contains("2 responded"), arpUser.stdout());

        LabExtension.Result send = run(null, asUser(MEMBER, "send", "--tcp", "--flags", "S", "--sport", "40020",
                "--dport", "80", "198.18.10.10").toArray(String[]::new));
        assertEquals(0, send.exitCode(), send.output());
        assertTrue(send.stdout().contains("198.18.1.10.40020 > 198.18.10.10.80: Flags [S], "), send.stdout());
        assertTrue(send.stdout().contains("198.18.10.10.80 > 198.18.1.10.40020: Flags [S.], "), send.stdout());
        assertTrue(send.stderr().startsWith("1 packet sent (1 frame), "), send.stderr());
        LabExtension.Result outsider = run(null, asUser(OUTSIDER, "send", "--tcp", "--flags", "S", "--dport", "80",
                "198.18.10.10").toArray(String[]::new));
        assertEquals(4, outsider.exitCode(), outsider.output());
        assertTrue(outsider.stderr().contains("group netkit"), outsider.stderr());
    }

    /** Per TTL the addresses that answered ("*" for none), from traceroute's text (netkit's is the same). */
    private static List<String> hops(String text) {
        List<String> hops = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("(?m)^ ?(\\d+)  (\\S+)").matcher(text);
        while (m.find()) {
            hops.add(m.group(1) + " " + m.group(2));
        }
        return hops;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "trace -T -n -{0} as a member and traceroute -T as root")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"4", "6"})
    void memberTracesTcpThroughRawSocketsAsTracerouteDoes(String family) throws Exception {
        String target = family.equals("6") ? "2001:db8:10::10" : "198.18.10.10";
        LabExtension.Result user = run(null, asUser(MEMBER, "trace", "-T", "-n", "-" + family, target)
                .toArray(String[]::new));
        assertEquals(0, user.exitCode(), user.output());
        Thread.sleep(1500); // the routers' ICMP rate limit (a burst of 6, then 1/s) refills between the two runs
        LabExtension.Result root = lab.exec("client", T, "traceroute", "-T", "-n", "-" + family, target);
        assertEquals(0, root.exitCode(), root.output());
        assertEquals(hops(root.stdout()), hops(user.stdout()), "root:\n" + root.stdout() + "user:\n" + user.stdout());
        assertEquals(List.of("1 " + (family.equals("6") ? "2001:db8:1::1" : "198.18.1.1"),
                "2 " + (family.equals("6") ? "2001:db8:2::2" : "198.18.2.2"), "3 *", "4 " + target),
                hops(user.stdout()), user.stdout());
        Thread.sleep(1500);
        // raw sockets from the helper, not the connect() fallback a user outside the group gets
        LabExtension.Result json = run(null, asUser(MEMBER, "trace", "-T", "-n", "-" + family, "--json", target)
                .toArray(String[]::new));
        assertEquals(0, json.exitCode(), json.output());
        assertTrue(json.stdout().contains("\"path\":\"helper-raw\""), json.output());
        Thread.sleep(1500);
        LabExtension.Result outsider = run(null, asUser(OUTSIDER, "trace", "-T", "-n", "-" + family, "--json", target)
                .toArray(String[]::new));
        assertEquals(0, outsider.exitCode(), outsider.output());
        assertTrue(outsider.stdout().contains("\"path\":\"tcp-connect\""), outsider.output());
    }

    @Test
    void memberPingsByInjectionAsRootDoes() throws Exception {
        LabExtension.Result user = run(null, asUser(MEMBER, "ping", "--inject", "-n", "-c", "3", "-i", "0.2",
                "198.18.10.10").toArray(String[]::new));
        assertEquals(0, user.exitCode(), user.output());
        LabExtension.Result root = lab.netkit("client", "ping", "--inject", "-n", "-c", "3", "-i", "0.2",
                "198.18.10.10");
        assertEquals(0, root.exitCode(), root.output());
        for (LabExtension.Result r : List.of(user, root)) {
            for (int seq = 1; seq <= 3; seq++) {
                assertTrue(r.stdout().contains("64 bytes from 198.18.10.10: icmp_seq=" + seq + " ttl=61 time="),
                        r.stdout());
            }
            assertTrue(r.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), r.stdout());
        }
        LabExtension.Result six = run(null, asUser(MEMBER, "ping", "--inject", "-n", "-c", "2", "-i", "0.2",
                "2001:db8:10::10").toArray(String[]::new));
        assertEquals(0, six.exitCode(), six.output());
        assertTrue(six.stdout().contains("2 packets transmitted, 2 received, 0% packet loss"), six.stdout());
        LabExtension.Result json = run(null, asUser(MEMBER, "ping", "--inject", "-c", "1", "--json", "198.18.10.10")
                .toArray(String[]::new));
        assertTrue(json.stdout().contains("\"path\":\"helper-injection\""), json.output());
        LabExtension.Result outsider = run(null, asUser(OUTSIDER, "ping", "--inject", "-n", "-c", "1", "198.18.10.10")
                .toArray(String[]::new));
        assertEquals(4, outsider.exitCode(), outsider.output());
        assertTrue(outsider.stderr().contains("sudo") && outsider.stderr().contains("group netkit")
                && outsider.stderr().contains("--no-inject needs none"), outsider.stderr());
    }

    @Test
    void helperRefusesBadSocketRequests() throws Exception {
        LabExtension.Result other = helperAs(MEMBER, "client", "socket r2 tcp4\n");
        assertEquals(2, other.exitCode(), other.output());
        assertEquals("netkit-helper: no such interface in this network namespace: r2\n", other.stderr());
        LabExtension.Result kind = helperAs(MEMBER, "client", "socket " + clientInterface() + " packet\n");
        assertEquals(2, kind.exitCode(), kind.output());
        assertTrue(kind.stderr().startsWith("netkit-helper: bad request: socket kind is none of"), kind.stderr());
        LabExtension.Result pipe = helperAs(MEMBER, "client", "socket " + clientInterface() + " tcp4\n");
        assertEquals(2, pipe.exitCode(), pipe.output());
        assertTrue(pipe.stderr().contains("needs a Unix socket on stdin"), pipe.stderr());
        // through netkit (the refusal comes back over the socket): r2 is not the client's
        LabExtension.Result trace = run(null, asUser(MEMBER, "trace", "-T", "-n", "--interface", "r2", "198.18.10.10")
                .toArray(String[]::new));
        assertEquals(2, trace.exitCode(), trace.output());
        assertTrue(trace.stderr().contains("no such interface in this network namespace: r2"), trace.stderr());
    }
}
