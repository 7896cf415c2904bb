package dev.netkit.cli;

import dev.netkit.cli.render.JsonLines;
import dev.netkit.cli.render.LabRenderer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.lab.LabEvent;
import dev.netkit.lab.LabState;
import dev.netkit.lab.LabStatus;
import dev.netkit.lab.Topologies;
import dev.netkit.lab.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@code netkit lab}: a small internet of network namespaces (docs/lab.md). */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Build, inspect and remove the lab of network namespaces (root).",
                "The lab is a small internet of network namespaces on this machine (docs/lab.md)."},
        subcommands = {Lab.Up.class, Lab.Down.class, Lab.Status.class, Lab.Exec.class, Lab.Tour.class,
                Lab.ListTopologies.class, Lab.Fault.class, LabExercise.class})
public final class Lab implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line of {@code lab}; {@code lab exec HOST CMD -x ...} passes CMD's options on, even without --. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(Netkit.model(new Lab()));
        cl.getSubcommands().get("exec").setStopAtPositional(true);
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    static String labLabel(String name) {
        return name.isEmpty() ? "lab" : "lab '" + name + "'";
    }

    static String nameOption(String name) {
        return name.isEmpty() ? "" : " --name " + name;
    }

    /** Prints the engine's progress on stderr with --verbose. */
    /** @param steps whether apt-get's steps are shown: on a terminal's stderr, not with --json (as Progress) */
    static Consumer<LabEvent> progress(PrintWriter err, boolean verbose, boolean steps) {
        return e -> {
            switch (e) {
                case LabEvent.Installing i -> err.println("netkit lab: installing " + String.join(" ", i.packages()));
                case LabEvent.InstallStep s -> {
                    if (steps) {
                        err.println("netkit lab: " + s.step());
                    }
                }
                case LabEvent.Rebuilding r -> {
                    if (verbose) {
                        err.println("netkit lab: " + labLabel(r.name()) + " is up: rebuilding it");
                    }
                }
                case LabEvent.Phase p -> {
                    if (verbose) {
                        err.printf("netkit lab: %5d ms  %s%n", p.millis(), p.phase());
                    }
                }
            }
            err.flush();
        };
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Build the lab (rebuild it when it is up) and print its map.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--topology", paramLabel = "NAME", defaultValue = Topologies.DEFAULT,
                description = "Topology to build (see 'netkit lab topologies'); default ${DEFAULT-VALUE}.")
        String topology;

        @Option(names = "--name", paramLabel = "LAB", defaultValue = "",
                description = "Lab name: namespaces are nk<LAB>-<host>; default none (nk-client ...).")
        String name;

        @Option(names = "--with", paramLabel = "PART", split = ",", description = {"Add optional parts: dhcp (a DHCP"
                + " server on the client LAN and a host 'dhcp' that takes its address from it), ssh (a real sshd on the"
                + " server's port 22), nat (a home LAN behind a NAT router 'nat', with a port forward), ra (router"
                + " advertisements and a SLAAC host), resolver2 (a second resolver), ospf (OSPF on the routers and a"
                + " second, equal-cost path), delay (an 80 ms line from r1 to r2)."})
        List<String> parts = List.of();

        @Option(names = {"-v", "--verbose"}, description = "Print the time of each phase on stderr.")
        boolean verbose;

        @Option(names = "--dry-run", description = "Print the ip batches, scripts, nft rules and daemon command lines"
                + " instead of running them (no root needed).")
        boolean dryRun;

        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Topology t = Topologies.named(topology).orElseThrow(() -> NetkitException.usage(
                    "unknown topology '" + topology + "': see 'netkit lab topologies'"));
            if (!parts.isEmpty()) {
                List<dev.netkit.lab.LabPart> asked = parts.stream().map(dev.netkit.lab.LabPart::named).toList();
                dev.netkit.lab.LabPart.checkTogether(asked);
                t = dev.netkit.lab.LabPart.with(t, asked);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                out.print(dev.netkit.lab.Lab.dryRun(t, dev.netkit.lab.Lab.checkName(name)));
                out.flush();
                return ExitCode.OK;
            }
            dev.netkit.lab.Lab.Up up = dev.netkit.lab.Lab.up(t, dev.netkit.lab.Lab.checkName(name),
                    progress(spec.commandLine().getErr(), verbose,
                            !output.json && dev.netkit.cli.render.Progress.terminal(2)));
            LabRenderer.print(out, up, output.json);
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = {"Remove the lab.", "Its processes, namespaces, /etc/netns entries and state."})
    static final class Down implements Callable<Integer> {
        @Mixin
        LabNameMixin lab;

        @Option(names = "--all", description = "Remove every lab netkit made (found by its state in "
                + "/run/netkit/labs); other namespaces are never touched.")
        boolean all;

        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (all && !lab.name.isEmpty()) {
                throw NetkitException.usage("give --name or --all, not both");
            }
            List<dev.netkit.lab.Lab.Down> downs = all ? dev.netkit.lab.Lab.downAll()
                    : List.of(dev.netkit.lab.Lab.down(lab.checked()));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                JsonLines json = new JsonLines(out);
                for (dev.netkit.lab.Lab.Down d : downs) {
                    json.begin("down").field("lab", d.name()).stringArray("namespaces", d.namespaces())
                            .field("processes_killed", d.processes()).field("millis", d.millis()).end();
                }
            } else {
                for (dev.netkit.lab.Lab.Down d : downs) {
                    out.printf("%s down: %d namespaces, %d processes removed in %d ms%n", labLabel(d.name()),
                            d.namespaces().size(), d.processes(), d.millis());
                }
                if (downs.isEmpty()) {
                    out.println("no lab is up");
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show the hosts, links and daemons of a running lab.",
                    "Hosts, interfaces, addresses, routes and daemons, and whether each is alive."})
    static final class Status implements Callable<Integer> {
        @Mixin
        LabNameMixin lab;

        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LabStatus s = LabStatus.of(lab.name);
            PrintWriter out = spec.commandLine().getOut();
            LabRenderer.printStatus(out, s, output.json);
            out.flush();
            return s.healthy() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = {"Switch a named fault on or off in a running lab, or list them.",
                    "Each fault breaks one thing as in the troubleshooting exercises (docs/lab.md, Faults);"
                            + " 'off' undoes it and 'lab down' removes it too."},
            footer = {"", "Examples:", "  netkit lab fault list", "  netkit lab fault dns-down on",
                    "  netkit lab fault dns-down off"})
    static final class Fault implements Callable<Integer> {
        @Mixin
        LabNameMixin lab;

        @Parameters(index = "0", paramLabel = "list|FAULT", description = "'list', or a fault named by"
                + " 'netkit lab fault list' (dns-down, wrong-lan, ...).")
        String fault;

        @Parameters(index = "1", arity = "0..1", paramLabel = "on|off", description = "Switch FAULT on or off.")
        String state;

        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (fault.equals("list")) {
                if (state != null) {
                    throw NetkitException.usage("'lab fault list' takes nothing after it");
                }
                LabRenderer.printFaults(out, dev.netkit.lab.LabFault.list(lab.name), output.json);
            } else {
                dev.netkit.lab.LabFault f = dev.netkit.lab.LabFault.named(fault);
                if (state == null || !(state.equals("on") || state.equals("off"))) {
                    throw NetkitException.usage("say 'on' or 'off' after the fault: netkit lab fault " + fault + " on");
                }
                boolean on = state.equals("on");
                boolean changed = f.set(lab.name, on);
                LabRenderer.printFaultSwitch(out, f, on, changed, output.json);
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = {"Run a command inside a lab host.",
                    "For example: netkit lab exec client -- ping -c 3 server.netkit.test",
                    "'netkit' as the command runs this netkit inside the host."})
    static final class Exec implements Callable<Integer> {
        @Mixin
        LabNameMixin lab;

        @Parameters(index = "0", paramLabel = "HOST", description = "A lab host: client, server, r1 ...")
        String host;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD",
                description = "The command and its arguments (put -- before it when it has options).")
        List<String> command;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (command.get(0).equals("--")) {
                command = command.subList(1, command.size());
            }
            if (command.isEmpty()) {
                throw NetkitException.usage("no command to run: netkit lab exec HOST -- CMD [ARGS...]");
            }
            namespaceOf(lab.name, host);
            List<String> cmd = new ArrayList<>(dev.netkit.lab.HostNamespaces.enter(lab.name, host));
            if (command.get(0).equals("netkit")) {
                cmd.addAll(NetkitJvm.command());
                cmd.addAll(command.subList(1, command.size()));
            } else {
                cmd.addAll(command);
            }
            return runAttached(cmd, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /** Checks that the lab is up, the host is one of its hosts and we are root; returns the namespace. */
    static String namespaceOf(String name, String host) {
        dev.netkit.lab.Lab.checkName(name);
        LabState state = LabState.read(name).orElseThrow(() -> new NetkitException(ExitCode.NEGATIVE,
                labLabel(name) + " is not up: run 'sudo netkit lab up" + nameOption(name) + "'"));
        Topology t = Topologies.named(state.topology()).orElseThrow();
        if (t.host(host).isEmpty()) {
            throw NetkitException.usage("no host '" + host + "' in the lab: hosts are "
                    + String.join(", ", t.hosts().stream().map(Topology.Host::name).toList()));
        }
        dev.netkit.lab.Lab.requireRoot("lab exec");
        return dev.netkit.lab.Lab.namespace(name, host);
    }

    /** Runs a command with our stdin, copying its output to {@code out}/{@code err} as it comes; its exit code. */
    static int runAttached(List<String> cmd, PrintWriter out, PrintWriter err) {
        return runAttached(cmd, out, err, ProcessBuilder.Redirect.INHERIT, 0);
    }

    /** Like {@link #runAttached} without stdin and with a deadline: past it the command is killed and -1 returned. */
    static int runAttached(List<String> cmd, PrintWriter out, PrintWriter err, long timeoutSeconds) {
        return runAttached(cmd, out, err, ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), timeoutSeconds);
    }

    private static int runAttached(List<String> cmd, PrintWriter out, PrintWriter err, ProcessBuilder.Redirect in,
            long timeoutSeconds) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(in).start();
        } catch (IOException e) {
            throw new NetkitException(1, "cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        Thread to = Thread.ofVirtual().start(() -> pump(p.getInputStream(), out));
        Thread te = Thread.ofVirtual().start(() -> pump(p.getErrorStream(), err));
        // a SIGTERM or SIGINT to netkit goes on to the command, which would otherwise outlive us in the host
        Object signals = timeoutSeconds <= 0 ? SignalStop.forward(p) : null;
        try {
            if (timeoutSeconds <= 0) {
                p.waitFor();
            } else if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                return -1;
            }
            to.join(2000);
            te.join(2000);
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            SignalStop.restore(signals);
        }
    }

    private static void pump(InputStream in, PrintWriter sink) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                synchronized (sink) {
                    sink.write(buf, 0, n);
                    sink.flush();
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    @Command(name = "tour", mixinStandardHelpOptions = true,
            description = {"Run each netkit command once in the lab, saying what it shows.",
                    "Brings the lab up, runs each command against it and takes the lab down again."})
    static final class Tour implements Callable<Integer> {
        @Mixin
        LabNameMixin lab;

        @Option(names = "--keep", description = "Leave the lab up afterwards.")
        boolean keep;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return LabTour.run(lab.checked(), keep, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }

    @Command(name = "topologies", mixinStandardHelpOptions = true,
            description = "The built-in topologies (docs/lab.md draws each).")
    static final class ListTopologies implements Callable<Integer> {
        @Mixin
        OutputMixin output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Topology t : dev.netkit.lab.Topologies.all()) {
                if (output.json) {
                    new JsonLines(out).begin("topology").field("name", t.name()).field("description", t.description())
                            .field("default", t.name().equals(dev.netkit.lab.Topologies.DEFAULT))
                            .stringArray("hosts", t.hosts().stream().map(Topology.Host::name).toList()).end();
                } else {
                    out.printf("%-14s %s%n%-14s hosts: %s%n", t.name()
                                    + (t.name().equals(dev.netkit.lab.Topologies.DEFAULT) ? "*" : ""),
                            t.description(), "", String.join(" ", t.hosts().stream().map(Topology.Host::name).toList()));
                }
            }
            if (!output.json) {
                out.println("* the default; build one with: sudo netkit lab up --topology NAME");
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** How to start this same netkit in another process: the running JVM, its flags and class path. */
    static final class NetkitJvm {
        private NetkitJvm() {
        }

        static List<String> command() {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("-XX:") || a.startsWith("--enable-native-access") || a.startsWith("-Xshare")) {
                    cmd.add(a);
                }
            }
            if (cmd.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Netkit.class.getName());
            return cmd;
        }
    }
}
