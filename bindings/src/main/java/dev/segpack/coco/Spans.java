package dev.segpack.coco;

import java.util.Arrays;

/**
 * Where each item of a table is in the file: the bytes of its object, as columns grown a block at a
 * time and never copied, in the annotations' blocks ({@link Annotations#BLOCK}).
 */
final class Spans {

    int count;
    private long[][] start = new long[0][];
    private int[][] length = new int[0][];

    /** Records the next item's object, the bytes [from, to) of the file. */
    void add(long from, long to) {
        if (to - from > Integer.MAX_VALUE) {
            throw new JsonInputException(false, from, "an item of 2 GB or more");
        }
        int b = count >>> Annotations.SHIFT;
        if (b == start.length) {
            start = Arrays.copyOf(start, b + 1);
            length = Arrays.copyOf(length, b + 1);
            start[b] = new long[Annotations.BLOCK];
            length[b] = new int[Annotations.BLOCK];
        }
        start[b][Annotations.slot(count)] = from;
        length[b][Annotations.slot(count)] = (int) (to - from);
        count++;
    }

    long start(int i) {
        return start[i >>> Annotations.SHIFT][Annotations.slot(i)];
    }

    long end(int i) {
        return start(i) + length[i >>> Annotations.SHIFT][Annotations.slot(i)];
    }
}
