package dev.segpack.python;

import dev.segpack.engine.skeleton.PoseTargetConfig;
import dev.segpack.skeleton.HeatmapConfig;
import dev.segpack.skeleton.PickleReader;
import dev.segpack.skeleton.PickleWriter;
import dev.segpack.skeleton.SkeletonDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * PYSKL's annotation pickles and pose heatmaps as segpack.skeleton calls them: a pickle read with the
 * safe reader and handed back re-written by {@link PickleWriter} (plain containers and numpy arrays
 * only, which Python then loads without running anything else), and an annotation, pickled by Python,
 * drawn by the same code as {@code segpack skeleton heatmaps} into a numpy array.
 */
public final class SkeletonCalls {

    private SkeletonCalls() {
    }

    /** The content of the pickle file {@code path}, read safely, as a protocol-4 pickle of the same content. */
    public static byte[] load(String path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(Path.of(path), arena);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PickleWriter.write(out, content, 4);
            return out.toByteArray();
        }
    }

    /** One annotation's heatmaps: their shape, then drawn into the caller's float32 array; close() frees the annotation. */
    public static final class Heatmaps implements AutoCloseable {
        private final SkeletonDataset annotation;
        private final HeatmapConfig config;

        Heatmaps(SkeletonDataset annotation, HeatmapConfig config) {
            this.annotation = annotation;
            this.config = config;
        }

        /** [T', C, H, W] at img_shape, or [N', C, L, H, W] for the test pipeline. */
        public long[] shape() {
            return annotation.heatmapShape(0, config);
        }

        /** Draws into {@code out}, float32 C order of {@link #shape()}. */
        public void draw(ByteBuffer out) {
            annotation.heatmaps(0, config, MemorySegment.ofBuffer(out));
        }

        @Override
        public void close() {
            annotation.close();
        }
    }

    /**
     * GeneratePoseTarget's arguments ({@code skeleton} as flat joint pairs) on {@code annotation}, the
     * pickle of a list holding one annotation dict; {@code clipLen} 0 for heatmaps at its img_shape, else
     * PoseC3D's test pipeline of {@code numClips} clips resized to width x height.
     */
    public static Heatmaps heatmaps(byte[] annotation, double sigma, boolean useScore, boolean withKp, boolean withLimb,
            int[] skeleton, boolean doubled, int[] leftKp, int[] rightKp, int[] leftLimb, int[] rightLimb, double scaling,
            int clipLen, int numClips, int width, int height) throws IOException {
        if (withKp == withLimb) {
            throw new IllegalArgumentException("GeneratePoseTarget draws keypoints or limbs: exactly one of with_kp and"
                    + " with_limb must be True");
        }
        if (skeleton.length % 2 != 0) {
            throw new IllegalArgumentException("skeletons must be pairs of joint indices");
        }
        int[][] limbs = new int[skeleton.length / 2][];
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = new int[] {skeleton[2 * i], skeleton[2 * i + 1]};
        }
        PoseTargetConfig target = new PoseTargetConfig(sigma, useScore,
                withKp ? PoseTargetConfig.Maps.KEYPOINTS : PoseTargetConfig.Maps.LIMBS, limbs, doubled, leftKp, rightKp,
                leftLimb, rightLimb, scaling);
        HeatmapConfig config = clipLen == 0 ? HeatmapConfig.atImageShape(target)
                : HeatmapConfig.testPipeline(clipLen, numClips, width, height, target);
        return new Heatmaps(SkeletonDataset.read(annotation, "annotation"), config);
    }
}
