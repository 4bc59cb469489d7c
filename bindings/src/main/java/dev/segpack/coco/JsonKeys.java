package dev.segpack.coco;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The member names (of up to 16 UTF-8 bytes, as COCO's are) a reader looks for in an object;
 * {@link JsonScanner#key} gives their position. A name is compared as two 8-byte words, its first 8
 * bytes and its last 8 (overlapping when shorter than 16; masked when shorter than 8), straight on
 * the input bytes after the opening quote, so known names need no scan of their own.
 */
public final class JsonKeys {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final int MAX_NAME_BYTES = 16;

    private final String[] names;
    private final int[] lengths;
    private final boolean[] ascii;
    private final long[] heads;
    private final long[] tails;

    public JsonKeys(String... names) {
        this.names = names.clone();
        this.lengths = new int[names.length];
        this.ascii = new boolean[names.length];
        this.heads = new long[names.length];
        this.tails = new long[names.length];
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k].getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("member name longer than " + MAX_NAME_BYTES + " bytes: " + names[k]);
            }
            lengths[k] = name.length;
            ascii[k] = name.length == names[k].length();
            heads[k] = head(Arrays.copyOf(name, Math.max(8, name.length)), 0, name.length);
            tails[k] = tail(name, 0, name.length);
        }
    }

    /**
     * Position of the name that {@code b[start …]} spells, followed by the closing quote, all before
     * {@code limit}; or −1. {@code b} may be read up to {@link JsonScanner#SLACK} bytes past {@code limit}.
     */
    int matchQuoted(byte[] b, int start, int limit) {
        for (int k = 0; k < lengths.length; k++) {
            int end = start + lengths[k];
            if (end < limit && b[end] == '"' && heads[k] == head(b, start, lengths[k]) && tails[k] == tail(b, start, lengths[k])) {
                return k;
            }
        }
        return -1;
    }

    /** The first 8 bytes of a name of {@code length} bytes at {@code start}, without the bytes after a shorter one. */
    private static long head(byte[] b, int start, int length) {
        long word = (long) LONGS.get(b, start);
        return length >= 8 ? word : word & ((1L << (8 * length)) - 1);
    }

    /** The last 8 bytes of a name of 8 bytes or more; 0 for a shorter one (its head covers it). */
    private static long tail(byte[] b, int start, int length) {
        return length >= 8 ? (long) LONGS.get(b, start + length - 8) : 0;
    }

    /** Length in bytes of name {@code k}. */
    int length(int k) {
        return lengths[k];
    }

    /** Whether name {@code k} is all ASCII. */
    boolean isAscii(int k) {
        return ascii[k];
    }

    /** Position of {@code name} (a key that was written with escapes, decoded), or −1. */
    int match(String name) {
        for (int k = 0; k < names.length; k++) {
            if (names[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }
}
