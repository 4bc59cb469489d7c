package dev.segpack.engine.geometry;

import java.util.Arrays;

/**
 * An h×w image of int values held as runs per row, without its pixels: what spans painted one after another
 * (later on top) leave, as {@link RowSpans#paint(RowRuns, int)} paints them. Each row is its runs' first columns,
 * ascending from 0, and values, no two neighbours equal. All 0 after {@link #reset}; reusable from one image
 * to the next.
 */
public final class RowRuns {

    private int height;
    private int width;
    private int[][] starts = new int[0][];
    private int[][] values = new int[0][];
    private int[] counts = new int[0];

    /** Makes this an h×w image of zeros. */
    public void reset(int h, int w) {
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("negative image size " + h + "x" + w);
        }
        if (starts.length < h) {
            int grown = Math.max(h, 2 * starts.length);
            starts = Arrays.copyOf(starts, grown);
            values = Arrays.copyOf(values, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        for (int y = 0; y < h; y++) {
            if (starts[y] == null) {
                starts[y] = new int[8];
                values[y] = new int[8];
            }
            starts[y][0] = 0;
            values[y][0] = 0;
            counts[y] = w == 0 ? 0 : 1;
        }
        height = h;
        width = w;
    }

    public int h() {
        return height;
    }

    public int w() {
        return width;
    }

    /** The number of runs in row y. */
    public int count(int y) {
        return counts[y];
    }

    /** The first column of run i of row y. */
    public int start(int y, int i) {
        return starts[y][i];
    }

    /** The value of run i of row y. */
    public int value(int y, int i) {
        return values[y][i];
    }

    /** Sets row y from x0 to x1 (inclusive, 0 ≤ x0 ≤ x1 < w) to {@code value}. */
    void paint(int y, int x0, int x1, int value) {
        int[] s = starts[y];
        int[] v = values[y];
        int n = counts[y];
        int first = runAt(s, n, x0);
        int last = runAt(s, n, x1);
        int after = v[last];
        // runs first..last become: the head of run first (its columns before x0), the span unless it extends
        // the run on its left, the rest of run last unless it has the span's value or there is none; a run on
        // the right of the span that has its value is absorbed
        boolean head = s[first] < x0;
        boolean extendsLeft = head ? v[first] == value : first > 0 && v[first - 1] == value;
        boolean tail = x1 + 1 < width && (last + 1 == n || s[last + 1] > x1 + 1);
        boolean keepsTail = tail && after != value;
        boolean absorbsRight = !tail && last + 1 < n && v[last + 1] == value;
        int from = head ? first + 1 : first;
        int replaced = last + 1 - from + (absorbsRight ? 1 : 0);
        int added = (extendsLeft ? 0 : 1) + (keepsTail ? 1 : 0);
        int size = n - replaced + added;
        if (size > s.length) {
            s = starts[y] = Arrays.copyOf(s, Math.max(size, 2 * s.length));
            v = values[y] = Arrays.copyOf(v, s.length);
        }
        System.arraycopy(s, from + replaced, s, from + added, n - from - replaced);
        System.arraycopy(v, from + replaced, v, from + added, n - from - replaced);
        int at = from;
        if (!extendsLeft) {
            s[at] = x0;
            v[at++] = value;
        }
        if (keepsTail) {
            s[at] = x1 + 1;
            v[at] = after;
        }
        counts[y] = size;
    }

    /** The index of the run holding column x: the last whose start is at most x. */
    private static int runAt(int[] s, int n, int x) {
        int i = Arrays.binarySearch(s, 0, n, x);
        return i >= 0 ? i : -i - 2;
    }
}
