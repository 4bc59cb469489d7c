package dev.segpack.maskimg;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Rle;
import java.util.Arrays;

/** The COCO RLE of a cut-out mask put back at (x0, y0) in an h×w image, built from the cut-out alone. */
final class PlacedRle {

    private PlacedRle() {
    }

    static Rle encode(Mask crop, int x0, int y0, int h, int w) {
        byte[] pixels = crop.toArray(Order.COLUMN_MAJOR);
        int ch = crop.h();
        int[] counts = new int[16];
        int n = 0;
        long end = 0; // index just past the last run written
        long runStart = -1;
        long runEnd = -1;
        for (int x = 0; x < crop.w(); x++) {
            long column = (long) (x0 + x) * h + y0;
            int from = x * ch;
            for (int y = 0; y < ch; y++) {
                if (pixels[from + y] == 0) {
                    continue;
                }
                long p = column + y;
                if (p == runEnd) {
                    runEnd++;
                    continue;
                }
                if (runStart >= 0) {
                    counts = grow(counts, n + 2);
                    counts[n++] = (int) (runStart - end);
                    counts[n++] = (int) (runEnd - runStart);
                    end = runEnd;
                }
                runStart = p;
                runEnd = p + 1;
            }
        }
        if (runStart >= 0) {
            counts = grow(counts, n + 2);
            counts[n++] = (int) (runStart - end);
            counts[n++] = (int) (runEnd - runStart);
            end = runEnd;
        }
        long total = (long) h * w;
        if (end < total || n == 0) {
            counts = grow(counts, n + 1);
            counts[n++] = (int) (total - end);
        }
        return Rle.of(h, w, Arrays.copyOf(counts, n));
    }

    private static int[] grow(int[] counts, int needed) {
        return needed <= counts.length ? counts : Arrays.copyOf(counts, Math.max(needed, 2 * counts.length));
    }
}
