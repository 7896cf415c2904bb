package dev.netkit.lab;

import dev.netkit.system.Privileges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netkit lab up} / {@code down} through the real jar: down leaves no namespace, process, /etc/netns
 * entry, state or nftables table behind, also after {@code kill -9} of an {@code up} half-way.
 */
class LabLifecycleIT {
    private String name;

    @BeforeEach
    void name() {
        LabExtension.assumeRoot();
        name = "tl" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    }

    @AfterEach
    void cleanUp() {
        if (name != null && Privileges.isRoot()) {
            Lab.down(name);
        }
    }

    /** Everything of lab {@code name} visible from the root namespace. */
    record Traces(Set<String> namespaces, Set<String> etcNetns, boolean state, Set<Long> processes, String nft,
                  Set<String> mounts) {
        boolean none() {
            return namespaces.isEmpty() && etcNetns.isEmpty() && !state && processes.isEmpty() && mounts.isEmpty();
        }
    }

    private Traces traces(Set<String> nsLinks) throws IOException {
        String prefix = "nk" + name + "-";
        Set<String> ns = list(Path.of("/run/netns"), prefix);
        Set<String> etc = list(Path.of("/etc/netns"), prefix);
        boolean state = Files.exists(LabState.ROOT.resolve("nk" + name));
        Set<Long> procs = new TreeSet<>();
        String marker = LabState.ROOT.resolve("nk" + name).toString();
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path p : all.toList()) {
                String f = p.getFileName().toString();
                if (!f.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    String link = Files.readSymbolicLink(p.resolve("ns/net")).toString();
                    if (cmd.contains(marker) || nsLinks.contains(link)) {
                        procs.add(Long.parseLong(f));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        String nft = LabExtension.run(List.of(LabPackages.binary("nft"), "list", "tables"), Duration.ofSeconds(10))
                .stdout();
        // the namespaces' mounts: /run/netns/nk<name>-*, and the hosts' UTS namespaces under the state dir
        Set<String> mounts = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String point = line.split(" ")[4];
            if (point.startsWith("/run/netns/" + prefix) || point.startsWith(marker + "/")) {
                mounts.add(point);
            }
        }
        return new Traces(ns, etc, state, procs, nft, mounts);
    }

    private static Set<String> list(Path dir, String prefix) throws IOException {
        Set<String> found = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(found::add);
            }
        }
        return found;
    }

    /** The net namespace links (net:[inode]) of the lab's namespaces, to find processes inside them later. */
    private Set<String> namespaceLinks() throws IOException {
        Set<String> links = new TreeSet<>();
        for (String ns : list(Path.of("/run/netns"), "nk" + name + "-")) {
            links.add("net:[" + Files.getAttribute(Path.of("/run/netns", ns), "unix:ino") + "]");
        }
        return links;
    }

    private List<String> jar(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                System.getProperty("netkit.jar", "target/netkit.jar")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void upThenDownLeavesNothing() throws Exception {
        String nftBefore = traces(Set.of()).nft();
        String ourName = LabExtension.run(List.of("hostname"), Duration.ofSeconds(10)).stdout();
        LabExtension.Result up = LabExtension.run(jar("lab", "up", "--name", name), Duration.ofSeconds(60));
        assertEquals(0, up.exitCode(), up.output());
        assertTrue(up.stdout().contains("server    198.18.10.10"), up.stdout());
        Set<String> links = namespaceLinks();
        Traces running = traces(links);
        assertEquals(12, running.namespaces().size(), running.toString());
        assertEquals(12, running.etcNetns().size(), running.toString());
        assertTrue(running.state());
        // nsd x3 (each with helpers), unbound, nginx master+worker, socat
        assertTrue(running.processes().size() >= 7, running.toString());
        assertFalse(running.nft().contains("netkit"), "nft tables in the root namespace: " + running.nft());
        assertEquals(12, running.mounts().stream().filter(m -> m.contains("/uts/")).count(), running.toString());
        // each host has its own name (UTS namespace) and /etc/hostname, /etc/hosts (bound from /etc/netns)
        for (String host : List.of("client", "r2", "server")) {
            LabExtension.Result hostname = LabExtension.run(jar("lab", "exec", "--name", name, host, "--", "hostname"),
                    Duration.ofSeconds(30));
            assertEquals(host + "\n", hostname.stdout(), hostname.output());
        }
        assertEquals("client\n", LabExtension.run(jar("lab", "exec", "--name", name, "client", "--", "cat",
                "/etc/hostname"), Duration.ofSeconds(30)).stdout());
        LabExtension.Result hosts = LabExtension.run(jar("lab", "exec", "--name", name, "server", "--", "cat",
                "/etc/hosts"), Duration.ofSeconds(30));
        assertTrue(hosts.stdout().contains("198.18.10.10\tserver.netkit.test server\n"), hosts.output());
        assertEquals(ourName, LabExtension.run(List.of("hostname"), Duration.ofSeconds(10)).stdout(),
                "the machine keeps its own name");

        LabExtension.Result down = LabExtension.run(jar("lab", "down", "--name", name), Duration.ofSeconds(30));
        assertEquals(0, down.exitCode(), down.output());
        Traces after = traces(links);
        assertTrue(after.none(), after.toString());
        assertEquals(nftBefore, after.nft());
    }

    @ParameterizedTest(name = "kill -9 of lab up once {0} exist")
    @ValueSource(strings = {"namespaces", "daemons"})
    void killedUpIsCleanedByDown(String when) throws Exception {
        Path probe = when.equals("namespaces") ? Path.of("/run/netns", "nk" + name + "-client")
                : LabState.ROOT.resolve("nk" + name).resolve("auth/nsd/stdout.log");
        Process up = new ProcessBuilder(jar("lab", "up", "--name", name))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(probe) && up.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(up.isAlive(), "lab up finished before it could be killed at: " + when);
        Set<String> links = namespaceLinks();
        up.destroyForcibly();
        assertTrue(up.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, up.exitValue());
        Thread.sleep(300); // children of the killed up carry on for a moment
        links.addAll(namespaceLinks());
        assertFalse(traces(links).none(), "kill -9 half-way should leave something for down to remove");

        LabExtension.Result down = LabExtension.run(jar("lab", "down", "--name", name), Duration.ofSeconds(30));
        assertEquals(0, down.exitCode(), down.output());
        Traces after = traces(links);
        assertTrue(after.none(), after.toString());
    }

    /**
     * Each part, case by case "parts;a state file that appears late in up;programs that run[;namespaces]": dnsmasq,
     * the DHCP client and sshd (13 namespaces); FRR per router, radvd, the second Unbound and the delay line's relay
     * (a JVM); the NAT edge's routers and nginx.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dhcp,ssh;dhcp/udhcpc/stdout.log;dnsmasq,udhcpc,sshd;13",
            "ra,resolver2,ospf,delay;r1/frr;zebra,ospfd,ospf6d,radvd,unbound,DelayLine", "nat;home;nginx"})
    void partsAreRemovedByDownAlsoAfterKillOfUp(String testCase) throws Exception {
        String[] c = testCase.split(";");
        String parts = c[0];
        LabExtension.Result up = LabExtension.run(jar("lab", "up", "--name", name, "--with", parts),
                Duration.ofSeconds(180));
        assertEquals(0, up.exitCode(), up.output());
        Set<String> links = namespaceLinks();
        Traces running = traces(links);
        if (c.length > 3) {
            assertEquals(Integer.parseInt(c[3]), running.namespaces().size(), running.toString());
        }
        for (String program : c[2].split(",")) {
            assertTrue(running.processes().stream().anyMatch(pid -> cmdline(pid).contains(program)),
                    program + " in " + running);
        }
        // up again, killed half-way (after its old lab and its files are gone, before it is done), then down: nothing
        // of either up is left
        Process again = new ProcessBuilder(jar("lab", "up", "--name", name, "--with", parts))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path late = LabState.ROOT.resolve("nk" + name).resolve(c[1]);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (Files.exists(late) && again.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2); // the rebuild first removes the old lab, and its files
        }
        while (!Files.exists(late) && again.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(again.isAlive(), "lab up finished before it could be killed");
        links.addAll(namespaceLinks());
        again.destroyForcibly();
        assertTrue(again.waitFor(10, TimeUnit.SECONDS));
        Thread.sleep(300);
        links.addAll(namespaceLinks());
        LabExtension.Result down = LabExtension.run(jar("lab", "down", "--name", name), Duration.ofSeconds(60));
        assertEquals(0, down.exitCode(), down.output());
        Traces after = traces(links);
        assertTrue(after.none(), after.toString());
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void downByNameTouchesOnlyThatLabsHostNamespaces() throws Exception {
        // A namespace with the lab's prefix but no lab host name, and another lab's namespace: neither is ours.
        String foreign = "nk" + name + "-notahost";
        String other = "nk" + name + "x-client";
        try {
            for (String ns : List.of(foreign, other)) {
                assertEquals(0, LabExtension.run(List.of(LabPackages.binary("ip"), "netns", "add", ns),
                        Duration.ofSeconds(10)).exitCode());
            }
            assertEquals(0, LabExtension.run(List.of(LabPackages.binary("ip"), "netns", "add", "nk" + name + "-client"),
                    Duration.ofSeconds(10)).exitCode());
            LabExtension.Result down = LabExtension.run(jar("lab", "down", "--name", name), Duration.ofSeconds(30));
            assertEquals(0, down.exitCode(), down.output());
            assertFalse(Files.exists(Path.of("/run/netns", "nk" + name + "-client")));
            assertTrue(Files.exists(Path.of("/run/netns", foreign)));
            assertTrue(Files.exists(Path.of("/run/netns", other)));
        } finally {
            for (String ns : List.of(foreign, other)) {
                LabExtension.run(List.of(LabPackages.binary("ip"), "netns", "del", ns), Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void withoutRootUpExits4NamingSudoAndBuildsNothing() {
        List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("setpriv"), "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all"));
        cmd.addAll(jar("lab", "up", "--name", name));
        LabExtension.Result r = LabExtension.run(cmd, Duration.ofSeconds(60));
        assertEquals(4, r.exitCode(), r.output());
        assertTrue(r.stderr().startsWith("netkit lab up: 'netkit lab up' needs root"), r.stderr());
        assertTrue(r.stderr().contains("sudo"), r.stderr());
        assertFalse(Files.exists(Path.of("/run/netns", "nk" + name + "-client")));
        assertFalse(Files.exists(LabState.ROOT.resolve("nk" + name)));
    }

    @Test
    void lanTopologyForwardsAsSoonAsUpReturns() {
        LabExtension.Result up = LabExtension.run(jar("lab", "up", "--topology", "lan", "--name", name),
                Duration.ofSeconds(60));
        assertEquals(0, up.exitCode(), up.output());
        // no bridge port may still be waiting for its carrier: the very first ping is answered at once
        LabExtension.Result ping = LabExtension.run(List.of(LabPackages.binary("ip"), "netns", "exec",
                "nk" + name + "-client", "ping", "-c", "1", "-W", "1", "198.18.1.11"), Duration.ofSeconds(10));
        assertEquals(0, ping.exitCode(), ping.output());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("time=([0-9.]+) ms").matcher(ping.stdout());
        assertTrue(m.find(), ping.stdout());
        assertTrue(Double.parseDouble(m.group(1)) < 300, ping.stdout());
        assertEquals(4, namespaceCount());
    }

    private int namespaceCount() {
        try {
            return list(Path.of("/run/netns"), "nk" + name + "-").size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void upAgainRebuilds() {
        LabExtension.Result first = LabExtension.run(jar("lab", "up", "--name", name), Duration.ofSeconds(60));
        assertEquals(0, first.exitCode(), first.output());
        LabExtension.Result second = LabExtension.run(jar("lab", "up", "--name", name), Duration.ofSeconds(60));
        assertEquals(0, second.exitCode(), second.output());
        LabExtension.Result status = LabExtension.run(jar("lab", "status", "--name", name), Duration.ofSeconds(30));
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.stdout().contains("all hosts and daemons alive"), status.stdout());
    }
}
