package dev.segpack.coco;

import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.charset.StandardCharsets;

/**
 * Values of JSON number tokens (already checked against the JSON grammar by {@link JsonScanner}),
 * exactly as Python's int() and float() give them.
 */
final class JsonNumbers {

    /** 2^53: every integer up to it is exactly a double. */
    private static final long EXACT_DOUBLE_INTEGERS = 1L << 53;
    /** 10^0 … 10^22, all exactly representable as doubles. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    private JsonNumbers() {
    }

    /**
     * Whether {@code significand × 10^exponent} is the product or quotient of two exactly
     * representable doubles, so that one IEEE operation gives it correctly rounded (Clinger's fast path).
     */
    static boolean isExactlyComputable(long significand, int exponent) {
        return significand <= EXACT_DOUBLE_INTEGERS && exponent >= -22 && exponent <= 22;
    }

    /** {@code ±significand × 10^exponent}, for values {@link #isExactlyComputable}. */
    static double compute(boolean negative, long significand, int exponent) {
        double v = exponent < 0 ? significand / POWERS_OF_TEN[-exponent] : significand * POWERS_OF_TEN[exponent];
        return negative ? -v : v;
    }

    /**
     * The number token {@code b[start, end)} correctly rounded, by Jackson's FastDoubleParser
     * (Eisel–Lemire with an exact fallback). COCO areas often have 17 significant digits, which
     * {@link Double#parseDouble} handles with big-integer arithmetic, several times slower.
     */
    static double parseDouble(byte[] b, int start, int end) {
        char[] chars = new char[end - start];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) b[start + i];
        }
        return NumberInput.parseDouble(chars, 0, chars.length, true);
    }

    /** The integer token {@code b[start, end)}; NumberFormatException if it does not fit a long. */
    static long parseLong(byte[] b, int start, int end) {
        return Long.parseLong(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
