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

/**
 * RLE encode of one blob mask in Fortran (column-major) and C (row-major) order, scalar against
 * Vector API, next to {@link #readLimit}: the same bytes OR-reduced with the Vector API, the ceiling
 * for any kernel that reads every byte. Add {@code -prof gc} for allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class EncodeBenchmark {

    @Param({"scalar", "vector"})
    public String provider;

    @Param({"480x640", "1024x2048"})
    public String size;

    private Arena arena;
    private MaskKernels kernels;
    private Mask columnMajor;
    private Mask rowMajor;
    private final RunLengths runs = new RunLengths(1 << 12);

    @Setup
    public void setUp() {
        int[] hw = BenchInputs.size(size);
        arena = Arena.ofShared();
        kernels = BenchInputs.kernels(provider);
        columnMajor = BenchInputs.blob(arena, hw[0], hw[1], Order.COLUMN_MAJOR, 42);
        rowMajor = BenchInputs.blob(arena, hw[0], hw[1], Order.ROW_MAJOR, 42);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int encodeColumnMajor() {
        kernels.encode(columnMajor, runs);
        return runs.size();
    }

    @Benchmark
    public int encodeRowMajor() {
        kernels.encode(rowMajor, runs);
        return runs.size();
    }

    @Benchmark
    public byte readLimit() {
        return ReadLimit.orReduce(columnMajor.data(), columnMajor.pixels());
    }
}
