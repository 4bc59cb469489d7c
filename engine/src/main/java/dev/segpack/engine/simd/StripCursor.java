package dev.segpack.engine.simd;

/**
 * Walks one list of column-major runs strip by strip (64 columns at a time, left to right) and
 * marks, per row, the columns whose value flips at that row. XOR-accumulating the marks down the
 * rows then gives each row's 64 foreground bits: the inverse of {@link ColumnBuckets}, used to
 * write row-major output from runs without a transposed copy.
 */
final class StripCursor {

    private final int[] counts;
    private final int m;
    private final long h;
    private int run;
    private long runStart;

    StripCursor(int[] counts, int m, int h) {
        this.counts = counts;
        this.m = m;
        this.h = h;
    }

    /**
     * For the columns [x0, x0 + width) (width at most 64), XORs the bit of column x − x0 into
     * {@code marks[base + y]} at every row y where that column's foreground starts or ends (row h,
     * one past the bottom, absorbs the ends at the bottom). Strips must come left to right. Returns
     * whether the strip has any foreground (anything was marked).
     */
    boolean mark(int x0, int width, long[] marks, int base) {
        long stripStart = x0 * h;
        long stripEnd = (x0 + width) * h;
        boolean marked = false;
        while (run < m && runStart < stripEnd) {
            long runEnd = runStart + Integer.toUnsignedLong(counts[run]);
            if ((run & 1) == 1) {
                long from = Math.max(runStart, stripStart);
                long to = Math.min(runEnd, stripEnd);
                if (from < to) {
                    markSpan(from, to, x0, marks, base);
                    marked = true;
                }
            }
            if (runEnd > stripEnd) {
                break; // the run goes on in the next strip
            }
            runStart = runEnd;
            run++;
        }
        return marked;
    }

    /** Marks the foreground pixels [from, to) (column-major, non-empty, inside the strip). */
    private void markSpan(long from, long to, int x0, long[] marks, int base) {
        long firstColumn = from / h;
        long lastColumn = (to - 1) / h;
        int top = (int) (from - firstColumn * h);
        int bottom = (int) (to - 1 - lastColumn * h) + 1;
        long first = 1L << (firstColumn - x0);
        long last = 1L << (lastColumn - x0);
        marks[base + top] ^= first; // a first column that is not the last runs to the bottom
        if (firstColumn != lastColumn) {
            long between = (last - 1) & ~((first << 1) - 1);
            marks[base] ^= between | last; // these columns are foreground from row 0
        }
        marks[base + bottom] ^= last;
    }
}
