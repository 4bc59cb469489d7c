package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;

/**
 * Label map to one run list per label in a single pass, for both kernels, which differ only in how they
 * compare 64 labels with 64 others ({@link Changes}): the comparisons find where a label differs from the
 * neighbour that precedes it in column-major order (the pixel above, or the bottom of the previous
 * column), and only those pixels are looked at one by one.
 */
final class LabelRunScan {

    /** Bit j set iff element {@code a + j} of {@code data} differs from element {@code b + j}, for j below 64. */
    @FunctionalInterface
    interface Changes {
        long of(MemorySegment data, LabelType type, long a, long b);
    }

    private LabelRunScan() {
    }

    static LabelRuns encode(LabelMap labels, Changes changes) {
        LabelRunBuilder runs = new LabelRunBuilder(labels.type());
        if (labels.order() == Order.COLUMN_MAJOR) {
            encodeColumnMajor(labels, runs, changes);
        } else {
            encodeRowMajor(labels, runs, changes);
        }
        return runs.finish(labels.pixels());
    }

    private static void encodeColumnMajor(LabelMap labels, LabelRunBuilder runs, Changes changes) {
        long n = labels.pixels();
        if (n == 0) {
            return;
        }
        int first = labels.getFlat(0);
        if (first != 0) {
            runs.transition(0, 0, first);
        }
        long p = 1;
        for (; p + 64 <= n; p += 64) {
            long changed = changes.of(labels.data(), labels.type(), p, p - 1);
            while (changed != 0) {
                long at = p + Long.numberOfTrailingZeros(changed);
                runs.transition(at, labels.getFlat(at - 1), labels.getFlat(at));
                changed &= changed - 1;
            }
        }
        for (int previous = labels.getFlat(p - 1); p < n; p++) {
            int v = labels.getFlat(p);
            if (v != previous) {
                runs.transition(p, previous, v);
                previous = v;
            }
        }
    }

    /**
     * Strips of 64 columns scanned row by row; the columns that change at each row are bucketed and
     * replayed column by column. A strip narrower than 64 (the right edge) is compared pixel by pixel.
     */
    private static void encodeRowMajor(LabelMap labels, LabelRunBuilder runs, Changes changes) {
        int h = labels.h();
        int w = labels.w();
        ColumnBuckets buckets = KernelScratch.get().buckets();
        for (int x0 = 0; x0 < w && h > 0; x0 += 64) {
            int width = Math.min(64, w - x0);
            long top = 0;
            for (int j = 0; j < width; j++) {
                int above = x0 + j == 0 ? 0 : labels.get(h - 1, x0 + j - 1);
                top |= labels.get(0, x0 + j) != above ? 1L << j : 0;
            }
            buckets.add(top, 0);
            for (int y = 1; y < h; y++) {
                long row = (long) y * w + x0;
                long changed = width == 64
                        ? changes.of(labels.data(), labels.type(), row, row - w)
                        : changesOneByOne(labels, row, row - w, width);
                buckets.add(changed, y);
            }
            for (int j = 0; j < width; j++) {
                int x = x0 + j;
                int[] rows = buckets.rows(j);
                for (int k = 0, c = buckets.count(j); k < c; k++) {
                    int y = rows[k];
                    int from = y > 0 ? labels.get(y - 1, x) : x > 0 ? labels.get(h - 1, x - 1) : 0;
                    runs.transition((long) x * h + y, from, labels.get(y, x));
                }
            }
            buckets.clear();
        }
    }

    private static long changesOneByOne(LabelMap labels, long a, long b, int count) {
        long bits = 0;
        for (int j = 0; j < count; j++) {
            bits |= labels.getFlat(a + j) != labels.getFlat(b + j) ? 1L << j : 0;
        }
        return bits;
    }
}
