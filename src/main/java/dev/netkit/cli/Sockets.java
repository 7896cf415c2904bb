package dev.netkit.cli;

import dev.netkit.cli.render.SocketJsonRenderer;
import dev.netkit.cli.render.SocketTextRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.sockets.SocketFilter;
import dev.netkit.sockets.SocketQuery;
import dev.netkit.sockets.SocketSummary;
import dev.netkit.system.ProcNetSockets;
import dev.netkit.system.Services;
import dev.netkit.system.SocketEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code netkit sockets}: the sockets of this network namespace, like ss (or netstat with --netstat). */
@Command(name = "sockets", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sockets of this namespace (TCP, UDP, raw and Unix), like ss.",
                "Read from /proc/net.",
                "FILTER takes ss's words: state established, exclude listening, sport = :443, dport != :22,",
                "dst 198.18.10.0/24, src 198.18.1.10, joined with and/or/not and ( )."},
        footer = {"", "Examples:", "  netkit sockets -tlnp", "  netkit sockets -tan state established '( dport = :22 or sport = :22 )'",
                "  netkit sockets -s", "  netkit sockets --netstat -tulnp"})
public final class Sockets implements Callable<Integer> {
    @Option(names = {"-t", "--tcp"}, description = "TCP sockets.")
    boolean tcp;
    @Option(names = {"-u", "--udp"}, description = "UDP sockets.")
    boolean udp;
    @Option(names = {"-w", "--raw"}, description = "Raw sockets.")
    boolean raw;
    @Option(names = {"-x", "--unix"}, description = "Unix domain sockets.")
    boolean unix;
    @Option(names = {"-l", "--listening"}, description = "Listening (and unconnected UDP/raw) sockets only.")
    boolean listening;
    @Option(names = {"-a", "--all"}, description = "All sockets, listening and connected.")
    boolean all;
    @Option(names = {"-n", "--numeric"}, description = "Port numbers, no service names.")
    boolean numeric;
    @Option(names = {"-p", "--processes"}, description = "Owning processes (pid, name, fd) from /proc/*/fd.")
    boolean processes;
    @Option(names = {"-e", "--extended"}, description = "User id and inode.")
    boolean extended;
    @Option(names = {"-o", "--options"}, description = "Timers: retransmit (on), keepalive, timewait, persist.")
    boolean timers;
    @Option(names = {"-4", "--ipv4"}, description = "IPv4 only.")
    boolean only4;
    @Option(names = {"-6", "--ipv6"}, description = "IPv6 only.")
    boolean only6;
    @Option(names = {"-s", "--summary"}, description = "Counts per protocol and state instead of the list.")
    boolean summary;
    @Option(names = "--state", paramLabel = "STATE", description = "Only this state (repeatable); like the word 'state STATE'.")
    List<String> stateOptions = new ArrayList<>();
    @Option(names = "--netstat", description = "netstat's layout: Proto Recv-Q Send-Q Local Address Foreign Address State PID/Program name.")
    boolean netstat;
    @Option(names = {"-c", "--continuous"}, arity = "0..1", fallbackValue = "1", paramLabel = "SECS",
            description = "Refresh every SECS seconds (default 1) until interrupted.")
    Double every;
    @Option(names = "--count", paramLabel = "N", description = "With -c: stop after N listings.")
    Integer count;
    @Parameters(paramLabel = "FILTER", arity = "0..*", description = "ss filter words.")
    List<String> filterWords = new ArrayList<>();
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--proc-root", hidden = true, paramLabel = "DIR", description = "Read this tree instead of /proc (tests).")
    Path procRoot = Path.of("/proc");

    @Override
    public Integer call() throws InterruptedException {
        if (only4 && only6) {
            throw NetkitException.usage("-4 and -6 exclude each other");
        }
        if (listening && all) {
            throw NetkitException.usage("-l and -a exclude each other");
        }
        OptionRange.positiveSeconds(3600).checkIfGiven("-c", every);
        OptionRange.COUNT.checkIfGiven("--count", count);
        Set<String> protos = new LinkedHashSet<>();
        if (tcp) {
            protos.add("tcp");
        }
        if (udp) {
            protos.add("udp");
        }
        if (raw) {
            protos.add("raw");
        }
        if (unix) {
            protos.add("unix");
        }
        if (protos.isEmpty()) {
            protos.addAll(List.of("tcp", "udp", "raw"));
            if (!only4 && !only6) {
                protos.add("unix");
            }
        }
        Services services = Services.system();
        List<String> words = new ArrayList<>();
        for (String s : stateOptions) {
            words.add("state");
            words.add(s);
        }
        words.addAll(filterWords);
        SocketFilter filter = SocketFilter.parse(words, services);
        SocketQuery.Selection selection = all || summary ? SocketQuery.Selection.ALL
                : listening ? SocketQuery.Selection.LISTENING : SocketQuery.Selection.CONNECTED;
        SocketQuery query = new SocketQuery(protos, !only6, !only4, selection, filter, processes);
        ProcNetSockets tables = new ProcNetSockets(procRoot);
        PrintWriter out = spec.commandLine().getOut();
        SocketTextRenderer text = new SocketTextRenderer(services, numeric, processes, timers, extended, output.color());
        int rounds = every == null ? 1 : count == null ? Integer.MAX_VALUE : count;
        for (int round = 0; round < rounds; round++) {
            if (round > 0) {
                Thread.sleep((long) (every * 1000));
            }
            List<SocketEntry> sockets = query.run(tables);
            if (every != null && !output.json && round > 0) {
                out.println();
            }
            if (every != null && !output.json) {
                out.println("-- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
            }
            if (summary) {
                SocketSummary sum = SocketSummary.of(sockets, new ArrayList<>(protos));
                if (output.json) {
                    SocketJsonRenderer.summary(out, sum);
                } else {
                    text.summary(out, sum);
                }
            } else if (output.json) {
                SocketJsonRenderer.sockets(out, sockets, timers);
            } else if (netstat) {
                text.netstat(out, sockets, listening);
            } else {
                // like ss: no State column when a single state was asked for
                text.ss(out, sockets, protos.size() > 1 || protos.contains("unix"), query.states().size() != 1);
            }
            out.flush();
        }
        return ExitCode.OK;
    }
}
