package dev.segpack.engine.simd;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random masks of several shapes and the plain definitions the kernels are checked against. */
public final class TestMasks {

    /** What a random mask looks like; the kernels' fast paths depend on run lengths. */
    enum Kind {
        NOISE, SPARSE, RECTANGLES, EMPTY, FULL, STRIPES
    }

    private TestMasks() {
    }

    /** A random h×w row-major mask; foreground values vary (any nonzero byte is foreground). */
    static byte[] random(int h, int w, Kind kind, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[h * w];
        switch (kind) {
            case NOISE -> fill(px, r, 0.5);
            case SPARSE -> fill(px, r, 0.02);
            case RECTANGLES -> {
                for (int k = r.nextInt(6); k >= 0 && h > 0 && w > 0; k--) {
                    int y0 = r.nextInt(h), x0 = r.nextInt(w);
                    int y1 = y0 + r.nextInt(h - y0 + 1), x1 = x0 + r.nextInt(w - x0 + 1);
                    byte v = (byte) (r.nextBoolean() ? 1 : 1 + r.nextInt(255));
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            px[y * w + x] = r.nextInt(8) == 0 ? 0 : v;
                        }
                    }
                }
            }
            case EMPTY -> {
            }
            case FULL -> java.util.Arrays.fill(px, (byte) 0xFF);
            case STRIPES -> {
                int period = 1 + r.nextInt(70);
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) ((i / period) % 2);
                }
            }
        }
        return px;
    }

    private static void fill(byte[] px, Random r, double p) {
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextDouble() < p ? (byte) (1 + r.nextInt(255)) : 0;
        }
    }

    /** A row-major pixel array as a mask of {@code order} (copied when the order is column-major). */
    static Mask mask(byte[] rowMajor, int h, int w, Order order) {
        Mask c = Mask.ofArray(rowMajor, h, w, Order.ROW_MAJOR);
        return order == Order.ROW_MAJOR ? c : Mask.ofArray(c.toArray(Order.COLUMN_MAJOR), h, w, order);
    }

    /** COCO runs by definition: walk column by column, start a run at every change of foreground. */
    static int[] runs(byte[] rowMajor, int h, int w) {
        List<Integer> runs = new ArrayList<>();
        boolean previous = false;
        int run = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                boolean v = rowMajor[y * w + x] != 0;
                if (v != previous) {
                    runs.add(run);
                    run = 0;
                    previous = v;
                }
                run++;
            }
        }
        runs.add(run);
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 0/1 row-major pixels that column-major runs describe. */
    public static byte[] pixels(int[] counts, int h, int w) {
        byte[] out = new byte[h * w];
        int p = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int k = 0; k < counts[i]; k++, p++) {
                out[(p % h) * w + p / h] = (byte) (i & 1);
            }
        }
        return out;
    }

    static List<MaskKernels> both() {
        return List.of(new ScalarMaskKernels(), new VectorMaskKernels());
    }
}
