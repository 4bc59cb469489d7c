package dev.segpack.bench;

import dev.segpack.engine.pose.PosePacker;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.PoseEncoding;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The pose kernels on an image of 8 polygon people (one crowd, two without keypoints): the packed
 * pose image painted from their runs into a row-major uint8 image (the kernel under
 * {@link dev.segpack.engine.pose.PosePacker}; {@link PosePackerBenchmark} measures the whole call),
 * and the stored B, G, R, pose image interleaved and unpacked again.
 */
public class PoseBenchmark extends KernelBenchmark {

    private int[][] instances;
    private int[] crowd;
    private int[] unannotated;
    private MemorySegment pose;
    private MemorySegment bgr;
    private MemorySegment stored;
    private MemorySegment index;
    private MemorySegment crowdMask;
    private MemorySegment unannotatedMask;

    @Override
    protected void prepare() {
        PosePacker.Layers layers = PosePacker.Layers.of(BenchInputs.pose(h, w, 8, 42), h, w);
        instances = layers.instances();
        crowd = layers.crowd();
        unannotated = layers.unannotated();
        long pixels = (long) h * w;
        pose = arena.allocate(PoseEncoding.NARROW.imageBytes(h, w));
        Kernels.paintPose(instances, crowd, unannotated, h, w, PoseEncoding.NARROW, pose);
        bgr = arena.allocate(3 * pixels);
        byte[] colours = new byte[(int) (3 * pixels)];
        new Random(42).nextBytes(colours);
        MemorySegment.copy(MemorySegment.ofArray(colours), 0, bgr, 0, colours.length);
        stored = arena.allocate(PoseEncoding.NARROW.storedBytes(h, w));
        index = arena.allocate(pixels);
        crowdMask = arena.allocate(pixels);
        unannotatedMask = arena.allocate(pixels);
    }

    @Benchmark
    public MemorySegment paintPose8() {
        Kernels.paintPose(instances, crowd, unannotated, h, w, PoseEncoding.NARROW, pose);
        return pose;
    }

    @Benchmark
    public MemorySegment interleavePose() {
        Kernels.interleavePose(bgr, pose, (long) h * w, PoseEncoding.NARROW, stored);
        return stored;
    }

    @Benchmark
    public MemorySegment unpackPose() {
        Kernels.unpackPose(stored, (long) h * w, PoseEncoding.NARROW, bgr, index, crowdMask, unannotatedMask);
        return index;
    }
}
