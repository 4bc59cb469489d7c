package dev.segpack.coco;

import java.util.Arrays;

/**
 * Where each item of a table is in the file: the bytes of its object, as columns grown a block at a
 * time and never copied (see {@link Annotations}).
 */
final class Spans {

    private static final int SHIFT = 13, BLOCK = 1 << SHIFT, MASK = BLOCK - 1;

    int count;
    private long[][] start = new long[0][];
    private int[][] length = new int[0][];

    /** Records the next item's object, the bytes [from, to) of the file. */
    void add(long from, long to) {
        if (to - from > Integer.MAX_VALUE) {
            throw new JsonInputException(false, from, "an item of 2 GB or more");
        }
        int b = count >>> SHIFT;
        if (b == start.length) {
            start = Arrays.copyOf(start, b + 1);
            length = Arrays.copyOf(length, b + 1);
            start[b] = new long[BLOCK];
            length[b] = new int[BLOCK];
        }
        start[b][count & MASK] = from;
        length[b][count & MASK] = (int) (to - from);
        count++;
    }

    long start(int i) {
        return start[i >>> SHIFT][i & MASK];
    }

    long end(int i) {
        return start(i) + length[i >>> SHIFT][i & MASK];
    }
}
