package dev.segpack.bench;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.RunLengths;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * RLE encode of one blob mask in Fortran (column-major) and C (row-major) order, next to
 * {@link #readLimit}: the same bytes OR-reduced with the Vector API, the ceiling for any kernel that
 * reads every byte. Add {@code -prof gc} for allocation per operation.
 */
public class EncodeBenchmark extends KernelBenchmark {

    private Mask columnMajor;
    private Mask rowMajor;
    private final RunLengths runs = new RunLengths(1 << 12);

    @Override
    protected void prepare() {
        columnMajor = BenchInputs.blob(arena, h, w, Order.COLUMN_MAJOR, 42);
        rowMajor = BenchInputs.blob(arena, h, w, Order.ROW_MAJOR, 42);
    }

    @Benchmark
    public int encodeColumnMajor() {
        Kernels.encode(columnMajor, runs);
        return runs.size();
    }

    @Benchmark
    public int encodeRowMajor() {
        Kernels.encode(rowMajor, runs);
        return runs.size();
    }

    @Benchmark
    public byte readLimit() {
        return ReadLimit.orReduce(columnMajor.data(), columnMajor.pixels());
    }
}
