package dev.netkit.lab.course;

import java.util.List;
import java.util.Map;

/** One object of a netkit {@code --json} output (one NDJSON line), with typed reads of its members. */
public record JsonLine(Map<String, Object> members) {
    /** The object's {@code "type"} ("packet", "reply", "summary", ...), or "" when it has none. */
    public String type() {
        return text("type");
    }

    /** A member as text ("" when absent); numbers and booleans as they print. */
    public String text(String key) {
        Object v = members.get(key);
        return v == null ? "" : v.toString();
    }

    /** A numeric member, or {@code missing} when absent or not a number. */
    public long number(String key, long missing) {
        return members.get(key) instanceof Number n ? n.longValue() : missing;
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(members.get(key));
    }

    /** A nested object; an empty one when absent. */
    @SuppressWarnings("unchecked")
    public JsonLine object(String key) {
        return new JsonLine(members.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    /** A member that is an array of objects; empty when absent. */
    @SuppressWarnings("unchecked")
    public List<JsonLine> objects(String key) {
        if (!(members.get(key) instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(o -> o instanceof Map<?, ?>).map(o -> new JsonLine((Map<String, Object>) o))
                .toList();
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }
}
