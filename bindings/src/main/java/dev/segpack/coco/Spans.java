package dev.segpack.coco;

import java.util.Arrays;

/** Where each item of a table is in the file: the bytes of its object, as columns. */
final class Spans {

    int count;
    private long[] start = new long[1024];
    private int[] length = new int[1024];

    /** Records the next item's object, the bytes [from, to) of the file. */
    void add(long from, long to) {
        if (to - from > Integer.MAX_VALUE) {
            throw new JsonInputException(false, from, "an item of 2 GB or more");
        }
        if (count == start.length) {
            start = Arrays.copyOf(start, 2 * count);
            length = Arrays.copyOf(length, 2 * count);
        }
        start[count] = from;
        length[count] = (int) (to - from);
        count++;
    }

    long start(int i) {
        return start[i];
    }

    long end(int i) {
        return start[i] + length[i];
    }
}
