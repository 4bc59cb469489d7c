package dev.segpack.engine.rle;

/**
 * The column (position / h) of non-decreasing positions in a column-major mask of h rows, found by
 * stepping from the previous one (runs mostly start in the same or the next column) and dividing only
 * on longer jumps: the bounding box and the column layers of a mask without a division per run.
 */
final class ColumnCursor {

    private final long h;
    private long column;
    private long columnStart;

    ColumnCursor(long h) {
        this.h = h;
    }

    long of(long position) {
        long offset = position - columnStart;
        if (offset >= h) {
            if (offset < 2 * h) {
                column++;
                columnStart += h;
            } else {
                column = position / h;
                columnStart = column * h;
            }
        }
        return column;
    }
}
