package dev.netkit.cli;

import dev.netkit.cli.render.LabRenderer;
import dev.netkit.ExitCode;
import dev.netkit.lab.Lab;
import dev.netkit.lab.Topologies;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code netkit lab tour}: brings the lab up, runs each netkit command once inside a lab host with one line
 * on what it shows (the lesson of the course exercise it replaces), and takes the lab down again.
 * A step whose subcommand is not registered in {@link Netkit#SUBCOMMANDS} is skipped, so the tour shows
 * whatever exists. To add a step: one line in {@link #STEPS} (docs/lab.md says more).
 */
final class LabTour {
    /**
     * One stop of the tour: run {@code netkit ARGS...} in {@code host}; {@code args[0]} is the subcommand.
     * {@code lesson} is printed first, in one line. {@code background}, when not empty, is a plain command
     * run in the same host meanwhile (traffic for a capture to see); it is stopped when the step ends.
     */
    record Step(String host, String lesson, List<String> background, String... args) {
        Step(String host, String lesson, String... args) {
            this(host, lesson, List.of(), args);
        }

        String subcommand() {
            return args[0];
        }
    }

    /** Longest a step may run before it is stopped. */
    static final long STEP_TIMEOUT_SECONDS = 40;

    /**
     * The tour, in teaching order: one line per step. Owners of a subcommand: keep your step's arguments
     * working, and add a step here when you add a subcommand (docs/lab.md, "The tour").
     */
    static final List<Step> STEPS = List.of(
            new Step("client", "Your host: its interfaces, MAC and IP addresses (what 'ip addr' shows).",
                    "ifaces"),
            new Step("client", "Its routing table: everything leaves through the default gateway r1 (198.18.1.1).",
                    "route"),
            new Step("client", "Neighbours on the LAN: ARP maps pc2, pc3 and r1 to their MACs.",
                    "arp", "scan", "--localnet"),
            new Step("client", "Reachability and round-trip time to the web server, three routers away.",
                    "ping", "-c", "3", "server.netkit.test"),
            new Step("client", "The path hop by hop: r1, r2, r3 stays silent (* * *), then server.",
                    "trace", "server.netkit.test"),
            new Step("client", "DNS: the resolver walks root -> test. -> netkit.test. for you.",
                    "dig", "www.netkit.test"),
            new Step("client", "The same question, short: names to addresses and back.",
                    "host", "server.netkit.test"),
            new Step("client", "nslookup, as Windows and old courses show it.",
                    "nslookup", "www.netkit.test"),
            new Step("client", "Ports of the server: 22, 80, 443, 8080 open, 9998 closed, 9999 filtered.",
                    "scan", "-p", "22,80,443,8080,9998,9999", "server.netkit.test"),
            new Step("client", "Talk to a service by hand: the SSH banner on port 22.",
                    "nc", "-v", "-w", "2", "server.netkit.test", "22"),
            new Step("server", "Listening sockets of the server and which program owns each.",
                    "sockets", "-tulnp"),
            new Step("client", "Packets on the wire: the client's pings to the server, captured.",
                    List.of("sh", "-c", "sleep 1; ping -c 100 -i 0.3 198.18.10.10 >/dev/null"),
                    "sniff", "-i", "eth0", "-n", "-c", "4"),
            new Step("client", "Subnetting: the server LAN, its hosts and broadcast address.",
                    "subnet", "198.18.10.0/24"),
            new Step("client", "A packet made by hand: one TCP SYN to the web server, and its SYN/ACK.",
                    "send", "--tcp", "--dport", "80", "--wait", "1", "server.netkit.test"),
            new Step("client", "Who holds an address: the lab's IANA-like root refers whois to the lab registry.",
                    "whois", "-h", "iana.netkit.test", "198.18.10.10"),
            new Step("client", "The same over RDAP (JSON over HTTP): handle, range, abuse contact first.",
                    "rdap", "--server", "http://rdap.netkit.test/rdap/", "198.18.10.10"),
            new Step("client", "The autonomous system behind an address, from the lab's Team Cymru-style zone.",
                    "asn", "--zone", "origin.asn.netkit.test", "198.18.10.10"));

    /** Subcommands that are not tour material. */
    private static final Set<String> NOT_TOURED = Set.of("lab", "completion", "help");

    private LabTour() {
    }

    static int run(String name, boolean keep, PrintWriter out, PrintWriter err) {
        Lab.requireRoot("lab tour");
        out.println("netkit lab tour: building the lab, then each netkit command once inside it.");
        out.flush();
        Lab.Up up = Lab.up(Topologies.internet(), name, progress(err));
        try {
            LabRenderer.print(out, up, false);
            out.println();
            Set<String> toured = new LinkedHashSet<>();
            List<Integer> failed = new ArrayList<>();
            int n = 0;
            for (Step s : STEPS) {
                n++;
                if (!Netkit.SUBCOMMANDS.containsKey(s.subcommand())) {
                    out.printf("[%d] %s: not built yet, skipped%n%n", n, s.subcommand());
                    continue;
                }
                toured.add(s.subcommand());
                out.printf("[%d] %s%n$ netkit lab exec %s%s -- netkit %s%n", n, s.lesson(), s.host(),
                        name.isEmpty() ? "" : " --name " + name, String.join(" ", s.args()));
                out.flush();
                List<String> inHost = dev.netkit.lab.HostNamespaces.enter(name, s.host());
                Process background = s.background().isEmpty() ? null : start(inHost, s.background());
                List<String> cmd = new ArrayList<>(inHost);
                cmd.addAll(dev.netkit.cli.Lab.NetkitJvm.command());
                cmd.addAll(List.of(s.args()));
                int code;
                try {
                    code = dev.netkit.cli.Lab.runAttached(cmd, out, err, STEP_TIMEOUT_SECONDS);
                } finally {
                    if (background != null) {
                        background.descendants().forEach(ProcessHandle::destroyForcibly);
                        background.destroyForcibly();
                    }
                }
                out.println(code == -1 ? "(stopped after " + STEP_TIMEOUT_SECONDS + " s)" : "(exit " + code + ")");
                if (code != 0) {
                    failed.add(n);
                }
                out.println();
                out.flush();
            }
            List<String> untoured = Netkit.SUBCOMMANDS.keySet().stream()
                    .filter(c -> !toured.contains(c) && !NOT_TOURED.contains(c)).toList();
            if (!untoured.isEmpty()) {
                out.println("also built, no tour step yet: " + String.join(", ", untoured)
                        + " (try: netkit lab exec client -- netkit COMMAND --help)");
            }
            out.println("The lab is a real network: explore it with 'sudo scripts/netkit lab up' and"
                    + " 'sudo scripts/netkit lab exec client -- bash'.");
            out.println("Exercises that check your work: 'netkit lab exercise list'. Every exercise of the course"
                    + " texts and its netkit command: docs/exercises.md.");
            if (!failed.isEmpty()) {
                // every step is meant to show its lesson: one that did not is a broken tour, not a lesson
                err.println("netkit lab tour: steps " + failed + " did not finish with exit 0");
                return ExitCode.PARTIAL;
            }
        } finally {
            if (!keep) {
                Lab.Down d = Lab.down(name);
                out.printf("lab down: %d namespaces removed in %d ms%n", d.namespaces().size(), d.millis());
            } else {
                out.println("lab left up (--keep): remove it with 'sudo scripts/netkit lab down"
                        + (name.isEmpty() ? "" : " --name " + name) + "'");
            }
            out.flush();
        }
        return ExitCode.OK;
    }

    private static Process start(List<String> prefix, List<String> command) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(command);
        try {
            return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (java.io.IOException e) {
            throw new dev.netkit.NetkitException(1, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static java.util.function.Consumer<dev.netkit.lab.LabEvent> progress(PrintWriter err) {
        return dev.netkit.cli.Lab.progress(err, false, dev.netkit.cli.render.Progress.terminal(2));
    }
}
