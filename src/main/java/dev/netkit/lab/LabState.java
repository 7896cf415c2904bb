package dev.netkit.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a lab left on disk: {@code /run/netkit/labs/nk<LAB>/lab.properties} (the marker, written before
 * the first namespace exists, so {@code down} finds everything even after a {@code kill -9} of {@code up}),
 * the daemons' configs and logs, and {@code pids}.
 */
public record LabState(String name, String topology, List<String> namespaces, Path dir, long upPid, String owner) {
    /** The owner of labs made by a command line {@code lab up}. */
    public static final String OWNER_CLI = "cli";
    /** Where every lab keeps its state (tmpfs: gone after a reboot, as the namespaces are). */
    public static final Path ROOT = Path.of("/run/netkit/labs");
    static final String MARKER = "lab.properties";

    static Path dirOf(String name) {
        return ROOT.resolve("nk" + name);
    }

    /** Writes the marker; the directory is created, existing content is kept. */
    static LabState create(String name, Topology topology, List<String> namespaces, String owner) {
        Path dir = dirOf(name);
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("topology", topology.name());
        p.setProperty("namespaces", String.join(",", namespaces));
        p.setProperty("up_pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("made_by", "netkit lab");
        p.setProperty("owner", owner);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(MARKER + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "netkit lab state: 'netkit lab down --name " + name + "' removes all of it");
            }
            Files.move(tmp, dir.resolve(MARKER), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabState(name, topology.name(), namespaces, dir, ProcessHandle.current().pid(), owner);
    }

    /** The state of lab {@code name}, when its marker exists. */
    public static Optional<LabState> read(String name) {
        return read(dirOf(name));
    }

    static Optional<LabState> read(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(marker)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String name = p.getProperty("name");
        if (name == null || !dir.getFileName().toString().equals("nk" + name)) {
            return Optional.empty();
        }
        String ns = p.getProperty("namespaces", "");
        List<String> namespaces = ns.isEmpty() ? List.of() : Arrays.asList(ns.split(","));
        long pid = Long.parseLong(p.getProperty("up_pid", "0"));
        return Optional.of(new LabState(name, p.getProperty("topology", ""), namespaces, dir, pid,
                p.getProperty("owner", OWNER_CLI)));
    }

    /** Every lab with a marker, sorted by name. */
    public static List<LabState> all() {
        if (!Files.isDirectory(ROOT)) {
            return List.of();
        }
        List<LabState> labs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            dirs.filter(Files::isDirectory).forEach(d -> read(d).ifPresent(labs::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        labs.sort(Comparator.comparing(LabState::name));
        return labs;
    }

    /** The daemons started, one line each: {@code host service pid}. */
    void writePids(List<String> lines) {
        try {
            Files.write(dir.resolve("pids"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds lines to {@code pids} (processes started after up: a fault's talkers). */
    void addPids(List<String> lines) {
        List<String> all = new ArrayList<>(pids().stream().map(p -> String.join(" ", p)).toList());
        all.addAll(lines);
        writePids(all);
    }

    /** Drops the lines of {@code service} from {@code pids}. */
    void removePids(String service) {
        writePids(pids().stream().filter(p -> !p[1].equals(service)).map(p -> String.join(" ", p)).toList());
    }

    /** The lines of {@code pids}, empty when there are none. */
    public List<String[]> pids() {
        Path f = dir.resolve("pids");
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+"))
                    .filter(a -> a.length == 3).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
