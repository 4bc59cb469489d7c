package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link Foreground#of} builds intervals, area, box and column layers in one pass: each checked against the plain definitions. */
class ForegroundTest {

    @Property
    void areaAndBoxAreRleToBboxs(@ForAll @IntRange(min = 1, max = 40) int h, @ForAll @IntRange(min = 1, max = 40) int w,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int meanRun) {
        Rle rle = Rle.of(h, w, counts(h * w, meanRun, new Random(seed)));
        Foreground f = Foreground.of(rle);
        assertEquals(MaskApi.toBbox(rle), f.bbox());
        assertEquals(MaskApi.area(rle), f.area());
    }

    @Property
    void iouIsThePixelCount(@ForAll @IntRange(min = 1, max = 40) int h, @ForAll @IntRange(min = 1, max = 40) int w,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int meanRun, @ForAll boolean crowd) {
        Random random = new Random(seed);
        int[] a = counts(h * w, meanRun, random), b = counts(h * w, 1 + random.nextInt(60), random);
        boolean[] pa = pixels(a, h * w), pb = pixels(b, h * w);
        long common = 0, areaA = 0, areaB = 0;
        for (int i = 0; i < h * w; i++) {
            common += pa[i] && pb[i] ? 1 : 0;
            areaA += pa[i] ? 1 : 0;
            areaB += pb[i] ? 1 : 0;
        }
        double expected = common == 0 ? 0 : (double) common / (crowd ? areaA : areaA + areaB - common);
        assertEquals(expected, Foreground.iou(Foreground.of(Rle.of(h, w, a)), Foreground.of(Rle.of(h, w, b)), crowd), 0.0);
    }

    /** Alternating background and foreground runs adding up to {@code pixels}, zero-length ones included. */
    private static int[] counts(int pixels, int meanRun, Random random) {
        int[] counts = new int[16];
        int n = 0, left = pixels;
        while (left > 0) {
            int run = Math.min(left, random.nextInt(2 * meanRun));
            if (n == counts.length) {
                counts = Arrays.copyOf(counts, 2 * n);
            }
            counts[n++] = run;
            left -= run;
        }
        return Arrays.copyOf(counts, n);
    }

    private static boolean[] pixels(int[] counts, int pixels) {
        boolean[] on = new boolean[pixels];
        int at = 0;
        for (int j = 0; j < counts.length; j++) {
            if (j % 2 == 1) {
                Arrays.fill(on, at, at + counts[j], true);
            }
            at += counts[j];
        }
        return on;
    }
}
