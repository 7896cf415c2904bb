package dev.netkit.cli;

import dev.netkit.NetkitException;
import dev.netkit.cli.render.ScanRenderer;
import dev.netkit.cli.render.ScanXmlRenderer;
import dev.netkit.scan.ScanReport;
import dev.netkit.system.OuiRegistry;
import dev.netkit.system.Services;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** nmap's report files, shared by netkit scan and netkit scan merge: -oN, -oG, -oX and -oA. */
public final class ScanReportFiles {
    @Option(names = "-oN", paramLabel = "FILE", description = "Also write the normal (text) report to FILE (- for stdout).")
    String normalFile;
    @Option(names = "-oG", paramLabel = "FILE", description = "Also write greppable output to FILE (- for stdout).")
    String greppable;
    @Option(names = "-oX", paramLabel = "FILE", description = "Also write nmap's XML report to FILE (- for stdout).")
    String xmlFile;
    @Option(names = "-oA", paramLabel = "BASE", description = "Write BASE.nmap, BASE.gnmap and BASE.xml at once.")
    String allFormats;

    /** Refuses (exit 2) what cannot be written before anything is scanned or written. */
    void check(boolean json) {
        if (allFormats != null) {
            if (normalFile != null || greppable != null || xmlFile != null) {
                throw NetkitException.usage("-oA writes the three forms; leave out -oN, -oG and -oX");
            }
            if (allFormats.equals("-") || allFormats.isBlank()) {
                throw NetkitException.usage("-oA takes a base name for three files, not -");
            }
            normalFile = allFormats + ".nmap";
            greppable = allFormats + ".gnmap";
            xmlFile = allFormats + ".xml";
        }
        long toStdout = Arrays.asList(normalFile, greppable, xmlFile).stream().filter("-"::equals).count();
        if (toStdout > 1 || (toStdout == 1 && json)) {
            throw NetkitException.usage("only one report can go to stdout (-); give the others a file");
        }
        Arrays.asList(normalFile, greppable, xmlFile).stream().filter(Objects::nonNull).filter(f -> !f.equals("-"))
                .forEach(f -> ScanRenderer.checkWritable(Path.of(f)));
    }

    /** Prints the report (text or NDJSON) and writes the files asked for: scan merge's and scan --resume's output. */
    void print(PrintWriter out, ScanReport report, boolean json, boolean onlyOpen, boolean reason,
               boolean discoveryOnly) {
        ScanRenderer renderer = new ScanRenderer(out, json, onlyOpen, reason, discoveryOnly, Services.system(),
                OuiRegistry.system());
        renderer.render(report);
        write(renderer, out, report, onlyOpen);
        out.flush();
    }

    /** Writes the files asked for. */
    void write(ScanRenderer renderer, PrintWriter out, ScanReport report, boolean onlyOpen) {
        if (normalFile != null) {
            renderer.normal(normalFile.equals("-") ? out : null, normalFile, report);
        }
        if (greppable != null) {
            ScanRenderer.greppable(greppable.equals("-") ? out : null, greppable, report.targets(), report.up(),
                    report.results());
        }
        if (xmlFile != null) {
            new ScanXmlRenderer(Services.nmapOrSystem(), OuiRegistry.system(), onlyOpen)
                    .write(xmlFile.equals("-") ? out : null, xmlFile, report);
        }
    }
}
