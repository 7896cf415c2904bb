package dev.netkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real jar's stdin and stdout: a binary file through {@code netkit nc} on 127.0.0.1, both ways. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NcLoopbackIT {
    private static final Pattern LISTENING = Pattern.compile("(?:Listening|Bound) on \\S+ (\\d+)");

    @TempDir
    Path dir;

    static ProcessBuilder netkit(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("netkit.jar")));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Starts a -v listener and returns its port, read from its "Listening on" line. */
    static int port(Process listener) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(listener.getErrorStream(), StandardCharsets.UTF_8));
        String line = err.readLine();
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        assertTrue(m.find(), "no listening line: " + line);
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> { }));
        return Integer.parseInt(m.group(1));
    }

    void relay(String proto, String... extraClient) throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        Path in = Files.write(dir.resolve("in.bin"), data);
        Path got = dir.resolve("got.bin");
        List<String> listen = new ArrayList<>(List.of("nc", "-l", "-v", "--max-bytes", String.valueOf(data.length)));
        if (proto.equals("udp")) {
            listen.add("-u");
        }
        listen.addAll(List.of("127.0.0.1", "0"));
        Process server = netkit(listen.toArray(String[]::new)).redirectOutput(got.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        Process client = null;
        try {
            int port = port(server);
            List<String> c = new ArrayList<>(List.of("nc"));
            c.addAll(List.of(extraClient));
            c.addAll(List.of("127.0.0.1", String.valueOf(port)));
            client = netkit(c.toArray(String[]::new)).redirectInput(in.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(server.waitFor(45, TimeUnit.SECONDS), "listener did not finish");
            assertEquals(0, server.exitValue());
            assertTrue(client.waitFor(10, TimeUnit.SECONDS), "client did not finish");
            assertEquals(0, client.exitValue());
            assertArrayEquals(data, Files.readAllBytes(got));
        } finally {
            server.destroyForcibly();
            if (client != null) {
                client.destroyForcibly();
            }
        }
    }

    @Test
    void tcpCarriesABinaryFileIntact() throws Exception {
        relay("tcp", "-N");
    }

    @Test
    void udpCarriesABinaryFileIntactOnLoopback() throws Exception {
        relay("udp", "-u", "-q", "1");
    }
}
