package dev.netkit.trace;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's evidence without the helper: netkit run as an ordinary user (created here when missing, removed at the
 * end) inside the lab's client namespace traces by UDP and --mtu as root does, pings through ICMP datagram sockets
 * once the namespace's ping_group_range allows it, and without that exits 4 naming sudo, the group and the sysctl.
 */
class UnprivilegedLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final String USER = "nkuser";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Whether this class created the user (and so removes it). */
    private static boolean createdUser;
    /** A copy of the jar and its socket library the user can read (the clone may live where root alone can). */
    private static Path copy;

    @BeforeAll
    static void userAndReadableJar() throws Exception {
        if (run(Duration.ofSeconds(10), "id", "-u", USER).exitCode() != 0) {
            LabExtension.Result add = run(Duration.ofSeconds(30), "useradd", "--system", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", USER);
            assertEquals(0, add.exitCode(), add.output());
            createdUser = true;
        }
        copy = Files.createTempDirectory("nkuser", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path jar = Path.of(System.getProperty("netkit.jar", "target/netkit.jar")).toAbsolutePath();
        Files.copy(jar, copy.resolve("netkit.jar"));
        Files.createDirectories(copy.resolve("native"));
        Files.copy(jar.getParent().resolve("native").resolve("libnetkit-libc.so"),
                copy.resolve("native").resolve("libnetkit-libc.so"));
        for (Path p : List.of(copy.resolve("native"), copy.resolve("netkit.jar"),
                copy.resolve("native").resolve("libnetkit-libc.so"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
        LabExtension.Result readable = lab.exec("client", Duration.ofSeconds(10), "setpriv", "--reuid=" + USER,
                "--regid=" + USER, "--init-groups", "test", "-r", copy.resolve("netkit.jar").toString());
        assertEquals(0, readable.exitCode(), "the user cannot read the jar's copy in " + copy);
    }

    @AfterAll
    static void removeUserAndCopy() throws Exception {
        try {
            if (copy != null) {
                try (var files = Files.walk(copy)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } finally {
            if (createdUser) {
                LabExtension.Result del = run(Duration.ofSeconds(30), "userdel", USER);
                assertEquals(0, del.exitCode(), del.output());
            }
        }
    }

    /** netkit as the user, every capability dropped, in the client's namespace. */
    private static LabExtension.Result asUser(String... args) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups",
                "--inh-caps=-all", "--bounding-set=-all", JAVA, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-jar", copy.resolve("netkit.jar").toString()));
        cmd.addAll(Arrays.asList(args));
        return lab.exec("client", Duration.ofSeconds(90), cmd.toArray(String[]::new));
    }

    private static LabExtension.Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        return new LabExtension.Result(p.isAlive() ? -1 : p.exitValue(), out, "");
    }

    /** Per TTL the addresses that answered ("*" for none), from traceroute's or tracepath's text. */
    private static List<String> hops(String text) {
        List<String> hops = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^ ?(\\d+)  (\\S+)").matcher(text);
        while (m.find()) {
            hops.add(m.group(1) + " " + m.group(2));
        }
        return hops;
    }

    @ParameterizedTest(name = "trace -n -{0} as {1} and as root")
    @ValueSource(strings = {"4", "6"})
    void udpTraceFindsRootsHops(String family) throws Exception {
        String target = family.equals("6") ? "2001:db8:10::10" : "198.18.10.10";
        LabExtension.Result user = asUser("trace", "-n", "-" + family, target);
        assertEquals(0, user.exitCode(), user.output());
        Thread.sleep(1500); // the routers' ICMP rate limit (a burst of 6, then 1/s) refills between the two runs
        LabExtension.Result root = lab.netkit("client", "trace", "-n", "-" + family, target);
        assertEquals(0, root.exitCode(), root.output());
        assertEquals(hops(root.stdout()), hops(user.stdout()), "root:\n" + root.stdout() + "user:\n" + user.stdout());
        assertEquals(List.of("1 " + (family.equals("6") ? "2001:db8:1::1" : "198.18.1.1"),
                "2 " + (family.equals("6") ? "2001:db8:2::2" : "198.18.2.2"), "3 *", "4 " + target),
                hops(user.stdout()), user.stdout());
        LabExtension.Result json = asUser("trace", "-n", "-" + family, "--json", target);
        assertTrue(json.stdout().contains("\"path\":\"udp-recverr\""), json.output());
        LabExtension.Result rootJson = lab.netkit("client", "trace", "-n", "-" + family, "--json", target);
        assertTrue(rootJson.stdout().contains("\"path\":\"raw\""), rootJson.output());
    }

    @ParameterizedTest(name = "trace --mtu -n -{0} as the user and as root")
    @ValueSource(strings = {"4", "6"})
    void tracepathFindsRootsHopsAndMtu(String family) throws Exception {
        String target = family.equals("6") ? "2001:db8:10::10" : "198.18.10.10";
        LabExtension.Result user = asUser("trace", "--mtu", "-n", "-" + family, target);
        assertEquals(0, user.exitCode(), user.output());
        Thread.sleep(1500);
        LabExtension.Result root = lab.netkit("client", "trace", "--mtu", "-n", "-" + family, target);
        assertEquals(0, root.exitCode(), root.output());
        assertEquals(hops(root.stdout()), hops(user.stdout()), "root:\n" + root.stdout() + "user:\n" + user.stdout());
        assertTrue(user.stdout().contains("Resume: pmtu 1400 hops 4"), user.stdout());
        assertTrue(root.stdout().contains("Resume: pmtu 1400 hops 4"), root.stdout());
    }

    @Test
    void pingNeedsPingGroupRangeAndSaysSoWithoutIt() {
        LabExtension.Result off = lab.exec("client", Duration.ofSeconds(10), "sysctl", "-q", "-w",
                "net.ipv4.ping_group_range=1 0");
        assertEquals(0, off.exitCode(), off.output());
        LabExtension.Result denied = asUser("ping", "-n", "-c", "1", "198.18.10.10");
        assertEquals(4, denied.exitCode(), denied.output());
        String why = denied.stderr();
        assertTrue(why.contains("sudo") && why.contains("net.ipv4.ping_group_range")
                && why.contains("ping --tcp PORT"), why);
        assertTrue(!why.contains("setcap") && !why.contains("cap_net"), why);
        LabExtension.Result traceIcmp = asUser("trace", "-n", "-I", "198.18.10.10");
        assertEquals(4, traceIcmp.exitCode(), traceIcmp.output());
        assertTrue(traceIcmp.stderr().contains("net.ipv4.ping_group_range"), traceIcmp.output());

        LabExtension.Result on = lab.exec("client", Duration.ofSeconds(10), "sysctl", "-q", "-w",
                "net.ipv4.ping_group_range=0 2147483647");
        assertEquals(0, on.exitCode(), on.output());
        try {
            LabExtension.Result ok = asUser("ping", "-n", "-c", "2", "-i", "0.2", "198.18.10.10");
            assertEquals(0, ok.exitCode(), ok.output());
            assertTrue(ok.stdout().contains("64 bytes from 198.18.10.10: icmp_seq=1 ttl=61 time="), ok.stdout());
            assertTrue(ok.stdout().contains("2 packets transmitted, 2 received, 0% packet loss"), ok.stdout());
            LabExtension.Result json = asUser("ping", "-c", "1", "--json", "198.18.10.10");
            assertTrue(json.stdout().contains("\"path\":\"icmp-datagram\""), json.output());
            LabExtension.Result six = asUser("ping", "-n", "-6", "-c", "1", "2001:db8:10::10");
            assertEquals(0, six.exitCode(), six.output());
            LabExtension.Result err = asUser("ping", "-n", "-c", "1", "198.18.10.99");
            assertTrue(err.stdout().contains("From 198.18.3.2 icmp_seq=1 Destination Host Unreachable"), err.output());
            LabExtension.Result traceIcmp2 = asUser("trace", "-n", "-I", "198.18.10.10");
            assertEquals(0, traceIcmp2.exitCode(), traceIcmp2.output());
            assertEquals(List.of("1 198.18.1.1", "2 198.18.2.2", "3 *", "4 198.18.10.10"), hops(traceIcmp2.stdout()),
                    traceIcmp2.stdout());
        } finally {
            lab.exec("client", Duration.ofSeconds(10), "sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0");
        }
    }

    @Test
    void withoutTheHelperTcpTraceConnectsAndInjectionSaysHowToGetIt() throws Exception {
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/usr/local/lib/netkit/netkit-helper"))
                && !java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/netkit/native/netkit-helper")),
                "netkit-helper is installed: this test is about a machine without it");
        LabExtension.Result trace = asUser("trace", "-T", "-n", "--json", "198.18.10.10");
        assertEquals(0, trace.exitCode(), trace.output());
        assertTrue(trace.stdout().contains("\"path\":\"tcp-connect\""), trace.output());
        LabExtension.Result inject = asUser("ping", "--inject", "-n", "-c", "1", "198.18.10.10");
        assertEquals(4, inject.exitCode(), inject.output());
        String why = inject.stderr();
        assertTrue(why.contains("run it with sudo") && why.contains("'sudo netkit privileges install'")
                && why.contains("group netkit") && why.contains("--no-inject needs none"), why);
        assertTrue(!why.contains("setcap") && !why.contains("cap_net"), why);
    }
}
