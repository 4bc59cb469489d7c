package dev.segpack.engine.rle;

import dev.segpack.engine.mask.Mask;
import java.util.Arrays;

/**
 * A COCO run-length encoded binary mask, as maskApi.c's {@code RLE}: an h×w mask in column-major
 * order (index = x·h + y) whose runs alternate 0,1,0,… starting with a (possibly empty) run of
 * zeros. Counts are uint32 values held in an {@code int[]} (read them with
 * {@link Integer#toUnsignedLong}).
 *
 * <p>Unlike pycocotools, every Rle is valid by construction: its counts add up to exactly h·w, so
 * decoding never reads or leaves uninitialised memory.
 */
public final class Rle {

    private final int h;
    private final int w;
    private final int[] counts;

    private Rle(int h, int w, int[] counts) {
        this.h = h;
        this.w = w;
        this.counts = counts;
    }

    /**
     * An Rle over {@code counts} (not copied; the caller hands it over). Refuses a size that
     * {@link Mask#checkedPixels} refuses, or counts that do not add up to h·w
     * ({@link MalformedRleException}), saying which.
     */
    public static Rle of(int h, int w, int[] counts) {
        long pixels = Mask.checkedPixels(h, w);
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += Integer.toUnsignedLong(counts[i]);
            if (sum > pixels) {
                throw new MalformedRleException("counts exceed h*w=" + pixels + " of a " + h + "x" + w
                        + " mask at run " + i + " (of " + counts.length + ")");
            }
        }
        if (sum != pixels) {
            throw new MalformedRleException("counts add up to " + sum + ", not h*w=" + pixels + " of a "
                    + h + "x" + w + " mask");
        }
        return new Rle(h, w, counts);
    }

    /** An Rle whose counts the engine computed itself and knows to add up to h·w. */
    static Rle trusted(int h, int w, int[] counts) {
        return new Rle(h, w, counts);
    }

    /** The empty-size result pycocotools gives for merging nothing or masks of different sizes. */
    public static Rle none() {
        return new Rle(0, 0, new int[0]);
    }

    public int h() {
        return h;
    }

    public int w() {
        return w;
    }

    /** Number of runs (maskApi.c's m). */
    public int runs() {
        return counts.length;
    }

    /** Run {@code i} as an unsigned value. */
    public long count(int i) {
        return Integer.toUnsignedLong(counts[i]);
    }

    /** A copy of the counts (uint32 values in ints). */
    public int[] counts() {
        return counts.clone();
    }

    /** The counts themselves, for engine code that only reads them. */
    int[] countsView() {
        return counts;
    }

    public long pixels() {
        return (long) h * w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rle r && r.h == h && r.w == w && Arrays.equals(r.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * h + w) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Rle[" + h + "x" + w + ", " + RleString.encode(this) + "]";
    }
}
