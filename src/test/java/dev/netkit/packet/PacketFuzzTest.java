package dev.netkit.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every parser with Jazzer, coverage-guided, through {@link PacketFuzzTarget}. Jazzer runs from its
 * libFuzzer-style command line in a child JVM: in the test JVM its agent would instrument every class the
 * other suites load, and its JUnit mode fuzzes only one {@code @FuzzTest} per JVM, reporting the rest as
 * skipped.
 *
 * <p>The child first replays the seeds and past findings in {@code src/test/resources/dev/netkit/packet/
 * fuzz-seeds/}, then mutates for 25 s by default (about 2 s for each of the 14 parsers). A longer run:
 * {@code JAZZER_FUZZ=1} (10 minutes) or {@code -Dnetkit.fuzz.seconds=N}. Any exception other than
 * {@link MalformedPacketException}, or a broken invariant, fails the test with the input in hex, and the
 * input is saved among the seeds so that it is replayed from then on.
 */
class PacketFuzzTest {
    static final Path SEEDS = Paths.get("src/test/resources/dev/netkit/packet/fuzz-seeds");

    static int seconds() {
        String env = System.getenv("JAZZER_FUZZ");
        boolean longRun = env != null && !env.isEmpty() && !env.equals("0") && !env.equalsIgnoreCase("false");
        return Integer.getInteger("netkit.fuzz.seconds", longRun ? 600 : 25);
    }

    @Test
    void jazzerFindsNoEscapingExceptionInAnyParser() throws Exception {
        int seconds = seconds();
        Path work = Files.createTempDirectory("netkit-fuzz");
        try {
            Path corpus = Files.createDirectory(work.resolve("corpus"));
            Path log = work.resolve("jazzer.log");
            List<String> cmd = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading", "-Xmx384m",
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "com.code_intelligence.jazzer.Jazzer",
                    "--target_class=" + PacketFuzzTarget.class.getName(),
                    "--instrumentation_includes=dev.netkit.packet.**",
                    "-max_total_time=" + seconds, "-seed=1", "-rss_limit_mb=0",
                    "-artifact_prefix=" + work + "/", corpus.toString()));
            if (Files.isDirectory(SEEDS)) {
                cmd.add(SEEDS.toAbsolutePath().toString());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(work.toFile()).start();
            if (!p.waitFor(seconds + 90L, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("Jazzer did not finish within " + (seconds + 90) + " s; log:\n" + finding(log));
            }
            List<Path> findings;
            try (Stream<Path> s = Files.list(work)) {
                findings = s.filter(f -> f.getFileName().toString().matches("(crash|oom|timeout|leak)-.*")).toList();
            }
            if (p.exitValue() != 0 || !findings.isEmpty()) {
                StringBuilder s = new StringBuilder("Jazzer exited with " + p.exitValue() + ":\n" + finding(log));
                for (Path f : findings) {
                    Path kept = SEEDS.resolve(f.getFileName());
                    if (Files.isDirectory(SEEDS)) {
                        Files.copy(f, kept, StandardCopyOption.REPLACE_EXISTING);
                    }
                    s.append("\ninput ").append(HexFormat.of().formatHex(Files.readAllBytes(f)))
                            .append("\n(kept as ").append(kept).append(" to be replayed by every run)");
                }
                fail(s.toString());
            }
            String output = Files.readString(log, StandardCharsets.ISO_8859_1);
            String done = output.lines().filter(l -> l.startsWith("Done ")).findFirst().orElse("");
            assertTrue(done.matches("Done \\d+ runs in \\d+ second\\(s\\)"), "Jazzer ran no fuzzing loop:\n" + finding(log));
            System.out.println("jazzer: " + done);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Jazzer's report from "== Java Exception" on, or else the last 40 lines of its log. */
    private static String finding(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        int from = Math.max(0, lines.size() - 40);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("== Java Exception") || lines.get(i).contains("ERROR: libFuzzer")) {
                from = i;
                break;
            }
        }
        return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 60)));
    }
}
