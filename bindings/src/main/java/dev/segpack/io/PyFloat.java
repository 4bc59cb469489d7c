package dev.segpack.io;

import java.math.BigDecimal;

/**
 * Doubles written as Python's {@code repr(float)} (and so {@code json.dumps}) writes them: the
 * shortest digits that read back to the same double, {@code 61.0} for whole numbers, and exponent
 * notation {@code 1e-05} / {@code 1e+16} below 1e-4 and from 1e16 on. COCO files written by Python
 * tools look like this, so segpack's output compares equal as text, not only as numbers.
 */
public final class PyFloat {

    private PyFloat() {
    }

    public static String repr(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot write " + value + " to JSON");
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            // Java prints this range in plain notation with the same shortest digits: Python's text exactly
            return Double.toString(value);
        }
        // Double.toString gives the shortest round-tripping digits (JDK 19+), as Python's repr does.
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int n = digits.length();
        int exponent = n - 1 - exact.scale();
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            int power = Math.abs(exponent);
            out.append(exponent < 0 ? "e-" : "e+").append(power < 10 ? "0" : "").append(power);
        } else if (exponent >= 0) {
            if (n <= exponent + 1) {
                out.append(digits).append("0".repeat(exponent + 1 - n)).append(".0");
            } else {
                out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, n);
            }
        } else {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        }
        return out.toString();
    }

    /** Python's {@code round(value, digits)}: correctly rounded, ties to even, on the exact binary value. */
    public static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
