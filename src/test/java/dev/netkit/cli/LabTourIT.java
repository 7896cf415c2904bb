package dev.netkit.cli;

import dev.netkit.lab.Lab;
import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code netkit lab tour} as a learner would and checks that every step printed what its line says it shows
 * (issue 21: the sniff step captured nothing, because nothing sent while it listened).
 */
class LabTourIT {
    /** Per subcommand of a step, what its output must contain to show its lesson. */
    private static final Map<String, String> SHOWS = new LinkedHashMap<>();

    static {
        SHOWS.put("ifaces", "(?m)^    inet  198\\.18\\.1\\.10/24 ");
        SHOWS.put("route", "(?m)^default +198\\.18\\.1\\.1 +eth0");
        SHOWS.put("arp", "(?s)198\\.18\\.1\\.1 .*198\\.18\\.1\\.11 .*198\\.18\\.1\\.12 ");
        SHOWS.put("ping", "3 packets transmitted, 3 received, 0% packet loss");
        SHOWS.put("trace", "(?s) 1  r1\\.netkit\\.test .* 3  \\* \\* \\*\n 4  server\\.netkit\\.test \\(198\\.18\\.10\\.10\\)");
        SHOWS.put("dig", "(?s)status: NOERROR.*www\\.netkit\\.test\\.\\s+\\d+\\s+IN\\s+CNAME\\s+web\\.netkit\\.test\\.");
        SHOWS.put("host", "server\\.netkit\\.test has address 198\\.18\\.10\\.10");
        SHOWS.put("nslookup", "(?s)canonical name = web\\.netkit\\.test\\..*Address: 198\\.18\\.10\\.10");
        SHOWS.put("scan", "(?s)22/tcp +open .*9998/tcp +closed .*9999/tcp +filtered");
        SHOWS.put("nc", "SSH-2\\.0-");
        SHOWS.put("sockets", "(?m)^tcp +LISTEN .*:80 .*nginx");
        SHOWS.put("sniff", "(?m)(^.* ICMP echo (request|reply), .*$\\n?){4}");
        SHOWS.put("subnet", "(?m)^Broadcast: +198\\.18\\.10\\.255");
        SHOWS.put("send", "198\\.18\\.10\\.10\\.80 > 198\\.18\\.1\\.10\\.\\d+: Flags \\[S\\.\\]");
        SHOWS.put("whois", "(?m)^inetnum: +198\\.18\\.10\\.0 - 198\\.18\\.10\\.255$");
        SHOWS.put("rdap", "(?m)network\\W+198\\.18\\.10\\.0 - 198\\.18\\.10\\.255");
        SHOWS.put("asn", "(?m)^64510 +\\| 198\\.18\\.10\\.10 ");
    }

    @Test
    void everyStepShowsWhatItsLineSays() throws Exception {
        LabExtension.assumeRoot();
        String name = "tour" + Long.toString(ProcessHandle.current().pid(), 36);
        String jar = System.getProperty("netkit.jar", Path.of("target", "netkit.jar").toAbsolutePath().toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile("nktour", ".txt");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar, "lab", "tour",
                "--name", name).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text;
        int code;
        try {
            assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the tour did not end in 15 minutes");
            code = p.exitValue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            if (dev.netkit.lab.LabState.all().stream().anyMatch(s -> s.name().equals(name))) {
                Lab.down(name); // the tour takes its lab down itself; this only runs when it was killed
            }
            text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
        }
        // "[n] lesson\n$ netkit lab exec HOST --name LAB -- netkit SUB ARGS\nOUTPUT(exit 0)\n"
        Matcher m = Pattern.compile("(?m)^\\[(\\d+)] (.*)\n\\$ netkit lab exec \\S+ --name \\S+ -- netkit (\\S+)"
                + "(.*)\n((?s:.*?))^\\((exit -?\\d+|stopped after \\d+ s)\\)$").matcher(text);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            String step = "[" + m.group(1) + "] netkit " + m.group(3) + m.group(4) + " (" + m.group(2) + ")";
            String printed = m.group(5);
            seen.add(m.group(3));
            assertEquals("exit 0", m.group(6), step + "\n" + printed);
            assertTrue(printed.lines().anyMatch(l -> !l.isBlank()), step + " printed nothing");
            String shows = SHOWS.get(m.group(3));
            assertTrue(shows != null, step + ": no expectation for this subcommand in LabTourIT.SHOWS");
            assertTrue(Pattern.compile(shows).matcher(printed).find(), step + " does not show /" + shows + "/ in:\n"
                    + printed);
        }
        assertEquals(LabTour.STEPS.size(), seen.size(), "steps run: " + seen + "\n" + text);
        assertEquals(0, code, text);
        assertTrue(text.contains("lab down: 12 namespaces removed"), text);
    }
}
