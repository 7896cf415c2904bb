package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetkitTest {
    /** The exit code and both streams of one in-process run. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsSubcommands() {
        Result r = run("--help");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().contains("Commands:"), r.out());
        for (String name : Netkit.SUBCOMMANDS.keySet()) {
            assertTrue(r.out().contains("  " + name), name + " missing from --help:\n" + r.out());
        }
    }

    @Test
    void versionNamesNetkit() {
        Result r = run("--version");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().startsWith("netkit "), r.out());
    }

    @Test
    void unknownOptionIsOneLineUsageError() {
        Result r = run("--frobnicate");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("netkit: "), r.err());
    }

    @Test
    void unknownSubcommandIsUsageError() {
        Result r = run("frobnicate");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void bashCompletionCoversSubcommands() {
        Result r = run("completion", "bash");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().contains("complete -F"), r.out());
        for (String name : Netkit.SUBCOMMANDS.keySet()) {
            assertTrue(r.out().contains(name), name);
        }
    }

    @Test
    void zshCompletionLoadsBashcompinit() {
        Result r = run("completion", "zsh");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().contains("bashcompinit"), r.out());
    }

    @Test
    void unknownShellIsUsageError() {
        Result r = run("completion", "fish");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("netkit completion: unknown shell 'fish'"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void bashCompletionCoversNestedSubcommandsAndOptions() {
        String out = run("completion", "bash").out();
        for (String word : new String[] {"split", "merge", "range", "contains", "eui64", "--prefix", "--hosts", "--expand"}) {
            assertTrue(out.contains(word), word);
        }
    }

    @Test
    void helpForACommandAndANestedOne() {
        Result subnet = run("help", "subnet");
        assertEquals(ExitCode.OK, subnet.code());
        assertTrue(subnet.out().startsWith("Usage: netkit subnet "), subnet.out());
        Result split = run("subnet", "help", "split");
        assertEquals(ExitCode.OK, split.code());
        assertTrue(split.out().startsWith("Usage: netkit subnet split "), split.out());
    }

    @Test
    void rootHelpListsEachCommandOnOneLine() {
        String out = run("--help").out();
        String commands = out.substring(out.indexOf("Commands:"), out.indexOf("Run 'netkit help"));
        assertTrue(commands.contains("  subnet      IPv4/IPv6 subnet calculator"), commands);
        assertTrue(commands.contains("  completion  Print a bash or zsh completion script.\n"), commands);
    }

    @Test
    void versionModelsNoSubcommand() {
        assertTrue(Netkit.commandLine("--version").getSubcommands().isEmpty());
        assertTrue(Netkit.commandLine("-V", "--debug").getSubcommands().isEmpty());
        assertTrue(Netkit.commandLine("--version", "--help").getSubcommands().containsKey("help"));
        Result r = run("-V");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().startsWith("netkit "), r.out());
    }

    @Test
    void atArgumentsAreNeverReadAsArgumentFiles() {
        // dig's "@SERVER" must reach the subcommand as it is, whatever files exist in the working directory.
        assertFalse(Netkit.commandLine("dig", "@198.18.10.53", "server.netkit.test").isExpandAtFiles());
        assertFalse(Netkit.commandLine("--help").isExpandAtFiles());
    }
}
