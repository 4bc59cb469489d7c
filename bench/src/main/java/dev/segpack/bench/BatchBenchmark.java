package dev.segpack.bench;

import dev.segpack.engine.batch.RleBatch;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.io.Workers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A batch of 16 blob masks of 480×640 ([h,w,n] Fortran order, as pycocotools' encode takes them)
 * encoded into one RleBatch and decoded back, on 1 or more threads.
 */
public class BatchBenchmark extends EngineBenchmark {

    private static final int N = 16;
    private static final int H = 480;
    private static final int W = 640;

    @Param({"1", "2"})
    public int threads;

    private Arena arena;
    private Workers executor;
    private MemorySegment masks;
    private MemorySegment decoded;
    private RleBatch encoded;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        executor = new Workers(threads);
        long pixels = (long) H * W;
        masks = arena.allocate(pixels * N);
        for (int k = 0; k < N; k++) {
            Mask blob = BenchInputs.blob(arena, H, W, Order.COLUMN_MAJOR, k);
            MemorySegment.copy(blob.data(), 0, masks, pixels * k, pixels);
        }
        decoded = arena.allocate(pixels * N);
        encoded = RleBatch.encode(masks, N, H, W, Order.COLUMN_MAJOR, executor);
    }

    @TearDown
    public void tearDown() {
        executor.close();
        arena.close();
    }

    @Benchmark
    public int encode16() {
        return RleBatch.encode(masks, N, H, W, Order.COLUMN_MAJOR, executor).runs(N - 1);
    }

    @Benchmark
    public MemorySegment decode16() {
        encoded.decode(decoded, Order.COLUMN_MAJOR, executor);
        return decoded;
    }
}
