package dev.netkit.lab.course;

import dev.netkit.capture.CaptureException;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileReader;
import dev.netkit.lab.LabFault;
import dev.netkit.packet.Frame;
import dev.netkit.JsonTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check of one exercise: where the learner's files are, how to ask the lab's hosts, and what was found so far.
 * A file that is missing or not netkit's output is itself a finding, so each exercise only checks content.
 */
public final class Attempt {
    private final String lab;
    private final Path dir;
    private final HostCommands hosts;
    private final List<Finding> findings = new ArrayList<>();
    private String hint;

    public Attempt(String lab, Path dir, HostCommands hosts) {
        this.lab = lab;
        this.dir = dir;
        this.hosts = hosts;
    }

    public String lab() {
        return lab;
    }

    /** The objects of the learner's NDJSON file {@code name}; empty (and a missing finding) when it is unusable. */
    @SuppressWarnings("unchecked")
    public Optional<List<JsonLine>> json(String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            missing("there is no " + p + " yet", "save the output of the step that names " + name
                    + " ('netkit lab exercise show' lists the steps)");
            return Optional.empty();
        }
        List<JsonLine> lines = new ArrayList<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(p)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    if (JsonTree.parseValue(line) instanceof Map<?, ?> m) {
                        lines.add(new JsonLine((Map<String, Object>) m));
                        continue;
                    }
                } catch (IOException e) {
                    // the same finding as a line that is not an object
                }
                missing(p + " line " + n + " is not netkit's --json output",
                        "run the command with --json and redirect its output only (> " + name + ")");
                return Optional.empty();
            }
        } catch (IOException e) {
            missing("cannot read " + p + ": " + e.getMessage(), "save the file again");
            return Optional.empty();
        }
        return Optional.of(lines);
    }

    /** The frames of the learner's capture file {@code name}, decoded; empty (and a finding) when unusable. */
    public Optional<List<Frame>> pcap(String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            missing("there is no " + p + " yet", "capture with 'netkit sniff -w " + name + "' as the steps say");
            return Optional.empty();
        }
        List<Frame> frames = new ArrayList<>();
        try (PcapFileReader r = PcapFileReader.open(p)) {
            for (CapturedFrame f = r.next(); f != null; f = r.next()) {
                frames.add(Frame.decode(f.linkType(), f.data()));
            }
        } catch (CaptureException e) {
            missing(p + " is not a capture file: " + e.getMessage(), "write it with 'netkit sniff -w " + name + "'");
            return Optional.empty();
        }
        return Optional.of(frames);
    }

    /** Runs {@code netkit ARGS --json} in a lab host and returns its objects (the host's state now). */
    public List<JsonLine> netkit(String host, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.add("--json");
        List<JsonLine> out = new ArrayList<>();
        for (String line : hosts.netkit(host, full)) {
            try {
                if (JsonTree.parseValue(line) instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> members = (Map<String, Object>) m;
                    out.add(new JsonLine(members));
                }
            } catch (IOException e) {
                // a line that is not JSON (there should be none on stdout) carries no state
            }
        }
        return out;
    }

    /** Whether the named fault is on in the lab. */
    public boolean faultOn(String label) {
        return LabFault.list(lab).stream().anyMatch(s -> s.fault().label().equals(label) && s.on());
    }

    public void right(String text) {
        findings.add(new Finding(true, text));
    }

    /** Something not (yet) as asked; the first hint given is the one shown. */
    public void missing(String text, String hintText) {
        findings.add(new Finding(false, text));
        if (hint == null) {
            hint = hintText;
        }
    }

    /** Adds {@code right} when {@code ok}, else {@code missing} with its hint; returns {@code ok}. */
    public boolean expect(boolean ok, String right, String missing, String hintText) {
        if (ok) {
            right(right);
        } else {
            missing(missing, hintText);
        }
        return ok;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** The hint for the first thing missing, or null when nothing is. */
    public String hint() {
        return hint;
    }
}
