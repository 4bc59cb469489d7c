package dev.segpack.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An annotation's attributes, in insertion order: names to JSON-able values ({@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@code null}, or {@link RawJson} for nested values,
 * kept as their JSON text). Immutable.
 *
 * <p>Two names mean something to the COCO exporter, as in datumaro: {@value #IS_CROWD} (a Boolean,
 * set by the COCO importer from {@code iscrowd}) and {@value #SCORE} (a number).
 */
public final class Attributes {

    public static final String IS_CROWD = "is_crowd";
    public static final String SCORE = "score";
    public static final Attributes EMPTY = new Attributes(Map.of());

    /** A nested JSON value (array or object) carried as its text. */
    public record RawJson(String text) {
        public RawJson {
            Objects.requireNonNull(text, "text");
        }
    }

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    /** Attributes holding {@code values} (copied, order kept); every value must be of a supported type. */
    public static Attributes of(Map<String, ?> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"), check(k, v)));
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** An unmodifiable view, in order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private static Object check(String name, Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
                || v instanceof RawJson) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        throw new IllegalArgumentException("attribute '" + name + "' has a value of type " + v.getClass().getName()
                + "; expected String, Long, Double, Boolean, null or Attributes.RawJson");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
