package dev.netkit.lab;

import dev.netkit.NetkitException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program (ip, nft, apt-get) to completion with a deadline, collecting both output streams. */
public final class ExternalCommand {
    /** How one run ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private ExternalCommand() {
    }

    /** Runs {@code command}, feeding {@code stdin} (may be null); kills it and fails (exit 1) past {@code timeout}. */
    public static Result run(List<String> command, String stdin, Duration timeout) {
        return run(command, stdin, timeout, null);
    }

    static Result run(List<String> command, String stdin, Duration timeout, java.util.Map<String, String> env) {
        return run(command, stdin, timeout, env, line -> {
        });
    }

    /** As above; {@code stdoutLines} hears each line of the program's stdout as it comes (apt-get's status). */
    static Result run(List<String> command, String stdin, Duration timeout, java.util.Map<String, String> env,
                      java.util.function.Consumer<String> stdoutLines) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (env != null) {
            pb.environment().putAll(env);
        }
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new NetkitException(1, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = Thread.ofVirtual().start(() -> copyLines(p.getInputStream(), out, stdoutLines));
        Thread te = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try {
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the program exited early; its exit code and stderr say why
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                throw new NetkitException(1, String.join(" ", command.subList(0, Math.min(command.size(), 6)))
                        + " did not finish within " + timeout.toMillis() + " ms");
            }
            to.join(2000);
            te.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetkitException(1, "interrupted while running " + command.get(0), e);
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs it and throws (exit 1) with its stderr when it fails. */
    static Result check(List<String> command, String stdin, Duration timeout, String what) {
        Result r = run(command, stdin, timeout);
        if (!r.ok()) {
            String detail = r.stderr().strip();
            if (detail.isEmpty()) {
                detail = r.stdout().strip();
            }
            throw new NetkitException(1, what + " failed (" + command.get(0) + " exit " + r.exitCode() + "): "
                    + firstLines(detail, 3));
        }
        return r;
    }

    static String firstLines(String text, int n) {
        return String.join(" / ", text.lines().limit(n).toList());
    }

    private static void copyLines(InputStream in, ByteArrayOutputStream sink,
                                  java.util.function.Consumer<String> lines) {
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                sink.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream sink) {
        try (in) {
            in.transferTo(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
