package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The Vector API heatmap rows against the scalar rows on random windows, arguments down to where the exp
 * is subnormal or 0 (the vector path's scalar lanes) included, and partly drawn planes.
 */
class HeatmapRowsPropertiesTest {

    private static final MaskKernels SCALAR = new ScalarMaskKernels();
    private static final MaskKernels VECTOR = new VectorMaskKernels();

    @Property(tries = 500)
    void keypointRowsAgree(@ForAll long seed) {
        Random r = new Random(seed);
        int width = 1 + r.nextInt(40);
        float[] columns = new float[width];
        for (int x = 0; x < width; x++) {
            columns[x] = (float) (r.nextInt(4) == 0 ? r.nextDouble() * 200 : r.nextDouble() * 20);
        }
        float[] start = randomPlane(r, width);
        float[] scalar = start.clone();
        float[] vector = start.clone();
        int x0 = r.nextInt(width);
        int x1 = x0 + 1 + r.nextInt(width - x0);
        float dy2 = (float) (r.nextDouble() * 30);
        float sigmaSquared = (float) (0.01 + r.nextDouble() * 4);
        float value = r.nextInt(10) == 0 ? Float.NaN : (float) r.nextDouble();
        SCALAR.keypointRow(scalar, width, columns, x0, x1, dy2, sigmaSquared, value);
        VECTOR.keypointRow(vector, width, columns, x0, x1, dy2, sigmaSquared, value);
        assertSameBits(scalar, vector);
    }

    @Property(tries = 500)
    void limbRowsAgree(@ForAll long seed) {
        Random r = new Random(seed);
        int width = 1 + r.nextInt(40);
        HeatmapLimb limb = new HeatmapLimb();
        limb.xs = new float[width];
        limb.toStartX = new float[width];
        limb.toEndX = new float[width];
        limb.ax = (float) (r.nextDouble() * width);
        limb.ay = (float) (r.nextDouble() * 20);
        float bx = (float) (r.nextDouble() * width);
        float by = (float) (r.nextDouble() * 20);
        limb.dirX = bx - limb.ax;
        limb.dirY = by - limb.ay;
        double abX = limb.ax - bx;
        double abY = limb.ay - by;
        limb.lengthSquared = (float) Math.max(1, abX * abX + abY * abY);
        limb.sigmaSquared = Math.pow(0.1 + r.nextDouble() * 3, 2);
        limb.value = (float) r.nextDouble();
        for (int x = 0; x < width; x++) {
            limb.xs[x] = x;
            limb.toStartX[x] = (x - limb.ax) * (x - limb.ax);
            limb.toEndX[x] = (x - bx) * (x - bx);
        }
        float y = r.nextInt(20);
        float[] start = randomPlane(r, width);
        float[] scalar = start.clone();
        float[] vector = start.clone();
        int x0 = r.nextInt(width);
        int x1 = x0 + 1 + r.nextInt(width - x0);
        SCALAR.limbRow(scalar, width, x0, x1, limb, y, (y - limb.ay) * (y - limb.ay), (y - by) * (y - by));
        VECTOR.limbRow(vector, width, x0, x1, limb, y, (y - limb.ay) * (y - limb.ay), (y - by) * (y - by));
        assertSameBits(scalar, vector);
    }

    /** Three rows of the given width: the middle one is drawn; some pixels already hold values. */
    private static float[] randomPlane(Random r, int width) {
        float[] plane = new float[3 * width];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = r.nextInt(3) == 0 ? (float) r.nextDouble() : 0f;
        }
        return plane;
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "pixel " + i);
        }
    }
}
