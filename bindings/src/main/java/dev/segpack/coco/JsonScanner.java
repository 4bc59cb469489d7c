package dev.segpack.coco;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only JSON reader over UTF-8 bytes, made to load COCO files fast. The caller walks the
 * structure it expects ({@link #enterObject}, {@link #key}, {@link #enterArray}, …) and converts the
 * values it wants straight from the bytes; everything else goes through {@link #skipValue}, one pass
 * that creates no objects yet checks the JSON grammar, so a file is refused exactly when Python's
 * json.load would refuse it (NaN and Infinity aside, which are not JSON). Input is read in chunks into
 * one array, reused, so memory does not grow with the file; a token cut by the chunk's end is scanned
 * again once the array holds all of it.
 *
 * <p>Problems are {@link JsonInputException}s carrying the byte offset.
 */
final class JsonScanner {

    /** As Jackson's default and about Python's recursion limit. */
    static final int MAX_DEPTH = 1000;
    /**
     * Bytes kept after the buffer's capacity, never read into: an 8-byte word may be loaded at any
     * position before {@code limit} (see {@link JsonKeys#match}).
     */
    static final int SLACK = 16;
    /** What a token scan returns when the token runs past the bytes read so far. */
    private static final int NEED_MORE = -1;

    private static final byte PLAIN = 0, QUOTE = 1, BACKSLASH = 2, CONTROL = 3, NON_ASCII = 4;
    /** What scanning a string does with each byte value. */
    private static final byte[] STRING_BYTES = new byte[256];

    static {
        Arrays.fill(STRING_BYTES, 0, 0x20, CONTROL);
        Arrays.fill(STRING_BYTES, 0x80, 0x100, NON_ASCII);
        STRING_BYTES['"'] = QUOTE;
        STRING_BYTES['\\'] = BACKSLASH;
    }

    private static final byte CONTENT = 0, OPEN = 1, CLOSE = 2, STRING = 3, NOT_JSON = 4;
    /**
     * What {@link #skipDeferredValue} does with each byte value: bytes of numbers, literals, separators
     * and whitespace are passed over; anything else cannot appear in JSON outside a string.
     */
    private static final byte[] STRUCTURE_BYTES = new byte[256];

    static {
        Arrays.fill(STRUCTURE_BYTES, NOT_JSON);
        for (char c : "0123456789+-.eE,: \t\n\rtruefalsenull".toCharArray()) {
            STRUCTURE_BYTES[c] = CONTENT;
        }
        STRUCTURE_BYTES['['] = STRUCTURE_BYTES['{'] = OPEN;
        STRUCTURE_BYTES[']'] = STRUCTURE_BYTES['}'] = CLOSE;
        STRUCTURE_BYTES['"'] = STRING;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /** Read from its current position, or (when null) {@link #file} at {@code base + limit}. */
    private final ReadableByteChannel in;
    private final FileChannel file;
    private byte[] buf;
    /** Next byte to read; nothing before it is needed any more. */
    private int pos;
    private int limit;
    /** Input offset of {@code buf[0]}. */
    private long base;
    private boolean eof;
    /** For {@link #skipValue}: the closing bracket of each open container. */
    private final byte[] closers = new byte[MAX_DEPTH];

    private boolean stringEscaped;
    private boolean stringNonAscii;
    /** The number last scanned: its bytes, whether it is an integer, and its value as ±significand × 10^exponent. */
    private int numberStart;
    private int numberEnd;
    private boolean numberIsInteger;
    private boolean numberNegative;
    private long numberSignificand;
    /** Significant digits (leading zeros not counted); above 18 the significand has overflowed. */
    private int numberDigits;
    private int numberExponent;

    /** Reads {@code in} from its current position, {@code chunk} bytes at a time. */
    JsonScanner(ReadableByteChannel in, int chunk) {
        this.in = in;
        this.file = null;
        this.buf = new byte[Math.max(1, chunk) + SLACK];
    }

    /**
     * Reads {@code file} from byte {@code offset} on, {@code chunk} bytes at a time, by positional
     * reads (so several scanners can read one channel from different threads); offsets are the file's.
     */
    JsonScanner(FileChannel file, long offset, int chunk) {
        this.in = null;
        this.file = file;
        this.base = offset;
        this.buf = new byte[Math.max(1, chunk) + SLACK];
    }

    /** Reads {@code content}, all of which is the input. */
    JsonScanner(byte[] content) {
        this.in = null;
        this.file = null;
        this.buf = Arrays.copyOf(content, content.length + SLACK);
        this.limit = content.length;
        this.eof = true;
    }

    // ---- structure -------------------------------------------------------------------------------

    /** Skips whitespace; the next byte (0–255), not consumed, or −1 at the end of the input. */
    int peek() {
        // compact JSON has no whitespace between tokens: keep the part the JIT inlines everywhere tiny
        if (pos < limit && buf[pos] > ' ') {
            return buf[pos];
        }
        return skipWhitespace();
    }

    private int skipWhitespace() {
        for (;;) {
            byte[] b = buf;
            int i = pos;
            int lim = limit;
            while (i < lim) {
                int c = b[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    pos = i;
                    return c & 0xff;
                }
                i++;
            }
            pos = i;
            if (!fill()) {
                return -1;
            }
        }
    }

    /** Input offset of the next value (after whitespace). */
    long valueOffset() {
        peek();
        return base + pos;
    }

    /** Input offset just after the last byte consumed. */
    long offset() {
        return base + pos;
    }

    /** Consumes '{'; false if the object is empty (its '}' consumed too), else a member follows. */
    boolean enterObject() {
        if (peek() != '{') {
            throw syntax(pos, "expected '{'");
        }
        pos++;
        if (peek() == '}') {
            pos++;
            return false;
        }
        return true;
    }

    /** After a member's value: consumes ',' and returns true, or consumes '}' and returns false. */
    boolean nextMember() {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == '}') {
            pos++;
            return false;
        }
        throw syntax(pos, "expected ',' or '}' after a member");
    }

    /** Consumes '['; false if the list is empty (its ']' consumed too), else an element follows. */
    boolean enterArray() {
        if (peek() != '[') {
            throw syntax(pos, "expected '['");
        }
        pos++;
        if (peek() == ']') {
            pos++;
            return false;
        }
        return true;
    }

    /** After an element: consumes ',' and returns true, or consumes ']' and returns false. */
    boolean nextElement() {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == ']') {
            pos++;
            return false;
        }
        throw syntax(pos, "expected ',' or ']' after a list element");
    }

    /** Reads a member name and its ':'; its position in {@code keys}, or −1 if it is none of them. */
    int key(JsonKeys keys) {
        if (peek() != '"') {
            throw syntax(pos, "expected a member name in double quotes");
        }
        int k = keys.matchQuoted(buf, pos + 1, limit);
        if (k >= 0) {
            pos += keys.length(k) + 2;
        } else {
            // an unknown name, one with escapes, or one cut by the end of the buffer
            int end = stringEnd();
            k = stringEscaped ? keys.match(decode(pos + 1, end - 1)) : keys.matchQuoted(buf, pos + 1, limit);
            pos = end;
        }
        if (peek() != ':') {
            throw syntax(pos, "expected ':' after a member name");
        }
        pos++;
        return k;
    }

    /** What the next value is, for messages: "an object", "a list", "a string", "a number", …. */
    String valueKind() {
        int c = peek();
        return switch (c) {
            case '{' -> "an object";
            case '[' -> "a list";
            case '"' -> "a string";
            case 't', 'f' -> "a boolean";
            case 'n' -> "null";
            default -> {
                if (c == '-' || JsonNumbers.isDigit(c)) {
                    yield "a number";
                }
                throw syntax(pos, "expected a value");
            }
        };
    }

    /** Checks that only whitespace is left. */
    void expectEnd() {
        if (peek() != -1) {
            throw syntax(pos, "expected the end of the file after the top-level value");
        }
    }

    // ---- values ----------------------------------------------------------------------------------

    /** If the next value is a number, reads it and returns true; otherwise skips the value. */
    boolean readNumberOrSkip() {
        int c = peek();
        if (c == '-' || JsonNumbers.isDigit(c)) {
            int end;
            while ((end = scanNumber(pos)) == NEED_MORE) {
                fill();
            }
            numberStart = pos;
            numberEnd = end;
            pos = end;
            return true;
        }
        skipValue();
        return false;
    }

    /** If the next value is an integer (a number without fraction or exponent), reads it and returns true; otherwise skips it. */
    boolean readIntegerOrSkip() {
        return readNumberOrSkip() && numberIsInteger;
    }

    /** Whether the number last read is an integer (no fraction or exponent). */
    boolean isInteger() {
        return numberIsInteger;
    }

    /** The integer last read. */
    long longValue() {
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
    int intValue() {
        long v = longValue();
        if (v != (int) v) {
            throw outOfRange("does not fit a 32-bit integer");
        }
        return (int) v;
    }

    /** The number last read, as Python's float() gives it. */
    double doubleValue() {
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

    /** If the next value is a string, reads and returns it; otherwise skips the value and returns null. */
    String readStringOrSkip() {
        if (peek() != '"') {
            skipValue();
            return null;
        }
        int end = stringEnd();
        String s = decode(pos + 1, end - 1);
        pos = end;
        return s;
    }

    /** Skips the next value, whatever it is, checking that it is valid JSON. */
    void skipValue() {
        int depth = 0;
        int c = peek();
        for (;;) {
            switch (c) {
                case '{' -> {
                    open(depth, '}', pos);
                    pos++;
                    if (peek() != '}') {
                        depth++;
                        skipMemberName();
                        c = peek();
                        continue;
                    }
                    pos++;
                }
                case '[' -> {
                    open(depth, ']', pos);
                    pos++;
                    c = peek();
                    if (c != ']') {
                        depth++;
                        continue;
                    }
                    pos++;
                }
                case '"' -> pos = stringEnd();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c != '-' && !JsonNumbers.isDigit(c)) {
                        throw syntax(pos, "expected a value");
                    }
                    int end;
                    while ((end = scanNumber(pos)) == NEED_MORE) {
                        fill();
                    }
                    pos = end;
                }
            }
            // after a value: close containers until one goes on with ','
            for (;;) {
                if (depth == 0) {
                    return;
                }
                c = peek();
                byte closer = closers[depth - 1];
                if (c == ',') {
                    pos++;
                    if (closer == '}') {
                        skipMemberName();
                    }
                    c = peek();
                    break;
                }
                if (c != closer) {
                    throw syntax(pos, "expected ',' or '" + (char) closer + "'");
                }
                pos++;
                depth--;
            }
        }
    }

    /**
     * Skips the next value, which will be parsed (and so checked in full) later, from its bytes: a
     * list or object is checked here only for matched brackets, well-formed strings and bytes that can
     * appear in JSON, in one tight loop over the bytes (segmentations are most of a COCO file).
     */
    void skipDeferredValue() {
        int c = peek();
        if (c != '[' && c != '{') {
            skipValue();
            return;
        }
        int depth = 0;
        for (;;) {
            byte[] b = buf;
            int i = pos;
            int lim = limit;
            while (i < lim) {
                if (lim - i >= 8 && isNumberText((long) LONGS.get(b, i))) {
                    i += 8;
                    continue;
                }
                int k = STRUCTURE_BYTES[b[i] & 0xff];
                if (k == CONTENT) {
                    i++;
                    continue;
                }
                if (k == OPEN) {
                    open(depth++, b[i] == '[' ? ']' : '}', i);
                    i++;
                } else if (k == CLOSE) {
                    if (depth == 0 || closers[depth - 1] != b[i]) {
                        throw syntax(i, depth == 0 ? "expected a value" : "expected '" + (char) closers[depth - 1] + "'");
                    }
                    i++;
                    if (--depth == 0) {
                        pos = i;
                        return;
                    }
                } else if (k == STRING) {
                    pos = i;
                    pos = stringEnd();
                    break; // the buffer may have moved: reload it
                } else {
                    throw syntax(i, "expected JSON");
                }
            }
            if (i >= lim) {
                pos = i;
                if (!fill()) {
                    throw syntax(pos, "expected '" + (char) closers[depth - 1] + "'");
                }
            }
        }
    }

    /**
     * Whether all 8 bytes of {@code w} are in ',' … '9' but '/': digits, ',', '-', '.', which is nearly
     * all of a polygon's bytes. Each test is exact for the word as a whole (SWAR: a borrow or carry
     * only spreads from a byte that already fails).
     */
    private static boolean isNumberText(long w) {
        long below = (w - ',' * ONES) & ~w;
        long above = (w + (127 - '9') * ONES) | w;
        long v = w ^ ('/' * ONES);
        long slash = (v - ONES) & ~v;
        return ((below | above | slash) & HIGHS) == 0;
    }

    /** Records the closer of a container opened at {@code buf[at]}, {@code depth} containers deep. */
    private void open(int depth, char closer, int at) {
        if (depth == MAX_DEPTH) {
            throw syntax(at, "values nested more than " + MAX_DEPTH + " deep");
        }
        closers[depth] = (byte) closer;
    }

    private void skipMemberName() {
        if (peek() != '"') {
            throw syntax(pos, "expected a member name in double quotes");
        }
        pos = stringEnd();
        if (peek() != ':') {
            throw syntax(pos, "expected ':' after a member name");
        }
        pos++;
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (pos + k >= limit && !fill() || buf[pos + k] != word.charAt(k)) {
                throw syntax(pos + k, "expected '" + word + "'");
            }
        }
        pos += word.length();
    }

    // ---- tokens ----------------------------------------------------------------------------------

    /** End (after the closing quote) of the string at {@code pos}, reading more input as needed. */
    private int stringEnd() {
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
    private String decode(int start, int end) {
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
            byte e = buf[i + 1];
            if (e == 'u') {
                int unit = 0;
                for (int k = 2; k < 6; k++) {
                    unit = unit << 4 | Character.digit(buf[i + k], 16);
                }
                // one UTF-16 unit per escape: a surrogate pair written as two escapes joins up in the String
                out.append((char) unit);
                i += 6;
            } else {
                out.append(switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> (char) e;
                });
                i += 2;
            }
            run = i;
        }
        out.append(new String(buf, run, end - run, StandardCharsets.UTF_8));
        return out.toString();
    }

    /**
     * End of the number starting at {@code start} (a '-' or a digit), checked against the JSON grammar
     * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, and its value recorded as a decimal
     * significand and exponent on the way.
     */
    private int scanNumber(int start) {
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

    /** At {@code i}, where a token needs more: NEED_MORE if the input goes on past the buffer, else the error. */
    private int needMore(int i, String expected) {
        if (i >= limit && !eof) {
            return NEED_MORE;
        }
        throw syntax(i, expected);
    }

    // ---- input -----------------------------------------------------------------------------------

    /**
     * Moves the bytes from {@code pos} on to the front of the buffer (doubling it when they fill it)
     * and reads more after them; false at the end of the input.
     */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == capacity()) {
            buf = Arrays.copyOf(buf, 2 * capacity() + SLACK);
        }
        try {
            int n;
            do {
                ByteBuffer into = ByteBuffer.wrap(buf, limit, capacity() - limit);
                n = in != null ? in.read(into) : file.read(into, base + limit);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading at byte " + (base + limit) + ": " + e.getMessage(), e);
        }
    }

    private int capacity() {
        return buf.length - SLACK;
    }

    /**
     * Makes sure the next {@code bytes} bytes (at most half the buffer) are in the buffer, unless the
     * input ends first. Readers call it before each item of a table, so that the tokens of ordinary
     * items never run into the end of the buffer: the code for that case then stays cold, and the JIT
     * does not compile the hot loops without it only to throw them away when the first chunk ends.
     */
    void readAhead(int bytes) {
        int want = Math.min(bytes, capacity() / 2);
        while (limit - pos < want && fill()) {
            // fill reads what the channel gives; loop until enough
        }
    }

    private JsonInputException syntax(int at, String expected) {
        return new JsonInputException(true, base + at, expected + ", found " + describeByte(at));
    }

    private String describeByte(int at) {
        if (at >= limit) {
            return "the end of the file";
        }
        int c = buf[at] & 0xff;
        return c > ' ' && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }
}
