package dev.netkit.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * NDJSON on a writer: one object per line, each opened with its {@code "type"} key (docs/conventions.md).
 * Non-ASCII and control characters are escaped, so JSON output is safe on a terminal too.
 *
 * <pre>
 * try (JsonLines json = new JsonLines(out)) {
 *     json.begin("reply").field("seq", 1).field("rtt_ms", 0.107).end();
 * }
 * </pre>
 */
public final class JsonLines implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private final Writer writer;
    private final JsonGenerator gen;

    public JsonLines(Writer writer) {
        this.writer = writer;
        try {
            this.gen = FACTORY.createGenerator(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.setRootValueSeparator(null); // end() writes the newline; a separator too would leave blank lines
    }

    /** The underlying generator, for nested objects and arrays. */
    public JsonGenerator generator() {
        return gen;
    }

    /** Starts an object whose first key is {@code "type": type}. */
    public JsonLines begin(String type) {
        try {
            gen.writeStartObject();
            gen.writeStringField("type", type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A string field; a null value leaves the key out (docs/conventions.md: never {@code null}, an absent key). */
    public JsonLines field(String name, String value) {
        if (value == null) {
            return this;
        }
        try {
            gen.writeStringField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLines field(String name, long value) {
        try {
            gen.writeNumberField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLines field(String name, double value) {
        try {
            gen.writeNumberField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLines field(String name, java.math.BigInteger value) {
        if (value == null) {
            return this;
        }
        try {
            gen.writeFieldName(name);
            gen.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLines field(String name, boolean value) {
        try {
            gen.writeBooleanField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a field only when the value is non-null (absent keys mean "not applicable"). */
    public JsonLines optional(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (value instanceof String s) {
            return field(name, s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return field(name, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            return field(name, n.doubleValue());
        } else if (value instanceof Boolean b) {
            return field(name, b);
        }
        return field(name, value.toString());
    }

    public JsonLines stringArray(String name, Iterable<String> values) {
        try {
            gen.writeArrayFieldStart(name);
            for (String v : values) {
                gen.writeString(v);
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes the fields of one object of an {@link #objectArray} through the generator. */
    @FunctionalInterface
    public interface ObjectFields<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /** An array field of objects, one per item, whose fields {@code fields} writes. */
    public <T> JsonLines objectArray(String name, Iterable<T> items, ObjectFields<? super T> fields) {
        try {
            gen.writeArrayFieldStart(name);
            for (T item : items) {
                gen.writeStartObject();
                fields.write(gen, item);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Closes the object and ends the line; the line is flushed so pipes see it at once. */
    public void end() {
        try {
            gen.writeEndObject();
            gen.flush();
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
