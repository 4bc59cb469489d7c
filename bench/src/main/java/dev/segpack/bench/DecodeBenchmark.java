package dev.segpack.bench;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.RunLengths;
import org.openjdk.jmh.annotations.Benchmark;

/** RLE decode of a blob mask into a Fortran- or C-order mask. */
public class DecodeBenchmark extends KernelBenchmark {

    private int[] counts;
    private Mask columnMajor;
    private Mask rowMajor;

    @Override
    protected void prepare() {
        RunLengths runs = new RunLengths(1 << 12);
        Kernels.encode(BenchInputs.blob(arena, h, w, Order.COLUMN_MAJOR, 42), runs);
        counts = runs.toArray();
        columnMajor = Mask.allocate(arena, h, w, Order.COLUMN_MAJOR);
        rowMajor = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
    }

    @Benchmark
    public Mask decodeColumnMajor() {
        Kernels.decode(counts, counts.length, columnMajor);
        return columnMajor;
    }

    @Benchmark
    public Mask decodeRowMajor() {
        Kernels.decode(counts, counts.length, rowMajor);
        return rowMajor;
    }
}
