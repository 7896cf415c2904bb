package dev.netkit.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input dnsjava cannot ask for (TYPE70000, CLASS70000) and a -b address no server's family can use are usage
 * errors, for one lookup and for a batch file (-f once waited
 * forever for such lookups; one lookup ended with exit 70, "internal error"). Port 9 of 127.0.0.1 is never
 * asked: each case fails before a query is sent, within the time bound.
 */
class DigBadInputTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"a.example. TYPE70000|b.example. TYPE70001|TYPE70000",
            "a.example. CLASS70000|b.example. CLASS70001|CLASS70000",
            "a.example.|b.example.|-b ::1"})
    void badLookupsAreUsageErrorsAloneAndInABatch(String spec) throws Exception {
        String[] parts = spec.split("\\|");
        Path batch = Files.writeString(dir.resolve("q" + Math.abs(spec.hashCode())), parts[0] + "\n" + parts[1] + "\n");
        boolean source = parts[2].startsWith("-b");
        List<String> single = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", "9", "+tries=1", "+timeout=1"));
        List<String> file = new ArrayList<>(single);
        if (source) {
            single.addAll(List.of("-b", "::1", "a.example."));
            file.addAll(List.of("-b", "::1", "-f", batch.toString()));
        } else {
            single.addAll(List.of("a.example.", parts[2]));
            file.addAll(List.of("-f", batch.toString()));
        }
        for (List<String> args : List.of(single, file)) {
            DnsTestSupport.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> run(args.toArray(String[]::new)), args::toString);
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals("", r.out(), args.toString());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("netkit dig: ") && !r.err().contains("internal error")
                    && (source ? r.err().contains("-b ::1 is IPv6") : r.err().contains("65535")), r.err());
        }
    }

    /**
     * Issue 21: a number out of range is refused in OptionRange's shape, with the option as typed
     * (+time or +timeout). BIND's dig 9.18 refuses +bufsize=65536, +edns=256 and -p 70000 alike; it takes +tries=0 and
     * +time=0 as 1, which netkit refuses; a +subnet prefix beyond the family's once ended in exit 70.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "+tries=0|+tries 0 is out of range: use 1..100",
            "+retry=101|+retry 101 is out of range: use 0..100",
            "+time=0|+time 0 is out of range: use 1..300",
            "+timeout=301|+timeout 301 is out of range: use 1..300",
            "+bufsize=65536|+bufsize 65536 is out of range: use 0..65535",
            "+edns=256|+edns 256 is out of range: use 0..255",
            "-p70000|-p 70000 is out of range: use 0..65535",
            "+subnet=198.18.0.0/33|+subnet prefix 33 is out of range: use 0..32",
            "+subnet=2001:db8::/129|+subnet prefix 129 is out of range: use 0..128",
    })
    void numbersOutOfRangeAreOneLineInOptionRangesShape(String option, String message) {
        DnsTestSupport.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("dig", "@127.0.0.1", "-p", "9", "+tries=1", "+timeout=1", "a.example.", option));
        assertEquals(2, r.code(), option + ": " + r.err());
        assertEquals("", r.out(), option);
        assertEquals("netkit dig: " + message + "\n", r.err(), option);
    }

    @org.junit.jupiter.api.Test
    void theEndsOfEachRangeAreTaken() {
        // nothing sent: -f of a missing file is refused after the options are read
        for (String ok : List.of("+tries=100", "+retry=0", "+time=300", "+bufsize=0", "+bufsize=65535", "+edns=0",
                "+edns=255", "-p0", "+subnet=198.18.0.0/32", "+subnet=2001:db8::/128")) {
            DnsTestSupport.Result r = run("dig", "@127.0.0.1", ok, "-f", "/nonexistent");
            assertEquals("netkit dig: cannot read batch file /nonexistent: no such file\n", r.err(), ok);
        }
    }

    @org.junit.jupiter.api.Test
    void anUnreadableBatchFileSaysWhy() {
        DnsTestSupport.Result r = run("dig", "@127.0.0.1", "-p", "9", "-f", "/nonexistent");
        assertEquals(2, r.code());
        assertEquals("netkit dig: cannot read batch file /nonexistent: no such file\n", r.err());
    }

    /** netkit in this JVM, as tests run it ({@link Netkit#run}). */
    static DnsTestSupport.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        int code = Netkit.run(o, e, args);
        o.flush();
        e.flush();
        return new DnsTestSupport.Result(code, out.toString(), err.toString());
    }
}
