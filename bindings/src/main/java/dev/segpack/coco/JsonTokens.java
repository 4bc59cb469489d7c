package dev.segpack.coco;

import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens under {@link JsonScanner}: strings, checked (escapes, UTF-8 as strictly as Python
 * decodes it, no raw control characters) and decoded, and numbers, checked against the JSON grammar
 * and converted as they are scanned.
 */
abstract class JsonTokens extends JsonInput {

    private static final byte PLAIN = 0, QUOTE = 1, BACKSLASH = 2, CONTROL = 3, NON_ASCII = 4;
    /** What scanning a string does with each byte value. */
    private static final byte[] STRING_BYTES = new byte[256];

    static {
        Arrays.fill(STRING_BYTES, 0, 0x20, CONTROL);
        Arrays.fill(STRING_BYTES, 0x80, 0x100, NON_ASCII);
        STRING_BYTES['"'] = QUOTE;
        STRING_BYTES['\\'] = BACKSLASH;
    }

    /** Whether the string last scanned has escapes, or bytes beyond ASCII. */
    boolean stringEscaped;
    boolean stringNonAscii;
    /** The number last scanned: its bytes, whether it is an integer, and its value as ±significand × 10^exponent. */
    int numberStart;
    int numberEnd;
    private boolean numberIsInteger;
    private boolean numberNegative;
    private long numberSignificand;
    /** Significant digits (leading zeros not counted); above 18 the significand has overflowed. */
    private int numberDigits;
    private int numberExponent;

    JsonTokens(ReadableByteChannel in, int chunk) {
        super(in, chunk);
    }

    JsonTokens(FileChannel file, long offset, int chunk) {
        super(file, offset, chunk);
    }

    JsonTokens(byte[] padded, int length) {
        super(padded, length);
    }

    JsonTokens(byte[] content, int from, int length) {
        super(content, from, length);
    }

    /** End (after the closing quote) of the string at {@code pos}, reading more input as needed. */
    final int stringEnd() {
        int end;
        while ((end = stringEnd(pos)) == NEED_MORE) {
            fill();
        }
        return end;
    }

    /**
     * End of the string whose opening quote is at {@code start}, checking its escapes and UTF-8;
     * records whether it has escapes or non-ASCII characters.
     */
    private int stringEnd(int start) {
        byte[] b = buf;
        int lim = limit;
        int i = start + 1;
        boolean escaped = false;
        boolean nonAscii = false;
        for (;;) {
            while (i < lim && STRING_BYTES[b[i] & 0xff] == PLAIN) {
                i++;
            }
            if (i >= lim) {
                return needMore(i, "expected the closing '\"' of a string");
            }
            int n;
            switch (STRING_BYTES[b[i] & 0xff]) {
                case QUOTE -> {
                    stringEscaped = escaped;
                    stringNonAscii = nonAscii;
                    return i + 1;
                }
                case BACKSLASH -> {
                    escaped = true;
                    n = escapeLength(i);
                }
                case CONTROL -> throw syntax(i, "expected a string character (control characters must be escaped)");
                default -> {
                    nonAscii = true;
                    n = utf8Length(i);
                }
            }
            if (n == NEED_MORE) {
                return NEED_MORE;
            }
            i += n;
        }
    }

    /** Length of the escape sequence at {@code i} (a backslash). */
    private int escapeLength(int i) {
        if (i + 1 >= limit) {
            return needMore(i + 1, "expected an escaped character after '\\'");
        }
        switch (buf[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return 2;
            }
            case 'u' -> {
                for (int k = 2; k < 6; k++) {
                    if (i + k >= limit) {
                        return needMore(i + k, "expected 4 hex digits after '\\u'");
                    }
                    if (Character.digit(buf[i + k], 16) < 0) {
                        throw syntax(i + k, "expected 4 hex digits after '\\u'");
                    }
                }
                return 6;
            }
            default -> throw syntax(i + 1, "expected one of \" \\ / b f n r t u after '\\'");
        }
    }

    /** Length of the UTF-8 character starting at {@code i}, checked as strictly as Python decodes UTF-8. */
    private int utf8Length(int i) {
        int lead = buf[i] & 0xff;
        int n;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            secondMin = lead == 0xE0 ? 0xA0 : 0x80; // not overlong
            secondMax = lead == 0xED ? 0x9F : 0xBF; // not a surrogate
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            secondMin = lead == 0xF0 ? 0x90 : 0x80; // not overlong
            secondMax = lead == 0xF4 ? 0x8F : 0xBF; // not above U+10FFFF
        } else {
            throw syntax(i, "expected UTF-8 text");
        }
        for (int k = 1; k < n; k++) {
            if (i + k >= limit) {
                return needMore(i + k, "expected the rest of a UTF-8 character");
            }
            int c = buf[i + k] & 0xff;
            if (c < (k == 1 ? secondMin : 0x80) || c > (k == 1 ? secondMax : 0xBF)) {
                throw syntax(i + k, "expected the rest of a UTF-8 character");
            }
        }
        return n;
    }

    /** The string {@code buf[start, end)} last scanned by {@link #stringEnd(int)}, unescaped. */
    final String decode(int start, int end) {
        if (!stringEscaped) {
            return new String(buf, start, end - start,
                    stringNonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(end - start);
        int run = start;
        int i = start;
        while (i < end) {
            if (buf[i] != '\\') {
                i++;
                continue;
            }
            out.append(new String(buf, run, i - run, StandardCharsets.UTF_8));
            // one UTF-16 unit per escape: a surrogate pair written as two escapes joins up in the String
            out.append(escapedChar(i));
            i += escapedLength(i);
            run = i;
        }
        out.append(new String(buf, run, end - run, StandardCharsets.UTF_8));
        return out.toString();
    }

    /** The char the escape at {@code buf[i]} (a backslash, checked by {@link #stringEnd(int)}) stands for. */
    final char escapedChar(int i) {
        byte e = buf[i + 1];
        if (e == 'u') {
            int unit = 0;
            for (int k = 2; k < 6; k++) {
                unit = unit << 4 | Character.digit(buf[i + k], 16);
            }
            return (char) unit;
        }
        return switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) e;
        };
    }

    /** The length of the escape at {@code buf[i]} (a backslash, checked by {@link #stringEnd(int)}). */
    final int escapedLength(int i) {
        return buf[i + 1] == 'u' ? 6 : 2;
    }

    /**
     * End of the number starting at {@code start} (a '-' or a digit), checked against the JSON grammar
     * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, and its value recorded as a decimal
     * significand and exponent on the way.
     */
    final int scanNumber(int start) {
        byte[] b = buf;
        int lim = limit;
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long significand = 0;
        int digits = 0;
        if (i < lim && b[i] == '0') {
            i++;
        } else if (i < lim && b[i] >= '1' && b[i] <= '9') {
            do {
                significand = significand * 10 + (b[i++] - '0');
                digits++;
            } while (i < lim && JsonNumbers.isDigit(b[i]));
        } else {
            return needMore(i, "expected a digit");
        }
        boolean integer = true;
        int exponent = 0;
        if (i < lim && b[i] == '.') {
            i++;
            if (i >= lim || !JsonNumbers.isDigit(b[i])) {
                return needMore(i, "expected a digit after '.'");
            }
            do {
                int d = b[i++] - '0';
                if (digits > 0 || d != 0) {
                    significand = significand * 10 + d;
                    digits++;
                }
                exponent--;
            } while (i < lim && JsonNumbers.isDigit(b[i]));
            integer = false;
        }
        if (i < lim && (b[i] | 0x20) == 'e') {
            i++;
            boolean negativeExponent = i < lim && b[i] == '-';
            if (i < lim && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (i >= lim || !JsonNumbers.isDigit(b[i])) {
                return needMore(i, "expected a digit in the exponent");
            }
            int e = 0;
            do {
                // beyond 10^5 the value is 0 or infinite either way, and left to the exact parser
                e = Math.min(e * 10 + (b[i++] - '0'), 100_000);
            } while (i < lim && JsonNumbers.isDigit(b[i]));
            exponent += negativeExponent ? -e : e;
            integer = false;
        }
        if (i >= lim && !eof) {
            return NEED_MORE;
        }
        numberIsInteger = integer;
        numberNegative = negative;
        numberSignificand = significand;
        numberDigits = digits;
        numberExponent = exponent;
        return i;
    }

    /** Whether the number last read is an integer (no fraction or exponent). */
    public final boolean isInteger() {
        return numberIsInteger;
    }

    /** The integer last read. */
    public final long longValue() {
        if (numberDigits <= 18) {
            return numberNegative ? -numberSignificand : numberSignificand;
        }
        try {
            return JsonNumbers.parseLong(buf, numberStart, numberEnd);
        } catch (NumberFormatException e) {
            throw outOfRange("does not fit a 64-bit integer");
        }
    }

    /** The integer last read, which must fit an int. */
    final int intValue() {
        long v = longValue();
        if (v != (int) v) {
            throw outOfRange("does not fit a 32-bit integer");
        }
        return (int) v;
    }

    /** The number last read, as Python's float() gives it. */
    public final double doubleValue() {
        if (numberDigits <= 18) {
            if (numberIsInteger) {
                // as Python's float(int): "-0" is the integer 0, so 0.0
                return numberNegative ? -numberSignificand : numberSignificand;
            }
            if (numberSignificand == 0) {
                return numberNegative ? -0.0 : 0.0;
            }
            if (JsonNumbers.isExactlyComputable(numberSignificand, numberExponent)) {
                return JsonNumbers.compute(numberNegative, numberSignificand, numberExponent);
            }
        }
        return JsonNumbers.parseDouble(buf, numberStart, numberEnd);
    }

    private JsonInputException outOfRange(String what) {
        String text = new String(buf, numberStart, Math.min(numberEnd - numberStart, 40), StandardCharsets.ISO_8859_1);
        return new JsonInputException(false, base + numberStart, "the number " + text
                + (numberEnd - numberStart > 40 ? "…" : "") + " " + what);
    }
}
