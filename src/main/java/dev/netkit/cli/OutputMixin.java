package dev.netkit.cli;

import picocli.CommandLine.Option;

/** The output options every subcommand shares: {@code --json} and {@code --no-color}. */
public final class OutputMixin {
    @Option(names = "--json", description = "Print NDJSON: one object per line, each with a \"type\" key.")
    public boolean json;

    @Option(names = "--no-color", description = "No colour, even on a terminal (NO_COLOR does the same).")
    boolean noColor;

    /** Colour only on a terminal, and never when NO_COLOR is set or --no-color/--json is given. */
    public boolean color() {
        if (noColor || json || System.getenv("NO_COLOR") != null) {
            return false;
        }
        // The launcher knows whether stdout is a terminal ([ -t 1 ]); Java 21 cannot tell on its own.
        return "1".equals(System.getenv("NETKIT_STDOUT_TTY"));
    }
}
