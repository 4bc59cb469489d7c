package dev.segpack.maskimg;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Rle;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The COCO RLE (column-major runs) of a row-major mask placed at (x0, y0) in an h×w image, without
 * transposing it: one pass over consecutive rows, 8 pixels per word, finds where a column changes between
 * foreground and background, those transitions are bucketed by column (in row order, so sorted), and
 * the runs are read off column by column. Work is one pass over the mask plus its boundary length;
 * on 480×640 blob masks ~30 µs where transposing encodes take ~650 µs.
 */
final class PlacedRle {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGH = 0x8080_8080_8080_8080L;

    private PlacedRle() {
    }

    static Rle encode(Mask mask, int x0, int y0, int h, int w) {
        if (mask.order() != Order.ROW_MAJOR) {
            throw new IllegalArgumentException("PlacedRle needs a row-major mask");
        }
        int mh = mask.h(), mw = mask.w();
        if (x0 < 0 || y0 < 0 || (long) x0 + mw > w || (long) y0 + mh > h) {
            throw new IllegalArgumentException("a " + mh + "x" + mw + " mask at (" + x0 + ", " + y0 + ") is outside "
                    + h + "x" + w);
        }
        Transitions t = transitions(mask.data(), mh, mw);
        // bucket by column, keeping row order
        int[] start = new int[mw + 1];
        for (int i = 0; i < t.count; i++) {
            start[t.x[i] + 1]++;
        }
        for (int x = 0; x < mw; x++) {
            start[x + 1] += start[x];
        }
        int[] rows = new int[t.count];
        int[] fill = Arrays.copyOf(start, mw);
        for (int i = 0; i < t.count; i++) {
            rows[fill[t.x[i]]++] = t.y[i];
        }
        Counts counts = new Counts();
        for (int x = 0; x < mw; x++) {
            long column = (long) (x0 + x) * h + y0;
            for (int k = start[x]; k < start[x + 1]; k += 2) {
                counts.run(column + rows[k], column + rows[k + 1]);
            }
        }
        return Rle.of(h, w, counts.finish((long) h * w));
    }

    /** (x, y) where pixel (x, y) differs from (x, y − 1), with background rows above and below the mask. */
    private static final class Transitions {
        int count;
        int[] x = new int[256];
        int[] y = new int[256];

        void add(int px, int py) {
            if (count == x.length) {
                x = Arrays.copyOf(x, 2 * count);
                y = Arrays.copyOf(y, 2 * count);
            }
            x[count] = px;
            y[count++] = py;
        }
    }

    private static Transitions transitions(MemorySegment data, int h, int w) {
        Transitions t = new Transitions();
        int words = (w + 7) / 8;
        byte[] row = new byte[8 * words]; // padded with zeros past w
        long[] before = new long[words];  // the previous row's nonzero bits
        for (int y = 0; y <= h; y++) {
            if (y < h) {
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, (long) y * w, row, 0, w);
            } else {
                Arrays.fill(row, (byte) 0);
            }
            for (int k = 0; k < words; k++) {
                long now = nonzero((long) WORDS.get(row, 8 * k));
                long changed = now ^ before[k];
                before[k] = now;
                while (changed != 0) {
                    t.add(8 * k + (Long.numberOfTrailingZeros(changed) >>> 3), y);
                    changed &= changed - 1;
                }
            }
        }
        return t;
    }

    /** The high bit of every nonzero byte of {@code v} (little-endian: byte i is bits 8i..8i+7). */
    private static long nonzero(long v) {
        return (((v & LOW7) + LOW7) | v) & HIGH;
    }

    /** Column-major runs [start, end) in increasing order, joined when they touch, as COCO counts. */
    private static final class Counts {
        private int[] counts = new int[16];
        private int n;
        private long end;

        void run(long from, long to) {
            if (n > 0 && from == end) {
                counts[n - 1] = (int) (Integer.toUnsignedLong(counts[n - 1]) + (to - from));
            } else {
                grow(n + 2);
                counts[n++] = (int) (from - end);
                counts[n++] = (int) (to - from);
            }
            end = to;
        }

        int[] finish(long total) {
            if (end < total || n == 0) {
                grow(n + 1);
                counts[n++] = (int) (total - end);
            }
            return Arrays.copyOf(counts, n);
        }

        private void grow(int needed) {
            if (needed > counts.length) {
                counts = Arrays.copyOf(counts, Math.max(needed, 2 * counts.length));
            }
        }
    }
}
