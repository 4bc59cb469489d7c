package dev.segpack.engine.simd;

import java.util.Arrays;

/**
 * The rows where each of 64 columns changes value, collected while a row-major strip of 64 columns
 * is scanned row by row, then read back column by column: the reordering that turns a row-major
 * scan into column-major runs without a transposed copy of the pixels. Memory grows with the number
 * of changes, not with the mask.
 */
final class ColumnBuckets {

    private final int[][] rows = new int[64][16];
    private final int[] counts = new int[64];

    /** Records row {@code y} for every column whose bit is set in {@code columns}. */
    void add(long columns, int y) {
        while (columns != 0) {
            int j = Long.numberOfTrailingZeros(columns);
            int c = counts[j];
            if (c == rows[j].length) {
                rows[j] = Arrays.copyOf(rows[j], c * 2);
            }
            rows[j][c] = y;
            counts[j] = c + 1;
            columns &= columns - 1;
        }
    }

    int count(int column) {
        return counts[column];
    }

    /** The rows of {@code column} in increasing order, valid up to {@link #count}. */
    int[] rows(int column) {
        return rows[column];
    }

    void clear() {
        Arrays.fill(counts, 0);
    }
}
