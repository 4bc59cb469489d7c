package dev.segpack.bench;

import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.simd.MaskKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
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
 * The packed pose image of 8 polygon people (one crowd, two without keypoints) painted from their
 * runs into a row-major uint8 image: the kernel under {@link dev.segpack.engine.pose.PosePacker},
 * scalar against Vector API. {@link PosePackerBenchmark} measures the whole call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PoseBenchmark {

    @Param({"scalar", "vector"})
    public String provider;

    @Param({"480x640", "1024x2048"})
    public String size;

    private Arena arena;
    private MaskKernels kernels;
    private int h;
    private int w;
    private int[][] instances;
    private int[] crowd;
    private int[] unannotated;
    private MemorySegment out;

    @Setup
    public void setUp() {
        int[] hw = BenchInputs.size(size);
        h = hw[0];
        w = hw[1];
        arena = Arena.ofShared();
        kernels = BenchInputs.kernels(provider);
        List<int[]> people = new ArrayList<>();
        List<Rle> crowds = new ArrayList<>();
        List<Rle> without = new ArrayList<>();
        for (Annotation a : BenchInputs.pose(h, w, 8, 42)) {
            if (a.crowd()) {
                crowds.add(a.mask());
            } else {
                people.add(a.mask().counts());
                if (a.numKeypoints() == 0) {
                    without.add(a.mask());
                }
            }
        }
        instances = people.toArray(int[][]::new);
        crowd = MaskApi.merge(crowds, false).counts();
        unannotated = MaskApi.merge(without, false).counts();
        out = arena.allocate((long) h * w);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment paintPose8() {
        kernels.paintPose(instances, crowd, unannotated, h, w, false, out);
        return out;
    }
}
