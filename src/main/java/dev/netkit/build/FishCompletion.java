package dev.netkit.build;

import dev.netkit.cli.Netkit;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes fish's completion script for netkit from picocli's model, as picocli's AutoComplete does for bash: every
 * subcommand, its options with their one-line descriptions and their values where picocli knows them (enums).
 * scripts/package runs it into /usr/share/fish/vendor_completions.d/netkit.fish.
 */
public final class FishCompletion {
    private FishCompletion() {
    }

    /** Writes the script to the file {@code args[0]}, or prints it. */
    public static void main(String[] args) throws IOException {
        String script = script();
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), script, StandardCharsets.UTF_8);
        } else {
            System.out.print(script);
        }
    }

    /** The whole script: no file names after netkit unless an option or argument takes a file. */
    public static String script() {
        StringBuilder b = new StringBuilder();
        b.append("# fish completion for netkit, generated from the picocli model by dev.netkit.build.FishCompletion\n");
        b.append("complete -c netkit -f\n");
        command(Netkit.commandLine(), List.of(), b);
        return b.toString();
    }

    private static void command(CommandLine cl, List<CommandLine> path, StringBuilder b) {
        CommandSpec spec = cl.getCommandSpec();
        List<String> children = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getParent() == cl && !children.contains(sub.getCommandName())) {
                children.add(sub.getCommandName());
                children.addAll(List.of(sub.getCommandSpec().aliases()));
            }
        }
        // the condition for what this command itself takes: its path typed, none of its subcommands yet
        String here = path.isEmpty() ? "__fish_use_subcommand" : seen(path)
                + (children.isEmpty() ? "" : "; and not __fish_seen_subcommand_from " + String.join(" ", children));
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getParent() == cl && spec.subcommands().get(sub.getCommandName()) == sub) {
                b.append("complete -c netkit -n ").append(quote(here)).append(" -a ").append(sub.getCommandName())
                        .append(" -d ").append(quote(ManPages.summary(sub.getCommandSpec()))).append('\n');
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            b.append("complete -c netkit -n ").append(quote(here));
            for (String name : o.names()) {
                // quoted: netkit sniff's -# would start a fish comment
                b.append(name.startsWith("--") ? " -l " + quote(name.substring(2))
                        : name.length() == 2 ? " -s " + quote(name.substring(1)) : " -o " + quote(name.substring(1)));
            }
            if (o.arity().max() > 0) {
                b.append(" -r").append(values(o));
            }
            b.append(" -d ").append(quote(firstLine(o))).append('\n');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String values = values(p);
            if (!p.hidden() && !values.isEmpty()) {
                b.append("complete -c netkit -n ").append(quote(here)).append(values).append('\n');
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getParent() == cl && spec.subcommands().get(sub.getCommandName()) == sub
                    && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                List<CommandLine> subPath = new ArrayList<>(path);
                subPath.add(sub);
                command(sub, subPath, b);
            }
        }
    }

    /** fish's test that every command of {@code path} has been typed (by name or alias). */
    private static String seen(List<CommandLine> path) {
        List<String> tests = new ArrayList<>();
        for (CommandLine c : path) {
            List<String> names = new ArrayList<>(List.of(c.getCommandName()));
            names.addAll(List.of(c.getCommandSpec().aliases()));
            tests.add("__fish_seen_subcommand_from " + String.join(" ", names));
        }
        return String.join("; and ", tests);
    }

    /** The values an argument takes: picocli's candidates (enums), files for a Path or File, else nothing. */
    private static String values(ArgSpec arg) {
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        if (!candidates.isEmpty()) {
            return " -a " + quote(String.join(" ", candidates));
        }
        Class<?> type = arg.type();
        return type == Path.class || type == java.io.File.class ? " -F" : "";
    }

    private static String firstLine(OptionSpec o) {
        String[] d = o.description();
        return d.length == 0 ? "" : d[0].replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValueString()))
                .replace("%n", " ").strip();
    }

    /** A fish single-quoted word: only backslash and the quote are special in it. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
