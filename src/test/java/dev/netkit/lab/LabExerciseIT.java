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
            Map<String, Object> m = (Map<String, Object>) IpJson.parseValue(line);
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
}
