package dev.netkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The training run for the start-up cache (scripts/lib/common.sh): runs typical commands in one JVM so the
 * classes they load are archived. Add a line here when a subcommand is added.
 */
public final class Training {
    static final List<String[]> RUNS = List.of(
            new String[] {"--help"},
            new String[] {"--version"},
            new String[] {"sockets", "-tan"},
            new String[] {"sockets", "-s", "--json"},
            new String[] {"ping", "-n", "-c", "1", "-W", "1", "-w", "2", "127.0.0.1"},
            new String[] {"trace", "-n", "-q", "1", "-m", "2", "-w", "1", "127.0.0.1"});

    private Training() {
    }

    public static void main(String[] args) {
        for (String[] run : RUNS) {
            StringWriter sink = new StringWriter();
            Netkit.run(new PrintWriter(sink), new PrintWriter(sink), run);
        }
    }
}
