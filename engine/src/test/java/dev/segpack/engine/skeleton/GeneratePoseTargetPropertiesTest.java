package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The painter (windows, precomputed row and column distances, flips, layouts, threads) against
 * {@link LiteralPoseTarget} on random poses: persons partly outside the image, coincident limb ends,
 * scores below the threshold, missing scores, other sigmas and scalings, a 5-joint skeleton.
 */
class GeneratePoseTargetPropertiesTest {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });

    @AfterContainer
    static void closePool() {
        POOL.close();
    }

    record Case(PoseFrames pose, PoseTargetConfig config) {
    }

    static Case randomCase(long seed) {
        Random r = new Random(seed);
        boolean coco = r.nextBoolean();
        int joints = coco ? 17 : 5;
        int persons = r.nextInt(4);
        int frames = 1 + r.nextInt(4);
        int h = 1 + r.nextInt(40);
        int w = 1 + r.nextInt(40);
        float[] coords = new float[persons * frames * joints * 2];
        for (int i = 0; i < coords.length; i += 2) {
            coords[i] = (float) (r.nextDouble() * (w + 10) - 5);
            coords[i + 1] = (float) (r.nextDouble() * (h + 10) - 5);
            if (i >= 2 && r.nextInt(6) == 0) { // a limb end on or near the previous joint
                coords[i] = coords[i - 2] + (float) (r.nextDouble() - 0.5);
                coords[i + 1] = coords[i - 1];
            }
        }
        float[] scores = null;
        if (r.nextInt(5) != 0) {
            scores = new float[persons * frames * joints];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = r.nextInt(8) == 0 ? 0.0009f : (float) r.nextDouble();
            }
        }
        double[] sigmas = {0.6, 0.6, 0.3, 1.0, 2.5, 0.1 + 3 * r.nextDouble()};
        PoseTargetConfig config = (r.nextBoolean() ? PoseTargetConfig.keypoints() : PoseTargetConfig.limbs())
                .withSigma(sigmas[r.nextInt(sigmas.length)])
                .withUseScore(r.nextInt(4) != 0)
                .withDoubled(r.nextBoolean())
                .withScaling(r.nextInt(3) == 0 ? 0.5 + r.nextDouble() : 1.0);
        if (!coco) {
            config = config.withSkeleton(new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}, {1, 3}},
                    new int[] {1, 3}, new int[] {2, 4}, new int[] {0, 5}, new int[] {1, 3});
        }
        return new Case(new PoseFrames(persons, frames, joints, coords, scores, h, w), config);
    }

    @Property(tries = 300)
    void painterMatchesTheLiteralTranscription(@ForAll long seed) {
        Case c = randomCase(seed);
        float[] expected = LiteralPoseTarget.generate(c.pose(), c.config());
        GeneratePoseTarget target = new GeneratePoseTarget(c.config());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Math.max(1, target.byteSize(c.pose())));
            out.fill((byte) 0x55);
            target.generate(c.pose(), HeatmapLayout.frames(), out);
            assertEquals(expected.length * 4L, target.byteSize(c.pose()));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(out.getAtIndex(F32, i)), "value " + i);
            }
        }
    }

    @Property(tries = 100)
    void poolAndVolumeLayoutGiveTheSameValues(@ForAll long seed) {
        Case c = randomCase(seed);
        GeneratePoseTarget target = new GeneratePoseTarget(c.config());
        PoseFrames pose = c.pose();
        int frames = target.outputFrames(pose);
        int channels = c.config().channels(pose.joints());
        long plane = (long) target.height(pose) * target.width(pose);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment serial = arena.allocate(Math.max(1, target.byteSize(pose)));
            MemorySegment pooled = arena.allocate(Math.max(1, target.byteSize(pose)));
            MemorySegment volume = arena.allocate(Math.max(1, target.byteSize(pose)));
            target.generate(pose, HeatmapLayout.frames(), serial);
            target.generate(pose, HeatmapLayout.frames(), pooled, POOL);
            assertEquals(-1, serial.mismatch(pooled));
            // one clip of all the original frames: [N' = 1 or 2, C, T, H, W]
            target.generate(pose, HeatmapLayout.ncthw(1, pose.frames()), volume);
            for (int t = 0; t < frames; t++) {
                for (int ch = 0; ch < channels; ch++) {
                    long from = ((long) t * channels + ch) * plane;
                    long to = (((long) (t / pose.frames()) * channels + ch) * pose.frames() + t % pose.frames()) * plane;
                    assertEquals(-1, MemorySegment.mismatch(serial, from * 4, (from + plane) * 4, volume, to * 4, (to + plane) * 4));
                }
            }
        }
    }
}
