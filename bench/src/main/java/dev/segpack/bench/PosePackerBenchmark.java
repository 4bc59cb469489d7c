package dev.segpack.bench;

import dev.segpack.engine.pose.PosePacker;
import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.simd.PoseEncoding;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@link PosePacker#pack} of an 8-person image from its annotation RLEs (unions of the crowd and
 * unannotated masks included): what {@code coco pack-h5} runs per image.
 */
public class PosePackerBenchmark extends KernelBenchmark {

    private List<Annotation> people;
    private MemorySegment out;

    @Override
    protected void prepare() {
        people = BenchInputs.pose(h, w, 8, 42);
        out = arena.allocate(PoseEncoding.NARROW.imageBytes(h, w));
    }

    @Benchmark
    public MemorySegment pack8() {
        PosePacker.pack(people, h, w, PoseEncoding.NARROW, out);
        return out;
    }
}
