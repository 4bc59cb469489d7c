package dev.segpack.skeleton;

import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.skeleton.GeneratePoseTarget;
import dev.segpack.engine.skeleton.HeatmapLayout;
import dev.segpack.engine.skeleton.PoseC3DTestPipeline;
import dev.segpack.engine.skeleton.PoseFrames;
import dev.segpack.engine.skeleton.PoseTargetConfig;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * How an annotation becomes heatmaps: {@code GeneratePoseTarget} at its {@code img_shape}
 * ({@code [T', C, H, W]}), or PoseC3D's test pipeline ({@code clip_len} frames x {@code num_clips},
 * resized to width x height: the {@code FormatShape('NCTHW_Heatmap')} volume {@code [N', C, L, H, W]}).
 *
 * @param target the GeneratePoseTarget arguments
 * @param clipLen 0 for heatmaps at img_shape, else the pipeline's clip length
 * @param numClips clips of the pipeline
 * @param width the pipeline's Resize width
 * @param height the pipeline's Resize height
 */
public record HeatmapConfig(PoseTargetConfig target, int clipLen, int numClips, int width, int height) {

    public HeatmapConfig {
        if (clipLen < 0 || clipLen > 0 && (numClips < 1 || width < 1 || height < 1)) {
            throw new IllegalArgumentException("clip_len, num_clips and the size must be positive, not " + clipLen + ", "
                    + numClips + ", " + width + "x" + height);
        }
    }

    /** {@code GeneratePoseTarget} at each annotation's img_shape. */
    public static HeatmapConfig atImageShape(PoseTargetConfig target) {
        return new HeatmapConfig(target, 0, 0, 0, 0);
    }

    /** PoseC3D's test pipeline: {@code numClips} clips of {@code clipLen} frames, resized to width x height. */
    public static HeatmapConfig testPipeline(int clipLen, int numClips, int width, int height, PoseTargetConfig target) {
        return new HeatmapConfig(target, clipLen, numClips, width, height);
    }

    /** The keypoints prepared for drawing and the volume they give. */
    record Plan(PoseFrames pose, long[] shape, long bytes, HeatmapConfig config) {
        void draw(MemorySegment out) {
            if (config.clipLen == 0) {
                new GeneratePoseTarget(config.target).generate(pose, HeatmapLayout.frames(), out);
            } else {
                config.pipeline().generate(pose, out);
            }
        }
    }

    Plan plan(PoseFrames annotation) {
        PoseFrames pose = clipLen == 0 ? annotation : pipeline().prepare(annotation);
        GeneratePoseTarget generator = new GeneratePoseTarget(target);
        Optional<String> excess = PixelLimit.excess(generator.height(pose), generator.width(pose));
        if (excess.isPresent()) {
            throw new IllegalArgumentException("heatmaps of " + excess.get());
        }
        long[] shape = clipLen == 0 ? generator.shape(pose, HeatmapLayout.frames()) : pipeline().shape(pose);
        return new Plan(pose, shape, generator.byteSize(pose), this);
    }

    private PoseC3DTestPipeline pipeline() {
        return new PoseC3DTestPipeline(clipLen, numClips, width, height, target);
    }
}
