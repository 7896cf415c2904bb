package dev.netkit.cli.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WHEN line's zone: UTC told without the zone database (DigRenderer.LocalZone), and UTC's text by either id. */
class DigWhenTest {
    private static final Path NONE = Path.of("/nonexistent/netkit/localtime");

    @Test
    void aUserTimezonePropertyIsTheJvmsZone(@TempDir Path dir) throws Exception {
        Path utc = link(dir, "/usr/share/zoneinfo/Etc/UTC");
        assertFalse(DigRenderer.LocalZone.utc("UTC", "UTC", utc), "even UTC: the JVM's own zone then");
        assertFalse(DigRenderer.LocalZone.utc("Europe/Berlin", null, utc));
        assertTrue(DigRenderer.LocalZone.utc("", "UTC", NONE), "an empty property is no property");
    }

    @Test
    void tzNamesUtcOnlyForUtcItself() {
        for (String tz : new String[] {"UTC", "UTC0", "Etc/UTC", ":UTC", ":UTC0", ":Etc/UTC",
            "/usr/share/zoneinfo/UTC", ":/usr/share/zoneinfo/Etc/UTC", "/opt/zones/zoneinfo/UTC"}) {
            assertTrue(DigRenderer.LocalZone.utc(null, tz, NONE), tz);
        }
        for (String tz : new String[] {"Europe/Berlin", "UTC+1", "UTC-3", "CET-1CEST", "GMT", "utc", "Etc/GMT+2",
            "EST5EDT", "::UTC", "UTC ", "Etc/UTC/x", "/usr/share/zoneinfo/Europe/London", "/usr/share/zoneinfo/UTCX",
            "/usr/share/zoneinfo/right/UTC", "MyUTC", "/etc/UTC"}) {
            assertFalse(DigRenderer.LocalZone.utc(null, tz, NONE), tz);
        }
    }

    @Test
    void tzSetWinsOverLocaltime(@TempDir Path dir) throws Exception {
        Path utc = link(dir, "/usr/share/zoneinfo/Etc/UTC");
        assertFalse(DigRenderer.LocalZone.utc(null, "Europe/Berlin", utc));
        Path berlin = link(dir.resolve("b"), "/usr/share/zoneinfo/Europe/Berlin");
        assertTrue(DigRenderer.LocalZone.utc(null, "UTC", berlin));
    }

    /** TZ unset: /etc/localtime must be a symbolic link to UTC's zone file; its target need not exist. */
    @Test
    void localtimeLinkToUtc(@TempDir Path dir) throws Exception {
        assertTrue(DigRenderer.LocalZone.utc(null, null, link(dir.resolve("1"), "/usr/share/zoneinfo/Etc/UTC")));
        assertTrue(DigRenderer.LocalZone.utc(null, null, link(dir.resolve("2"), "/usr/share/zoneinfo/UTC")));
        assertTrue(DigRenderer.LocalZone.utc(null, null, link(dir.resolve("3"), "../usr/share/zoneinfo/Etc/UTC")),
                "a relative link");
        assertFalse(DigRenderer.LocalZone.utc(null, null, link(dir.resolve("4"), "/usr/share/zoneinfo/Europe/Berlin")));
        assertFalse(DigRenderer.LocalZone.utc(null, null, link(dir.resolve("5"), "/usr/share/zoneinfo/right/UTC")));
        assertFalse(DigRenderer.LocalZone.utc(null, null, link(dir.resolve("6"), "UTC-elsewhere")));
    }

    /** A regular file (a copied zone file, even UTC's) or no file: the JVM decides, not this shortcut. */
    @Test
    void localtimeNotALinkIsNotUtc(@TempDir Path dir) throws Exception {
        Path copy = Files.write(dir.resolve("localtime"), "TZif2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(DigRenderer.LocalZone.utc(null, null, copy));
        assertFalse(DigRenderer.LocalZone.utc(null, null, dir.resolve("missing")));
        assertFalse(DigRenderer.LocalZone.utc(null, null, NONE));
        Path dirLink = dir.resolve("zoneinfo");
        Files.createDirectory(dirLink);
        assertFalse(DigRenderer.LocalZone.utc(null, null, dirLink), "a directory");
    }

    /** UTC as ZoneOffset.UTC (id "Z", what LocalZone gives) prints as ZoneId.of("UTC") and Etc/UTC do. */
    @Test
    void whenPrintsUtcAlikeForEveryUtcId() {
        ZonedDateTime z = ZonedDateTime.of(2026, 11, 22, 21, 15, 52, 0, ZoneOffset.UTC);
        assertEquals("Z", z.getZone().getId());
        assertEquals("Sun Nov 22 21:15:52 UTC 2026", DigRenderer.when(z));
        assertEquals("Sun Nov 22 21:15:52 UTC 2026", DigRenderer.when(z.withZoneSameInstant(ZoneId.of("UTC"))));
        assertEquals("Sun Nov 22 21:15:52 UTC 2026", DigRenderer.when(z.withZoneSameInstant(ZoneId.of("Etc/UTC"))));
        for (long t : new long[] {0, 951_782_400L, 1_700_000_000L, 1_795_000_123L, 4_102_444_799L}) {
            Instant i = Instant.ofEpochSecond(t);
            assertEquals(DigRenderer.when(i.atZone(ZoneId.of("UTC"))), DigRenderer.when(i.atZone(ZoneOffset.UTC)), "at " + t);
        }
        assertEquals("Thu Jan 01 00:00:00 UTC 1970", DigRenderer.when(Instant.EPOCH.atZone(ZoneOffset.UTC)));
        assertEquals("Mon Mar 01 09:05:07 UTC 2027",
                DigRenderer.when(ZonedDateTime.of(2027, 3, 1, 9, 5, 7, 0, ZoneOffset.UTC)), "two digits each");
        ZonedDateTime berlin = z.withZoneSameInstant(ZoneId.of("Europe/Berlin"));
        String text = DigRenderer.when(berlin);
        assertEquals(java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", java.util.Locale.ROOT)
                .format(berlin), text, "another zone keeps the formatter's text");
        assertTrue(text.startsWith("Sun Nov 22 22:15:52 ") && !text.contains("UTC"), text);
    }

    /** A symbolic link {@code at/localtime} to {@code target} (which need not exist). */
    private static Path link(Path at, String target) throws Exception {
        Files.createDirectories(at);
        return Files.createSymbolicLink(at.resolve("localtime"), Path.of(target));
    }
}
