package dev.segpack.io;

import java.util.Locale;

/**
 * A duration in words for summary lines: "1.38 s", what {@code String.format(Locale.ROOT, "%.2f s", x)}
 * writes, whatever the default locale. Not String.format itself, nor BigDecimal: the first use of
 * either costs 10-13 ms (the locale's number symbols; BigDecimal's and BigInteger's tables) at the end
 * of every run that prints a summary.
 */
public final class Seconds {

    private Seconds() {
    }

    /** {@code seconds} rounded to hundredths as Formatter rounds: its shortest decimal, half up; then " s". */
    public static String of(double seconds) {
        if (!(seconds >= 1e-3 && seconds < 1e7)) {
            // where Double.toString writes E notation (and NaN): not a run's duration, but still %.2f's text
            return seconds >= 0 && seconds < 1e-3 ? "0.00 s" : String.format(Locale.ROOT, "%.2f s", seconds);
        }
        String digits = Double.toString(seconds);
        int point = digits.indexOf('.');
        long whole = Long.parseLong(digits, 0, point, 10);
        String fraction = digits.substring(point + 1) + "00";
        int hundredths = 10 * (fraction.charAt(0) - '0') + fraction.charAt(1) - '0';
        if (fraction.length() > 2 && fraction.charAt(2) >= '5') {
            hundredths++;
        }
        if (hundredths == 100) {
            whole++;
            hundredths = 0;
        }
        return whole + (hundredths < 10 ? ".0" : ".") + hundredths + " s";
    }
}
