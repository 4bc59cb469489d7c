package dev.segpack.bench;

import dev.segpack.engine.skeleton.GeneratePoseTarget;
import dev.segpack.engine.skeleton.HeatmapLayout;
import dev.segpack.engine.skeleton.PoseFrames;
import dev.segpack.engine.skeleton.PoseTargetConfig;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link GeneratePoseTarget} on one annotation (2 persons x 48 frames x 17 joints at 56x56, sigma
 * 0.6, scores used), keypoint maps or limb maps, in the calling thread or a pool of 2. The input and
 * PYSKL's heatmaps come from {@code bench/harness/skeleton_heatmaps.py} (run it first; it times the
 * peer on the same annotation); the setup refuses to time an output that differs from PYSKL's.
 */
public class PoseTargetBenchmark extends EngineBenchmark {

    private static final int PERSONS = 2;
    private static final int FRAMES = 48;
    private static final int JOINTS = 17;
    private static final int SIZE = 56;

    @Param("/tmp/segpack-bench/skeleton")
    public String dir;

    @Param({"keypoints", "limbs"})
    public String maps;

    @Param({"1", "2"})
    public int threads;

    private Arena arena;
    private ForkJoinPool pool;
    private GeneratePoseTarget target;
    private PoseFrames pose;
    private MemorySegment out;

    @Setup
    public void setUp() throws IOException {
        int points = PERSONS * FRAMES * JOINTS;
        float[] coords = new float[points * 2];
        float[] scores = new float[points];
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(Path.of(dir, "pose_2x48x17.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        in.asFloatBuffer().get(coords).get(scores);
        pose = new PoseFrames(PERSONS, FRAMES, JOINTS, coords, scores, SIZE, SIZE);
        target = new GeneratePoseTarget(maps.equals("limbs") ? PoseTargetConfig.limbs() : PoseTargetConfig.keypoints());
        arena = Arena.ofShared();
        out = arena.allocate(target.byteSize(pose));
        pool = threads > 1 ? new ForkJoinPool(threads) : null;
        generate();
        MemorySegment expected = MemorySegment.ofArray(Files.readAllBytes(Path.of(dir, "heatmaps_" + maps + ".f32")));
        if (expected.byteSize() != out.byteSize() || out.mismatch(expected) != -1) {
            throw new IllegalStateException("segpack's " + maps + " heatmaps differ from PYSKL's in " + dir);
        }
    }

    @TearDown
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
        arena.close();
    }

    @Benchmark
    public MemorySegment generate() {
        if (pool == null) {
            target.generate(pose, HeatmapLayout.frames(), out);
        } else {
            target.generate(pose, HeatmapLayout.frames(), out, pool);
        }
        return out;
    }
}
