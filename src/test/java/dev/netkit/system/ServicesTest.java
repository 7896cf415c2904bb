package dev.netkit.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServicesTest {
    /** services(5): name, port/protocol, aliases; '#' to the end of a line is a comment; names match case-blind. */
    @Test
    void namesPortsAndAliases() {
        Services s = new Services("""
                # Network services, Internet style
                tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer
                echo  7/tcp
                echo  7/udp
                ssh\t22/tcp # SSH Remote Login Protocol
                http-alt 8080/tcp  webcache  HTTP-Proxy
                http  80/TCP www
                """);
        assertEquals("tcpmux", s.name(1, "tcp"));
        assertEquals("echo", s.name(7, "udp"));
        assertEquals("ssh", s.name(22, "tcp"));
        assertEquals("http", s.name(80, "tcp"));
        assertNull(new Services("http-alt 8080/tcp\n").name(80, "tcp"));
        assertNull(new Services("http-alt 8080/tcp\n").name(8081, "tcp"));
        assertEquals("http-alt", new Services("http-alt 08080/tcp\n").name(8080, "tcp"));
        assertNull(s.name(22, "udp"));
        assertEquals(8080, s.port("webcache"));
        assertEquals(8080, s.port("http-proxy"));
        assertEquals(80, s.port("WWW"));
        assertEquals(-1, s.port("nope"));
    }

    /** The first line of a port or name wins; lines without port/proto or with a bad port are skipped. */
    @Test
    void firstWinsAndBadLinesAreSkipped() {
        Services s = new Services("""
                first 9/tcp
                second 9/tcp first-alias
                lonely
                noproto 10
                badport x/tcp
                three 11/tcp/x
                \u000b\f
                ok 12/udp
                """);
        assertEquals("first", s.name(9, "tcp"));
        assertEquals(9, s.port("first-alias"));
        assertEquals(-1, s.port("noproto"));
        assertEquals(-1, s.port("badport"));
        assertEquals(-1, s.port("three"));
        assertEquals(12, s.port("ok"));
    }

    /** Unknown ports, answered without parsing once and after parsing the next time, leave known ones named. */
    @Test
    void unknownPortsThenKnownOnes() {
        Services s = new Services("ssh 22/tcp\nhttp 80/tcp www\n");
        assertNull(s.name(9999, "tcp"));
        assertNull(s.name(9998, "tcp"));
        assertNull(s.name(22, "udp"));
        assertEquals("ssh", s.name(22, "tcp"));
        assertEquals("http", s.name(80, "tcp"));
    }

    /**
     * Every line of the system's table as its fields split by the regular expression {@code \s+} give it (how it was
     * parsed before it was parsed without one).
     */
    @Test
    void systemTableAsSplitByWhitespace() throws Exception {
        Path file = Path.of("/etc/services");
        String text = Files.isReadable(file) ? Files.readString(file) : "ssh 22/tcp\n";
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> ports = new HashMap<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String l = (hash < 0 ? line : line.substring(0, hash)).strip();
            String[] f = l.split("\\s+");
            String[] pp = f.length < 2 ? new String[0] : f[1].split("/");
            if (l.isEmpty() || pp.length != 2 || !pp[0].matches("\\d+")) {
                continue;
            }
            String proto = pp[1].toLowerCase(Locale.ROOT);
            names.putIfAbsent(pp[0] + "/" + proto, f[0]);
            for (int i = 0; i < f.length; i++) {
                if (i != 1) {
                    ports.putIfAbsent(f[i].toLowerCase(Locale.ROOT) + "/" + proto, Integer.parseInt(pp[0]));
                }
            }
        }
        Services s = new Services(text);
        names.forEach((k, v) -> assertEquals(v, s.name(Integer.parseInt(k.split("/")[0]), k.split("/")[1]), k));
        for (int port = 0; port < 1100; port++) { // a first look-up, named or not, with or without the table parsed
            assertEquals(names.get(port + "/tcp"), new Services(text).name(port, "tcp"), port + "/tcp");
        }
        ports.forEach((k, v) -> { // port() answers for tcp, else udp
            String name = k.substring(0, k.lastIndexOf('/'));
            if (k.endsWith("/tcp") || k.endsWith("/udp") && !ports.containsKey(name + "/tcp")) {
                assertEquals(v, s.port(name), k);
            }
        });
    }

    /** A table that cannot be read is empty. */
    @Test
    void missingFileIsEmpty() {
        assertNull(new Services("").name(22, "tcp"));
        assertEquals(-1, new Services("").port("ssh"));
    }
}
