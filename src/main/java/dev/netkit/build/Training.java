package dev.netkit.build;

import dev.netkit.cli.Netkit;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The training run for the start-up caches (scripts/lib/common.sh): runs typical commands in one JVM so the
 * classes they load are archived. Add a line here when a subcommand is added.
 * <p>
 * With arguments, only the runs of those subcommands ({@code --root}: of the root command, --help and --version):
 * each group of subcommands gets a cache of its own ({@code write_launch_env}), because the JVM loads every class
 * of its cache when it starts. Each group is trained on the calls people make of it (issue 17's table: plain
 * {@code ifaces}, {@code route}, {@code arp}, {@code ping} with names, {@code nc -z} and {@code scan -sT} of an
 * open port, {@code sniff -r}): a class a call needs that its cache lacks is loaded from the jar and verified,
 * and {@code sniff -r} loaded 463 such classes when its group was trained on {@code sniff --help} only.
 */
public final class Training {
    static final List<String[]> RUNS = List.of(
            new String[] {"--help"},
            new String[] {"--version"},
            new String[] {"lab", "topologies"},
            new String[] {"lab", "topologies", "--json"},
            new String[] {"lab", "up", "--dry-run"},
            new String[] {"subnet", "10.0.0.0/8"},
            new String[] {"subnet", "192.0.2.130", "255.255.255.192"},
            new String[] {"subnet", "2001:db8::1/64"},
            new String[] {"subnet", "--json", "198.51.100.96/28"},
            new String[] {"subnet", "split", "198.18.0.0/24", "--hosts", "50,20,10"},
            new String[] {"subnet", "range", "198.18.0.5-198.18.0.20"},
            new String[] {"subnet", "merge", "198.18.0.0/25", "198.18.0.128/25"},
            new String[] {"subnet", "contains", "198.18.1.0/24", "198.18.1.10"},
            new String[] {"subnet", "eui64", "00:0c:29:04:23:4c"},
            new String[] {"sockets", "-tan"},
            new String[] {"sockets", "-s", "--json"},
            new String[] {"ifaces", "--json"},
            new String[] {"ifaces"},
            new String[] {"ifaces", "-s"},
            new String[] {"route"},
            new String[] {"route", "get", "127.0.0.1"},
            new String[] {"host", "--help"},
            new String[] {"nslookup", "--help"},
            new String[] {"nc", "--help"},
            new String[] {"nc", "-zv", "-w", "1", "127.0.0.1", "1-2"},
            new String[] {"send", "--dry-run", "--src", "198.18.1.10", "--tcp", "--flags", "S", "198.18.10.10"},
            new String[] {"ping", "-n", "-c", "1", "-W", "1", "-w", "2", "127.0.0.1"},
            new String[] {"ping", "-c", "1", "-W", "1", "-w", "2", "127.0.0.1"},
            // A loopback flood trains the probe loop's profiles (JDK 25 AOT cache); loopback only, 2 s at most.
            new String[] {"ping", "-n", "-q", "-f", "-c", "3000", "-w", "2", "127.0.0.1"},
            new String[] {"trace", "-n", "-q", "1", "-m", "2", "-w", "1", "127.0.0.1"},
            // the other methods' paths (ICMP echo, Paris TCP SYNs to a closed loopback port) and several flows
            new String[] {"trace", "-n", "-I", "-q", "1", "-m", "2", "-w", "1", "--json", "127.0.0.1"},
            new String[] {"trace", "-n", "-T", "-p", "9", "-q", "1", "-m", "2", "-w", "1", "127.0.0.1"},
            new String[] {"trace", "-n", "--flows", "2", "-q", "1", "-m", "2", "-w", "1", "127.0.0.1"},
            new String[] {"sniff", "--help"},
            new String[] {"sniff", "-D"},
            new String[] {"arp", "--json"},
            new String[] {"arp"},
            new String[] {"arp", "scan", "--help"},
            // host discovery's code paths (targets, probes, report); loopback only, never ARP from this namespace
            new String[] {"scan", "-sn", "-T5", "127.0.0.1-2"},
            new String[] {"scan", "-sT", "-Pn", "-p", "1-3", "127.0.0.1"},
            // a sweep's start before its first probe (targets, ports, the scope check; then the routes, stopped at
            // loopback with exit 2, or at exit 4 without privilege): nothing is sent
            new String[] {"scan", "--dry-run", "-sS", "-Pn", "--max-retries", "0", "--rate", "100000", "-p", "1-100",
                "198.18.0.0/22"},
            new String[] {"scan", "-sS", "-Pn", "--max-retries", "0", "--rate", "100000", "-p", "1-3", "127.0.0.1"},
            new String[] {"rdap", "--help"},
            new String[] {"asn", "--help"},
            new String[] {"asn", "not-a-query"},
            new String[] {"whois", "--help"},
            // a refused loopback connection: the query, server and error paths, nothing leaves the machine
            new String[] {"whois", "-w", "1", "-h", "127.0.0.1", "-p", "9", "198.18.10.10"});

    private Training() {
    }

    /**
     * Trains on the runs of the subcommands named in {@code args} ({@code --root}: the root command's), or on every
     * run when there are none.
     */
    public static void main(String[] args) {
        java.util.Set<String> commands = java.util.Set.of(args);
        for (String[] run : RUNS) {
            if (!commands.isEmpty() && !commands.contains(run[0].startsWith("-") ? "--root" : run[0])) {
                continue;
            }
            PrintWriter out = sink();
            Netkit.run(out, out, run);
        }
        if (commands.isEmpty() || commands.contains("dig") || commands.contains("host")
                || commands.contains("nslookup")) {
            digBatch(commands);
        }
        if (commands.isEmpty() || commands.contains("nc") || commands.contains("scan")) {
            openPort(commands);
        }
        if (commands.isEmpty() || commands.contains("sniff")) {
            readCapture();
        }
        // what System.exit does first (JDK 21+): asks for the System.Logger of java.lang.Runtime to log the exit;
        // its classes, in every cache, are not loaded from the JDK's modules by every call that exits non-zero
        System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG);
    }

    /**
     * Where a run prints: a writer over a byte stream in UTF-8, as {@code Netkit.main}'s, so that the charset and
     * encoder classes a real call loads are in the cache (with a StringWriter, every call read 12 from the JDK).
     */
    private static PrintWriter sink() {
        return new PrintWriter(java.io.OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code nc -z} and {@code scan -sT} of an open loopback port (a listener of this JVM): their connected path. */
    static void openPort(java.util.Set<String> commands) {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(listener.getLocalPort());
            for (String[] run : List.of(new String[] {"nc", "-z", "-w", "1", "127.0.0.1", port},
                    new String[] {"scan", "-sT", "-p", port, "127.0.0.1"})) {
                if (commands.isEmpty() || commands.contains(run[0])) {
                    PrintWriter out = sink();
                    Netkit.run(out, out, run);
                }
            }
        } catch (java.io.IOException e) {
            // training is best effort: without a loopback socket the cache just knows less
        }
    }

    /** {@code sniff -r} of ten loopback packets (DNS, UDP, ICMP, a TCP handshake and HTTP; training.pcap). */
    static void readCapture() {
        try (InputStream in = Training.class.getResourceAsStream("training.pcap")) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("netkit-training", ".pcap");
            try {
                java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                for (String[] run : List.of(new String[] {"sniff", "-r", file.toString()},
                        new String[] {"sniff", "-n", "-r", file.toString()},
                        new String[] {"sniff", "-n", "--json", "-r", file.toString()})) {
                    PrintWriter out = sink();
                    Netkit.run(out, out, run);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // training is best effort
        }
    }

    /**
     * dig, host and nslookup (those of {@code commands}, or all when it is empty) against a responder on loopback:
     * their query, parse and print paths.
     */
    static void digBatch(java.util.Set<String> commands) {
        try (dev.netkit.build.TrainingResponder dns = dev.netkit.build.TrainingResponder.start()) {
            java.nio.file.Path batch = java.nio.file.Files.createTempFile("netkit-training", ".dig");
            try {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < 400; i++) {
                    lines.append(switch (i % 5) {
                        case 0 -> "server.netkit.test A";
                        case 1 -> "www.netkit.test AAAA";
                        case 2 -> "netkit.test MX";
                        case 3 -> "-x 198.18.10." + (i % 256);
                        default -> i % 2 == 0 ? "info.netkit.test TXT" : "nope.netkit.test";
                    }).append('\n');
                }
                java.nio.file.Files.writeString(batch, lines);
                String server = "@127.0.0.1";
                String port = String.valueOf(dns.port());
                for (String[] run : List.of(
                        new String[] {"dig", server, "-p", port, "-f", batch.toString()},
                        new String[] {"dig", server, "-p", port, "+short", "-f", batch.toString()},
                        new String[] {"dig", server, "-p", port, "--json", "-f", batch.toString()},
                        // single lookups: the parse of dig's own words by picocli (@Unmatched) and the one-query path
                        new String[] {"dig", server, "-p", port, "+short", "server.netkit.test"},
                        new String[] {"dig", server, "-p", port, "+tries=1", "www.netkit.test", "AAAA"},
                        new String[] {"host", "-p", port, "server.netkit.test", "127.0.0.1"},
                        new String[] {"nslookup", "-port=" + port, "server.netkit.test", "127.0.0.1"})) {
                    if (!commands.isEmpty() && !commands.contains(run[0])) {
                        continue;
                    }
                    PrintWriter out = sink();
                    Netkit.run(out, out, run);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(batch);
            }
        } catch (java.io.IOException e) {
            // training is best effort: without a loopback socket the cache just knows less
        }
    }
}
