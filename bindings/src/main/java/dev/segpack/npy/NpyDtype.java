package dev.segpack.npy;

import java.util.Locale;
import java.util.Map;

/**
 * The numpy element types segpack reads and writes, all little-endian. {@link #descr} is what numpy
 * writes in a header ({@code dtype.str}).
 */
public enum NpyDtype {
    BOOL("|b1", 1),
    INT8("|i1", 1),
    UINT8("|u1", 1),
    INT16("<i2", 2),
    UINT16("<u2", 2),
    INT32("<i4", 4),
    UINT32("<u4", 4),
    INT64("<i8", 8),
    UINT64("<u8", 8),
    FLOAT16("<f2", 2),
    FLOAT32("<f4", 4),
    FLOAT64("<f8", 8);

    public final String descr;
    public final int itemSize;

    NpyDtype(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** Names and one-letter codes numpy accepts for these types (np.dtype('uint8'), np.dtype('B'), ...). */
    private static final Map<String, NpyDtype> ALIASES = Map.ofEntries(
            Map.entry("bool", BOOL), Map.entry("?", BOOL), Map.entry("b1", BOOL),
            Map.entry("int8", INT8), Map.entry("b", INT8), Map.entry("i1", INT8),
            Map.entry("uint8", UINT8), Map.entry("B", UINT8), Map.entry("u1", UINT8),
            Map.entry("int16", INT16), Map.entry("h", INT16), Map.entry("i2", INT16),
            Map.entry("uint16", UINT16), Map.entry("H", UINT16), Map.entry("u2", UINT16),
            Map.entry("int32", INT32), Map.entry("i", INT32), Map.entry("i4", INT32),
            Map.entry("uint32", UINT32), Map.entry("I", UINT32), Map.entry("u4", UINT32),
            Map.entry("int64", INT64), Map.entry("q", INT64), Map.entry("i8", INT64),
            Map.entry("uint64", UINT64), Map.entry("Q", UINT64), Map.entry("u8", UINT64),
            Map.entry("float16", FLOAT16), Map.entry("e", FLOAT16), Map.entry("f2", FLOAT16),
            Map.entry("float32", FLOAT32), Map.entry("f", FLOAT32), Map.entry("f4", FLOAT32),
            Map.entry("float64", FLOAT64), Map.entry("d", FLOAT64), Map.entry("f8", FLOAT64));

    /**
     * The type a header's descr names: numpy's own form ({@code '<u2'}, {@code '|u1'}) or a name numpy
     * accepts ({@code 'uint8'}, {@code 'u1'}, {@code 'B'}). Throws {@link IllegalArgumentException}
     * saying why for big-endian, structured, object, string, complex, datetime or unknown types.
     */
    public static NpyDtype fromDescr(String descr) {
        String body = descr;
        char order = descr.isEmpty() ? 0 : descr.charAt(0);
        if (order == '<' || order == '>' || order == '|' || order == '=') {
            body = descr.substring(1);
        }
        NpyDtype type = ALIASES.get(body);
        if (type == null) {
            throw new IllegalArgumentException("dtype '" + descr + "' is not supported: " + whyUnsupported(body));
        }
        if (order == '>' && type.itemSize > 1) {
            throw new IllegalArgumentException("big-endian dtype '" + descr + "' is not supported; save the array"
                    + " little-endian (arr.astype(arr.dtype.newbyteorder('<')))");
        }
        return type;
    }

    private static String whyUnsupported(String body) {
        if (body.isEmpty()) {
            return "empty";
        }
        return switch (body.charAt(0)) {
            case 'O' -> "object arrays hold pickled Python objects";
            case 'S', 'a', 'U' -> "string arrays are not numeric";
            case 'V' -> "void/structured records are not plain arrays";
            case 'c', 'F', 'D', 'G' -> "complex numbers are not supported";
            case 'M', 'm' -> "datetime/timedelta are not supported";
            case 'l', 'L' -> "C long has a platform-dependent size; use int64/uint64";
            case 'g' -> "long double has a platform-dependent size";
            default -> "segpack reads bool, int8..int64, uint8..uint64, float16/32/64";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
