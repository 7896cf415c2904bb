package dev.netkit.build;

import dev.netkit.cli.Netkit;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one roff man page per command and subcommand (netkit.1, netkit-subnet.1, netkit-subnet-split.1...)
 * from picocli's model, so the pages say exactly what --help says. The build runs it (pom.xml, exec plugin,
 * prepare-package) into docs/man/. Roff is written directly: picocli-codegen's generator writes AsciiDoc,
 * which would need asciidoctor (Ruby) on every build machine to become a man page.
 */
public final class ManPages {
    /** The version printed in each page's footer. */
    private static String version;

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/man");
        version = args.length > 1 ? args[1] : Netkit.class.getPackage().getImplementationVersion();
        Files.createDirectories(dir);
        Map<String, String> pages = pages();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = dir.resolve(page.getKey());
            // Only rewrite changed pages, so an unchanged build leaves the files (and their dates) alone.
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
                Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            }
        }
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                if (p.getFileName().toString().endsWith(".1") && !pages.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
    }

    /** File name to page text, for netkit and every (nested) subcommand except help. */
    public static Map<String, String> pages() {
        Map<String, String> pages = new TreeMap<>();
        collect(Netkit.commandLine(), pages);
        return pages;
    }

    private static void collect(CommandLine cl, Map<String, String> pages) {
        CommandSpec spec = cl.getCommandSpec();
        pages.put(spec.qualifiedName("-") + ".1", page(spec));
        for (CommandLine sub : spec.subcommands().values()) {
            if (!isHelp(sub) && sub.getParent() == cl) {
                collect(sub, pages);
            }
        }
    }

    private static boolean isHelp(CommandLine cl) {
        return cl.getCommand() instanceof CommandLine.HelpCommand;
    }

    static String page(CommandSpec spec) {
        String name = spec.qualifiedName("-");
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Generated from the picocli model by dev.netkit.build.ManPages; do not edit.\n");
        b.append(".TH \"").append(esc(name.toUpperCase())).append("\" \"1\" \"\" \"netkit")
                .append(version == null ? "" : " " + version).append("\" \"netkit manual\"\n");
        String[] description = spec.usageMessage().description();
        b.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(summary(spec))).append('\n');
        spec.usageMessage().width(120); // the synopsis is set .nf: wrap it later than a terminal would
        CommandLine.Help help = new CommandLine.Help(spec,
                CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        b.append(".SH SYNOPSIS\n.nf\n").append(esc(help.synopsis(0).strip())).append("\n.fi\n");
        int first = spec.usageMessage().header().length > 0 ? 0 : 1; // else line 0 is the NAME line
        if (description.length > first) {
            b.append(".SH DESCRIPTION\n");
            for (int i = first; i < description.length; i++) {
                b.append(esc(description[i].replace("%n", "\n").strip())).append('\n');
            }
        }
        List<PositionalParamSpec> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positionals.add(p);
            }
        }
        if (!positionals.isEmpty()) {
            b.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                b.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n");
                appendDescription(b, p.description(), p.defaultValueString());
            }
        }
        b.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            b.append(".TP\n");
            String[] names = o.names();
            for (int i = 0; i < names.length; i++) {
                b.append(i > 0 ? ", " : "").append("\\fB").append(esc(names[i])).append("\\fR");
            }
            if (o.arity().max() > 0) {
                b.append("=\\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            b.append('\n');
            appendDescription(b, o.description(), o.defaultValueString());
        }
        List<String> children = new ArrayList<>();
        if (!spec.subcommands().isEmpty()) {
            b.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
                CommandSpec sub = e.getValue().getCommandSpec();
                if (!e.getKey().equals(sub.name())) {
                    continue; // an alias
                }
                b.append(".TP\n\\fB").append(esc(e.getKey())).append("\\fR\n")
                        .append(esc(summary(sub))).append('\n');
                if (!isHelp(e.getValue())) {
                    children.add(sub.qualifiedName("-"));
                }
            }
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            String heading = spec.usageMessage().footerHeading().replace("%n", "").strip().replaceAll(":$", "");
            b.append(".SH ").append(heading.isEmpty() ? "NOTES" : esc(heading.toUpperCase())).append("\n.nf\n");
            for (String line : footer) {
                b.append(esc(line.replace("%n", ""))).append('\n');
            }
            b.append(".fi\n");
        }
        b.append(".SH EXIT STATUS\n")
                .append("0 success; 1 the network said no (no reply, nothing found, not inside); 2 usage or input error;\n")
                .append("3 partial result; 4 missing privilege; 5 missing system component.\n");
        b.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (spec.parent() != null) {
            see.add(spec.parent().qualifiedName("-"));
        }
        see.addAll(children);
        if (see.isEmpty()) {
            see.add("netkit");
        }
        for (int i = 0; i < see.size(); i++) {
            b.append(i > 0 ? ",\n" : "").append("\\fB").append(esc(see.get(i))).append("\\fR(1)");
        }
        b.append('\n');
        return b.toString();
    }

    /** The one line --help lists a command with: its header, else the first line of its description. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] d = header.length > 0 ? header : spec.usageMessage().description();
        return d.length > 0 ? d[0].replace("%n", " ").strip() : "";
    }

    private static void appendDescription(StringBuilder b, String[] lines, String defaultValue) {
        for (String line : lines) {
            b.append(esc(line.replace("${DEFAULT-VALUE}", String.valueOf(defaultValue)))).append('\n');
        }
    }

    /** Escapes text for roff: backslashes, hyphens, and a leading '.' or '\''. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (String line : s.split("\n", -1)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            String e = line.replace("\\", "\\e").replace("-", "\\-");
            if (e.startsWith(".") || e.startsWith("'")) {
                b.append("\\&");
            }
            b.append(e);
        }
        return b.toString();
    }
}
