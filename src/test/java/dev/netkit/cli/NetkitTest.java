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
    void everyHelpFormatsWithoutAPicocliWarning() {
        // picocli formats descriptions with String.format and warns on System.err, past netkit's streams, when a
        // lone '%' breaks it ("% referto:" in whois's did)
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String name : Netkit.SUBCOMMANDS.keySet()) {
                assertEquals(ExitCode.OK, run(name, "--help").code(), name);
            }
        } finally {
            System.setErr(saved);
        }
        assertFalse(stderr.toString(java.nio.charset.StandardCharsets.UTF_8).contains("picocli WARN"), stderr::toString);
    }

    @Test
    void versionNamesNetkit() {
        Result r = run("--version");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().startsWith("netkit "), r.out());
    }

    @Test
    void everyCommandsVersionOptionNamesNetkit() {
        // as ping -V and dig -v print theirs; picocli printed nothing for a subcommand's own -V before
        for (String name : Netkit.SUBCOMMANDS.keySet()) {
            Result r = run(name, "--version");
            assertEquals(ExitCode.OK, r.code(), name);
            // rdap adds its bootstrap data's date below
            assertTrue(r.out().startsWith(run("--version").out()), name + ": " + r.out());
        }
        assertEquals(run("--version").out(), run("lab", "exercise", "list", "-V").out());
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
        assertEquals("netkit: no such command 'frobnicate' (see 'netkit help')", r.err().strip());
    }

    @Test
    void unknownSubcommandSuggestsTheClosestOne() {
        Result r = run("snif", "-r", "x.pcap");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("netkit: no such command 'snif': did you mean 'sniff'? (see 'netkit help')", r.err().strip());
        Result nested = run("lab", "dwon");
        assertEquals(ExitCode.USAGE, nested.code());
        assertEquals("netkit lab: no such command 'dwon': did you mean 'down'? (see 'netkit help lab')",
                nested.err().strip());
        assertEquals("netkit: no such command 'tarce': did you mean 'trace'? (see 'netkit help')",
                run("tarce").err().strip());
        Result escaped = run("\u001b[31mred");
        assertTrue(escaped.err().startsWith("netkit: no such command '\\x1b[31mred'"), escaped.err());
    }

    /** docs/conventions.md: the first line of every command's description fits the 66 columns --help gives it. */
    @Test
    void everyCommandSummaryIsOneSentenceInSixtySixColumns() {
        java.util.List<String> bad = new java.util.ArrayList<>();
        java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Netkit.commandLine("--help")));
        int seen = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            if (c.getCommand() instanceof picocli.CommandLine.HelpCommand) {
                continue; // picocli's own
            }
            String[] d = c.getCommandSpec().usageMessage().description();
            String name = c.getCommandSpec().qualifiedName(" ");
            seen++;
            if (d.length == 0) {
                bad.add(name + ": no description");
                continue;
            }
            if (d[0].length() > 66 || !d[0].endsWith(".") || !Character.isUpperCase(d[0].charAt(0))) {
                bad.add(name + ": '" + d[0] + "' (" + d[0].length() + " columns)");
            }
        }
        assertTrue(seen > 20, "only " + seen + " commands seen");
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        String commands = run("--help").out();
        commands = commands.substring(commands.indexOf("Commands:"), commands.indexOf("Run 'netkit help"));
        for (String line : commands.lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            assertTrue(line.startsWith("  ") && !line.startsWith("   "), "a summary wraps onto a second line: " + line);
        }
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
    void nestedSubcommandsAreModelledOnlyWhenNamed() {
        assertTrue(Netkit.commandLine(false, "arp").getSubcommands().get("arp").getSubcommands().isEmpty());
        assertTrue(Netkit.commandLine(false, "route", "-4").getSubcommands().get("route").getSubcommands().isEmpty());
        assertEquals(java.util.Set.of("show", "scan", "ping", "add", "del"),
                Netkit.commandLine(false, "arp", "scan", "--localnet").getSubcommands().get("arp").getSubcommands().keySet());
        // help and errors start again with them: the usage lists them, and a typo is matched against them
        assertTrue(run("arp", "--help").out().contains("  scan"));
        Result typo = run("route", "gte", "198.18.10.10");
        assertEquals(ExitCode.USAGE, typo.code());
        assertTrue(typo.err().contains("did you mean 'get'?"), typo.err());
    }

    @Test
    void atArgumentsAreNeverReadAsArgumentFiles() {
        // dig's "@SERVER" must reach the subcommand as it is, whatever files exist in the working directory.
        assertFalse(Netkit.commandLine("dig", "@198.18.10.53", "server.netkit.test").isExpandAtFiles());
        assertFalse(Netkit.commandLine("--help").isExpandAtFiles());
    }

    /** picocli's converters of java.time and java.sql are not registered (start-up): no option may need one. */
    @Test
    void noOptionNeedsAConverterThatIsNotRegistered() {
        java.util.regex.Pattern excluded = java.util.regex.Pattern.compile(Netkit.PICOCLI_CONVERTERS_EXCLUDED);
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Netkit.commandLine()));
        int args = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            for (picocli.CommandLine.Model.ArgSpec a : cl.getCommandSpec().args()) {
                args++;
                java.util.List<Class<?>> types = new java.util.ArrayList<>(java.util.List.of(a.auxiliaryTypes()));
                types.add(a.type());
                for (Class<?> t : types) {
                    String name = (t.isArray() ? t.getComponentType() : t).getName();
                    assertFalse(excluded.matcher(name).matches(), cl.getCommandName() + " " + a + ": " + name);
                }
            }
        }
        assertTrue(args > 300, "only " + args + " options and parameters");
        assertEquals(Netkit.PICOCLI_CONVERTERS_EXCLUDED, System.getProperty("picocli.converters.excludes"));
        assertFalse(excluded.matcher("java.nio.file.Path").matches());
        assertTrue(excluded.matcher("java.time.Duration").matches() && excluded.matcher("java.sql.Time").matches());
    }
}
