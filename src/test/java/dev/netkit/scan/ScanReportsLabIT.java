package dev.netkit.scan;

import dev.netkit.JsonTree;
import dev.netkit.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit scan's reports checked by the peer tools on the lab's server: -oX by xmllint against nmap's DTD and by
 * ndiff (netkit against netkit, netkit against nmap), -sV's TLS fields against openssl s_client.
 */
class ScanReportsLabIT {
    @RegisterExtension
    static LabExtension lab = new LabExtension();

    static final String PORTS = "22,80,443,8080,9998,9999";
    static final String DTD = "/usr/share/nmap/nmap.dtd";

    @TempDir
    Path dir;

    /** Runs a peer tool outside the lab (it reads files only) and returns its exit code and output. */
    static LabExtension.Result local(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not end");
        return new LabExtension.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    static LabExtension.Result xmllint(Path f) throws IOException, InterruptedException {
        return local("xmllint", "--noout", "--dtdvalid", DTD, f.toString());
    }

    void netkit(String... args) {
        LabExtension.Result r = lab.netkit("client", args);
        assertEquals(0, r.exitCode(), r.output());
    }

    /** nmap with -n: netkit scan does no reverse DNS, and a PTR name in one file only is a difference to ndiff. */
    void nmap(String... args) {
        List<String> cmd = new ArrayList<>(List.of("nmap", "-n"));
        cmd.addAll(List.of(args));
        LabExtension.Result r = lab.exec("client", Duration.ofSeconds(120), cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void xmlIsValidAgainstNmapsDtd() throws Exception {
        Path base = dir.resolve("all");
        netkit("scan", "-sS", "-sV", "--reason", "-p", PORTS, "-oA", base.toString(), "server.netkit.test");
        Path xml = dir.resolve("all.xml");
        LabExtension.Result v = xmllint(xml);
        assertEquals(0, v.exitCode(), v.output());
        assertTrue(Files.readString(xml).contains("<script id=\"ssl-cert\""), Files.readString(xml));
        assertTrue(Files.exists(dir.resolve("all.nmap")) && Files.exists(dir.resolve("all.gnmap")));
        // the validation is real: the same file without a host's status element is refused
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, Files.readString(xml).replaceFirst("<status [^>]*/>", ""));
        assertNotEquals(0, xmllint(broken).exitCode());
        // -sU and -sn reports too
        netkit("scan", "-sU", "-p", "7,9997", "-oX", dir.resolve("udp.xml").toString(), "198.18.10.10");
        assertEquals(0, xmllint(dir.resolve("udp.xml")).exitCode(), xmllint(dir.resolve("udp.xml")).output());
        netkit("scan", "-sn", "-oX", dir.resolve("sn.xml").toString(), "198.18.1.0/28");
        assertEquals(0, xmllint(dir.resolve("sn.xml")).exitCode(), xmllint(dir.resolve("sn.xml")).output());
    }

    /** ndiff's port lines ("-443/tcp open https"), without the header that names each file's command. */
    static List<String> portLines(String ndiff) {
        return ndiff.lines().filter(l -> l.matches("[-+ ]\\d+/(tcp|udp) .*")).toList();
    }

    @Test
    void ndiffComparesNetkitWithNetkitAndWithNmap() throws Exception {
        Path a = dir.resolve("a.xml");
        Path b = dir.resolve("b.xml");
        Path n = dir.resolve("nmap.xml");
        Path n2 = dir.resolve("nmap-22-80.xml");
        netkit("scan", "-sS", "-p", PORTS, "-oX", a.toString(), "198.18.10.10");
        netkit("scan", "-sT", "-p", PORTS, "-oX", b.toString(), "198.18.10.10");
        nmap("-sS", "-p", PORTS, "-oX", n.toString(), "198.18.10.10");
        nmap("-sS", "-p", "22,80", "-oX", n2.toString(), "198.18.10.10");
        assertEquals(0, xmllint(n).exitCode(), "nmap's own file is valid too");
        // same verdicts: exit 0 (ndiff ignores the scan types and the reasons)
        LabExtension.Result same = local("ndiff", a.toString(), b.toString());
        assertEquals(0, same.exitCode(), same.output());
        assertEquals(List.of(), portLines(same.stdout()));
        LabExtension.Result peer = local("ndiff", a.toString(), n.toString());
        assertEquals(0, peer.exitCode(), peer.output());
        assertEquals(List.of(), portLines(peer.stdout()));
        // a difference is found port by port: ndiff read netkit's ports, not only its header
        LabExtension.Result fewer = local("ndiff", a.toString(), n2.toString());
        assertEquals(1, fewer.exitCode(), fewer.output());
        assertEquals(List.of("-443/tcp  open     https", "-8080/tcp open     http-proxy",
                "-9998/tcp closed   distinct32", "-9999/tcp filtered abyss"),
                portLines(fewer.stdout()).stream().map(String::stripTrailing).toList());
        // -sV against nmap -sV: both parse (exit 1, not an error); the version columns differ as nmap's probes do.
        // Only ports with at most one script: ndiff 7.93 fails on two (nmap/nmap#2930, nmap's own files too).
        Path v = dir.resolve("v.xml");
        Path nv = dir.resolve("nmap-v.xml");
        netkit("scan", "-sS", "-sV", "-p", "22,9998", "-oX", v.toString(), "198.18.10.10");
        nmap("-sS", "-sV", "-p", "22,9998", "-oX", nv.toString(), "198.18.10.10");
        LabExtension.Result versions = local("ndiff", v.toString(), nv.toString());
        assertEquals(1, versions.exitCode(), versions.output());
        assertTrue(portLines(versions.stdout()).stream().anyMatch(l -> l.matches("-22/tcp +open +ssh +OpenSSH 9\\.2p1")),
                versions.stdout());
    }

    // --- scan merge: 4 shards (--shard I/4 --seed S) read as one scan ---

    static final String[] SHARDED = {"-sS", "-p", "1-1024,8080,9998,9999", "server.netkit.test", "198.18.10.4"};

    /** Lines without what differs from run to run: latencies, the elapsed time, the command line and dates. */
    static List<String> stable(String text) {
        return text.lines().filter(l -> !l.startsWith("netkit done") && !l.startsWith("# ")
                        && !l.contains("\"type\":\"summary\""))
                .map(l -> l.replaceAll(",\"latency_ms\":[0-9.]+", "").replaceAll("Host is up.*", "Host is up"))
                .toList();
    }

    String run(String... args) {
        LabExtension.Result r = lab.netkit("client", args);
        assertEquals(0, r.exitCode(), r.output());
        return r.stdout();
    }

    @Test
    void mergeOfFourShardsEqualsTheWholeScan() throws Exception {
        List<String> whole = new ArrayList<>(List.of("scan", "--json", "-oX", dir.resolve("whole.xml").toString(),
                "-oG", dir.resolve("whole.gnmap").toString()));
        whole.addAll(List.of(SHARDED));
        String wholeJson = run(whole.toArray(String[]::new));
        List<String> json = new ArrayList<>(List.of("scan", "merge", "--json"));
        List<String> xml = new ArrayList<>(List.of("scan", "merge"));
        for (int i = 1; i <= 4; i++) {
            List<String> shard = new ArrayList<>(List.of("scan", "--shard", i + "/4", "--seed", "7", "--json", "-oX",
                    dir.resolve("s" + i + ".xml").toString()));
            shard.addAll(List.of(SHARDED));
            String out = run(shard.toArray(String[]::new));
            long ports = out.lines().filter(l -> l.contains("\"type\":\"port\"")).count();
            assertTrue(ports >= 2 * 256 && ports <= 2 * 257, "a quarter of 1027 ports on each of 2 hosts: " + ports);
            Files.writeString(dir.resolve("s" + i + ".ndjson"), out);
            json.add(dir.resolve("s" + i + ".ndjson").toString());
            xml.add(dir.resolve("s" + i + ".xml").toString());
        }
        // NDJSON in, NDJSON out: every host and port object the same, in the same order
        String merged = run(json.toArray(String[]::new));
        assertEquals(2 * 1 + 2 * 1027, stable(wholeJson).size(), wholeJson);
        assertEquals(stable(wholeJson), stable(merged));
        // XML in: the text report, -oX (valid, ndiff finds no difference) and -oG (from the NDJSON) as the whole's
        List<String> xmlOut = new ArrayList<>(xml);
        xmlOut.addAll(List.of("-oX", dir.resolve("merged.xml").toString()));
        String text = run(xmlOut.toArray(String[]::new));
        List<String> wholeText = new ArrayList<>(List.of("scan"));
        wholeText.addAll(List.of(SHARDED));
        assertEquals(stable(run(wholeText.toArray(String[]::new))), stable(text));
        // the server's 22, 37 (RFC 868 time), 80, 443 and 8080 open and 9999 filtered: 1,021 of the 1,027 closed
        assertTrue(text.contains("Not shown: 1021 closed tcp ports (reset)"), text);
        assertEquals(0, xmllint(dir.resolve("merged.xml")).exitCode());
        LabExtension.Result nd = local("ndiff", dir.resolve("whole.xml").toString(), dir.resolve("merged.xml").toString());
        assertEquals(0, nd.exitCode(), nd.output());
        assertEquals(List.of(), portLines(nd.stdout()));
        List<String> grep = new ArrayList<>(json);
        grep.set(2, "-oG");
        grep.add(3, dir.resolve("merged.gnmap").toString());
        run(grep.toArray(String[]::new));
        assertEquals(stable(Files.readString(dir.resolve("whole.gnmap"))),
                stable(Files.readString(dir.resolve("merged.gnmap"))));
    }

    // --- --resume: interrupted by SIGINT, resumed, interrupted by SIGTERM, resumed to the end ---

    static final String[] LONG = {"-sS", "--rate", "2000", "-p", "1-12000", "server.netkit.test", "198.18.10.4"};

    /** netkit in the client's namespace as a process of its own, to be signalled; its progress on stderr. */
    Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.ns("client"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("netkit.jar")));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout-" + System.nanoTime()).toFile()).start();
    }

    /** Waits until the scan has settled at least {@code probes} probes, sends {@code signal}; returns the exit code. */
    static int interrupt(Process p, long probes, String signal) throws Exception {
        try {
            java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8));
            Pattern progress = Pattern.compile("\\((\\d+)/\\d+ probes\\)");
            String line;
            long seen = 0;
            while (seen < probes && (line = err.readLine()) != null) {
                Matcher m = progress.matcher(line);
                seen = m.find() ? Long.parseLong(m.group(1)) : seen;
            }
            assertTrue(seen >= probes, "the scan ended before " + probes + " probes");
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "no stop on SIG" + signal);
            err.transferTo(java.io.Writer.nullWriter());
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Waits (at most 5 s) until a capture file has not grown for 500 ms: tcpdump has written what it was given. */
    static void settled(Path f) throws Exception {
        long size = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            long now = Files.exists(f) ? Files.size(f) : 0;
            if (now == size) {
                return;
            }
            size = now;
            Thread.sleep(500);
        }
    }

    /** The ports each host has a verdict on in a report file. */
    static Map<InetAddress, java.util.Set<Integer>> verdicts(Path f) {
        ScanReport r = ScanReportReader.read(List.of(f), null);
        Map<InetAddress, java.util.Set<Integer>> m = new java.util.HashMap<>();
        for (ScanTarget t : r.targets()) {
            m.put(t.address(), new TreeSet<>(r.results().apply(t.address()).stream().map(PortResult::port).toList()));
        }
        return m;
    }

    @Test
    void resumeAfterSigintAndSigtermEqualsAnUninterruptedScan() throws Exception {
        List<String> wholeArgs = new ArrayList<>(List.of("scan"));
        wholeArgs.addAll(List.of(LONG));
        wholeArgs.addAll(List.of("-oX", dir.resolve("whole.xml").toString()));
        String whole = run(wholeArgs.toArray(String[]::new));
        Path xml = dir.resolve("resumable.xml");
        List<String> args = new ArrayList<>(List.of("scan", "--stats-every", "100ms"));
        args.addAll(List.of(LONG));
        args.addAll(List.of("-oX", xml.toString()));
        assertEquals(3, interrupt(start(args), 2000, "INT"));
        Map<InetAddress, java.util.Set<Integer>> first = verdicts(xml);
        int firstCount = first.values().stream().mapToInt(java.util.Set::size).sum();
        assertTrue(firstCount >= 2000 && firstCount < 2 * 12000 - 2000, "part of the ports: " + firstCount);
        Files.copy(xml, dir.resolve("after-sigint.xml"));
        // the resumed runs, watched on the server's side: no SYN to a port that already had its verdict (a 32 MiB
        // capture buffer: the default 2 MiB can drop SYNs of a paced burst, which would read as a port never probed;
        // --immediate-mode: without it the SYNs still in the capture ring's current block when tcpdump is stopped
        // are lost, and the last ports probed read as never probed)
        Process capture = new ProcessBuilder("ip", "netns", "exec", lab.ns("server"), "tcpdump", "-i", "any", "-n",
                "-B", "32768", "--immediate-mode", "-U", "-w", dir.resolve("resume.pcap").toString(), "tcp[13] == 2 and dst host 198.18.10.10")
                .redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
        try {
            Thread.sleep(1000); // tcpdump's capture is open
            // the progress lines come from the --stats-every of the command line in the file
            assertEquals(3, interrupt(start(List.of("scan", "--resume", xml.toString())), 1000, "TERM"));
            Map<InetAddress, java.util.Set<Integer>> second = verdicts(xml);
            int secondCount = second.values().stream().mapToInt(java.util.Set::size).sum();
            assertTrue(secondCount > firstCount && secondCount < 2 * 12000, firstCount + " then " + secondCount);
            LabExtension.Result done = lab.netkit("client", "scan", "--resume", xml.toString());
            assertEquals(0, done.exitCode(), done.output());
            assertEquals(stable(whole), stable(done.stdout()));
        } finally {
            settled(dir.resolve("resume.pcap"));
            new ProcessBuilder("kill", "-INT", Long.toString(capture.pid())).start().waitFor();
            capture.waitFor(10, TimeUnit.SECONDS);
            capture.destroyForcibly();
        }
        // the report file is whole again: ndiff finds nothing against the uninterrupted scan's
        LabExtension.Result nd = local("ndiff", dir.resolve("whole.xml").toString(), xml.toString());
        assertEquals(0, nd.exitCode(), nd.output());
        assertEquals(List.of(), portLines(nd.stdout()));
        LabExtension.Result syns = local("tcpdump", "-r", dir.resolve("resume.pcap").toString(), "-n", "-q");
        Pattern dst = Pattern.compile("> 198\\.18\\.10\\.10\\.(\\d+):");
        java.util.Set<Integer> probed = new TreeSet<>();
        syns.stdout().lines().map(dst::matcher).filter(Matcher::find).forEach(m -> probed.add(Integer.parseInt(m.group(1))));
        java.util.Set<Integer> again = new TreeSet<>(probed);
        again.retainAll(first.get(InetAddress.getByName("198.18.10.10")));
        assertEquals(java.util.Set.of(), again, "probed again after --resume");
        assertTrue(probed.contains(12000) || first.get(InetAddress.getByName("198.18.10.10")).contains(12000),
                "port 12000 probed once: " + Files.readString(dir.resolve("tcpdump.log")));
        assertTrue(probed.size() >= 12000 - first.get(InetAddress.getByName("198.18.10.10")).size(),
                "every port left was probed: " + probed.size());
    }

    @Test
    void resumeRefusesForeignAndBrokenFilesAndOverwritesNothing() throws Exception {
        Path nmapXml = dir.resolve("nmap.xml");
        nmap("-sS", "-p", "22,80", "-oX", nmapXml.toString(), "198.18.10.10");
        Path mine = dir.resolve("mine.xml");
        netkit("scan", "-sS", "-p", "22,80", "-oX", mine.toString(), "198.18.10.10");
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, Files.readString(mine).substring(0, 400));
        Path json = dir.resolve("scan.ndjson");
        Files.writeString(json, run("scan", "-sS", "--json", "-p", "22", "198.18.10.10"));
        Map<Path, String> before = new java.util.HashMap<>();
        for (Path f : List.of(nmapXml, mine, broken, json)) {
            before.put(f, Files.readString(f));
        }
        record Case(List<String> args, String says) {
        }
        for (Case c : List.of(
                new Case(List.of("scan", "--resume", nmapXml.toString()), "not the -oX report of a netkit scan"),
                new Case(List.of("scan", "--resume", broken.toString()), broken + " line "),
                new Case(List.of("scan", "--resume", json.toString()), "not the -oX report of a netkit scan"),
                new Case(List.of("scan", "-sS", "-p", "443", "198.18.10.10", "--resume", mine.toString()),
                        "is the report of another scan"))) {
            LabExtension.Result r = lab.netkit("client", c.args().toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.output());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().contains(c.says()), r.stderr());
            assertEquals("", r.stdout());
        }
        for (Map.Entry<Path, String> e : before.entrySet()) {
            assertEquals(e.getValue(), Files.readString(e.getKey()), e.getKey() + " was changed");
        }
    }

    // --- TLS: -sV against openssl s_client on the same port ---

    /** What openssl says of the lab's nginx on 443: the session, the negotiated ALPN and the certificate. */
    record OpensslView(String protocol, String cipher, String alpn, String subject, String issuer, List<String> san,
                       Instant notBefore, Instant notAfter) {
    }

    static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " not in\n" + text);
        return m.group(1).strip();
    }

    OpensslView openssl() throws Exception {
        LabExtension.Result s = lab.exec("client", Duration.ofSeconds(20), "sh", "-c",
                "openssl s_client -connect 198.18.10.10:443 -servername server.netkit.test -alpn h2,http/1.1"
                        + " </dev/null 2>/dev/null");
        assertEquals(0, s.exitCode(), s.output());
        String session = s.stdout();
        Path pem = dir.resolve("server.pem");
        Files.writeString(pem, group(Pattern.compile("(-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----)",
                Pattern.DOTALL), session) + "\n");
        LabExtension.Result x = local("openssl", "x509", "-in", pem.toString(), "-noout", "-subject", "-issuer",
                "-dates", "-dateopt", "iso_8601", "-ext", "subjectAltName", "-nameopt", "RFC2253");
        assertEquals(0, x.exitCode(), x.output());
        String cert = x.stdout();
        String opensslCipher = group(Pattern.compile("Cipher\\s+: (\\S+)"), session);
        // openssl's cipher name to the IANA name the JDK uses
        LabExtension.Result std = local("openssl", "ciphers", "-stdname", opensslCipher);
        String cipher = std.stdout().lines().map(l -> l.split("\\s+-\\s+|\\s+"))
                .filter(f -> f.length > 1 && f[1].equals(opensslCipher)).map(f -> f[0]).findFirst().orElse(opensslCipher);
        List<String> san = List.of(group(Pattern.compile("Subject Alternative Name:.*\\n\\s*(.*)"), cert).split(", "));
        return new OpensslView(group(Pattern.compile("Protocol\\s+: (\\S+)"), session), cipher,
                group(Pattern.compile("ALPN protocol: (\\S+)"), session),
                group(Pattern.compile("subject=(.*)"), cert), group(Pattern.compile("issuer=(.*)"), cert), san,
                Instant.parse(group(Pattern.compile("notBefore=(.*)"), cert).replace(' ', 'T')),
                Instant.parse(group(Pattern.compile("notAfter=(.*)"), cert).replace(' ', 'T')));
    }

    /** A SAN as one spelling: IP addresses parsed (openssl writes IPv6 uncompressed and in capitals). */
    static String sameSan(String s) {
        int colon = s.indexOf(':');
        String kind = s.substring(0, colon).strip();
        String value = s.substring(colon + 1).strip();
        if (kind.equals("IP Address")) {
            try {
                return kind + ":" + InetAddress.getByName(value).getHostAddress();
            } catch (IOException e) {
                throw new AssertionError(s, e);
            }
        }
        return kind + ":" + value;
    }

    @Test
    void tlsDetailOfNginxMatchesOpensslSClient() throws Exception {
        LabExtension.Result r = lab.netkit("client", "scan", "-sS", "-sV", "--json", "-p", "443", "198.18.10.10");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Object> port = null;
        for (String line : r.stdout().lines().toList()) {
            Object o = JsonTree.parseValue(line);
            if (o instanceof Map<?, ?> m && "port".equals(m.get("type"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) m;
                port = p;
            }
        }
        assertNotNull(port, r.stdout());
        OpensslView o = openssl();
        assertEquals(o.protocol(), port.get("tls_version"));
        assertEquals(o.cipher(), port.get("tls_cipher"));
        assertTrue(((String) port.get("tls_cipher")).startsWith("TLS_"), "an IANA name: " + port);
        assertEquals(o.alpn(), port.get("tls_alpn"));
        assertEquals(o.subject(), port.get("cert_subject"));
        assertEquals(o.issuer(), port.get("cert_issuer"));
        TreeSet<String> san = new TreeSet<>();
        ((List<?>) port.get("cert_san")).forEach(s -> san.add(sameSan((String) s)));
        assertEquals(new TreeSet<>(o.san().stream().map(ScanReportsLabIT::sameSan).toList()), san);
        assertTrue(san.size() >= 4, "the lab certificate's names and addresses: " + san);
        assertEquals(o.notBefore(), Instant.parse((String) port.get("cert_not_before")));
        assertEquals(o.notAfter(), Instant.parse((String) port.get("cert_not_after")));
        // the text form says the same in nmap's lines
        LabExtension.Result t = lab.netkit("client", "scan", "-sS", "-sV", "-p", "443", "198.18.10.10");
        assertTrue(t.stdout().contains("|_tls-session: " + o.protocol() + " " + o.cipher() + "\n"), t.stdout());
        assertTrue(t.stdout().contains("|_tls-alpn: " + o.alpn() + "\n"), t.stdout());
        assertTrue(t.stdout().contains("| ssl-cert: Subject: commonName=server.netkit.test\n"), t.stdout());
    }
}
