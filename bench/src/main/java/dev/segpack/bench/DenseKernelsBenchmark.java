package dev.segpack.bench;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The element-wise kernels on one h×w image: threshold of a gray image, area of a mask, and the
 * 0/1 row copy that contour finding starts from.
 */
public class DenseKernelsBenchmark extends KernelBenchmark {

    private Mask blob;
    private MemorySegment gray;
    private MemorySegment out;
    private byte[] rows;

    @Override
    protected void prepare() {
        blob = BenchInputs.blob(arena, h, w, Order.ROW_MAJOR, 0);
        gray = arena.allocate((long) h * w);
        Random r = new Random(42);
        for (long i = 0; i < gray.byteSize(); i++) {
            gray.set(ValueLayout.JAVA_BYTE, i, (byte) r.nextInt(256));
        }
        out = arena.allocate((long) h * w);
        rows = new byte[h * w];
    }

    @Benchmark
    public MemorySegment threshold() {
        Kernels.threshold(gray, (long) h * w, 127, out);
        return out;
    }

    @Benchmark
    public long countNonzero() {
        return Kernels.countNonzero(blob.data(), blob.pixels());
    }

    @Benchmark
    public byte[] binarizeRows() {
        for (int y = 0; y < h; y++) {
            Kernels.binarize(blob.data(), (long) y * w, rows, y * w, w);
        }
        return rows;
    }
}
