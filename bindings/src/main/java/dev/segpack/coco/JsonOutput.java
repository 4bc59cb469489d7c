package dev.segpack.coco;

import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.JsonText;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text written as bytes into an array that grows: what a rewriter copies from its input, and the
 * few values it writes itself, exactly as Jackson's generator writes them (compact, strings of printable
 * ASCII with only '"' and '\' escaped, any other string by Jackson itself).
 */
final class JsonOutput {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;
    /** Where the counts string being written has its backslashes. */
    private int[] slashAt = new int[16];

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
     * A compressed RLE's counts string as a JSON string, as {@link #string} writes it: its chars are
     * '0'..'o' (RleString.encode writes no others, RleString.decode accepts no others), of which only
     * '\\' is escaped. Copied as its Latin-1 bytes, then escaped in place ({@link #quoteCounts}).
     */
    void countsString(String counts) {
        byte[] chars = counts.getBytes(StandardCharsets.ISO_8859_1);
        room(2 * chars.length + 2);
        bytes[size++] = '"';
        System.arraycopy(chars, 0, bytes, size, chars.length);
        quoteCounts(size + chars.length);
    }

    /**
     * The counts string of {@code rle} as a JSON string, what {@code countsString(RleString.encode(rle))}
     * writes, encoded and escaped straight into the output (no String made).
     */
    void countsString(Rle rle) {
        long most = RleString.maxEncodedLength(rle.runs());
        room((int) Math.min(Integer.MAX_VALUE - 8, 2 * most + 2));
        bytes[size++] = '"';
        size = RleString.encodeEscapedTo(rle, bytes, size);
        bytes[size++] = '"';
    }

    /**
     * Ends the counts string written at bytes[size, end), whose room for one more byte a char is made:
     * its backslashes (one char in 64) are found eight bytes at a time, then each is doubled by moving
     * what follows it, from the last one back; then the closing quote.
     */
    private void quoteCounts(int end) {
        int slashes = 0;
        for (int i = size; i < end; i += 8) {
            if (end - i >= 8 && !hasBackslash((long) LONGS.get(bytes, i))) {
                continue;
            }
            for (int j = i; j < Math.min(end, i + 8); j++) {
                if (bytes[j] == '\\') {
                    if (slashes == slashAt.length) {
                        slashAt = Arrays.copyOf(slashAt, 2 * slashes);
                    }
                    slashAt[slashes++] = j;
                }
            }
        }
        for (int k = slashes - 1, segmentEnd = end; k >= 0; k--) {
            int p = slashAt[k];
            System.arraycopy(bytes, p, bytes, p + k + 1, segmentEnd - p);
            bytes[p + k] = '\\';
            segmentEnd = p;
        }
        size = end + slashes;
        bytes[size++] = '"';
    }

    private static boolean hasBackslash(long eightBytes) {
        long v = eightBytes ^ 0x5C5C_5C5C_5C5C_5C5CL;
        return ((v - 0x0101_0101_0101_0101L) & ~v & 0x8080_8080_8080_8080L) != 0;
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
