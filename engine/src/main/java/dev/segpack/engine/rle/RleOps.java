package dev.segpack.engine.rle;

import java.util.Arrays;
import java.util.List;

/** Mask arithmetic on RLE that the exporter needs beyond maskApi.c's verbs, without decoding to pixels. */
public final class RleOps {

    private RleOps() {
    }

    /**
     * The same mask with zero-length runs inside removed: the runs encoding its pixels would give
     * (what datumaro's {@code mask_to_rle(decode(rle))} writes). Only the first run may be 0.
     */
    public static Rle canonical(Rle rle) {
        int m = rle.runs();
        boolean clean = true;
        for (int i = 1; i < m && clean; i++) {
            clean = rle.count(i) != 0;
        }
        if (clean) {
            return rle;
        }
        int[] counts = rle.counts();
        int[] out = new int[m];
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (i > 0 && counts[i] == 0) {
                // an empty run between two runs of the other value joins them; a trailing one goes
                if (i + 1 < m) {
                    out[n - 1] = (int) (Integer.toUnsignedLong(out[n - 1]) + Integer.toUnsignedLong(counts[++i]));
                }
                continue;
            }
            out[n++] = counts[i];
        }
        return Rle.of(rle.h(), rle.w(), Arrays.copyOf(out, n));
    }

    /** The pixels not in {@code rle}. */
    public static Rle complement(Rle rle) {
        int[] counts = rle.counts();
        if (counts.length > 0 && counts[0] == 0) {
            return Rle.of(rle.h(), rle.w(), Arrays.copyOfRange(counts, 1, counts.length));
        }
        int[] out = new int[counts.length + 1];
        System.arraycopy(counts, 0, out, 1, counts.length);
        return Rle.of(rle.h(), rle.w(), out);
    }

    /** The pixels of {@code a} that are not in {@code b} (same size). */
    public static Rle subtract(Rle a, Rle b) {
        return MaskApi.merge(List.of(a, complement(b)), true);
    }

    /** The union of {@code masks} (at least one, all of one size), in canonical runs. */
    public static Rle union(List<Rle> masks) {
        return canonical(MaskApi.merge(masks, false));
    }
}
