package dev.netkit.cli;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netkit lab exec HOST -- CMD} stopped by SIGTERM or SIGINT passes the signal on: the command and what it
 * started end with it (before, netkit ended and the command ran on inside the host), and netkit exits as the shell
 * does, 128 + the signal.
 */
class LabExecSignalIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalReachesTheCommandAndWhatItStarted(String signal) throws Exception {
        // a shell that starts sleep and would print "after" once it ends: both must go
        String seconds = Integer.toString(3000 + ThreadLocalRandom.current().nextInt(5000));
        List<String> cmd = new ArrayList<>(LabExtension.netkitCommand());
        cmd.addAll(List.of("lab", "exec", "--name", lab.name(), "client", "--", "sh", "-c",
                "sleep " + seconds + "; echo after"));
        Process netkit = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).start();
        Optional<ProcessHandle> sleep = Optional.empty();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sleep.isEmpty() && System.nanoTime() < deadline && netkit.isAlive()) {
                sleep = sleepProcess(seconds);
                Thread.sleep(100);
            }
            assertTrue(sleep.isPresent(), "sleep " + seconds + " never started in the host");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(netkit.pid())).start().waitFor());
            assertTrue(netkit.waitFor(20, TimeUnit.SECONDS), "netkit still runs after SIG" + signal);
            String output = new String(netkit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(128 + (signal.equals("TERM") ? 15 : 2), netkit.exitValue(), output);
            assertFalse(output.contains("after"), output);
            ProcessHandle s = sleep.get();
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (s.isAlive() && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertFalse(s.isAlive(), "sleep " + seconds + " outlived netkit lab exec");
        } finally {
            netkit.destroyForcibly();
            sleepProcess(seconds).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Optional<ProcessHandle> sleepProcess(String seconds) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep " + seconds)).orElse(false))
                .findFirst();
    }
}
