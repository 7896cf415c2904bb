package dev.netkit.cli;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.scan.PortSpec;
import dev.netkit.scan.ScanReport;
import dev.netkit.scan.ScanReportReader;
import dev.netkit.scan.ScanResumePlan;
import dev.netkit.scan.ScanTarget;
import dev.netkit.scan.ScanTargets;
import dev.netkit.system.IpLiteral;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * netkit scan --resume FILE, as nmap's: FILE is the -oX report of an interrupted scan; its command line says what
 * the scan was. The hosts it found up are scanned on the ports they still lack, without discovery; the other
 * targets are discovered and scanned again; the reports that command line asks for are then written whole, as
 * an uninterrupted scan would have written them. Interrupted again, the reports are again resumable.
 */
final class ScanResume {
    private static final String PREFIX = "netkit scan ";

    private ScanResume() {
    }

    static int run(Scan invoked, Path file) {
        CommandLine.ParseResult given = invoked.spec.commandLine().getParseResult();
        ScanReport done = ScanReportReader.read(List.of(file), null);
        String name = TerminalText.escape(file.toString());
        String args = done.args();
        if (args == null || !args.startsWith(PREFIX) || args.startsWith(PREFIX + "merge ")) {
            throw NetkitException.usage(name + ": not the -oX report of a netkit scan (it names "
                    + (args == null ? "no command line" : "'" + TerminalText.escape(args) + "'") + ")");
        }
        List<String> argv = Arrays.asList(args.substring(PREFIX.length()).strip().split("\\s+"));
        List<String> others = withoutResume(given.originalArgs());
        if (!others.isEmpty() && !others.equals(argv)) {
            throw NetkitException.usage(name + " is the report of another scan ('" + TerminalText.escape(args)
                    + "'); give --resume alone or with that scan's options");
        }
        ScanResumePlan plan;
        try {
            plan = ScanResumePlan.of(done);
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage(name + ": " + e.getMessage() + ": not a report of the scan it names");
        }
        Scan original = parse(argv, name, invoked);
        if (original.resume != null) {
            throw NetkitException.usage(name + ": its command line has --resume itself");
        }
        original.checkReportOptions(); // the report files must be writable before anything is sent
        PrintWriter out = invoked.spec.commandLine().getOut();
        PrintWriter err = invoked.spec.commandLine().getErr();
        long start = System.nanoTime();
        Map<String, String> texts = new LinkedHashMap<>();
        boolean[] stopped = new boolean[1];
        Object signals = SignalStop.install(() -> stopped[0] = true);
        try {
            // the targets not found up: discovered and scanned again, as the scan first did
            List<String> rest = new ArrayList<>(argv);
            for (InetAddress a : plan.known()) {
                rest.addAll(List.of("--exclude", IpLiteral.format(a)));
            }
            texts.put("(the targets not up in " + file + ")", part(rest, null, invoked, name, stopped));
            int n = 0;
            for (ScanResumePlan.Part p : plan.parts()) {
                if (stopped[0]) {
                    break;
                }
                texts.put("(part " + ++n + ")", part(argv, p, invoked, name, stopped));
            }
        } finally {
            SignalStop.restore(signals);
        }
        ScanReport joined = ScanReportReader.join(withFile(file, texts), args);
        ScanReport report = new ScanReport(ordered(joined, original), done.hostsTotal(), joined.up(),
                joined.results(), joined.skipped(), done.scans(), done.start(),
                done.elapsedS() + (System.nanoTime() - start) / 1e9, args);
        if (stopped[0]) {
            err.println("netkit scan: interrupted; the report shows what was found so far (--resume again)");
            err.flush();
        }
        original.reports.print(out, report, original.output.json, original.onlyOpen, original.reason,
                original.discoveryOnly);
        return stopped[0] ? ExitCode.PARTIAL : report.up().isEmpty() ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    /** The resume file's text first (its verdicts stay), then the new parts'. */
    private static Map<String, String> withFile(Path file, Map<String, String> parts) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            m.put(file.toString(), java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw NetkitException.usage(TerminalText.escape(file.toString()) + ": cannot read it (" + e.getMessage() + ")");
        }
        m.putAll(parts);
        return m;
    }

    /** The given arguments without --resume and its file. */
    private static List<String> withoutResume(List<String> args) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("scan") && i == 0) {
                continue;
            }
            if (a.equals("--resume")) {
                i++;
            } else if (!a.startsWith("--resume=")) {
                l.add(a);
            }
        }
        return l;
    }

    private static Scan parse(List<String> argv, String name, Scan invoked) {
        Scan s = new Scan();
        CommandLine cl = new CommandLine(s);
        cl.setOut(invoked.spec.commandLine().getOut());
        cl.setErr(invoked.spec.commandLine().getErr());
        try {
            cl.parseArgs(argv.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw NetkitException.usage(name + ": its command line does not parse (" + e.getMessage() + ")");
        }
        return s;
    }

    /**
     * One run of the scan over part of the work, as NDJSON with every verdict (no report files): {@code p} null
     * runs {@code argv} as it is, else only p's hosts (known up: no discovery) on p's ports.
     */
    private static String part(List<String> argv, ScanResumePlan.Part p, Scan invoked, String name,
                               boolean[] stopped) {
        Scan s = parse(argv, name, invoked);
        StringWriter sw = new StringWriter();
        s.spec.commandLine().setOut(new PrintWriter(sw));
        s.reports = new ScanReportFiles();
        s.progressAsJson = invoked.output.json;
        s.output.json = true;
        s.onlyOpen = false;
        if (p != null) {
            s.targets = new ArrayList<>(p.hosts().stream().map(IpLiteral::format).toList());
            s.inputList = null;
            s.exclude = new ArrayList<>();
            s.shard = null;
            s.topPorts = null;
            s.noPing = true;
            List<String> spec = new ArrayList<>();
            if (!p.tcp().isEmpty()) {
                spec.add("T:" + PortSpec.format(p.tcp()));
            }
            if (!p.udp().isEmpty()) {
                spec.add("U:" + PortSpec.format(p.udp()));
            }
            s.ports = String.join(",", spec);
        }
        int code = s.call();
        if (code == ExitCode.PARTIAL) {
            stopped[0] = true;
        }
        return sw.toString();
    }

    /** The hosts in the order the scan's targets give them (hosts of -iL files after those, as found). */
    private static List<ScanTarget> ordered(ScanReport r, Scan original) {
        List<ScanTarget> l = new ArrayList<>(r.targets());
        if (original.targets.isEmpty()) {
            return l;
        }
        Map<InetAddress, Integer> order = new java.util.HashMap<>();
        for (ScanTarget t : ScanTargets.expand(original.targets, Set.copyOf(original.exclude), ScanTargets::resolve)) {
            order.putIfAbsent(t.address(), order.size());
        }
        l.sort(Comparator.comparingInt(t -> order.getOrDefault(t.address(), Integer.MAX_VALUE)));
        return l;
    }
}
