package dev.netkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs netkit in-process and BIND's dig as a process, and reads JSON lines back, for the DNS tests. */
final class DnsTestSupport {
    private static final JsonFactory JSON = new JsonFactory();

    record Result(int code, String out, String err) {
    }

    private DnsTestSupport() {
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
     * dig's record lines (from +noall +answer and the like) as {name, type, class, ttl, data} maps, the shape
     * of netkit's JSON sections.
     */
    static List<Map<String, Object>> digRecords(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            String[] f = line.trim().split("\\s+", 5);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f[0]);
            m.put("type", f[3]);
            m.put("class", f[2]);
            m.put("ttl", Long.parseLong(f[1]));
            m.put("data", f.length > 4 ? f[4] : "");
            out.add(m);
        }
        return out;
    }
}
