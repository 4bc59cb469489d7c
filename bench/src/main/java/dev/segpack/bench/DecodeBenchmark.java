package dev.segpack.bench;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.MaskKernels;
import dev.segpack.engine.simd.RunLengths;
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

/** RLE decode of a blob mask into a Fortran- or C-order mask, scalar against Vector API. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DecodeBenchmark {

    @Param({"scalar", "vector"})
    public String provider;

    @Param({"480x640", "1024x2048"})
    public String size;

    private Arena arena;
    private MaskKernels kernels;
    private int[] counts;
    private Mask columnMajor;
    private Mask rowMajor;

    @Setup
    public void setUp() {
        int[] hw = BenchInputs.size(size);
        arena = Arena.ofShared();
        kernels = BenchInputs.kernels(provider);
        RunLengths runs = new RunLengths(1 << 12);
        kernels.encode(BenchInputs.blob(arena, hw[0], hw[1], Order.COLUMN_MAJOR, 42), runs);
        counts = runs.toArray();
        columnMajor = Mask.allocate(arena, hw[0], hw[1], Order.COLUMN_MAJOR);
        rowMajor = Mask.allocate(arena, hw[0], hw[1], Order.ROW_MAJOR);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Mask decodeColumnMajor() {
        kernels.decode(counts, counts.length, columnMajor);
        return columnMajor;
    }

    @Benchmark
    public Mask decodeRowMajor() {
        kernels.decode(counts, counts.length, rowMajor);
        return rowMajor;
    }
}
