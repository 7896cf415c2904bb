package dev.netkit.build;

import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Debian package (issue 17): scripts/package builds it, dpkg installs it, and then netkit runs, its man page,
 * bash, zsh and fish completions and start-up cache work from the installed files; netkit-helper is root:netkit 0750
 * with cap_net_raw and cap_net_admin (issue 18); lintian finds no error; dpkg -r and --purge leave no file behind,
 * purge no group. The package is always purged at the end, also when a step fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class DebPackageIT {
    private static final Path ROOT = Path.of(System.getProperty("netkit.root", ".")).toAbsolutePath();
    private Path deb;
    /** The directories the package puts files in, and every file below them before it was installed. */
    private List<Path> touched;
    private TreeSet<String> before;
    private boolean installed;
    /** Whether the group netkit existed before the package (then purge may keep it: it is not the test's to check). */
    private boolean groupBefore;
    private static final String HELPER = "/usr/lib/netkit/native/netkit-helper";

    @BeforeAll
    void buildAndInstall() throws Exception {
        LabExtension.assumeRoot(); // dpkg -i needs root; under CI=true this fails instead of skipping
        if (sh("dpkg-query -W -f='${Status}' netkit 2>/dev/null", 10).out.contains("installed")) {
            String why = "a netkit package is installed already: the test would remove it";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        Result built = sh("scripts/package --no-build", 900);
        assertEquals(0, built.code, "scripts/package: " + built.err);
        String[] lines = built.out.strip().split("\n");
        deb = ROOT.resolve(lines[lines.length - 1]);
        assertTrue(Files.isRegularFile(deb), "scripts/package printed no package: " + built.out);
        assertTrue(deb.getFileName().toString().matches("netkit_\\d+\\.\\d+\\.\\d+_amd64\\.deb"), deb.toString());
        System.out.printf("DebPackageIT: %s, %.1f MB%n", deb.getFileName(), Files.size(deb) / 1e6);
        touched = new ArrayList<>();
        for (String entry : sh("dpkg-deb -c " + deb + " | awk '{print $6}'", 60).out.split("\n")) {
            if (entry.endsWith("/")) {
                continue; // a directory: the walk of its files' directory covers it
            }
            // the directory of the file, or the top-most of its directories that does not exist yet
            Path dir = Path.of(entry.substring(1)).getParent();
            while (!Files.exists(dir.getParent())) {
                dir = dir.getParent();
            }
            Path top = dir;
            if (touched.stream().noneMatch(top::startsWith)) {
                touched.removeIf(t -> t.startsWith(top));
                touched.add(top);
            }
        }
        touched.add(Path.of("/var/lib/dpkg/info"));
        before = files();
        groupBefore = sh("getent group netkit", 10).code == 0;
        installed = true;
        Result install = sh("dpkg -i " + deb, 300);
        assertEquals(0, install.code, "dpkg -i: " + install.out + install.err);
    }

    @AfterAll
    void purge() throws Exception {
        if (installed) {
            sh("dpkg --purge netkit", 300);
        }
    }

    @Test
    @Order(1)
    void versionFromTheInstalledLauncher() throws Exception {
        Result r = sh("command -v netkit && netkit --version", 60);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("/usr/bin/netkit\nnetkit "), r.out);
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>") + 9, pom.indexOf("</version>"));
        assertTrue(r.out.contains("netkit " + version + "\n"), r.out);
    }

    @Test
    @Order(2)
    void helperIsTheGroupsWithItsCapabilities() throws Exception {
        // as 'netkit privileges install' leaves its copy (HelperLabIT): root:netkit 0750, cap_net_raw and cap_net_admin
        assertEquals(0, sh("getent group netkit", 10).code, "the postinst made no group netkit");
        assertEquals("root:netkit 750", sh("stat -c '%U:%G %a' " + HELPER, 10).out.strip());
        Result caps = sh("getcap " + HELPER, 10);
        assertEquals(HELPER + " cap_net_admin,cap_net_raw=ep", caps.out.strip(), caps.err);
        assertEquals("root netkit 750 " + HELPER, sh("dpkg-statoverride --list " + HELPER, 10).out.strip());
        // a user outside the group cannot run it
        Result nobody = sh("setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all /bin/sh -c "
                + "'exec \"$0\"' " + HELPER + " </dev/null", 10);
        assertEquals(126, nobody.code, nobody.out + nobody.err);
    }

    @Test
    @Order(2)
    void manPage() throws Exception {
        Result where = sh("man -w netkit-trace", 60);
        assertEquals("/usr/share/man/man1/netkit-trace.1.gz", where.out.strip(), where.err);
        Result page = sh("MANPAGER=cat MANWIDTH=80 man netkit-trace | head -20", 60);
        assertTrue(page.out.startsWith("NETKIT-TRACE(1)"), page.out + page.err);
        assertTrue(page.out.matches("(?s).*NAME\n +netkit-trace +- +Show +the +routers .*"), page.out);
    }

    @Test
    @Order(3)
    void bashCompletesInANewShell() throws Exception {
        // a new login shell loads bash-completion (/etc/profile.d), which loads netkit's completion on its first TAB
        Result r = sh("bash -lic '_completion_loader netkit; complete -p netkit; "
                + "f=$(complete -p netkit | sed -n \"s/.*-F \\([^ ]*\\).*/\\1/p\"); "
                + "COMP_WORDS=(netkit tr); COMP_CWORD=1; COMP_LINE=\"netkit tr\"; COMP_POINT=9; "
                + "$f netkit tr netkit; printf \"reply %s\\n\" \"${COMPREPLY[@]}\"' </dev/null", 60);
        assertTrue(r.out.contains(" -F _complete_netkit netkit\n"), r.out + r.err);
        assertTrue(r.out.contains("reply trace\n"), r.out + r.err);
    }

    @Test
    @Order(3)
    void zshCompletesInANewShell() throws Exception {
        // an interactive zsh in a pseudo-terminal (zpty) types 'netkit tr', TAB, '--help' and Enter: completed to
        // 'netkit trace --help' it prints trace's usage, else 'tr--help' is an error
        Path drive = Files.createTempFile("nkdeb", ".zsh");
        try {
            Files.writeString(drive, """
                    zmodload zsh/zpty
                    zpty z zsh -f -i
                    zpty -w z 'autoload -U compinit && compinit -u -D; PROMPT="> "'
                    sleep 2
                    zpty -wn z 'netkit tr'
                    sleep 1
                    zpty -wn z $'\\t'
                    sleep 5
                    zpty -w z '--help'
                    sleep 5
                    out=
                    while zpty -r -t z chunk; do out+=$chunk; done
                    print -r -- "$out"
                    zpty -d z
                    """);
            Result r = sh("zsh -f " + drive, 60);
            // without the terminal's escapes (zle's, and the colours of the usage on a terminal)
            String text = r.out.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
            assertTrue(text.contains("Usage: netkit trace "), text + r.err);
        } finally {
            Files.deleteIfExists(drive);
        }
    }

    @Test
    @Order(3)
    void fishCompletes() throws Exception {
        Result r = sh("fish -c 'complete -C \"netkit tr\"; complete -C \"netkit subnet split 10.0.0.0/8 --pr\"'", 60);
        assertTrue(r.out.contains("trace\tShow the routers"), r.out + r.err);
        assertTrue(r.out.contains("--prefix\t"), r.out + r.err);
        assertEquals("", r.err, "fish read the script without an error");
    }

    @Test
    @Order(4)
    void startsWithItsStartupCache() throws Exception {
        Result r = sh("JDK_JAVA_OPTIONS=-Xlog:aot netkit subnet 10.0.0.0/8", 60);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Using AOT-linked classes: true"), r.out);
        assertTrue(r.out.contains("Broadcast:"), r.out);
        // wall time, the median of 15 runs, beside the checkout's when its launcher is trained (scripts/netkit)
        long installed = medianMillis("netkit subnet 10.0.0.0/8");
        Path env = ROOT.resolve("target/launch.env");
        String checkout = Files.isRegularFile(env)
                && Files.getLastModifiedTime(env).compareTo(Files.getLastModifiedTime(ROOT.resolve("target/netkit.jar"))) > 0
                ? medianMillis(ROOT.resolve("scripts/netkit") + " subnet 10.0.0.0/8") + " ms" : "not trained";
        System.out.printf("DebPackageIT: netkit subnet 10.0.0.0/8: installed %d ms, checkout %s%n", installed, checkout);
    }

    @Test
    @Order(5)
    void lintianFindsNoError() throws Exception {
        Result r = sh("lintian --tag-display-limit 0 " + deb, 600);
        System.out.println("DebPackageIT: lintian:\n" + r.out + r.err);
        assertFalse(r.out.lines().anyMatch(l -> l.startsWith("E: ")), r.out);
        assertTrue(r.code == 0 || r.code == 2, "lintian exit " + r.code + ": " + r.err); // 2: warnings only
    }

    @Test
    @Order(6)
    void removeAndPurgeLeaveNoFile() throws Exception {
        Result removed = sh("dpkg -r netkit", 300);
        assertEquals(0, removed.code, removed.err);
        List<String> left = new ArrayList<>(files());
        left.removeAll(before);
        left.removeIf(f -> f.startsWith("/var/lib/dpkg/info/netkit."));  // purge removes these
        assertEquals(List.of(), left, "left behind by dpkg -r");
        assertEquals("", sh("dpkg-statoverride --list " + HELPER, 10).out, "the helper's statoverride is left");
        Result purged = sh("dpkg --purge netkit", 300);
        assertEquals(0, purged.code, purged.err);
        installed = false;
        left = new ArrayList<>(files());
        left.removeAll(before);
        assertEquals(List.of(), left, "left behind by dpkg --purge");
        if (!groupBefore) {
            assertEquals(2, sh("getent group netkit", 10).code, "the group netkit is left after purge");
        }
        assertFalse(Files.exists(Path.of("/usr/bin/netkit")));
    }

    /** Every path below the touched directories. */
    private TreeSet<String> files() throws IOException {
        TreeSet<String> all = new TreeSet<>();
        for (Path dir : touched) {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.forEach(p -> all.add(p.toString()));
                }
            }
        }
        return all;
    }

    private long medianMillis(String command) throws Exception {
        long[] t = new long[15];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            Result r = sh(command + " >/dev/null", 60);
            t[i] = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, r.code, command + ": " + r.err);
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private record Result(int code, String out, String err) {
    }

    /** Runs a bash command line in the checkout with a deadline; its exit code and output. */
    private static Result sh(String command, int seconds) throws Exception {
        Path out = Files.createTempFile("nkdeb", ".out");
        Path err = Files.createTempFile("nkdeb", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(command + ": not done in " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
