package dev.netkit.lab;

import dev.netkit.system.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings a lab ("internet" topology) up once per test class under a unique name and always takes it
 * down afterwards, also when a test or the set-up fails. Use it in an {@code *IT} class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static LabExtension lab = new LabExtension();
 *
 * &#64;Test
 * void pingsServer() {
 *     LabExtension.Result r = lab.exec("client", Duration.ofSeconds(10), "ping", "-c", "1", "198.18.10.10");
 *     assertEquals(0, r.exitCode(), r.stderr());
 * }
 * </pre>
 *
 * Needs root: without it the class is skipped with the reason, except under {@code CI} (any value),
 * where it fails, so CI can never pass by skipping.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback {
    /** The exit code {@link #exec} reports when the command ran out of time (as timeout(1) does). */
    public static final int TIMED_OUT = 124;
    private static final Duration NETKIT_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** What the marker of a lab made here says as its owner (the PID recorded is this test JVM's). */
    static final String OWNER = "LabExtension";

    /** How a command ended: exit code (124 on timeout) and its whole output. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** stdout and stderr together, for assertion messages. */
        public String output() {
            return stdout + stderr;
        }
    }

    private final String name;
    private final Topology topology;
    private volatile boolean up;
    private Thread shutdownHook;

    /** A lab of the default topology with a fresh name ({@code t...}: namespaces {@code nkt...-client}). */
    public LabExtension() {
        this(Topologies.internet());
    }

    public LabExtension(Topology topology) {
        this.topology = topology;
        String n = "t" + Long.toString(ProcessHandle.current().pid(), 36)
                + Integer.toString(COUNTER.incrementAndGet(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        this.name = n.length() > 12 ? n.substring(0, 12) : n;
    }

    /** The lab name (namespaces are {@code nk<name>-<host>}). */
    public String name() {
        return name;
    }

    /** The namespace of a lab host, e.g. {@code nkt1k3a-client}. */
    public String ns(String host) {
        if (topology.host(host).isEmpty()) {
            throw new IllegalArgumentException("no host '" + host + "' in topology " + topology.name());
        }
        return Lab.namespace(name, host);
    }

    /** Skips the calling test (or class) when not root, but fails instead when {@code CI} is set. */
    public static void assumeRoot() {
        if (!Privileges.isRoot()) {
            String why = "the lab needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN): run the tests with sudo";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(why + " (CI is set: lab tests must run, not skip)");
            }
            Assumptions.abort(why);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeRoot();
        removeOrphanedTestLabs();
        shutdownHook = new Thread(this::down, "lab-" + name + "-down");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        up = true;
        // On failure the engine removes what it built; afterAll still runs down, which is harmless then.
        Lab.up(topology, name, e -> { }, OWNER);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!up) {
            return;
        }
        try {
            down();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }

    private synchronized void down() {
        if (up) {
            Lab.down(name);
            up = false;
        }
    }

    /** Labs of this harness whose test JVM died without taking them down (never any other lab). */
    private static void removeOrphanedTestLabs() {
        for (LabState s : LabState.all()) {
            if (s.owner().equals(OWNER) && ProcessHandle.of(s.upPid()).map(p -> !p.isAlive()).orElse(true)) {
                Lab.down(s.name());
            }
        }
    }

    /** Runs {@code cmd} in the host's namespace; past {@code timeout} it is killed and the exit code is 124. */
    public Result exec(String host, Duration timeout, String... cmd) {
        List<String> full = new ArrayList<>(List.of(LabPackages.binary("ip"), "netns", "exec", ns(host)));
        full.addAll(Arrays.asList(cmd));
        return run(full, timeout);
    }

    /** Runs {@code target/netkit.jar ARGS} in the host's namespace (60 s timeout). */
    public Result netkit(String host, String... args) {
        List<String> full = new ArrayList<>(List.of(LabPackages.binary("ip"), "netns", "exec", ns(host)));
        full.addAll(netkitCommand());
        full.addAll(Arrays.asList(args));
        return run(full, NETKIT_TIMEOUT);
    }

    /** The command line that starts {@code target/netkit.jar} (add its arguments). */
    public static List<String> netkitCommand() {
        return List.of(java(), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-jar", jar());
    }

    private static String java() {
        String home = System.getProperty("java.home");
        Path p = Path.of(home, "bin", "java");
        return Files.isExecutable(p) ? p.toString() : ProcessHandle.current().info().command().orElse("java");
    }

    private static String jar() {
        String jar = System.getProperty("netkit.jar");
        if (jar == null) {
            jar = Path.of("target", "netkit.jar").toAbsolutePath().toString();
        }
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " does not exist: lab tests that run netkit are *IT (after package)");
        }
        return jar;
    }

    static Result run(List<String> command, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread te = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            to.join(5000);
            te.join(5000);
            String stderr = err.toString(StandardCharsets.UTF_8);
            if (!done) {
                return new Result(TIMED_OUT, out.toString(StandardCharsets.UTF_8),
                        stderr + "[killed after " + timeout.toMillis() + " ms]\n");
            }
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), stderr);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream sink) {
        try (in) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (sink) {
                    sink.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    /** What a background command has written to {@code f} so far: empty before it made the file. */
    public static String readOrEmpty(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
