package dev.segpack.coco;

import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text written as bytes into an array that grows: what a rewriter copies from its input, and the
 * few values it writes itself, exactly as Jackson's generator writes them (compact, strings of printable
 * ASCII with only '"' and '\' escaped, any other string by Jackson itself).
 */
final class JsonOutput {

    private byte[] bytes;
    private int size;

    JsonOutput(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void add(char c) {
        room(1);
        bytes[size++] = (byte) c;
    }

    /** Copies {@code text}. */
    void add(byte[] text) {
        add(text, 0, text.length);
    }

    /** Copies {@code source[from, to)}. */
    void add(byte[] source, int from, int to) {
        room(to - from);
        System.arraycopy(source, from, bytes, size, to - from);
        size += to - from;
    }

    /** {@code v} in decimal, as Jackson's writeNumber(long) writes it. */
    void decimal(long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            // not on the rewriter's path (sizes, areas and boxes are ints, not negative)
            byte[] text = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            add(text, 0, text.length);
            return;
        }
        int x = (int) v;
        int digits = 1;
        for (int power = 10; digits < 10 && x >= power; power *= 10) {
            digits++;
        }
        room(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + x % 10);
            x /= 10;
        }
        size += digits;
    }

    /** {@code s} as a JSON string, as Jackson's writeString writes it. */
    void string(String s) {
        int n = s.length();
        room(2 * n + 2);
        int at = size;
        bytes[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                // control characters and beyond ASCII: Jackson's escapes and UTF-8, rare in COCO files
                byte[] rendered = JsonText.render(gen -> gen.writeString(s));
                add(rendered, 0, rendered.length);
                return;
            }
            if (c == '"' || c == '\\') {
                bytes[at++] = '\\';
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        size = at;
    }

    /**
     * The counts string of {@code rle} as a JSON string, what {@code string(RleString.encode(rle))}
     * writes, encoded and escaped straight into the output (no String made).
     */
    void countsString(Rle rle) {
        long most = RleString.maxEncodedLength(rle.runs());
        room((int) Math.min(Integer.MAX_VALUE - 8, 2 * most + 2));
        bytes[size++] = '"';
        size = RleString.encodeEscapedTo(rle, bytes, size);
        bytes[size++] = '"';
    }

    int size() {
        return size;
    }

    /** Forgets what was written from {@code length} on. */
    void truncate(int length) {
        size = length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void room(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
        }
    }
}
