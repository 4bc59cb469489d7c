package dev.segpack.bench;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.MaskKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The element-wise kernels on one h×w image: argmax over 8 instance planes, numpy packbits and
 * unpackbits along rows, threshold of a gray image, area of a mask, and the pose byte from an index
 * map and two flag masks. Scalar against Vector API.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DenseKernelsBenchmark {

    @Param({"scalar", "vector"})
    public String provider;

    @Param({"480x640", "1024x2048"})
    public String size;

    private Arena arena;
    private MaskKernels kernels;
    private int h;
    private int w;
    private List<Mask> planes;
    private LabelMap index;
    private Mask blob;
    private MemorySegment gray;
    private MemorySegment packed;
    private MemorySegment out;

    @Setup
    public void setUp() {
        int[] hw = BenchInputs.size(size);
        h = hw[0];
        w = hw[1];
        arena = Arena.ofShared();
        kernels = BenchInputs.kernels(provider);
        planes = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            planes.add(BenchInputs.blob(arena, h, w, Order.ROW_MAJOR, k));
        }
        index = LabelMap.allocate(arena, h, w, LabelType.UINT8, Order.ROW_MAJOR);
        kernels.argmax(planes, index);
        blob = planes.get(0);
        gray = arena.allocate((long) h * w);
        Random r = new Random(42);
        for (long i = 0; i < gray.byteSize(); i++) {
            gray.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) r.nextInt(256));
        }
        packed = arena.allocate((long) h * ((w + 7) / 8));
        kernels.packBits(blob.data(), h, w, packed);
        out = arena.allocate((long) h * w);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public LabelMap argmax8() {
        kernels.argmax(planes, index);
        return index;
    }

    @Benchmark
    public MemorySegment packBits() {
        kernels.packBits(blob.data(), h, w, packed);
        return packed;
    }

    @Benchmark
    public MemorySegment unpackBits() {
        kernels.unpackBits(packed, h, w, out);
        return out;
    }

    @Benchmark
    public MemorySegment threshold() {
        kernels.threshold(gray, (long) h * w, 127, out);
        return out;
    }

    @Benchmark
    public long countNonzero() {
        return kernels.countNonzero(blob.data(), blob.pixels());
    }

    @Benchmark
    public MemorySegment packPose() {
        kernels.packPose(index.data(), planes.get(1).data(), planes.get(2).data(), (long) h * w, out);
        return out;
    }
}
