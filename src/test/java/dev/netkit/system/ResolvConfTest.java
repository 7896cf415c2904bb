package dev.netkit.system;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** resolv.conf(5) as the C resolver reads it: words, comments, address literals only. */
class ResolvConfTest {
    /** A line's words: blanks (spaces, tabs) separate them, leading ones are ignored, '#' and ';' start a comment. */
    @Test
    void resolvConfWordsCutCommentsAndSplitAtBlanks() {
        assertEquals(List.of("nameserver", "127.0.0.1"), line("  nameserver\t127.0.0.1  "));
        assertEquals(List.of("search", "a.test", "b.test"), line("\tsearch  a.test\t \tb.test # c.test"));
        assertEquals(List.of("nameserver", "127.0.0.1"), line("nameserver 127.0.0.1#x y"));
        assertEquals(List.of("options", "ndots:3"), line("options ndots:3;rotate"));
        assertEquals(List.of("a"), line("a;b#c"));
        assertEquals(List.of(), line(""));
        assertEquals(List.of(), line(" \t "));
        assertEquals(List.of(), line("# nameserver 127.0.0.1"));
        assertEquals(List.of(), line("   ; nameserver 127.0.0.1"));
        assertEquals(List.of("a", "b#c"), ResolvConf.words("a b#c")); // words alone cuts no comment (batch lines)
    }

    /** A resolv.conf line's words, as ResolvConf.parse reads them. */
    private static List<String> line(String text) {
        return ResolvConf.words(ResolvConf.uncommented(text));
    }

    /**
     * nameserver takes address literals: IPv4, IPv6, an IPv6 zone after '%' dropped, a comment or a second word
     * after it; other lines, a keyword without a value, and non-ASCII digits give nothing.
     */
    @Test
    void resolvConfNameserversAreAddressLiterals() throws Exception {
        ResolvConf c = ResolvConf.parse(List.of(
                "  nameserver\t127.0.0.53 # the stub",
                "nameserver ::1;x",
                "nameserver fe80::1%2",
                "nameserver 2001:DB8::A extra",
                "nameserver",
                "#nameserver 127.0.0.9",
                "nameservers 127.0.0.8",
                "nameserver \u0661\u0662\u0667.\u0660.\u0660.\u0661",
                "nameserver \uff11\uff12\uff17.0.0.1"));
        assertEquals(List.of(InetAddress.getByName("127.0.0.53"), InetAddress.getByName("::1"),
                InetAddress.getByName("fe80::1"), InetAddress.getByName("2001:db8::a")), c.nameservers());
        assertEquals(0, ((java.net.Inet6Address) c.nameservers().get(2)).getScopeId(), "the zone id is dropped");
    }

    /**
     * A nameserver value that is a name, or only looks like an address, must not be looked up: that would be DNS
     * to find DNS. Run in a child JVM whose resolver is a hosts file (jdk.net.hosts.file) naming exactly those
     * words, so a lookup shows as a server in the list and no query ever leaves the machine.
     */
    @Test
    void resolvConfNeverLooksUpANameserverName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<String> names = List.of("cafe", "dead.beef", "1.2.3.4.5", "1.2.3.256", "127.0.0.1.", ".:", ".::1");
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            hosts.append("198.18.99.").append(i + 1).append(' ').append(names.get(i)).append('\n');
        }
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("hosts"), hosts);
        List<String> cmd = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + file, "-cp", System.getProperty("java.class.path"),
                ResolvConfProbe.class.getName()));
        cmd.addAll(names);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the child JVM did not finish");
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertEquals("probe works: [/127.0.0.1]\n" + "looked up: []\n", out);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The child of {@link #resolvConfNeverLooksUpANameserverName}: the nameservers parsed from its arguments. */
    static final class ResolvConfProbe {
        public static void main(String[] args) {
            System.out.println("probe works: " + ResolvConf.parse(List.of("nameserver 127.0.0.1")).nameservers());
            List<String> lines = new java.util.ArrayList<>();
            for (String a : args) {
                lines.add("nameserver " + a);
            }
            System.out.println("looked up: " + ResolvConf.parse(lines).nameservers());
        }
    }
}
