package dev.segpack.engine.simd;

import java.lang.foreign.MemorySegment;

/**
 * The column-major runs of a row-major mask, for both kernels, which differ only in how they turn up to
 * 64 pixels into a word of foreground bits ({@link Bits}). The mask is read in strips of 64 columns: each
 * row of a strip becomes a word, and the XOR with the row above marks the columns that change there. The
 * rows are read in memory order, every strip of a row before the next row (strip after strip would read
 * the mask with a stride and wait on memory for masks not already in cache). The changes are bucketed by
 * column and read back column by column, which is the column-major order of the runs. Row 0 is compared
 * with the bottom row one column to the left, where the previous column ended.
 */
final class RowMajorRuns {

    /** Bit k set where byte {@code offset + k} of {@code data} is nonzero, for k below {@code count} (at most 64). */
    @FunctionalInterface
    interface Bits {
        long nonzero(MemorySegment data, long offset, int count);
    }

    private RowMajorRuns() {
    }

    static void encode(MemorySegment data, int h, int w, RunLengths out, Bits bits) {
        out.clear();
        long n = (long) h * w;
        if (h > 0 && w > 0) {
            int strips = (w + 63) >>> 6;
            KernelScratch scratch = KernelScratch.get();
            ColumnBuckets[] buckets = scratch.stripBuckets(strips);
            long[] above = scratch.words(strips);
            long carry = 0; // the bottom pixel of the column left of the strip
            for (int s = 0; s < strips; s++) {
                int width = Math.min(64, w - (s << 6));
                long bottom = bits.nonzero(data, (long) (h - 1) * w + (s << 6), width);
                above[s] = (bottom << 1 | carry) & (-1L >>> (64 - width));
                carry = bottom >>> (width - 1) & 1;
            }
            for (int y = 0; y < h; y++) {
                long rowStart = (long) y * w;
                for (int s = 0; s < strips; s++) {
                    long row = bits.nonzero(data, rowStart + (s << 6), Math.min(64, w - (s << 6)));
                    long changes = row ^ above[s];
                    if (changes != 0) {
                        buckets[s].add(changes, y);
                    }
                    above[s] = row;
                }
            }
            for (int s = 0; s < strips; s++) {
                int x0 = s << 6;
                for (int j = 0, width = Math.min(64, w - x0); j < width; j++) {
                    out.transitions((long) (x0 + j) * h, buckets[s].rows(j), buckets[s].count(j));
                }
            }
        }
        out.finish(n);
    }
}
