package dev.netkit.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dig -f's progress line, from the built jar under script(1), so that stderr is a terminal: 40 lookups to a
 * silent loopback port with +timeout=2 take two rounds of 32 at a time (about 4 s), so the line shows after its
 * two quiet seconds with the first 32 done, and is cleared at the end. Nothing shows with --json, nor when the
 * answers go to the same terminal.
 */
class DigProgressIT {
    static final String CLEAR = "\r\033[K";
    static DatagramSocket silent;
    @TempDir
    static Path dir;
    static Path batch;

    @BeforeAll
    static void setUp() throws Exception {
        silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        batch = Files.writeString(dir.resolve("batch"), IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "n" + i + ".netkit.test\n").collect(Collectors.joining()));
    }

    @AfterAll
    static void tearDown() {
        silent.close();
    }

    /** What the terminal showed (stdout and stderr, unless redirected in {@code redirect}) and script's exit. */
    static DnsTestSupport.Result onATerminal(String digArgs, String redirect) throws Exception {
        String cmd = ScriptTerminal.netkit("dig", "@127.0.0.1", "-p", String.valueOf(silent.getLocalPort()),
                "+tries=1", "+timeout=2", digArgs, "-f", batch.toString(), redirect);
        return ScriptTerminal.run(cmd, dir.resolve("terminal"), 60);
    }

    @Test
    void aBatchShowsItsProgressOnTheTerminalsStderrAndClearsIt() throws Exception {
        Path out = dir.resolve("answers");
        DnsTestSupport.Result r = onATerminal("", "> " + out);
        assertEquals(9, r.code(), r.out());
        assertTrue(r.out().contains(CLEAR + "dig: 80.0% (32/40 lookups), "), r.out());
        assertTrue(r.out().endsWith(CLEAR), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(40, lines.stream().filter(l -> l.equals(";; connection timed out; no servers could be reached"))
                .count(), String.join("\n", lines));
        assertFalse(Files.readString(out).contains("lookups/s"));
    }

    @Test
    void nothingWithJsonNorWhenTheAnswersGoToTheSameTerminal() throws Exception {
        Path out = dir.resolve("answers.json");
        DnsTestSupport.Result json = onATerminal("--json", "> " + out);
        assertEquals(9, json.code(), json.out());
        assertEquals("", json.out());
        assertEquals(40, Files.readAllLines(out).size());
        DnsTestSupport.Result both = onATerminal("+short", "");
        assertEquals(9, both.code(), both.out());
        assertFalse(both.out().contains("lookups/s"), both.out());
        assertTrue(both.out().contains("no servers could be reached"), both.out());
    }
}
