package dev.netkit.cli;

import dev.netkit.dns.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link Dig#quick} (the path {@code main} and the benchmarks take) and {@link Netkit#run} (picocli's, which
 * the other tests take) give the same exit code, stdout and stderr: for usage errors, and for a lookup in
 * JSON and +short against NSD on loopback (the JSON's query time and timestamp are left out).
 */
class DigQuickPathIT {
    static NsdServer nsd;

    @BeforeAll
    static void startServer() {
        nsd = NsdServer.start(false);
    }

    @AfterAll
    static void stopServer() {
        if (nsd != null) {
            nsd.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-z", "+bogus", "server.netkit.test -p", "+timeout=abc", "-t BOGUS", "-x notanaddr",
            "-f /nonexistent", "-4 @::1", "--json -z",
            "@127.0.0.1 -p PORT --json server.netkit.test", "@127.0.0.1 -p PORT +short netkit.test MX",
            "@127.0.0.1 -p PORT +short -x 198.18.10.10 server.netkit.test AAAA"})
    void quickPathAndPicocliAgree(String line) {
        List<String> args = new ArrayList<>(List.of("dig"));
        args.addAll(Dig.words(line.replace("PORT", String.valueOf(nsd.port()))));
        String[] a = args.toArray(String[]::new);
        DnsTestSupport.Result quick = DigBadInputTest.run(true, a);
        DnsTestSupport.Result picocli = DigBadInputTest.run(false, a);
        assertNotEquals(-1, quick.code(), "Dig.quick left " + args + " to picocli");
        assertEquals(picocli.code(), quick.code(), args + ": " + picocli.err() + " / " + quick.err());
        assertEquals(picocli.err(), quick.err(), args.toString());
        assertEquals(stable(picocli.out()), stable(quick.out()), args.toString());
        if (!line.contains("PORT")) {
            assertEquals(2, quick.code(), quick.err());
            assertEquals(1, quick.err().lines().count(), quick.err());
        } else {
            assertEquals(0, quick.code(), quick.err());
        }
    }

    /** The JSON fields that differ from one run to the next. */
    private static String stable(String out) {
        return out.replaceAll("\"(query_time_ms|dateString|ID|msg_size)\":(\"[^\"]*\"|\\d+)", "\"$1\":_");
    }
}
