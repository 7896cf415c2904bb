package dev.netkit.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit-helper's request checks (issue 18): its parser under a bounded random-request test (a fixed seed and count,
 * built with AddressSanitizer and UBSan, src/test/c/netkit-helper-fuzz.c), and the built helper refusing requests
 * before it opens anything, so without privilege.
 */
class HelperRequestFuzzTest {
    private static final Path NATIVE = Path.of(System.getProperty("netkit.native", "target/native"));

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(String stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // the helper refused and closed its stdin before reading it all
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Run(-1, out, err);
        }
        return new Run(p.exitValue(), out, err);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void parserSurvivesTwoHundredThousandMutatedRequests() throws Exception {
        Run r = run("", NATIVE.resolve("netkit-helper-fuzz").toString(), "200000", "18");
        assertEquals(0, r.exitCode(), r.stderr());
        var counts = java.util.regex.Pattern.compile("accepted (\\d+) refused (\\d+)").matcher(r.stdout());
        assertTrue(counts.find(), r.stdout());
        assertEquals(200_000, Long.parseLong(counts.group(1)) + Long.parseLong(counts.group(2)), r.stdout());
        assertTrue(Long.parseLong(counts.group(1)) > 1000 && Long.parseLong(counts.group(2)) > 1000, r.stdout());
    }

    @Test
    void helperRefusesMalformedRequestsWithOneLineAndExitTwo() throws Exception {
        String helper = NATIVE.resolve("netkit-helper").toString();
        List<String[]> cases = List.of(
                new String[] {"capture lo 256 0 \n", "--interface=lo"},               // arguments
                new String[] {"", null},                                              // no request
                new String[] {"capture lo 256 0", null},                              // no newline
                new String[] {"capture lo 0 0 \n", null},                             // snap length
                new String[] {"capture ../../etc/passwd 256 0 \n", null},             // a path
                new String[] {"exec /bin/sh 256 0 \n", null},                         // an operation
                new String[] {"capture lo 256 0 $(id)\u0007\n", null},                // a control byte
                new String[] {"capture nk-none0 256 0 \n", null},                     // not in this namespace
                new String[] {"capture " + "a".repeat(3000) + " 256 0 \n", null},    // too long
                new String[] {"socket lo packet\n", null},                            // a kind not in the list
                new String[] {"socket lo tcp4 /bin/sh\n", null},                      // a field too many
                new String[] {"socket nk-none0 tcp4\n", null},                        // not in this namespace
                new String[] {"socket lo tcp4\n", null});                             // its stdin is no socket
        for (String[] c : cases) {
            Run r = c[1] == null ? run(c[0], helper) : run(c[0], helper, c[1]);
            assertEquals(2, r.exitCode(), c[0] + " -> " + r.stderr());
            assertEquals("", r.stdout(), "nothing captured for " + c[0]);
            assertTrue(r.stderr().startsWith("netkit-helper: ") && r.stderr().strip().lines().count() == 1,
                    c[0] + " -> " + r.stderr());
        }
    }
}
