package dev.segpack.bench;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.LabelRuns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** A row-major label map with 30 labels to one RLE per label, in one pass. */
public class LabelMapBenchmark extends KernelBenchmark {

    @Param({"UINT8", "INT32"})
    public LabelType type;

    private LabelMap labels;

    @Override
    protected void prepare() {
        labels = BenchInputs.labelMap(arena, h, w, 30, type, Order.ROW_MAJOR, 42);
    }

    @Benchmark
    public LabelRuns encodeLabels30() {
        return Kernels.encodeLabels(labels);
    }
}
