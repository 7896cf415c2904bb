package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab command's parts that need no root and build nothing. */
class LabCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void topologiesListsTheDefaultFirst() {
        Result r = run("lab", "topologies");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("internet*"), r.out());
        assertTrue(r.out().contains("hosts: client pc2 pc3 r1 r2 r3 server resolver root tld auth lossy"), r.out());
        assertTrue(r.out().contains("\nlan "), r.out());
    }

    @Test
    void topologiesJson() {
        Result r = run("lab", "topologies", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("{\"type\":\"topology\",\"name\":\"internet\""), first);
        assertTrue(first.contains("\"default\":true"), first);
    }

    @Test
    void unknownTopologyIsUsageError() {
        Result r = run("lab", "up", "--topology", "mesh");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit lab up: unknown topology 'mesh': see 'netkit lab topologies'\n", r.err());
    }

    @Test
    void badLabNameIsUsageError() {
        Result r = run("lab", "up", "--name", "Bad-Name");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("netkit lab up: lab name 'Bad-Name' must be 0 to 12 lower-case"), r.err());
    }

    @Test
    void execOnALabThatIsNotUpSaysHowToStartIt() {
        Result r = run("lab", "exec", "--name", "zznotup", "client", "--", "true");
        assertEquals(ExitCode.NEGATIVE, r.code());
        assertEquals("netkit lab exec: lab 'zznotup' is not up: run 'sudo netkit lab up --name zznotup'\n", r.err());
    }

    @Test
    void execTakesTheCommandsOptionsWithoutDoubleDash() {
        // parsed as HOST=client CMD=[ping, -c, 1, ...]: fails only because the lab is not up
        Result r = run("lab", "exec", "--name", "zznotup", "client", "ping", "-c", "1", "198.18.10.10");
        assertEquals(ExitCode.NEGATIVE, r.code(), r.err());
        assertTrue(r.err().contains("is not up"), r.err());
    }

    @Test
    void execWithNothingAfterDoubleDashIsUsageError() {
        Result r = run("lab", "exec", "client", "--");
        assertEquals(ExitCode.USAGE, r.code(), r.err());
    }

    @Test
    void statusOfALabThatIsNotUp() {
        Result r = run("lab", "status", "--name", "zznotup");
        assertEquals(ExitCode.NEGATIVE, r.code());
        assertTrue(r.err().contains("is not up"), r.err());
    }

    @Test
    void downAllAndNameTogetherIsUsageError() {
        Result r = run("lab", "down", "--all", "--name", "x");
        assertEquals(ExitCode.USAGE, r.code());
    }

    @Test
    void dryRunPrintsThePlanWithoutBuilding() {
        Result r = run("lab", "up", "--dry-run", "--name", "dry");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("netns add nkdry-client\n"), r.out());
        assertTrue(r.out().contains("link add eth0 index 10 address 02:6e:6b:01:00:0a netns nkdry-client type veth peer name client"),
                r.out());
        assertTrue(r.out().contains("icmp type time-exceeded drop"), r.out());
        assertTrue(r.out().contains("netns exec nkdry-auth /usr/sbin/nsd -d -c STATE/auth/nsd/nsd.conf"), r.out());
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns/nkdry-client")), "nothing built");
    }

    @Test
    void tourStepsNameTheirSubcommandFirst() {
        for (LabTour.Step s : LabTour.STEPS) {
            assertTrue(s.subcommand().matches("[a-z]+"), s.toString());
            assertTrue(s.lesson().endsWith("."), "one sentence: " + s.lesson());
        }
    }
}
