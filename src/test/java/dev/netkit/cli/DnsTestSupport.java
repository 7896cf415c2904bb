package dev.netkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs netkit in-process and BIND's dig as a process, and reads JSON lines back, for the DNS tests. */
final class DnsTestSupport {
    private static final JsonFactory JSON = new JsonFactory();

    record Result(int code, String out, String err) {
    }

    private DnsTestSupport() {
    }

    /**
     * Writes a dig -f batch of 40 lookups of the lab zone (AAAA and reverse lookups alternating, a comment first)
     * and returns the answers +short gives, in order.
     */
    static List<String> writeBatch(Path file) throws IOException {
        StringBuilder b = new StringBuilder("# comment\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean v6 = i % 2 == 0;
            b.append(v6 ? "server.netkit.test AAAA\n" : "-x 198.18.1." + (i % 3 == 0 ? "1" : "10") + "\n");
            expected.add(v6 ? "2001:db8:10::10" : (i % 3 == 0 ? "r1.netkit.test." : "client.netkit.test."));
        }
        java.nio.file.Files.writeString(file, b);
        return expected;
    }

    static Result netkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Netkit.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result netkitWithInput(String input, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes()));
        try {
            return netkit(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** BIND's dig from dnsutils, with a 30 s limit. */
    static Result bindDig(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dig"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("dig did not finish: " + cmd);
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One JSON object (one NDJSON line) as nested maps and lists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            return (Map<String, Object>) value(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> parseLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(DnsTestSupport::parseObject).toList();
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * dig's record lines (from +noall +answer and the like) as RFC 8427 records' presentation members
     * {NAME, TYPEname, CLASSname, TTL, rdata<TYPE>}: what {@link #presented} keeps of netkit's JSON sections.
     */
    static List<Map<String, Object>> digRecords(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            String[] f = line.trim().split("\\s+", 5);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("NAME", f[0]);
            m.put("TYPEname", f[3]);
            m.put("CLASSname", f[2]);
            m.put("TTL", Long.parseLong(f[1]));
            m.put("rdata" + f[3], f.length > 4 ? f[4] : "");
            out.add(m);
        }
        return out;
    }

    /**
     * The presentation members of the records of one of netkit's JSON sections ({@code answerRRs}, ...), as
     * {@link #digRecords} reads dig's text, without the OPT and TSIG pseudo-records (dig prints those as
     * pseudosections). On the way, each record's numbers must agree with its names and its RDATAHEX must be the
     * RDATA its rdata<TYPE> member presents.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> presented(Object section) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) section) {
            String type = (String) r.get("TYPEname");
            if (type.equals("OPT") || type.equals("TSIG")) {
                continue;
            }
            int t = org.xbill.DNS.Type.value(type);
            assertEquals((long) t, r.get("TYPE"), r.toString());
            assertEquals((long) org.xbill.DNS.DClass.value((String) r.get("CLASSname")), r.get("CLASS"), r.toString());
            byte[] rdata = java.util.HexFormat.of().parseHex((String) r.get("RDATAHEX"));
            assertEquals((long) rdata.length, r.get("RDLENGTH"), r.toString());
            try {
                org.xbill.DNS.Record decoded = org.xbill.DNS.Record.newRecord(
                        org.xbill.DNS.Name.fromString((String) r.get("NAME")), t, ((Long) r.get("CLASS")).intValue(),
                        (Long) r.get("TTL"), rdata.length, rdata);
                assertEquals(dev.netkit.dns.RecordText.data(decoded), r.get("rdata" + type), r.toString());
            } catch (IOException e) {
                throw new AssertionError(r.toString(), e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : List.of("NAME", "TYPEname", "CLASSname", "TTL", "rdata" + type)) {
                m.put(k, r.get(k));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * dig's +unknownformat record lines ({@code name ttl class type \# LENGTH HEX}) as [RDLENGTH, RDATAHEX] pairs,
     * the hex in upper case without the spaces dig puts between its groups.
     */
    static List<List<Object>> digRdata(String text) {
        List<List<Object>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            String[] f = line.trim().split("\\s+", 7);
            assertEquals("\\#", f[4], line);
            out.add(List.of(Long.parseLong(f[5]), f.length > 6 ? f[6].replace(" ", "").toUpperCase() : ""));
        }
        return out;
    }

    /** [RDLENGTH, RDATAHEX] of each record of one of netkit's JSON sections, without OPT and TSIG (as dig). */
    @SuppressWarnings("unchecked")
    static List<List<Object>> rdata(Object section) {
        return ((List<Map<String, Object>>) section).stream()
                .filter(r -> !r.get("TYPEname").equals("OPT") && !r.get("TYPEname").equals("TSIG"))
                .map(r -> List.of(r.get("RDLENGTH"), r.get("RDATAHEX"))).toList();
    }

    /**
     * dig's header lines (+comments) as {opcode, status, flags, counts}: {@code ;; ->>HEADER<<- opcode: QUERY,
     * status: NOERROR, id: N} and {@code ;; flags: qr aa; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1}.
     */
    static Map<String, Object> digHeader(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(";; ->>HEADER<<- ")) {
                String[] f = line.substring(16).split(", ");
                m.put("opcode", f[0].substring("opcode: ".length()));
                m.put("status", f[1].substring("status: ".length()));
            } else if (line.startsWith(";; flags:")) {
                String[] halves = line.substring(";; flags:".length()).split(";", 2);
                m.put("flags", halves[0].isBlank() ? List.of() : List.of(halves[0].trim().split("\\s+")));
                m.put("counts", java.util.Arrays.stream(halves[1].split(","))
                        .map(c -> Long.parseLong(c.substring(c.indexOf(':') + 1).trim())).toList());
            }
        }
        return m;
    }

    /** The same of a JSON response: Opcode's name, rcode_name, the true flags of QR..CD in dig's case, the counts. */
    static Map<String, Object> header(Map<String, Object> json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("opcode", org.xbill.DNS.Opcode.string(((Long) json.get("Opcode")).intValue()));
        m.put("status", json.get("rcode_name"));
        m.put("flags", List.of("QR", "AA", "TC", "RD", "RA", "AD", "CD").stream()
                .filter(f -> json.get(f).equals(true)).map(f -> f.toLowerCase(java.util.Locale.ROOT)).toList());
        m.put("counts", List.of(json.get("QDCOUNT"), json.get("ANCOUNT"), json.get("NSCOUNT"), json.get("ARCOUNT")));
        return m;
    }

    /** The first question's name, type and class of a JSON response, as RFC 8427's QNAME, QTYPEname, QCLASSname. */
    static List<Object> question(Map<String, Object> json) {
        return java.util.Arrays.asList(json.get("QNAME"), json.get("QTYPEname"), json.get("QCLASSname"));
    }
}
