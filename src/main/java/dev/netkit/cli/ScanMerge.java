package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.scan.ScanReport;
import dev.netkit.scan.ScanReportReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit scan merge}: the reports of a scan's shards (NDJSON or XML) as one report in any form. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Join the --json or -oX reports of a scan's shards into one report.",
                "A host is up when any file saw it up; its ports are the union of the files' ports."},
        footer = {"", "Examples:",
                "  netkit scan merge shard-*.ndjson",
                "  netkit scan merge -oX all.xml shard-1.xml shard-2.xml shard-3.xml shard-4.xml"})
public final class ScanMerge implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Reports of netkit scan --json or -oX (or nmap's -oX).")
    List<Path> files = new ArrayList<>();
    @Option(names = "--open", description = "Show only open (or possibly open) ports.")
    boolean onlyOpen;
    @Option(names = "--reason", description = "Say why each port has its state.")
    boolean reason;
    @Mixin
    ScanReportFiles reports;
    @Mixin
    OutputMixin output;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        reports.check(output.json);
        // the whole command line when run from netkit's root, only merge's own arguments when run alone (tests)
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        String line = String.join(" ", args);
        ScanReport report = ScanReportReader.read(files, "netkit " + (line.startsWith("scan merge") ? line
                : "scan merge " + line));
        reports.print(spec.commandLine().getOut(), report, output.json, onlyOpen, reason, report.scans().isEmpty());
        return report.up().isEmpty() ? ExitCode.NEGATIVE : ExitCode.OK;
    }
}
