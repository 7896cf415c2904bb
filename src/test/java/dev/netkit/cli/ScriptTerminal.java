package dev.netkit.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar run under script(1), so that its stdout and stderr are a terminal unless the shell command
 * redirects them (progress lines show only on a terminal): for the progress ITs.
 */
final class ScriptTerminal {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private ScriptTerminal() {
    }

    /** The shell words that run the built jar with {@code args} (shell syntax such as {@code > FILE} allowed). */
    static String netkit(String... args) {
        return String.join(" ", JAVA, "--enable-native-access=ALL-UNNAMED",
                "-Dnetkit.libc=" + System.getProperty("netkit.libc"), "-jar", System.getProperty("netkit.jar"),
                String.join(" ", args));
    }

    /** What the terminal showed while {@code cmd} ran (kept in {@code shown}), and script's exit. */
    static DnsTestSupport.Result run(String cmd, Path shown, long timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder("script", "-qec", cmd, "/dev/null").redirectOutput(shown.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), cmd);
        return new DnsTestSupport.Result(p.exitValue(), Files.readString(shown, StandardCharsets.UTF_8), "");
    }
}
