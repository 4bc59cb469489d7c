package dev.segpack.coco;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The member names a reader looks for in an object; {@link JsonScanner#key} gives their position.
 * Names of up to 16 bytes (all of COCO's) are compared as two 8-byte words: their first 8 bytes and
 * their last 8 (overlapping when shorter than 16; for names under 8 bytes the first word is masked).
 */
final class JsonKeys {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int WORD_MATCH_MAX = 16;

    private final String[] names;
    private final byte[][] utf8;
    private final long[] heads;
    private final long[] tails;

    JsonKeys(String... names) {
        this.names = names.clone();
        this.utf8 = new byte[names.length][];
        this.heads = new long[names.length];
        this.tails = new long[names.length];
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k].getBytes(StandardCharsets.UTF_8);
            utf8[k] = name;
            byte[] padded = Arrays.copyOf(name, Math.max(8, name.length));
            heads[k] = head((long) LONGS.get(padded, 0), name.length);
            tails[k] = name.length >= 8 ? (long) LONGS.get(name, name.length - 8) : 0;
        }
    }

    /** The first word of a name of {@code length} bytes, without the bytes that follow a shorter name. */
    private static long head(long word, int length) {
        return length >= 8 ? word : word & ((1L << (8 * length)) - 1);
    }

    /**
     * Position of the name whose UTF-8 bytes are {@code b[start, end)}, or −1. {@code b} has
     * {@link JsonScanner#SLACK} bytes after {@code end} that may be read.
     */
    int match(byte[] b, int start, int end) {
        int length = end - start;
        if (length <= WORD_MATCH_MAX) {
            long head = head((long) LONGS.get(b, start), length);
            long tail = length >= 8 ? (long) LONGS.get(b, end - 8) : 0;
            for (int k = 0; k < heads.length; k++) {
                if (heads[k] == head && tails[k] == tail && utf8[k].length == length) {
                    return k;
                }
            }
            return -1;
        }
        next:
        for (int k = 0; k < utf8.length; k++) {
            byte[] name = utf8[k];
            if (name.length != length) {
                continue;
            }
            for (int i = 0; i < length; i++) {
                if (name[i] != b[start + i]) {
                    continue next;
                }
            }
            return k;
        }
        return -1;
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
