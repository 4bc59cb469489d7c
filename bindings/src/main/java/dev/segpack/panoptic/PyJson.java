package dev.segpack.panoptic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as Python's json module holds them: objects as insertion-ordered maps, arrays as lists,
 * numbers as Integer/Long/BigInteger/Double, strings, booleans and null. Panoptic files are rewritten
 * field by field the way panopticapi edits its dicts, so their key order is kept. Values are parsed
 * one at a time from bytes a {@link dev.segpack.coco.CocoIndex} located (a top-level member, an
 * annotation, a category), never a whole file.
 */
final class PyJson {

    private PyJson() {
    }

    /** The value that is all of {@code json}. */
    static Object parse(byte[] json) throws IOException {
        return parseWithout(json, null);
    }

    /**
     * The value that is all of {@code json}; when it is an object, without its member
     * {@code leftOut} (whose value is skipped, not parsed).
     */
    static Object parseWithout(byte[] json, String leftOut) throws IOException {
        try (JsonParser p = Json.parser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT || leftOut == null) {
                return value(p, t);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals(leftOut)) {
                    p.skipChildren();
                } else {
                    map.put(key, value(p, v));
                }
            }
            return map;
        }
    }

    /** Writes {@code value} to {@code path} atomically (temp file renamed at the end). */
    static void write(Path path, Object value) throws IOException {
        try (AtomicOutput target = new AtomicOutput(path)) {
            try (OutputStream os = new BufferedOutputStream(target.stream(), 1 << 16);
                    JsonGenerator gen = Json.FACTORY.createGenerator(os, JsonEncoding.UTF8)) {
                write(gen, value);
            }
            target.commit();
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    map.put(key, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    private static void write(JsonGenerator gen, Object value) throws IOException {
        switch (value) {
            case null -> gen.writeNull();
            case Map<?, ?> map -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    gen.writeFieldName((String) e.getKey());
                    write(gen, e.getValue());
                }
                gen.writeEndObject();
            }
            case List<?> list -> {
                gen.writeStartArray();
                for (Object o : list) {
                    write(gen, o);
                }
                gen.writeEndArray();
            }
            case String s -> gen.writeString(s);
            case Integer i -> gen.writeNumber(i);
            case Long l -> gen.writeNumber(l);
            case BigInteger b -> gen.writeNumber(b);
            case BigDecimal b -> gen.writeNumber(b);
            case Double d -> gen.writeNumber(d);
            case Boolean b -> gen.writeBoolean(b);
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /** {@code value} as an object, or an error naming {@code what} in {@code file}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, Path file, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new PanopticFormatException(file + ": " + what + " is " + describe(value) + ", not an object");
    }

    static List<Object> list(Object value, Path file, String what) {
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> objects = (List<Object>) list;
            return objects;
        }
        throw new PanopticFormatException(file + ": " + what + " is " + describe(value) + ", not a list");
    }

    /** An integral number that fits in a long (Python accepts 3.0 where an int is meant only by accident; segpack does not). */
    static long integer(Object value, Path file, String what) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new PanopticFormatException(file + ": " + what + " is " + describe(value) + ", not an integer");
    }

    static int int32(Object value, Path file, String what) {
        long v = integer(value, file, what);
        if (v != (int) v) {
            throw new PanopticFormatException(file + ": " + what + " = " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }

    static String string(Object value, Path file, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new PanopticFormatException(file + ": " + what + " is " + describe(value) + ", not a string");
    }

    /** A field that must be present. */
    static Object field(Map<String, Object> object, String key, Path file, String what) {
        if (!object.containsKey(key)) {
            throw new PanopticFormatException(file + ": " + what + " has no \"" + key + "\"");
        }
        return object.get(key);
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> ignored -> "an object";
            case List<?> ignored -> "a list";
            case String s -> "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
            default -> value.toString();
        };
    }
}
