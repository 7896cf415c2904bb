package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code main}'s path (the built jar in a process of its own: the process's stdout, which a batch writes to as
 * bytes, and the exit status) and {@link Netkit#run} (the path the other tests take, in this JVM) give the same
 * exit code, stdout and stderr: for usage errors, and for lookups in JSON and +short and a batch file against NSD
 * on loopback (the JSON's query time and timestamp are left out). It compared the retired Dig.quick with picocli
 * before issue 17 left picocli the one parser.
 */
class DigMainPathIT {
    static NsdServer nsd;
    static Path batch;

    @BeforeAll
    static void startServer() throws IOException {
        nsd = NsdServer.start(false);
        batch = Files.createTempFile("netkit-main-path", ".dig");
        Files.writeString(batch, "server.netkit.test A\nnetkit.test MX\nnope.netkit.test\n-x 198.18.10.10\n");
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (nsd != null) {
            nsd.close();
        }
        if (batch != null) {
            Files.deleteIfExists(batch);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-z", "+bogus", "server.netkit.test -p", "+timeout=abc", "-t BOGUS", "-x notanaddr",
            "-f /nonexistent", "-4 @::1", "--json -z",
            "@127.0.0.1 -p PORT --json server.netkit.test", "@127.0.0.1 -p PORT +short netkit.test MX",
            "@127.0.0.1 -p PORT +short -x 198.18.10.10 server.netkit.test AAAA",
            "@127.0.0.1 -p PORT +short -f BATCH", "@127.0.0.1 -p PORT +noall +answer -f BATCH"})
    void mainsPathAndRunAgree(String line) throws Exception {
        List<String> args = new ArrayList<>(List.of("dig"));
        args.addAll(Dig.words(line.replace("PORT", String.valueOf(nsd.port())).replace("BATCH", batch.toString())));
        String[] a = args.toArray(String[]::new);
        DnsTestSupport.Result main = main(a);
        DnsTestSupport.Result run = DigBadInputTest.run(a);
        assertEquals(run.code(), main.code(), args + ": " + run.err() + " / " + main.err());
        assertEquals(run.err(), main.err(), args.toString());
        assertEquals(stable(run.out()), stable(main.out()), args.toString());
        if (!line.contains("PORT")) {
            assertEquals(2, main.code(), main.err());
            assertEquals(1, main.err().lines().count(), main.err());
        } else {
            assertEquals(0, main.code(), main.err());
            assertTrue(!main.out().isEmpty(), args.toString());
        }
    }

    /** netkit's main in a JVM of its own, from the built jar, with a 60 s limit. */
    static DnsTestSupport.Result main(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // as the launcher runs it (scripts/lib/common.sh): native access allowed, and netkit's JNI library
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dnetkit.libc=" + System.getProperty("netkit.libc"),
                "-cp", System.getProperty("netkit.jar", "target/netkit.jar"), "dev.netkit.cli.Netkit"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("netkit-main-path", ".out");
        Path err = Files.createTempFile("netkit-main-path", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("netkit did not finish: " + cmd);
            }
            return new DnsTestSupport.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The JSON fields that differ from one run to the next. */
    private static String stable(String out) {
        return out.replaceAll("\"(query_time_ms|dateString|ID|msg_size)\":(\"[^\"]*\"|\\d+)", "\"$1\":_");
    }
}
