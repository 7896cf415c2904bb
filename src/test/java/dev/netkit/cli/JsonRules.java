package dev.netkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docs/conventions.md's two JSON rules over many NDJSON outputs: a key that does not apply is absent (no
 * {@code null} anywhere), and a key has one JSON type everywhere: per object type (its {@code "type"}) and key
 * path ({@code hop.probes[].asn}), one of object, array, string, number, boolean across every output given.
 */
final class JsonRules {
    private static final JsonFactory JSON = new JsonFactory();

    /** "hop.probes[].asn" -> "number", with the first place each was seen. */
    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, String> firstSeen = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private int objects;

    /** Checks every line of {@code ndjson}; {@code source} names the command in violations. */
    void check(String source, String ndjson) {
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    violations.add(source + ": not an object: " + line);
                    continue;
                }
                String type = typeOf(line);
                objects++;
                walk(p, type, source, line);
            } catch (IOException e) {
                violations.add(source + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + "): " + line);
            }
        }
    }

    private static String typeOf(String line) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("type") && v == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
        }
        return "(no type)";
    }

    /** Walks the object the parser is at (its START_OBJECT read), recording each key's type under {@code path}. */
    private void walk(JsonParser p, String path, String source, String line) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = path + "." + p.currentName();
            p.nextToken();
            value(p, key, source, line);
        }
    }

    private void value(JsonParser p, String path, String source, String line) throws IOException {
        JsonToken t = p.currentToken();
        String kind = switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
        if (kind.equals("null")) {
            violations.add(source + ": null at " + path + ": " + line);
        } else {
            String before = types.putIfAbsent(path, kind);
            if (before == null) {
                firstSeen.put(path, source);
            } else if (!before.equals(kind)) {
                violations.add(source + ": " + path + " is a " + kind + ", but a " + before + " in "
                        + firstSeen.get(path) + ": " + line);
            }
        }
        if (t == JsonToken.START_OBJECT) {
            walk(p, path, source, line);
        } else if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                value(p, path + "[]", source, line);
            }
        }
    }

    List<String> violations() {
        return violations;
    }

    int objects() {
        return objects;
    }

    /** How many distinct (object type, key path) pairs were seen. */
    int keys() {
        return types.size();
    }
}
