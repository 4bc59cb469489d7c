package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import java.util.Arrays;

/**
 * Horizontal pixel spans of one row each (row, first x, last x, inclusive), clipped to an image width.
 * Spans may overlap; painting them in any order gives the same pixels.
 */
public final class RowSpans {


    private int[] triples = new int[3 * 64];
    private int count;
    private int height;
    private int width;

    void reset(int height, int width) {
        this.height = height;
        this.width = width;
        count = 0;
    }

    /** Adds row y from x0 to x1 (x0 ≤ x1), clipped to [0, width); nothing when it lies outside. */
    void add(int y, int x0, int x1) {
        if (x1 < 0 || x0 >= width) {
            return;
        }
        if (3 * count + 3 > triples.length) {
            triples = Arrays.copyOf(triples, triples.length * 2);
        }
        triples[3 * count] = y;
        triples[3 * count + 1] = Math.max(x0, 0);
        triples[3 * count + 2] = Math.min(x1, width - 1);
        count++;
    }

    /** Sets every pixel of every span to {@code ink} in a row-major map of the traced image's size. */
    public void paint(LabelMap target, int ink) {
        if (target.order() != Order.ROW_MAJOR || target.h() != height || target.w() != width) {
            throw new IllegalArgumentException("spans of a " + height + "x" + width + " image need a row-major map of"
                    + " that size, got " + target.order() + " " + target.h() + "x" + target.w());
        }
        long w = width;
        for (int i = 0; i < count; i++) {
            int y = triples[3 * i];
            int x0 = triples[3 * i + 1];
            write(target, y * w + x0, triples[3 * i + 2] - x0 + 1, ink);
        }
    }

    /** Sets every pixel of every span to {@code value} in runs of the traced image's size. */
    public void paint(RowRuns target, int value) {
        if (target.h() != height || target.w() != width) {
            throw new IllegalArgumentException("spans of a " + height + "x" + width + " image need runs of that size,"
                    + " got " + target.h() + "x" + target.w());
        }
        for (int i = 0; i < count; i++) {
            target.paint(triples[3 * i], triples[3 * i + 1], triples[3 * i + 2], value);
        }
    }

    /** Sets {@code count} pixels from flat index {@code first} to {@code ink}: the one place spans are written. */
    public static void write(LabelMap target, long first, long count, int ink) {
        Kernels.fill(target, first, count, ink);
    }
}
