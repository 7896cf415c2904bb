package dev.netkit.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Robustness: every capture of tcpdump's own regression suite (830 files, many deliberately malformed) is read
 * with {@code sniff -r -v} and {@code sniff -r --json} in this JVM: no internal error (exit 70), no raw control
 * character on stdout, and no file takes more than a few seconds. Skips when the corpus is absent, fails under CI.
 */
public class SniffCorpusTest {
    static final long PER_FILE_LIMIT_MS = 3000;

    /** The corpus directory, or null when it is absent. */
    public static Path corpus() {
        Path root = Path.of(System.getProperty("netkit.root", System.getProperty("user.dir")));
        for (Path p : List.of(root.resolve("../shared/corpus/tcpdump-tests"),
                root.resolve("../../shared/corpus/tcpdump-tests"))) {
            if (Files.isDirectory(p)) {
                return p.normalize();
            }
        }
        return null;
    }

    /** The corpus's pcap and pcapng files, sorted; skips the test when the corpus is absent (fails under CI). */
    public static List<Path> files() throws IOException {
        Path dir = corpus();
        if (dir == null) {
            if (System.getenv("CI") != null) {
                fail("../shared/corpus/tcpdump-tests is missing");
            }
            assumeTrue(false, "corpus not present");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
    }

    @Test
    void everyCorpusFileDecodesSafely() throws IOException {
        List<Path> files = files();
        assertTrue(files.size() >= 800, "expected the 830 corpus files, found " + files.size());
        List<String> problems = new ArrayList<>();
        long t0 = System.nanoTime();
        long slowest = 0;
        String slowestName = "";
        for (Path f : files) {
            for (String[] mode : new String[][] {{"-v"}, {"--json"}}) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                long start = System.nanoTime();
                int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), "sniff", mode[0], "-r", f.toString());
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (ms > slowest) {
                    slowest = ms;
                    slowestName = f.getFileName() + " " + mode[0];
                }
                String name = f.getFileName() + " " + mode[0];
                if (code != 0 && code != 2) {
                    problems.add(name + ": exit " + code + ": " + err.toString().strip());
                }
                if (out.toString().contains("netkit: cannot print this packet")) {
                    problems.add(name + ": a renderer failed: " + firstLine(out.toString(), "cannot print"));
                }
                String bad = controlCharacter(out.toString());
                if (bad != null) {
                    problems.add(name + ": " + bad);
                }
                if (ms > PER_FILE_LIMIT_MS) {
                    problems.add(name + ": took " + ms + " ms");
                }
            }
        }
        long total = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("sniff corpus: " + files.size() + " files x 2 modes in " + total + " ms, slowest "
                + slowestName + " " + slowest + " ms");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    static String firstLine(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("");
    }

    /** Tabs and newlines are netkit's own layout; anything else below 0x20, DEL and C1 must not appear. */
    static String controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0)) {
                return "raw control character 0x" + Integer.toHexString(c) + " in: "
                        + text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 10)).replace('\n', ' ');
            }
        }
        return null;
    }
}
