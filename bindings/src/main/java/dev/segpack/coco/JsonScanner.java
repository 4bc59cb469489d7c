package dev.segpack.coco;

import dev.segpack.io.Json;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * A forward-only JSON reader over UTF-8 bytes, made to load COCO files fast. The caller walks the
 * structure it expects ({@link #enterObject}, {@link #key}, {@link #enterArray}, …) and converts the
 * values it wants straight from the bytes; everything else goes through {@link #skipValue}, one pass
 * that creates no objects yet checks the JSON grammar, so a file is refused exactly when Python's
 * json.load would refuse it (NaN and Infinity aside, which are not JSON). Input and tokens are the
 * layers below ({@link JsonInput}, {@link JsonTokens}).
 *
 * <p>Problems are {@link JsonInputException}s carrying the byte offset.
 */
public final class JsonScanner extends JsonTokens {

    static final int MAX_DEPTH = Json.MAX_NESTING;
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

    /** For {@link #skipValue}: the closing bracket of each open container (grown up to MAX_DEPTH as values nest). */
    private byte[] closers = new byte[16];
    /** The characters of the string {@link #readAsciiString} last read: in the buffer, or unescaped into asciiScratch. */
    private byte[] asciiSource;
    private int asciiStart;
    private byte[] asciiScratch = new byte[256];
    /** Of the member name {@link #key} last read: the input offset just after its closing quote, and whether it is ASCII without escapes. */
    long nameEnd;
    boolean nameIsPlain;

    /** Reads {@code in} from its current position, {@code chunk} bytes at a time. */
    JsonScanner(ReadableByteChannel in, int chunk) {
        super(in, chunk);
    }

    /** Reads {@code file} from byte {@code offset} on, {@code chunk} bytes at a time; offsets are the file's. */
    JsonScanner(FileChannel file, long offset, int chunk) {
        super(file, offset, chunk);
    }

    /** Reads {@code content}, all of which is the input. */
    public JsonScanner(byte[] content) {
        this(content, 0, content.length);
    }

    /** Reads {@code content[from, from + length)}, all of which is the input; offsets count from {@code from}. */
    JsonScanner(byte[] content, int from, int length) {
        super(content, from, length);
    }

    private JsonScanner(byte[] padded, int length) {
        super(padded, length);
    }

    /**
     * Reads {@code padded[0, length)}, all of which is the input, without copying it: {@code padded}
     * has at least {@link #SLACK} bytes more (a buffer a reader fills again and again).
     */
    static JsonScanner inPlace(byte[] padded, int length) {
        return new JsonScanner(padded, length);
    }

    // ---- structure -------------------------------------------------------------------------------

    /** Skips whitespace; the next byte (0–255), not consumed, or −1 at the end of the input. */
    public int peek() {
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

    /** Consumes '{'; false if the object is empty (its '}' consumed too), else a member follows. */
    public boolean enterObject() {
        return enter('{', '}');
    }

    /** After a member's value: consumes ',' and returns true, or consumes '}' and returns false. */
    public boolean nextMember() {
        return next('}', "a member");
    }

    /** Consumes '['; false if the list is empty (its ']' consumed too), else an element follows. */
    public boolean enterArray() {
        return enter('[', ']');
    }

    /** {@link #enterArray} on a list; any other value is skipped, and false (no element follows). */
    public boolean enterArrayOrSkip() {
        if (peek() != '[') {
            skipValue();
            return false;
        }
        return enterArray();
    }

    /** After an element: consumes ',' and returns true, or consumes ']' and returns false. */
    public boolean nextElement() {
        return next(']', "a list element");
    }

    private boolean enter(char open, char close) {
        if (peek() != open) {
            throw syntax(pos, "expected '" + open + "'");
        }
        pos++;
        if (peek() == close) {
            pos++;
            return false;
        }
        return true;
    }

    private boolean next(char close, String after) {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == close) {
            pos++;
            return false;
        }
        throw syntax(pos, "expected ',' or '" + close + "' after " + after);
    }

    /**
     * Reads a member name and its ':'; its position in {@code keys}, or −1 if it is none of them. The
     * name's bytes, quotes included, end at {@link #nameEnd}; {@link #nameIsPlain} says whether they
     * are ASCII without escapes (what a JSON writer writes for the name, so a rewriter can copy them).
     */
    public int key(JsonKeys keys) {
        expectMemberName();
        int k = keys.matchQuoted(buf, pos + 1, limit);
        if (k >= 0) {
            pos += keys.length(k) + 2;
            nameIsPlain = keys.isAscii(k);
        } else {
            // an unknown name, one with escapes, or one cut by the end of the buffer
            int end = stringEnd();
            k = stringEscaped ? keys.match(decode(pos + 1, end - 1)) : keys.matchQuoted(buf, pos + 1, limit);
            pos = end;
            nameIsPlain = !stringEscaped && !stringNonAscii;
        }
        nameEnd = base + pos;
        colon();
        return k;
    }

    /** Reads any member name and its ':'; the name, unescaped. */
    String memberName() {
        expectMemberName();
        int end = stringEnd();
        String name = decode(pos + 1, end - 1);
        pos = end;
        colon();
        return name;
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
    public void expectEnd() {
        if (peek() != -1) {
            throw syntax(pos, "expected the end of the file after the top-level value");
        }
    }

    // ---- values ----------------------------------------------------------------------------------

    /**
     * The next value when it is a number as polygons hold them, read in one pass: an optional '-',
     * digits and an optional fraction, at most 18 digits and exactly a double's quotient (no exponent,
     * one space before it at most, the input at hand); NaN, reading nothing, for anything else, which
     * {@link #readNumberOrSkip} reads, to the same value, or refuses. No JSON number is NaN.
     */
    double plainNumber() {
        byte[] b = buf;
        int i = pos;
        if (limit - i < 32) {
            return Double.NaN; // a refill may be needed: the general reader's
        }
        if (b[i] == ' ') {
            i++;
        }
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int first = b[i] - '0';
        if (first < 0 || first > 9 || first == 0 && JsonNumbers.isDigit(b[i + 1])) {
            return Double.NaN;
        }
        long significand = 0;
        int digits = 0;
        int d;
        while ((d = b[i] - '0') >= 0 && d <= 9 && digits <= 18) {
            significand = significand * 10 + d;
            digits++;
            i++;
        }
        int exponent = 0;
        if (b[i] == '.') {
            int fraction = ++i;
            while ((d = b[i] - '0') >= 0 && d <= 9 && digits <= 18) {
                significand = significand * 10 + d;
                digits++;
                i++;
            }
            exponent = fraction - i;
            if (exponent == 0) {
                return Double.NaN;
            }
        }
        if (digits > 18 || (b[i] | 0x20) == 'e' || !JsonNumbers.isExactlyComputable(significand, exponent)) {
            return Double.NaN;
        }
        pos = i;
        if (exponent == 0) {
            // an integer: as Python's float(int), so "-0" is 0.0
            return negative ? -significand : significand;
        }
        return JsonNumbers.compute(negative, significand, exponent);
    }

    /** If the next value is a number, reads it and returns true; otherwise skips the value. */
    public boolean readNumberOrSkip() {
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
        return readNumberOrSkip() && isInteger();
    }

    /** If the next value is a string, reads and returns it; otherwise skips the value and returns null. */
    public String readStringOrSkip() {
        if (peek() != '"') {
            skipValue();
            return null;
        }
        int end = stringEnd();
        String s = decode(pos + 1, end - 1);
        pos = end;
        return s;
    }

    /**
     * If the next value is a string of ASCII characters (a counts string, whose '\' JSON escapes), reads
     * it and returns its length, its characters then being what {@link #copyAsciiString} copies; else
     * returns −1 and reads nothing.
     */
    int readAsciiString() {
        if (peek() != '"') {
            return -1;
        }
        int end = stringEnd();
        if (stringNonAscii) {
            return -1;
        }
        int start = pos + 1, last = end - 1;
        if (!stringEscaped) {
            asciiSource = buf;
            asciiStart = start;
            pos = end;
            return last - start;
        }
        if (asciiScratch.length < last - start) {
            asciiScratch = new byte[2 * (last - start)];
        }
        int n = 0;
        for (int i = start; i < last; n++) {
            if (buf[i] != '\\') {
                asciiScratch[n] = buf[i++];
                continue;
            }
            char c = escapedChar(i);
            if (c >= 0x80) {
                return -1;
            }
            asciiScratch[n] = (byte) c;
            i += escapedLength(i);
        }
        asciiSource = asciiScratch;
        asciiStart = 0;
        pos = end;
        return n;
    }

    /** Copies the characters of the string {@link #readAsciiString} last read (before any other read) into {@code out} at {@code at}. */
    void copyAsciiString(byte[] out, int at, int length) {
        System.arraycopy(asciiSource, asciiStart, out, at, length);
    }

    /**
     * Skips the next value as {@link #skipValue} does; false when it is a string with escapes or
     * characters beyond ASCII, the only values whose bytes a JSON writer would write otherwise
     * (numbers and literals as they are, containers copied raw).
     */
    boolean skipValueIsPlain() {
        if (peek() != '"') {
            skipValue();
            return true;
        }
        pos = stringEnd();
        return !stringEscaped && !stringNonAscii;
    }

    /** Skips the next value, whatever it is, checking that it is valid JSON. */
    public void skipValue() {
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
        if (depth == closers.length) {
            closers = Arrays.copyOf(closers, Math.min(MAX_DEPTH, 2 * depth));
        }
        closers[depth] = (byte) closer;
    }

    private void skipMemberName() {
        expectMemberName();
        pos = stringEnd();
        colon();
    }

    private void expectMemberName() {
        if (peek() != '"') {
            throw syntax(pos, "expected a member name in double quotes");
        }
    }

    /** Consumes the ':' after a member name. */
    private void colon() {
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
}
