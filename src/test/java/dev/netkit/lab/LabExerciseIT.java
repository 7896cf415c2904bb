package dev.netkit.lab;

import dev.netkit.lab.course.Course;
import dev.netkit.lab.course.Exercise;
import dev.netkit.system.IpJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netkit lab exercise check N} for every exercise, in one shared lab: before the steps it fails (exit 1)
 * with a hint; after the test has done the steps by running netkit in the lab, as a learner would, it passes.
 */
class LabExerciseIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static Path root;

    @BeforeAll
    static void directory() throws IOException {
        root = Files.createTempDirectory("netkit-exercise");
    }

    @AfterAll
    static void removeDirectory() {
        LabState.deleteTree(root);
    }

    /** A fresh directory for one exercise's files. */
    private static Path dir(String exercise) throws IOException {
        return Files.createDirectories(root.resolve(exercise));
    }

    /** The number of the exercise named {@code id}. */
    private static int number(String id) {
        List<String> ids = Course.all().stream().map(Exercise::id).toList();
        assertTrue(ids.contains(id), id + " not in " + ids);
        return ids.indexOf(id) + 1;
    }

    /** Runs {@code netkit ARGS} as root in the machine's namespace, as a learner runs lab commands. */
    private static LabExtension.Result netkit(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(LabExtension.netkitCommand());
        cmd.addAll(Arrays.asList(args));
        return LabExtension.run(cmd, timeout);
    }

    /** {@code lab exercise check N --json}: its exit code, and its "check" object. */
    private record Check(int exitCode, Map<String, Object> summary, String output) {
    }

    @SuppressWarnings("unchecked")
    private static Check check(String id, Path dir) throws IOException {
        LabExtension.Result r = netkit(CHECK_TIMEOUT, "lab", "exercise", "check", Integer.toString(number(id)),
                "--name", lab.name(), "--dir", dir.toString(), "--json");
        Map<String, Object> summary = null;
        for (String line : r.stdout().lines().toList()) {
            Map<String, Object> m = (Map<String, Object>) dev.netkit.JsonTree.parseValue(line);
            if ("check".equals(m.get("type"))) {
                summary = m;
            }
        }
        assertNotNull(summary, r.output());
        return new Check(r.exitCode(), summary, r.output());
    }

    /** Fails with a hint and no answer before the steps. */
    private static void failsFirst(String id, Path dir) throws IOException {
        Check c = check(id, dir);
        assertEquals(1, c.exitCode(), c.output());
        assertEquals(false, c.summary().get("passed"), c.output());
        assertTrue(c.summary().get("hint") instanceof String h && !h.isBlank(), c.output());
        assertFalse(c.summary().containsKey("answer"), c.output());
    }

    private static void passes(String id, Path dir) throws IOException {
        Check c = check(id, dir);
        assertEquals(0, c.exitCode(), c.output());
        assertEquals(true, c.summary().get("passed"), c.output());
        assertEquals(0L, c.summary().get("missing"), c.output());
    }

    /** {@code netkit ARGS} in a lab host, its stdout saved in {@code file} (as {@code > file} does). */
    private static LabExtension.Result save(Path file, String host, String... args) throws IOException {
        LabExtension.Result r = lab.netkit(host, args);
        Files.writeString(file, r.stdout());
        return r;
    }

    /** A capture left running in a host (the learner's second terminal), writing its stdout to {@code file}. */
    private static Process capture(Path file, String host, String... args) throws IOException, InterruptedException {
        return background(file, host, "listening on", args);
    }

    /** {@code netkit ARGS} left running in a host; returns once its stderr says {@code ready} (null: at once). */
    private static Process background(Path file, String host, String ready, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("ip"), "netns", "exec", lab.ns(host)));
        cmd.addAll(LabExtension.netkitCommand());
        cmd.addAll(Arrays.asList(args));
        Path err = Path.of(file + ".err");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(file.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ready != null && !Files.readString(err).contains(ready)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("the capture did not start: " + Files.readString(err));
            }
            Thread.sleep(50);
        }
        return p;
    }

    /** Stops a capture as Ctrl-C does (SIGTERM is handled the same way), and waits until it has written all. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the capture did not stop");
        }
    }

    /** Waits (bounded) until a TCP socket listens on {@code port} in {@code host}. */
    private static void awaitListener(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!lab.exec(host, STEP_TIMEOUT, "ss", "-Htln", "sport = :" + port).stdout().contains(":" + port)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing listens on " + port + " in " + host);
            }
            Thread.sleep(50);
        }
    }

    /** The netkit command line as one shell word list (for a pipe into it). */
    private static String shellNetkit() {
        return String.join(" ", LabExtension.netkitCommand());
    }

    @Test
    void arpCache() throws Exception {
        Path d = dir("arp");
        failsFirst("arp-cache", d);
        assertEquals(0, lab.exec("client", STEP_TIMEOUT, "ip", "neigh", "flush", "dev", "eth0").exitCode());
        Process sniff = capture(d.resolve("arp.ndjson"), "client", "sniff", "-i", "eth0", "--json", "arp");
        try {
            LabExtension.Result ping = save(d.resolve("ping.ndjson"), "client", "ping", "--no-inject", "-c", "5",
                    "-i", "0.2", "--json", "198.18.1.11");
            assertEquals(0, ping.exitCode(), ping.output());
        } finally {
            stop(sniff);
        }
        save(d.resolve("neigh.ndjson"), "client", "arp", "--json");
        passes("arp-cache", d);
    }

    @Test
    void silentHost() throws Exception {
        Path d = dir("silent");
        failsFirst("silent-host", d);
        LabExtension.Result ping = save(d.resolve("ping.ndjson"), "client", "ping", "--no-inject", "-c", "3", "-i",
                "0.2", "--json", "198.18.1.12");
        assertEquals(1, ping.exitCode(), ping.output());
        save(d.resolve("neigh.ndjson"), "client", "arp", "--json");
        save(d.resolve("sweep.ndjson"), "client", "scan", "-sn", "--json", "198.18.1.0/24");
        passes("silent-host", d);
    }

    @Test
    void udpDatagram() throws Exception {
        Path d = dir("udp");
        failsFirst("udp-datagram", d);
        Process sniff = capture(d.resolve("sniff.out"), "pc2", "sniff", "-i", "eth0", "-c", "1", "-w",
                d.resolve("udp.pcap").toString(), "udp port 10000");
        try {
            // nothing listens on pc2's port 10000: nc may report the ICMP port unreachable as "refused"
            LabExtension.Result sent = lab.exec("client", STEP_TIMEOUT, "sh", "-c", "printf 'This is a test message.'"
                    + " | " + shellNetkit() + " nc -u -q 0 198.18.1.11 10000");
            assertTrue(sniff.waitFor(10, TimeUnit.SECONDS), "sniff -c 1 did not end: " + sent.output());
        } finally {
            stop(sniff);
        }
        passes("udp-datagram", d);
    }

    @Test
    void fragments() throws Exception {
        Path d = dir("fragments");
        failsFirst("fragments", d);
        Process sent = capture(d.resolve("sent.out"), "client", "sniff", "-i", "eth0", "-w",
                d.resolve("sent.pcap").toString(), "udp and dst host 198.18.10.10");
        Process received = capture(d.resolve("received.out"), "server", "sniff", "-i", "eth0", "-w",
                d.resolve("received.pcap").toString(), "udp and src host 198.18.1.10");
        try {
            LabExtension.Result send = lab.netkit("client", "send", "--udp", "--size", "3000", "--dport", "7",
                    "198.18.10.10");
            assertEquals(0, send.exitCode(), send.output());
            Thread.sleep(500);
        } finally {
            stop(sent);
            stop(received);
        }
        save(d.resolve("too-big.ndjson"), "client", "ping", "-M", "do", "-s", "1373", "-c", "1", "--json",
                "198.18.10.10");
        save(d.resolve("fits.ndjson"), "client", "ping", "-M", "do", "-s", "1372", "-c", "1", "--json",
                "198.18.10.10");
        passes("fragments", d);
    }

    @Test
    void pathOwners() throws Exception {
        Path d = dir("path");
        failsFirst("path-owners", d);
        save(d.resolve("trace.ndjson"), "client", "trace", "--json", "--asn", "--asn-zone", "origin.asn.netkit.test",
                "server.netkit.test");
        passes("path-owners", d);
    }

    @Test
    void loopbackListener() throws Exception {
        Path d = dir("listener");
        failsFirst("loopback-listener", d);
        Process server = background(d.resolve("nc.out"), "pc2", null, "nc", "-l", "-k", "127.0.0.1", "5000");
        try {
            awaitListener("pc2", 5000);
            assertEquals(1, lab.netkit("client", "nc", "-z", "-w", "2", "198.18.1.11", "5000").exitCode());
            save(d.resolve("sockets.ndjson"), "pc2", "sockets", "-tln", "--json");
            // the evidence saved, the server still on loopback: not passed yet
            assertEquals(1, check("loopback-listener", d).exitCode());
        } finally {
            stop(server);
        }
        Process fixed = background(d.resolve("nc2.out"), "pc2", null, "nc", "-l", "-k", "5000");
        try {
            awaitListener("pc2", 5000);
            LabExtension.Result connect = lab.netkit("client", "nc", "-z", "-w", "2", "198.18.1.11", "5000");
            assertEquals(0, connect.exitCode(), connect.output());
            passes("loopback-listener", d);
        } finally {
            stop(fixed);
        }
    }

    @Test
    void portStates() throws Exception {
        Path d = dir("ports");
        failsFirst("port-states", d);
        save(d.resolve("scan.ndjson"), "client", "scan", "--json", "-p", "22,80,443,8080,9998,9999",
                "server.netkit.test");
        Process sniff = capture(d.resolve("sniff.out"), "client", "sniff", "-i", "eth0", "-w",
                d.resolve("connect.pcap").toString(), "tcp port 9998 or tcp port 9999");
        try {
            assertEquals(1, lab.netkit("client", "nc", "-z", "-w", "2", "server.netkit.test", "9998").exitCode());
            assertEquals(1, lab.netkit("client", "nc", "-z", "-w", "5", "server.netkit.test", "9999").exitCode());
        } finally {
            stop(sniff);
        }
        passes("port-states", d);
    }

    @Test
    void dnsByHand() throws Exception {
        Path d = dir("dns");
        failsFirst("dns-by-hand", d);
        save(d.resolve("root.ndjson"), "client", "dig", "--json", "@198.18.10.2", "server.netkit.test");
        // a wrong referral followed is not the TLD's answer
        save(d.resolve("tld.ndjson"), "client", "dig", "--json", "@198.18.10.4", "server.netkit.test");
        save(d.resolve("auth.ndjson"), "client", "dig", "--json", "@198.18.10.4", "server.netkit.test");
        Check wrong = check("dns-by-hand", d);
        assertEquals(1, wrong.exitCode(), wrong.output());
        assertEquals(2L, wrong.summary().get("right"), wrong.output());
        save(d.resolve("tld.ndjson"), "client", "dig", "--json", "@198.18.10.3", "server.netkit.test");
        passes("dns-by-hand", d);
    }

    /** A fault's exercise: on, the symptom saved, off, the same command saved again. */
    private static void faultExercise(String fault, String host, String... command) throws Exception {
        Path d = dir(fault);
        String id = "fault-" + fault;
        failsFirst(id, d);
        List<String> json = new ArrayList<>(Arrays.asList(command));
        json.add("--json");
        LabExtension.Result on = netkit(STEP_TIMEOUT, "lab", "fault", "--name", lab.name(), fault, "on");
        assertEquals(0, on.exitCode(), on.output());
        try {
            save(d.resolve("broken.ndjson"), host, json.toArray(String[]::new));
            // the symptom seen, the fault still on: not passed yet
            Check still = check(id, d);
            assertEquals(1, still.exitCode(), still.output());
        } finally {
            LabExtension.Result off = netkit(STEP_TIMEOUT, "lab", "fault", "--name", lab.name(), fault, "off");
            assertEquals(0, off.exitCode(), off.output());
        }
        save(d.resolve("fixed.ndjson"), host, json.toArray(String[]::new));
        passes(id, d);
    }

    @Test
    void dnsDown() throws Exception {
        faultExercise("dns-down", "client", "dig", "+tries=1", "+time=2", "server.netkit.test");
    }

    @Test
    void dnsSlow() throws Exception {
        faultExercise("dns-slow", "client", "dig", "+tries=1", "+time=1", "server.netkit.test", "www.netkit.test",
                "pc2.netkit.test", "pc3.netkit.test");
    }

    @Test
    void pmtuBlackhole() throws Exception {
        faultExercise("pmtu-blackhole", "client", "ping", "-M", "do", "-s", "1472", "-c", "2", "198.18.10.10");
    }

    @Test
    void duplicateIp() throws Exception {
        faultExercise("duplicate-ip", "pc3", "arp", "scan", "198.18.1.10");
    }

    @Test
    void wrongNetmask() throws Exception {
        faultExercise("wrong-netmask", "client", "ifaces", "eth0");
    }

    @Test
    void wrongLan() throws Exception {
        faultExercise("wrong-lan", "client", "ping", "-c", "2", "198.18.1.11");
    }

    @Test
    void asymmetricRoute() throws Exception {
        faultExercise("asymmetric-route", "client", "ping", "-c", "2", "198.18.10.10");
    }

    @Test
    void chatter() throws Exception {
        Path d = dir("chatter");
        failsFirst("fault-chatter", d);
        LabExtension.Result on = netkit(STEP_TIMEOUT, "lab", "fault", "--name", lab.name(), "chatter", "on");
        assertEquals(0, on.exitCode(), on.output());
        try {
            save(d.resolve("broken.ndjson"), "client", "sniff", "-c", "12", "-n", "-i", "eth0", "udp", "--json");
            Check still = check("fault-chatter", d);
            assertEquals(1, still.exitCode(), still.output());
        } finally {
            LabExtension.Result off = netkit(STEP_TIMEOUT, "lab", "fault", "--name", lab.name(), "chatter", "off");
            assertEquals(0, off.exitCode(), off.output());
        }
        // the learner's ten quiet seconds (timeout -s INT 10 in the step): a capture stopped as Ctrl-C stops it
        Process quiet = capture(d.resolve("fixed.ndjson"), "client", "sniff", "-n", "-i", "eth0", "udp", "--json");
        Thread.sleep(10_000);
        stop(quiet);
        passes("fault-chatter", d);
    }

    @Test
    void icmpRatelimit() throws Exception {
        faultExercise("icmp-ratelimit", "client", "trace", "-n", "198.18.10.10");
    }
}
