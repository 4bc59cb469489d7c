package dev.segpack.skeleton;

import dev.segpack.io.PyFloat;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * A pickle's content as the text Python's {@code json.dumps} gives for it (default separators,
 * {@code ensure_ascii}), with the conversions it cannot do itself: arrays as
 * {@code {"dtype", "shape", "values"}} (values flat in C order), tuples and sets as lists, numpy
 * scalars as plain numbers and bytes as {@code {"bytes": base64}}. Dict keys are written as json
 * writes them (str as is; int, float, bool and None as text); other keys are refused as json refuses them.
 */
public final class PickleJson {

    private PickleJson() {
    }

    public static void write(Object value, Appendable out) throws IOException {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case Long l -> out.append(Long.toString(l));
            case BigInteger b -> out.append(b.toString());
            case Double d -> out.append(number(d));
            case String s -> string(s, out);
            case byte[] b -> {
                out.append("{\"bytes\": ");
                string(Base64.getEncoder().encodeToString(b), out);
                out.append('}');
            }
            case NumpyScalar s -> write(s.dtype() == NpyDtype.UINT64 && s.value() instanceof Long l
                    ? new BigInteger(Long.toUnsignedString(l)) : s.value(), out);
            case NpyArray a -> array(a, out);
            case PyTuple t -> list(t.items(), out);
            case Collection<?> c -> list(c, out);
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    string(key(e.getKey()), out);
                    out.append(": ");
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not JSON");
        }
    }

    private static void list(Collection<?> items, Appendable out) throws IOException {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "" : ", ");
            first = false;
            write(item, out);
        }
        out.append(']');
    }

    private static void array(NpyArray a, Appendable out) throws IOException {
        out.append("{\"dtype\": \"").append(a.dtype().toString()).append("\", \"shape\": [");
        long[] shape = a.shape();
        for (int i = 0; i < shape.length; i++) {
            out.append(i == 0 ? "" : ", ").append(Long.toString(shape[i]));
        }
        out.append("], \"values\": [");
        boolean floats = ArrayValues.isFloat(a);
        long n = a.elementCount();
        for (long i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ", ");
            long at = ArrayValues.storageIndex(a, i);
            switch (a.dtype()) {
                case BOOL -> out.append(ArrayValues.getLong(a, at) != 0 ? "true" : "false");
                case UINT64 -> out.append(Long.toUnsignedString(ArrayValues.getLong(a, at)));
                default -> out.append(floats ? number(ArrayValues.getDouble(a, at)) : Long.toString(ArrayValues.getLong(a, at)));
            }
        }
        out.append("]}");
    }

    /** A float as json writes it: repr, or NaN / Infinity / -Infinity. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyFloat.repr(d);
    }

    private static String key(Object key) {
        return switch (key) {
            case null -> "null";
            case String s -> s;
            case Boolean b -> b ? "true" : "false";
            case Long l -> Long.toString(l);
            case BigInteger b -> b.toString();
            case Double d -> number(d);
            default -> throw new IllegalArgumentException("keys must be str, int, float, bool or None, not "
                    + (key instanceof PyTuple ? "tuple" : key.getClass().getSimpleName()) + " (as Python's json says)");
        };
    }

    /** A JSON string with Python's ensure_ascii escapes. */
    private static void string(String s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
