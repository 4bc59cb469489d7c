package dev.segpack.engine.skeleton;

import java.lang.foreign.MemorySegment;

/**
 * The test pipeline of PoseC3D's configs, step by step as the toolbox runs it:
 * {@code UniformSampleFrames(clip_len, num_clips)} (test mode) -> {@code PoseDecode} ->
 * {@code PoseCompact(hw_ratio=1., allow_imgpad=True)} -> {@code Resize(scale=(w, h),
 * keep_ratio=False)} -> {@code GeneratePoseTarget(...)} -> {@code FormatShape('NCTHW_Heatmap')},
 * the last two fused: the heatmaps are written in their final {@code [N', C, clip_len, H, W]} place.
 */
public final class PoseC3DTestPipeline {

    private final UniformSampleFrames sampler;
    private final PoseCompact compact;
    private final Resize resize;
    private final GeneratePoseTarget target;

    public PoseC3DTestPipeline(int clipLen, int numClips, int width, int height, PoseTargetConfig target) {
        this.sampler = new UniformSampleFrames(clipLen, numClips);
        this.compact = new PoseCompact(0.25, 10, new double[] {1, 1}, true);
        this.resize = new Resize(width, height);
        this.target = new GeneratePoseTarget(target);
    }

    /** The keypoints after Resize: what GeneratePoseTarget draws (T = num_clips * clip_len frames). */
    public PoseFrames prepare(PoseFrames annotation) {
        int[] frameInds = sampler.testFrameIndices(annotation.frames(), 0);
        return resize.apply(compact.apply(PoseDecode.decode(annotation, frameInds)));
    }

    public HeatmapLayout layout() {
        return HeatmapLayout.ncthw(sampler.numClips(), sampler.clipLen());
    }

    /** The shape of the volume drawn from {@code prepared} (see {@link #prepare}). */
    public long[] shape(PoseFrames prepared) {
        return target.shape(prepared, layout());
    }

    /** The last two steps: the heatmaps of {@code prepared} into {@code out}, in the volume's layout. */
    public void generate(PoseFrames prepared, MemorySegment out) {
        target.generate(prepared, layout(), out);
    }

    /** The whole pipeline on an annotation ({@code total_frames} = its frame count) into {@code out}. */
    public void run(PoseFrames annotation, MemorySegment out) {
        generate(prepare(annotation), out);
    }

    public GeneratePoseTarget target() {
        return target;
    }
}
