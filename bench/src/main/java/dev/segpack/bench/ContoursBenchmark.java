package dev.segpack.bench;

import dev.segpack.engine.geometry.ChainApprox;
import dev.segpack.engine.geometry.ContourFinder;
import dev.segpack.engine.geometry.ContourSet;
import dev.segpack.engine.geometry.Contours;
import dev.segpack.engine.geometry.RetrievalMode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * cv2.findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE) on h×w masks of a few filled ellipses
 * (the shape of typical instance masks), row-major and off-heap. Each invocation takes the next of
 * {@value #MASKS} masks.
 */
public class ContoursBenchmark extends KernelBenchmark {

    static final int MASKS = 16;

    private Mask[] masks;
    private int next;
    private final ContourFinder finder = new ContourFinder();

    @Override
    protected void prepare() {
        masks = new Mask[MASKS];
        for (int m = 0; m < MASKS; m++) {
            masks[m] = blobMask(arena, h, w, m);
        }
    }

    /** One to five filled ellipses (random centre, axes 10..160 px, rotation), values 255. */
    static Mask blobMask(Arena arena, int h, int w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Mask mask = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
        int blobs = random.nextInt(1, 6);
        for (int b = 0; b < blobs; b++) {
            double cx = random.nextDouble(0, w);
            double cy = random.nextDouble(0, h);
            double a = random.nextDouble(10, 160);
            double c = random.nextDouble(10, 160);
            double angle = random.nextDouble(0, Math.PI);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double u = ((x - cx) * cos + (y - cy) * sin) / a;
                    double v = (-(x - cx) * sin + (y - cy) * cos) / c;
                    if (u * u + v * v <= 1) {
                        mask.set(y, x, (byte) 255);
                    }
                }
            }
        }
        return mask;
    }

    private Mask nextMask() {
        Mask mask = masks[next];
        next = (next + 1) % MASKS;
        return mask;
    }

    /** Reusing one finder: no per-call allocation of the working copy. */
    @Benchmark
    public ContourSet externalSimple() {
        return finder.find(nextMask(), RetrievalMode.EXTERNAL, ChainApprox.SIMPLE);
    }

    /** The one-shot API: allocates a fresh working copy every call. */
    @Benchmark
    public ContourSet externalSimpleOneShot() {
        return Contours.find(nextMask(), RetrievalMode.EXTERNAL, ChainApprox.SIMPLE);
    }
}
