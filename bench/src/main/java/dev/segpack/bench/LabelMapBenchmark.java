package dev.segpack.bench;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.LabelRuns;
import dev.segpack.engine.simd.MaskKernels;
import java.lang.foreign.Arena;
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

/** A row-major label map with 30 labels to one RLE per label, in one pass, scalar against Vector API. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LabelMapBenchmark {

    @Param({"scalar", "vector"})
    public String provider;

    @Param({"480x640", "1024x2048"})
    public String size;

    @Param({"UINT8", "INT32"})
    public LabelType type;

    private Arena arena;
    private MaskKernels kernels;
    private LabelMap labels;

    @Setup
    public void setUp() {
        int[] hw = BenchInputs.size(size);
        arena = Arena.ofShared();
        kernels = BenchInputs.kernels(provider);
        labels = BenchInputs.labelMap(arena, hw[0], hw[1], 30, type, Order.ROW_MAJOR, 42);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public LabelRuns encodeLabels30() {
        return kernels.encodeLabels(labels);
    }
}
