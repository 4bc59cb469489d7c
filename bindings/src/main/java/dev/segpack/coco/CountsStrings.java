package dev.segpack.coco;

import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.util.ArrayList;
import java.util.List;

/**
 * Compressed-RLE counts strings as the scanner read them, back to back in chunks of {@link #CHUNK}
 * bytes (a longer string gets a chunk of its own): no object per string, and no chunk is ever copied
 * to grow. A string is found by the long {@link #append} gives, its chunk and its offset there.
 */
final class CountsStrings {

    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current = new byte[0];
    private int size;

    /** Stores the string the scanner just read ({@link JsonScanner#readAsciiString}, {@code length} chars); where it is. */
    long append(JsonScanner s, int length) {
        if (size + length > current.length) {
            current = new byte[Math.max(CHUNK, length)];
            chunks.add(current);
            size = 0;
        }
        s.copyAsciiString(current, size, length);
        size += length;
        return (long) (chunks.size() - 1) << 32 | (size - length);
    }

    /** The Rle of an h×w mask whose counts string is the one at {@code at}, checked. */
    Rle decode(int h, int w, long at, int length) {
        int from = (int) at;
        return RleString.decode(h, w, chunks.get((int) (at >>> 32)), from, from + length);
    }

    /** The runs of the string at {@code at} into {@code into} (at least {@code length} long); how many. */
    int decodeCounts(long at, int length, int[] into) {
        int from = (int) at;
        return RleString.decodeCounts(chunks.get((int) (at >>> 32)), from, from + length, into);
    }

    /** Forgets every string, keeping the current chunk for the next ones. */
    void clear() {
        chunks.clear();
        if (current.length > 0) {
            chunks.add(current);
        }
        size = 0;
    }
}
