package dev.segpack.bench;

import dev.segpack.engine.geometry.ChainApprox;
import dev.segpack.engine.geometry.ContourFinder;
import dev.segpack.engine.geometry.ContourSet;
import dev.segpack.engine.geometry.Contours;
import dev.segpack.engine.geometry.RetrievalMode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * cv2.findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE) on 480×640 masks of a few filled
 * ellipses (the shape of typical instance masks), row-major and off-heap. Each invocation takes
 * the next of {@value #MASKS} masks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContoursBenchmark {

    static final int H = 480;
    static final int W = 640;
    static final int MASKS = 16;

    private Arena arena;
    private Mask[] masks;
    private int next;
    private final ContourFinder finder = new ContourFinder();

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        masks = new Mask[MASKS];
        for (int m = 0; m < MASKS; m++) {
            masks[m] = blobMask(arena, m);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** One to five filled ellipses (random centre, axes 10..160 px, rotation), values 255. */
    static Mask blobMask(Arena arena, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Mask mask = Mask.allocate(arena, H, W, Order.ROW_MAJOR);
        int blobs = random.nextInt(1, 6);
        for (int b = 0; b < blobs; b++) {
            double cx = random.nextDouble(0, W);
            double cy = random.nextDouble(0, H);
            double a = random.nextDouble(10, 160);
            double c = random.nextDouble(10, 160);
            double angle = random.nextDouble(0, Math.PI);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
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
