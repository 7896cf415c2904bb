package dev.netkit.cli;

import dev.netkit.build.TrainingResponder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: the command line keeps its behaviour while its parsing changes. Every invocation of
 * {@code invocations/invocations.txt} (usual calls that need no network or only loopback, errors, --help,
 * --version) gives the exit code, stdout and stderr recorded in {@code invocations/expected.txt}, which was
 * written by this test from the code before the change:
 * {@code ./mvnw -o test -Dtest=InvocationsTest -Dnetkit.invocations.record=src/test/resources/invocations/expected.txt}.
 * <p>
 * Words are separated by spaces; {@code ${DNS_PORT}} is the port of a DNS responder on loopback
 * ({@link TrainingResponder}), {@code ${RESOURCES}} the test resources directory. What varies by run is
 * normalised, narrowly: round-trip times ({@code 0.051 ms}, {@code "rtt_ms":0.051}, scan's latency), the
 * responder's port, and the JDK's version in --version.
 */
class InvocationsTest {
    private static final Path RESOURCES = Path.of("src/test/resources");

    /** Round trips and durations that a run measures: the digits go, the unit stays. */
    private static final Pattern MEASURED = Pattern.compile(
            "\\d+\\.\\d+ ?ms|\"(rtt_ms|time_ms|elapsed_ms|rtt|min_ms|avg_ms|max_ms|mdev_ms)\":[0-9.]+"
                    + "|in \\d+\\.\\d+ seconds|\\(\\d+\\.\\d+s latency\\)|= [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms|time \\d+ ?ms");

    @Test
    void everyInvocationGivesWhatItGaveBefore() throws IOException {
        List<String> lines = Files.readAllLines(RESOURCES.resolve("invocations/invocations.txt"));
        StringBuilder actual = new StringBuilder();
        int count = 0;
        try (TrainingResponder dns = TrainingResponder.start()) {
            String port = String.valueOf(dns.port());
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                count++;
                String[] args = line.replace("${DNS_PORT}", port)
                        .replace("${RESOURCES}", RESOURCES.toString()).trim().split(" +");
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
                actual.append("### ").append(line).append('\n')
                        .append("exit ").append(code).append('\n')
                        .append("--- stdout\n").append(normalised(out.toString(), port))
                        .append("--- stderr\n").append(normalised(err.toString(), port));
            }
        }
        assertTrue(count >= 100, "only " + count + " invocations");
        String record = System.getProperty("netkit.invocations.record");
        if (record != null) {
            Files.writeString(Path.of(record), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.readString(RESOURCES.resolve("invocations/expected.txt"));
        assertEquals(expected, actual.toString());
    }

    static String normalised(String text, String port) {
        String s = MEASURED.matcher(text).replaceAll(m -> m.group().replaceAll("[0-9][0-9.]*", "N"));
        s = s.replace("#" + port, "#${DNS_PORT}").replace(" " + port + " ", " ${DNS_PORT} ");
        s = s.replace(Runtime.version().toString(), "${JAVA_VERSION}")
                .replace(System.getProperty("java.vm.name"), "${JAVA_VM}");
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n(no newline at end)\n";
    }
}
